// `nx g @smartserver-licensing/workspace-plugin:component <name>`: a widget the house way (see
// /work/shared/STYLE.md and the components already in packages/widgets).
import { formatFiles, generateFiles, names, updateJson } from '@nx/devkit';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SCOPE,
  addChangeset,
  globMatches,
  kebabName,
  oneLine,
  sentenceCase,
  workspacePackages,
} from '../shared.js';

/** @typedef {import('@nx/devkit').Tree} Tree */
/** @typedef {{ name: string; description?: string }} ComponentOptions */

const WIDGETS = `${SCOPE}/widgets`;

/** Folders under src/ that are not components: a component by one of these names would collide. */
const RESERVED = new Set([
  'define',
  'internal',
  'strings',
  'index',
  'drop-in',
  'context',
  'events',
  'vendor',
]);

/** What the generated files lean on; without them the output would not compile. */
const NEEDED = [
  'package.json',
  'src/index.ts',
  'src/internal/lic-element.ts',
  'src/internal/define-element.ts',
  'src/internal/styles.ts',
  'src/strings/index.ts',
  'src/strings/en.ts',
  'src/strings/de.ts',
  'test/helpers.ts',
  'test/story-data.ts',
];

/**
 * @param {Tree} tree
 * @param {ComponentOptions} options
 */
export function normalizeComponentOptions(tree, options) {
  // People often type the full tag; the prefix is the house's, so it is taken off rather than doubled.
  const raw = typeof options.name === 'string' ? options.name.trim().replace(/^lic-/, '') : options.name;
  const name = kebabName(raw, 'name');
  if (RESERVED.has(name))
    throw new Error(`name "${name}" is a folder of the widgets package, not a component.`);
  const tag = `lic-${name}`;
  const n = names(name);
  const description = oneLine(options.description, `${sentenceCase(name)} of the SmartServer licenses.`);

  const root = workspacePackages(tree).get(WIDGETS);
  if (!root) throw new Error(`No ${WIDGETS} package in this workspace: the component generator adds to it.`);
  const missing = NEEDED.filter((file) => !tree.exists(join(root, file)));
  if (missing.length > 0) {
    throw new Error(`${root} lacks ${missing.join(', ')}: the generated component builds on these files.`);
  }
  for (const taken of [join(root, 'src', name), join(root, 'src/define', `${tag}.ts`)]) {
    if (tree.exists(taken)) throw new Error(`${taken} exists already; pick another name or remove it first.`);
  }
  const stringKey = n.propertyName;
  for (const locale of ['en', 'de']) {
    const table = tree.read(join(root, `src/strings/${locale}.ts`), 'utf-8') ?? '';
    if (new RegExp(`^\\s+['"]?${stringKey}['"]?\\s*:`, 'm').test(table)) {
      throw new Error(`src/strings/${locale}.ts already has a "${stringKey}" entry.`);
    }
    if (!tableOpening(locale).test(table)) {
      throw new Error(`src/strings/${locale}.ts has no "export const ${locale} … = {" table to add to.`);
    }
  }
  return {
    root,
    name,
    tag,
    fileName: name,
    className: `Lic${n.className}`,
    argsName: `${n.className}Args`,
    propertyName: n.propertyName,
    stringKey,
    title: sentenceCase(name),
    description,
  };
}

/** @param {string} locale */
const tableOpening = (locale) => new RegExp(`export const ${locale}\\b[^=]*=\\s*\\{`);

/**
 * Adds one entry at the end of a locale's table (the object literal that `tableOpening` finds).
 * @param {string} text
 * @param {string} locale
 * @param {string} entry
 */
function addToTable(text, locale, entry) {
  const open = tableOpening(locale).exec(text);
  if (!open) throw new Error(`no ${locale} table`);
  const close = text.indexOf('\n};', open.index);
  if (close < 0) throw new Error(`the ${locale} table does not end with "};" on its own line`);
  return `${text.slice(0, close)}\n${entry}${text.slice(close)}`;
}

/**
 * @param {Tree} tree
 * @param {ComponentOptions} options
 */
export default async function componentGenerator(tree, options) {
  const o = normalizeComponentOptions(tree, options);
  const src = join(o.root, 'src');

  generateFiles(tree, fileURLToPath(new URL('./files', import.meta.url)), src, o);

  // The English text is a start; German gets the same words and a marker until someone translates it.
  const en = join(src, 'strings/en.ts');
  tree.write(
    en,
    addToTable(tree.read(en, 'utf-8') ?? '', 'en', `\n  // <${o.tag}>\n  ${o.stringKey}: '${o.title}',`),
  );
  const de = join(src, 'strings/de.ts');
  tree.write(
    de,
    addToTable(
      tree.read(de, 'utf-8') ?? '',
      'de',
      `\n  // <${o.tag}>; TODO: translate (English stands in).\n  ${o.stringKey}: '${o.title}',`,
    ),
  );

  const index = join(src, 'index.ts');
  tree.write(index, addExport(tree.read(index, 'utf-8') ?? '', o));

  const all = join(src, 'define/all.ts');
  if (tree.exists(all)) {
    const text = tree.read(all, 'utf-8') ?? '';
    tree.write(all, `${text.replace(/\n*$/, '\n')}import './${o.tag}.js';\n`);
  }

  updateJson(tree, join(o.root, 'package.json'), (pkg) => registerDefine(pkg, o.tag));
  addChangeset(tree, `add-${o.tag}`, WIDGETS, 'minor', `Add \`<${o.tag}>\`: ${o.description}`);

  await formatFiles(tree);
  return () => {
    console.log(
      `Added <${o.tag}> in ${o.root}/src/${o.fileName}/. Next: write the component, then run ` +
        `\`npx nx run-many -t lint typecheck test-browser -p ${WIDGETS}\`.`,
    );
  };
}

/**
 * Exports the class from the package entry, after the last component class already exported.
 * @param {string} text
 * @param {{ className: string; fileName: string }} o
 */
function addExport(text, o) {
  const line = `export { ${o.className} } from './${o.fileName}/${o.fileName}.js';`;
  // Component classes live in a folder named like their file; internal/ and the rest do not count.
  const classes = [...text.matchAll(/^export \{ Lic\w+(?:, [^}]*)? \} from '\.\/([\w-]+)\/\1\.js';$/gm)];
  const last = classes.at(-1);
  if (!last) return `${text.replace(/\n*$/, '\n')}${line}\n`;
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}\n${line}${text.slice(end)}`;
}

/**
 * Makes the define module importable by users and kept by bundlers. A pattern entry that already
 * covers it is left alone, so the package.json only grows where it has to.
 * @param {Record<string, any>} pkg
 * @param {string} tag
 */
function registerDefine(pkg, tag) {
  const subpath = `./define/${tag}.js`;
  const exports = pkg.exports ?? {};
  if (!Object.keys(exports).some((key) => globMatches(key, subpath))) {
    exports[subpath] = {
      [`${SCOPE}/source`]: `./src/define/${tag}.ts`,
      types: `./dist/define/${tag}.d.ts`,
      import: `./dist/define/${tag}.js`,
      default: `./dist/define/${tag}.js`,
    };
    pkg.exports = exports;
  }
  if (Array.isArray(pkg.sideEffects)) {
    for (const file of [`./src/define/${tag}.ts`, `./dist/define/${tag}.js`]) {
      if (!pkg.sideEffects.some((/** @type {string} */ entry) => globMatches(entry, file))) {
        pkg.sideEffects.push(file);
      }
    }
  }
  return pkg;
}
