import { libraryConfig } from '../../tools/build/rollup-library.mjs';

// The production entry, and the shared test data as its own entry (never imported by the first).
export default libraryConfig({
  root: import.meta.dirname,
  input: { index: 'src/index.ts', testing: 'src/testing.ts' },
});
