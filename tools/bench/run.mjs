// `npm run bench`: runs the `bench` target of every project (never part of `npm test`), then
// prints one table — each figure, its baseline measured in the same run, and their ratio —
// and writes the same as JSON to bench/results.json (untracked) for comparing commits.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
const recordsFile = join(scratch, 'records.jsonl');
const env = {
  ...process.env,
  BENCH_RESULTS_FILE: recordsFile,
  CI: 'true',
  NX_NO_CLOUD: 'true',
  NX_USE_LOCAL: 'true',
  NX_DAEMON: 'false',
};

// Benchmarks run one at a time: on 2 cores, two at once would measure each other.
const child = spawn(
  'npx',
  [
    'nx',
    'run-many',
    '-t',
    'bench',
    '--parallel=1',
    '--outputStyle=stream',
    '--skip-nx-cache',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));

const records = existsSync(recordsFile)
  ? readFileSync(recordsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
// A browser benchmark cannot write files: its figures arrive as `[bench] …` log lines.
for (const match of output.matchAll(/\[bench\] ([^\n]+)/g)) {
  records.push({ suite: 'widgets (Chromium)', figure: match[1].trim() });
}
rmSync(scratch, { recursive: true, force: true });

const fmt = (n) =>
  typeof n !== 'number' ? '' : n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
const rows = records.map((r) => [
  r.suite,
  r.figure,
  r.value === undefined ? '' : `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
  r.baseline === undefined ? '' : `${fmt(r.baselineValue)} (${r.baseline})`,
  r.ratio === undefined ? '' : fmt(r.ratio),
  r.target ?? '',
]);
const header = ['suite', 'figure', 'value', 'baseline (same run)', 'ratio', 'target'];
const widths = header.map((h, i) =>
  Math.min(70, Math.max(h.length, ...rows.map((row) => String(row[i]).length))),
);
const line = (cells) =>
  cells
    .map((c, i) => String(c).slice(0, 70).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) {
  // A figure that carries its numbers in its text (no value column) is printed whole.
  console.log(row[2] === '' ? `${String(row[0]).padEnd(widths[0])}  ${row[1]}` : line(row));
}

mkdirSync(join(root, 'bench'), { recursive: true });
const result = { when: new Date().toISOString(), node: process.version, records };
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${records.length} figures; written to bench/results.json.`);
if (code !== 0) console.error(`A benchmark failed (exit ${code}); see above.`);
process.exit(code);
