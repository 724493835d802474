// What each public package would publish, read from `npm pack --dry-run` after Nx built it
// (the test target depends on ^build; run alone, build first).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPackage, type Manifest } from '../src/check.js';

const REPO = resolve(import.meta.dirname, '../../..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const publicPackages = readdirSync(join(REPO, 'packages'))
  .map((dir) => join(REPO, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: readJson(join(dir, 'package.json')) as Manifest }))
  .filter(({ pkg }) => pkg.private !== true);

function packedFiles(dir: string): string[] {
  // --ignore-scripts: the pack is checked as built by Nx, not rebuilt by a prepack script.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [report] = JSON.parse(out);
  return (report.files as { path: string }[]).map((file) => file.path).sort();
}

describe('public packages, as npm would pack them', () => {
  it('every public package is a dependency of this check, so Nx builds it first', () => {
    const own = readJson(join(import.meta.dirname, '../package.json'));
    const listed = new Set<string>(own.nx.implicitDependencies);
    const missing = publicPackages.map(({ pkg }) => pkg.name!).filter((name) => !listed.has(name));
    assert.deepEqual(missing, [], 'add these to nx.implicitDependencies of tools/pack-check/package.json');
  });

  for (const { dir, pkg } of publicPackages) {
    it(`${pkg.name}: packs only what a user needs, and all of it`, () => {
      assert.ok(
        existsSync(join(dir, 'dist')),
        `${pkg.name} has no dist/: build it first (nx run-many -t build)`,
      );
      const readmePath = join(dir, 'README.md');
      const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : null;
      const problems = checkPackage(pkg, packedFiles(dir), readme);
      assert.deepEqual(problems, [], `${pkg.name}:\n  - ${problems.join('\n  - ')}`);
    });
  }
});

describe('the check itself', () => {
  const good: Manifest = {
    name: '@smartserver-licensing/example',
    license: 'MIT',
    engines: { node: '>=20.19' },
    sideEffects: false,
    files: ['dist', '!dist/**/*.map', 'README.md'],
    bin: { example: 'bin/example.js' },
    exports: {
      '.': {
        '@smartserver-licensing/source': './src/index.ts',
        types: './dist/index.d.ts',
        import: './dist/index.js',
        default: './dist/index.js',
      },
      './define/*.js': {
        '@smartserver-licensing/source': './src/define/*.ts',
        types: './dist/define/*.d.ts',
        default: './dist/define/*.js',
      },
      './package.json': './package.json',
    },
  };
  const packed = [
    'package.json',
    'README.md',
    'bin/example.js',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/define/lic-a.js',
    'dist/define/lic-a.d.ts',
  ];
  const readme = '# x\n\n```ts\nimport {} from "x";\n```\n';

  it('passes a package laid out the house way', () => {
    assert.deepEqual(checkPackage(good, packed, readme), []);
  });

  it('names source maps, sources, tests, configs and missing targets', () => {
    const problems = checkPackage(
      good,
      [
        ...packed.filter((f) => f !== 'dist/index.d.ts' && f !== 'bin/example.js'),
        'dist/index.js.map',
        'src/index.ts',
        'test/a.test.ts',
        'tsconfig.json',
        'rollup.config.mjs',
      ],
      readme,
    );
    for (const expected of [
      /packs dist\/index\.js\.map/,
      /packs src\/index\.ts/,
      /packs test\/a\.test\.ts/,
      /packs tsconfig\.json/,
      /packs rollup\.config\.mjs/,
      /"types" points at \.\/dist\/index\.d\.ts/,
      /"bin" points at bin\/example\.js/,
    ]) {
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} in ${problems.join('; ')}`,
      );
    }
  });

  it('names a wrong condition order, missing fields and a README without an example', () => {
    const { license: _l, engines: _e, sideEffects: _s, ...rest } = good;
    const problems = checkPackage(
      {
        ...rest,
        exports: {
          '.': {
            types: './dist/index.d.ts',
            '@smartserver-licensing/source': './src/index.ts',
            default: './dist/index.js',
          },
          './drop-in.js': { import: './dist/index.js' },
        },
      },
      packed,
      '# x\n\nNo example.\n',
    );
    for (const expected of [
      /"@smartserver-licensing\/source" must come first/,
      /has JavaScript but no "types"/,
      /no "license"/,
      /no "engines\.node"/,
      /no "sideEffects"/,
      /no copy-paste example/,
    ]) {
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} in ${problems.join('; ')}`,
      );
    }
  });
});
