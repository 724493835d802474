import { libraryConfig } from '../../tools/build/rollup-library.mjs';

export default libraryConfig({
  root: import.meta.dirname,
  input: { index: 'src/index.ts', testing: 'src/testing.ts' },
});
