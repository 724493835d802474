// Checks and small edits shared by the generators. Every check runs before the first write, and
// Nx only flushes the virtual tree when a generator returns: a refused option leaves no file behind.

/** @typedef {import('@nx/devkit').Tree} Tree */

export const SCOPE = '@smartserver-licensing';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * A kebab-case name, or a clear error that says what was wrong with it.
 * @param {unknown} value
 * @param {string} what the option, for the message
 * @returns {string}
 */
export function kebabName(value, what) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${what} is required, in kebab-case (e.g. "core-status").`);
  }
  const name = value.trim();
  if (!KEBAB.test(name)) {
    throw new Error(
      `${what} "${name}" is not kebab-case: use lowercase letters and digits in words joined by ` +
        `single hyphens, starting with a letter (e.g. "core-status").`,
    );
  }
  return name;
}

/**
 * One line of text for a JSDoc block, a JSON field or a string literal: no line breaks, no
 * comment terminator, no backtick or `${` that would end a template early.
 * @param {unknown} value
 * @param {string} fallback
 */
export function oneLine(value, fallback) {
  const text = typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  if (/[\r\n]/.test(text) || text.includes('*/') || text.includes('`') || text.includes('${')) {
    throw new Error('description must be one line of plain text (no line break, "*/", backtick or "${").');
  }
  if (text.length > 200)
    throw new Error('description is longer than 200 characters: keep it to one sentence.');
  return text;
}

/** "core-status" -> "Core status" (for a story title or the English label). */
export const sentenceCase = (/** @type {string} */ name) =>
  name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/**
 * The workspace package names and their folders, read from `packages/*`, `apps/*` and `tools/*`.
 * @param {Tree} tree
 * @returns {Map<string, string>}
 */
export function workspacePackages(tree) {
  /** @type {Map<string, string>} */
  const found = new Map();
  for (const parent of ['packages', 'apps', 'tools']) {
    if (!tree.exists(parent)) continue;
    for (const child of tree.children(parent)) {
      const file = `${parent}/${child}/package.json`;
      if (!tree.isFile(file)) continue;
      const name = JSON.parse(tree.read(file, 'utf-8') ?? '{}').name;
      if (typeof name === 'string') found.set(name, `${parent}/${child}`);
    }
  }
  return found;
}

/**
 * A changeset for the new work, when the workspace uses changesets: the release notes then
 * mention it without anyone having to remember.
 * @param {Tree} tree
 * @param {string} fileName without extension
 * @param {string} packageName
 * @param {'major' | 'minor' | 'patch'} bump
 * @param {string} summary
 */
export function addChangeset(tree, fileName, packageName, bump, summary) {
  if (!tree.exists('.changeset/config.json')) return;
  const path = `.changeset/${fileName}.md`;
  if (tree.exists(path)) throw new Error(`${path} exists already.`);
  tree.write(path, `---\n'${packageName}': ${bump}\n---\n\n${summary}\n`);
}

/**
 * Whether a `sideEffects` entry or an `exports` subpath pattern covers a path. Node lets an
 * `exports` star match across slashes; bundlers' `sideEffects` stars do not. The stricter reading
 * serves both here, since the paths checked have no slash where the star stands.
 * @param {string} pattern
 * @param {string} path
 */
export function globMatches(pattern, path) {
  const escape = (/** @type {string} */ text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const bare = (/** @type {string} */ text) => text.replace(/^\.\//, '');
  const source = bare(pattern)
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) =>
      part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : escape(part),
    )
    .join('');
  return new RegExp(`^${source}$`).test(bare(path));
}
