// Builds the CMS page into dist/: index.html, favicon.svg, cms.css, cms.js (ESM, minified, with source maps)
// and the chunks the widgets load on first use (the dialog's panels, the German strings).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('./dist/');

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  absWorkingDir: here('./'),
  entryPoints: [
    { in: 'src/main.ts', out: 'cms' },
    { in: 'src/cms.css', out: 'cms' },
  ],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  // Workspace packages are bundled from their sources, as in tests.
  conditions: ['@smartserver-licensing/source'],
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'favicon.svg'])
  await copyFile(here(`./src/${file}`), here(`./dist/${file}`));

// What a first visit loads before anything is clicked: cms.js and the chunks it imports statically.
const outputs = result.metafile.outputs;
const firstLoad = new Set();
const visit = (file) => {
  if (firstLoad.has(file)) return;
  firstLoad.add(file);
  for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
};
visit('dist/cms.js');
const sizes = async (files) => {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(here(`./${file}`));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return `${kB(raw)} minified, ${kB(gzip)} gzip`;
};
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`dist/cms.js: ${await sizes(['dist/cms.js'])}`);
console.log(`first load (cms.js + ${firstLoad.size - 1} shared chunks): ${await sizes([...firstLoad])}`);
