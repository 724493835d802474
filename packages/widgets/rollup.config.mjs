import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { libraryConfig } from '../../tools/build/rollup-library.mjs';
import { dropIn } from './bench/bundles.mjs';

// Per-module ESM with every dependency external (react too, a peer), one entry per define module so
// that each registration stays its own importable file.
const defines = readdirSync(new URL('./src/define/', import.meta.url)).filter((f) => f.endsWith('.ts'));
const config = libraryConfig({
  root: import.meta.dirname,
  input: {
    index: 'src/index.ts',
    'react/index': 'src/react/index.ts',
    ...Object.fromEntries(defines.map((f) => [`define/${f.replace(/\.ts$/, '')}`, `src/define/${f}`])),
  },
});

// The TypeScript plugin always imports its decorator helper from tslib; it lands in vendor/, not
// in a folder called node_modules inside dist.
config.output.entryFileNames = (chunk) => `${chunk.name.replace(/^(\.\.\/)*node_modules\//, 'vendor/')}.js`;

// Then the single drop-in file, bundled by esbuild.
config.plugins.push({
  name: 'drop-in-bundle',
  async closeBundle() {
    // Chunk names carry hashes: clear the old ones first.
    rmSync(dropIn.outdir, { recursive: true, force: true });
    await build(dropIn);
  },
});

export default config;
