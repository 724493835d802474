// The size check in `npm test` really fails a bundle over its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SIZE = fileURLToPath(new URL('../../bench/size.mjs', import.meta.url));

test('a bundle over its budget fails the size check with a message (budget set to 1 kB)', () => {
  const run = spawnSync(process.execPath, [SIZE], {
    env: { ...process.env, LIC_SIZE_BUDGET_KB: '1' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /over its size budget/);
  assert.match(run.stdout, /budget 1 kB/);
});

test('the real budgets pass', () => {
  const run = spawnSync(process.execPath, [SIZE], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
