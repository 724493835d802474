// Shared rollup setup for the workspace's libraries: per-module ESM plus .d.ts,
// every dependency left external so consumers bundle them once.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import nodeResolve from '@rollup/plugin-node-resolve';

/**
 * @param {object} options
 * @param {string} options.root the package folder (pass `import.meta.dirname`)
 * @param {Record<string,string>} [options.input] entry name -> source file, relative to root
 * @param {string} [options.banner] text prepended to every chunk (a CLI's shebang)
 */
export function libraryConfig({ root, input = { index: 'src/index.ts' }, banner }) {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const external = (id) => builtins.has(id) || deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
  return {
    input: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, resolve(root, v)])),
    external,
    output: {
      dir: resolve(root, 'dist'),
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: resolve(root, 'src'),
      entryFileNames: '[name].js',
      ...(banner ? { banner } : {}),
    },
    plugins: [
      nodeResolve({ exportConditions: ['@smartserver-licensing/source'] }),
      typescript({
        tsconfig: resolve(root, 'tsconfig.lib.json'),
        outDir: resolve(root, 'dist'),
        declarationDir: resolve(root, 'dist'),
        noEmitOnError: true,
      }),
    ],
    onwarn(warning, warn) {
      // A circular import or an unresolved import is a bug here, not a note.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'UNRESOLVED_IMPORT') {
        throw new Error(warning.message);
      }
      warn(warning);
    },
  };
}
