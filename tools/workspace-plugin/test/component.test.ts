// The component generator end to end: `nx g` in a scratch copy of the widgets package and the
// packages it builds on, then the package's build and typecheck, lint over every file the generator
// wrote or changed, and the generated test in Chromium, all unchanged.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nx, removeWorkspace, run, scratchWorkspace } from './workspace.js';

const WIDGETS = '@smartserver-licensing/widgets';
const TOUCHED = [
  'src/core-status',
  'src/define/lic-core-status.ts',
  'src/define/all.ts',
  'src/strings',
  'src/index.ts',
  'package.json',
];

describe('component generator in a scratch workspace', () => {
  let root = '';
  let widgets = '';
  const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);
  before(() => {
    root = scratchWorkspace(['packages/schemas', 'packages/policy', 'packages/client', 'packages/widgets']);
    widgets = join(root, 'packages/widgets');
  });
  after(() => removeWorkspace(root));

  it('adds <lic-core-status> through `nx g`', () => {
    const ran = nx(
      root,
      'g',
      '@smartserver-licensing/workspace-plugin:component',
      'core-status',
      '--description=Whether a SmartServer Pi holds its Core license.',
      '--no-interactive',
    );
    assert.equal(ran.status, 0, ran.output);
    for (const file of [
      'core-status.ts',
      'core-status.styles.ts',
      'core-status.test.ts',
      'core-status.stories.ts',
    ]) {
      assert.ok(existsSync(join(widgets, 'src/core-status', file)), file);
    }
    assert.ok(existsSync(join(widgets, 'src/define/lic-core-status.ts')));
  });

  it('the widgets package still builds and typechecks, with the element in its manifest', () => {
    const ran = nx(root, 'run-many', '-t', 'build', 'typecheck', '-p', WIDGETS, '--outputStyle=stream');
    assert.equal(ran.status, 0, ran.output);
    assert.ok(existsSync(join(widgets, 'dist/define/lic-core-status.js')));
    assert.ok(existsSync(join(widgets, 'dist/core-status/core-status.d.ts')));
    const manifest = readFileSync(join(widgets, 'dist/custom-elements.json'), 'utf8');
    assert.match(manifest, /"tagName": "lic-core-status"/);
  });

  it('every file it wrote or changed passes lint and Prettier', () => {
    const lint = run(widgets, process.execPath, [
      bin('eslint', 'bin/eslint.js'),
      '--max-warnings=0',
      ...TOUCHED.filter((f) => f !== 'package.json'),
    ]);
    assert.equal(lint.status, 0, lint.output);
    const format = run(root, process.execPath, [
      bin('prettier', 'bin/prettier.cjs'),
      '--check',
      ...TOUCHED.map((f) => `packages/widgets/${f}`),
    ]);
    assert.equal(format.status, 0, format.output);
  });

  it('its generated test passes in Chromium', () => {
    const ran = run(widgets, process.execPath, [
      bin('@web/test-runner', 'dist/bin.js'),
      '--config',
      '../../web-test-runner.config.mjs',
      '--files',
      'src/core-status/core-status.test.ts',
    ]);
    assert.equal(ran.status, 0, ran.output);
    assert.match(ran.output, /6 passed, 0 failed/);
  });

  it('refuses the same name again, and writes nothing', () => {
    const listing = () => readdirSync(join(widgets, 'src'), { recursive: true }).length;
    const en = () => readFileSync(join(widgets, 'src/strings/en.ts'), 'utf8');
    const [files, strings] = [listing(), en()];
    const ran = nx(
      root,
      'g',
      '@smartserver-licensing/workspace-plugin:component',
      'lic-core-status',
      '--no-interactive',
    );
    assert.notEqual(ran.status, 0);
    assert.match(ran.output, /src\/core-status exists already/);
    assert.equal(listing(), files);
    assert.equal(en(), strings);
  });
});
