// Size check run by `npm test`: min+gzip of the widgets alone and of the drop-in bundle, against
// their budgets. Over budget fails.
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { dropIn, widgetsAlone } from './bundles.mjs';

const KB = 1000;
// LIC_SIZE_BUDGET_KB replaces every budget: a test sets it tiny to prove the check fails.
const override =
  process.env.LIC_SIZE_BUDGET_KB === undefined ? undefined : Number(process.env.LIC_SIZE_BUDGET_KB) * KB;
const budgets = [
  { name: 'widgets alone (lit, client, schemas, policy external)', options: widgetsAlone, budget: 15 * KB },
  { name: 'drop-in bundle (lit, client, schemas, policy included)', options: dropIn, budget: 35 * KB },
];

let failed = false;
for (const { name, options, budget: planned } of budgets) {
  const budget = override ?? planned;
  const result = await build({ ...options, write: false, metafile: true });
  // What a page loads up front: the entry and the chunks it imports statically. Chunks imported
  // dynamically (the German strings) load only when used, and are listed apart.
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint);
  const upFront = [
    entry,
    ...outputs[entry].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path),
  ];
  const contents = (path) => result.outputFiles.find((f) => f.path.endsWith(path)).contents;
  const code = Buffer.concat(upFront.map(contents));
  const gzipped = gzipSync(code, { level: 9 }).length;
  for (const lazy of outputs[entry].imports.filter((i) => i.kind === 'dynamic-import')) {
    const size = gzipSync(contents(lazy.path), { level: 9 }).length;
    console.log(`      on demand: ${lazy.path.split('/').pop()} ${(size / KB).toFixed(1)} kB min+gzip`);
  }
  const over = gzipped > budget;
  failed ||= over;
  console.log(
    `${over ? 'OVER ' : 'ok   '} ${name}: ${(code.length / KB).toFixed(1)} kB min, ` +
      `${(gzipped / KB).toFixed(1)} kB min+gzip (budget ${budget / KB} kB)`,
  );
}
if (failed) {
  console.error('A bundle is over its size budget.');
  process.exit(1);
}
