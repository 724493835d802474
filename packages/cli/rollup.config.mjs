import { libraryConfig } from '../../tools/build/rollup-library.mjs';

// dist/main.js is the command (bin/smartserver-license.js imports it); the shebang lands on
// every chunk, which is harmless on the library ones.
export default libraryConfig({
  root: import.meta.dirname,
  input: { index: 'src/index.ts', main: 'src/main.ts' },
  banner: '#!/usr/bin/env node',
});
