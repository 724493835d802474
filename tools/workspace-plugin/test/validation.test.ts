// The generators' option checks and edits, on Nx's in-memory tree seeded from the real workspace:
// fast, and nothing touches the disk.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import componentGenerator from '../src/component/generator.js';
import packageGenerator from '../src/package/generator.js';
import { globMatches } from '../src/shared.js';
import { REPO } from './workspace.js';

const WIDGET_FILES = [
  'package.json',
  'src/index.ts',
  'src/define/all.ts',
  'src/internal/lic-element.ts',
  'src/internal/define-element.ts',
  'src/internal/styles.ts',
  'src/strings/index.ts',
  'src/strings/en.ts',
  'src/strings/de.ts',
  'test/helpers.ts',
  'test/story-data.ts',
];

function seededTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const copy = (path: string) => tree.write(path, readFileSync(join(REPO, path), 'utf8'));
  for (const file of WIDGET_FILES) copy(`packages/widgets/${file}`);
  for (const file of [
    'packages/schemas/package.json',
    'tools/build/rollup-library.mjs',
    'web-test-runner.config.mjs',
  ]) {
    copy(file);
  }
  for (const file of ['tsconfig.base.json', '.prettierrc.json'])
    tree.write(file, readFileSync(join(REPO, file), 'utf8'));
  tree.write('.changeset/config.json', '{}');
  return tree;
}

/** Runs a generator that must refuse, and checks it left the tree as it was. */
async function refuses(
  run: (tree: Tree) => Promise<unknown>,
  message: RegExp,
  setup: (tree: Tree) => void = () => {},
): Promise<void> {
  const tree = seededTree();
  setup(tree);
  const before = tree.listChanges().length;
  await assert.rejects(() => run(tree), message);
  assert.equal(tree.listChanges().length, before, 'a refused run must not change any file');
}

describe('component generator: options', () => {
  for (const bad of [
    'CoreStatus',
    'core_status',
    'core--status',
    '-core',
    '9lives',
    'core status',
    'lic-',
    '',
  ]) {
    it(`refuses the name ${JSON.stringify(bad)} with a clear message`, async () => {
      await refuses((tree) => componentGenerator(tree, { name: bad }), /name.*(kebab-case|required)/);
    });
  }

  it('refuses a folder of the package that is not a component', async () => {
    await refuses((tree) => componentGenerator(tree, { name: 'strings' }), /not a component/);
  });

  it('refuses an existing component folder, and a string key already taken', async () => {
    await refuses(
      (tree) => componentGenerator(tree, { name: 'core-status' }),
      /exists already/,
      (tree) => tree.write('packages/widgets/src/core-status/core-status.ts', '// taken\n'),
    );
    await refuses(
      (tree) => componentGenerator(tree, { name: 'maintenance' }),
      /already has a "maintenance" entry/,
    );
  });

  it('refuses a description that would break out of a comment or a template', async () => {
    for (const description of ['two\nlines', 'ends */ here', 'a `tick`', 'x ${y}']) {
      await refuses((tree) => componentGenerator(tree, { name: 'core-status', description }), /one line/);
    }
  });

  it('refuses a workspace without the widget base it builds on', async () => {
    await refuses(
      (tree) => componentGenerator(tree, { name: 'core-status' }),
      /lacks src\/internal\/lic-element\.ts/,
      (tree) => tree.delete('packages/widgets/src/internal/lic-element.ts'),
    );
  });
});

describe('component generator: output', () => {
  it('writes the house layout, takes off a typed lic- prefix, and registers the element', async () => {
    const tree = seededTree();
    await componentGenerator(tree, {
      name: 'lic-core-status',
      description: 'Whether the Core license is held.',
    });
    const w = 'packages/widgets/src';
    for (const file of [
      'core-status.ts',
      'core-status.styles.ts',
      'core-status.test.ts',
      'core-status.stories.ts',
    ]) {
      assert.ok(tree.exists(`${w}/core-status/${file}`), file);
    }
    const define = tree.read(`${w}/define/lic-core-status.ts`, 'utf-8')!;
    assert.match(define, /defineElement\('lic-core-status', LicCoreStatus\)/);
    assert.match(define, /'lic-core-status': LicCoreStatus;/);
    const cls = tree.read(`${w}/core-status/core-status.ts`, 'utf-8')!;
    assert.match(cls, /@summary Whether the Core license is held\./);
    assert.match(cls, /@tagname lic-core-status/);
    assert.match(tree.read(`${w}/strings/en.ts`, 'utf-8')!, /\n {2}coreStatus: 'Core status',\n\};/);
    assert.match(tree.read(`${w}/strings/de.ts`, 'utf-8')!, /\n {2}coreStatus: 'Core status',\n\};/);
    assert.match(
      tree.read(`${w}/index.ts`, 'utf-8')!,
      /^export \{ LicCoreStatus \} from '\.\/core-status\/core-status\.js';$/m,
    );
    assert.match(tree.read(`${w}/define/all.ts`, 'utf-8')!, /^import '\.\/lic-core-status\.js';$/m);
    assert.match(
      tree.read('.changeset/add-lic-core-status.md', 'utf-8')!,
      /'@smartserver-licensing\/widgets': minor/,
    );
  });

  it('adds an exports entry only where no pattern covers the define module', async () => {
    const tree = seededTree();
    const path = 'packages/widgets/package.json';
    const pkg = JSON.parse(tree.read(path, 'utf-8')!);
    const covered = Object.keys(pkg.exports).some((key) => globMatches(key, './define/lic-core-status.js'));
    pkg.exports = { '.': pkg.exports['.'] };
    pkg.sideEffects = [];
    tree.write(path, JSON.stringify(pkg));
    await componentGenerator(tree, { name: 'core-status' });
    const after = JSON.parse(tree.read(path, 'utf-8')!);
    assert.deepEqual(Object.keys(after.exports['./define/lic-core-status.js']), [
      '@smartserver-licensing/source',
      'types',
      'import',
      'default',
    ]);
    assert.deepEqual(after.sideEffects, [
      './src/define/lic-core-status.ts',
      './dist/define/lic-core-status.js',
    ]);
    // With the real package.json a pattern covers it, and nothing is added.
    const real = seededTree();
    await componentGenerator(real, { name: 'core-status' });
    const realAfter = JSON.parse(real.read(path, 'utf-8')!);
    assert.equal('./define/lic-core-status.js' in realAfter.exports, !covered);
  });
});

describe('package generator: options', () => {
  for (const bad of ['Usage', 'usage_count', 'usage-', '@smartserver-licensing/usage', '']) {
    it(`refuses the name ${JSON.stringify(bad)} with a clear message`, async () => {
      await refuses(
        (tree) => packageGenerator(tree, { name: bad, layer: 'rules' }),
        /name.*(kebab-case|required)/,
      );
    });
  }

  it('needs a layer, and tags of the form kind:value given apart from it', async () => {
    await refuses((tree) => packageGenerator(tree, { name: 'usage', layer: '' }), /layer is required/);
    await refuses(
      (tree) => packageGenerator(tree, { name: 'usage', layer: 'Rules' }),
      /layer "Rules" is not kebab-case/,
    );
    await refuses(
      (tree) => packageGenerator(tree, { name: 'usage', layer: 'rules', tags: 'public' }),
      /kind:value/,
    );
    await refuses(
      (tree) => packageGenerator(tree, { name: 'usage', layer: 'rules', tags: 'layer:base' }),
      /with --layer/,
    );
  });

  it('refuses an existing folder and a package name already used elsewhere', async () => {
    await refuses(
      (tree) => packageGenerator(tree, { name: 'schemas', layer: 'base' }),
      /packages\/schemas exists already/,
    );
    await refuses(
      (tree) => packageGenerator(tree, { name: 'usage', layer: 'rules' }),
      /already the name of tools\/usage/,
      (tree) => tree.write('tools/usage/package.json', '{"name":"@smartserver-licensing/usage"}'),
    );
  });
});

describe('package generator: output', () => {
  it('writes the house package.json: source condition first, then types; tags; targets as scripts', async () => {
    const tree = seededTree();
    await packageGenerator(tree, {
      name: 'usage',
      layer: 'rules',
      tags: 'team:licensing',
      description: 'Counts use.',
    });
    const pkg = JSON.parse(tree.read('packages/usage/package.json', 'utf-8')!);
    assert.equal(pkg.name, '@smartserver-licensing/usage');
    assert.deepEqual(Object.keys(pkg.exports['.']), [
      '@smartserver-licensing/source',
      'types',
      'import',
      'default',
    ]);
    assert.deepEqual(pkg.nx.tags, ['scope:core', 'layer:rules', 'team:licensing']);
    assert.deepEqual(Object.keys(pkg.scripts).sort(), ['build', 'lint', 'test', 'test-browser', 'typecheck']);
    assert.match(pkg.scripts.test, / test\/\*\.test\.ts$/, 'the glob stays unquoted for Node 20');
    assert.equal(pkg.sideEffects, false);
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.engines.node);
    const lib = JSON.parse(tree.read('packages/usage/tsconfig.lib.json', 'utf-8')!);
    assert.deepEqual(lib.compilerOptions.customConditions, []);
    assert.match(tree.read('packages/usage/README.md', 'utf-8')!, /```ts\nimport \{ PACKAGE_NAME \}/);
    assert.ok(tree.exists('packages/usage/test/browser/usage.test.ts'));
    assert.ok(tree.exists('.changeset/add-usage.md'));
  });
});
