// The package generator end to end: `nx g` in a scratch copy of the workspace, then the new
// package's own targets, unchanged, through Nx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nx, removeWorkspace, run, scratchWorkspace } from './workspace.js';

const PKG = '@smartserver-licensing/usage';

describe('package generator in a scratch workspace', () => {
  let root = '';
  before(() => {
    root = scratchWorkspace(['packages/schemas']);
  });
  after(() => removeWorkspace(root));

  it('creates packages/usage through `nx g`', () => {
    const ran = nx(
      root,
      'g',
      '@smartserver-licensing/workspace-plugin:package',
      'usage',
      '--layer=rules',
      '--description=Counts what a SmartServer uses.',
      '--no-interactive',
    );
    assert.equal(ran.status, 0, ran.output);
    assert.ok(existsSync(join(root, 'packages/usage/src/index.ts')));
  });

  it('builds, lints, typechecks and passes its Node and Chromium tests unchanged', () => {
    const ran = nx(
      root,
      'run-many',
      '-t',
      'build',
      'lint',
      'typecheck',
      'test',
      'test-browser',
      '-p',
      PKG,
      '--outputStyle=stream',
    );
    assert.equal(ran.status, 0, ran.output);
    assert.match(ran.output, /Successfully ran targets build, lint, typecheck, test, test-browser/);
    assert.deepEqual(readdirSync(join(root, 'packages/usage/dist')).sort(), [
      'index.d.ts',
      'index.js',
      'index.js.map',
    ]);
  });

  it('is already formatted the way Prettier wants', () => {
    const ran = run(root, process.execPath, [
      join(root, 'node_modules/prettier/bin/prettier.cjs'),
      '--check',
      'packages/usage',
    ]);
    assert.equal(ran.status, 0, ran.output);
  });

  it('packs only what a user needs', () => {
    const ran = run(join(root, 'packages/usage'), 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
    assert.equal(ran.status, 0, ran.output);
    const [report] = JSON.parse(ran.output.slice(ran.output.indexOf('[')));
    const files = report.files.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(files, ['README.md', 'dist/index.d.ts', 'dist/index.js', 'package.json']);
  });

  it('refuses to generate over the existing folder, and writes nothing', () => {
    const before = readdirSync(join(root, 'packages/usage'), { recursive: true }).length;
    const ran = nx(
      root,
      'g',
      '@smartserver-licensing/workspace-plugin:package',
      'usage',
      '--layer=rules',
      '--no-interactive',
    );
    assert.notEqual(ran.status, 0);
    assert.match(ran.output, /packages\/usage exists already/);
    assert.equal(readdirSync(join(root, 'packages/usage'), { recursive: true }).length, before);
  });

  it('refuses a bad name with a clear message, and writes nothing', () => {
    const ran = nx(
      root,
      'g',
      '@smartserver-licensing/workspace-plugin:package',
      'Usage_Count',
      '--layer=rules',
      '--no-interactive',
    );
    assert.notEqual(ran.status, 0);
    assert.match(ran.output, /name "Usage_Count" is not kebab-case/);
    assert.deepEqual(readdirSync(join(root, 'packages')).sort(), ['schemas', 'usage']);
  });
});
