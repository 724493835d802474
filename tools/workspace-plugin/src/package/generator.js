// `nx g @smartserver-licensing/workspace-plugin:package <name> --layer=<layer>`: a core package laid
// out like packages/schemas, so Nx infers the same targets from the same scripts.
import { formatFiles, generateFiles, writeJson } from '@nx/devkit';
import { fileURLToPath } from 'node:url';
import { SCOPE, addChangeset, kebabName, oneLine, sentenceCase, workspacePackages } from '../shared.js';

/** @typedef {import('@nx/devkit').Tree} Tree */
/** @typedef {{ name: string; description?: string; layer: string; tags?: string }} PackageOptions */

const TAG = /^[a-z][a-z0-9-]*:[a-z0-9*][a-z0-9-]*$/;

/**
 * @param {Tree} tree
 * @param {PackageOptions} options
 */
export function normalizePackageOptions(tree, options) {
  const name = kebabName(options.name, 'name');
  const layer = kebabName(options.layer, 'layer');
  const description = oneLine(options.description, `${sentenceCase(name)} for SmartServer licensing.`);
  const extra = (options.tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  for (const tag of extra) {
    if (!TAG.test(tag)) throw new Error(`tag "${tag}" is not of the form kind:value (e.g. scope:core).`);
    if (tag.startsWith('layer:')) throw new Error(`give the layer with --layer, not as tag "${tag}".`);
  }
  const tags = [...new Set(['scope:core', `layer:${layer}`, ...extra])];

  const root = `packages/${name}`;
  const packageName = `${SCOPE}/${name}`;
  if (tree.exists(root)) throw new Error(`${root} exists already; pick another name or remove it first.`);
  const holder = workspacePackages(tree).get(packageName);
  if (holder) throw new Error(`${packageName} is already the name of ${holder}.`);
  for (const needed of [
    'tsconfig.base.json',
    'tools/build/rollup-library.mjs',
    'web-test-runner.config.mjs',
  ]) {
    if (!tree.exists(needed)) throw new Error(`${needed} is missing: the generated package builds on it.`);
  }
  return { name, root, packageName, description, tags, title: sentenceCase(name) };
}

/**
 * @param {Tree} tree
 * @param {PackageOptions} options
 */
export default async function packageGenerator(tree, options) {
  const o = normalizePackageOptions(tree, options);
  const engines = readEngines(tree);

  writeJson(tree, `${o.root}/package.json`, {
    name: o.packageName,
    version: '0.0.0',
    description: o.description,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    engines,
    exports: {
      '.': {
        // First, so that tsc, tsx and the test runner read the sources inside the workspace.
        [`${SCOPE}/source`]: './src/index.ts',
        types: './dist/index.d.ts',
        import: './dist/index.js',
        default: './dist/index.js',
      },
      './package.json': './package.json',
    },
    files: ['dist', '!dist/**/*.map', 'README.md'],
    scripts: {
      build: 'rollup -c --silent',
      test: `node --conditions=${SCOPE}/source --import tsx --test --test-reporter=spec test/*.test.ts`,
      'test-browser': 'wtr --config ../../web-test-runner.config.mjs',
      lint: 'eslint .',
      typecheck: 'tsc -p tsconfig.json --noEmit',
    },
    nx: { tags: o.tags },
  });
  generateFiles(tree, fileURLToPath(new URL('./files', import.meta.url)), o.root, o);
  addChangeset(tree, `add-${o.name}`, o.packageName, 'minor', `First release: ${o.description}`);

  await formatFiles(tree);
  return () => {
    console.log(
      `Added ${o.packageName} in ${o.root}. Run \`npm install\` once so the workspace links it, ` +
        `then \`npx nx run-many -t build lint typecheck test test-browser -p ${o.packageName}\`.`,
    );
  };
}

/**
 * The Node range of the existing core packages, so a new one does not promise more or less.
 * @param {Tree} tree
 */
function readEngines(tree) {
  const schemas = 'packages/schemas/package.json';
  if (tree.exists(schemas)) {
    const engines = JSON.parse(tree.read(schemas, 'utf-8') ?? '{}').engines;
    if (engines?.node) return { node: engines.node };
  }
  return { node: '>=20.19' };
}
