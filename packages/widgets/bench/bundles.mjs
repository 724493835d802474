// The two browser bundles of the package, shared by the build (which writes the drop-in file)
// and the size check (which measures both without writing anything).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Drops the indentation after each line break in the widgets' own sources: inside html`` and css``
 * templates it is only whitespace the page never needs, and in code a line break alone keeps the
 * meaning. (Tests run the sources as written.)
 */
const squeezeIndentation = {
  name: 'squeeze-indentation',
  setup(build) {
    build.onLoad({ filter: /[\\/]widgets[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      let contents = (await readFile(path, 'utf8')).replace(/\n[ \t]+/g, '\n');
      // Style modules hold nothing but CSS: spaces around its punctuation go too.
      if (/styles\.ts$/.test(path))
        contents = contents.replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':');
      return { contents, loader: 'ts' };
    });
  },
};

const common = {
  entryPoints: [here('../src/drop-in.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  // Workspace packages from source, so the bundle does not depend on their build order.
  conditions: ['@smartserver-licensing/source'],
  // The decorator flags live in the base config (experimentalDecorators, no define semantics).
  tsconfig: here('../../../tsconfig.base.json'),
  logLevel: 'silent',
  plugins: [squeezeIndentation],
  splitting: true,
  chunkNames: 'lic-[name]-[hash]',
};

/** Everything in one file for a <script type="module"> tag: lit, the client, schemas and policy included. */
export const dropIn = { ...common, outdir: here('../dist/drop-in'), entryNames: 'lic-widgets' };

/** The widgets' own code, every dependency left out: what a bundler user adds for this package. */
export const widgetsAlone = {
  ...common,
  outdir: here('../dist/size'),
  entryNames: 'widgets-alone',
  external: ['lit', 'lit/*', '@lit/*', '@smartserver-licensing/*'],
};
