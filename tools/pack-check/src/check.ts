// What a published package must look like: the rules, apart from npm, so a test can feed them a
// packed file list that is wrong on purpose.

export const SOURCE_CONDITION = '@smartserver-licensing/source';

export interface Manifest {
  name?: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  sideEffects?: boolean | string[];
  files?: string[];
  types?: string;
  main?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
}

/** Files a user needs besides the built JavaScript and declarations. */
const ALWAYS_ALLOWED = /^(package\.json|README\.md|LICEN[CS]E(\.md|\.txt)?|CHANGELOG\.md)$/;
const BUILT = /^dist\/.+\.(js|d\.ts)$/;

/** Every `exports` target with the condition that leads to it (`default` for a bare string). */
export function exportTargets(
  exports: unknown,
  condition = 'default',
): { condition: string; target: string }[] {
  if (typeof exports === 'string') return [{ condition, target: exports }];
  if (Array.isArray(exports)) return exports.flatMap((entry) => exportTargets(entry, condition));
  if (exports && typeof exports === 'object') {
    return Object.entries(exports).flatMap(([key, value]) =>
      exportTargets(value, key.startsWith('.') ? condition : key),
    );
  }
  return [];
}

/** The condition objects of an exports map (one per subpath, nested ones included). */
function conditionObjects(exports: unknown): Record<string, unknown>[] {
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return [];
  const keys = Object.keys(exports);
  const nested = Object.values(exports).flatMap(conditionObjects);
  return keys.some((key) => !key.startsWith('.')) ? [exports as Record<string, unknown>, ...nested] : nested;
}

const binTargets = (pkg: Manifest): string[] =>
  typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});

const bare = (path: string) => path.replace(/^\.\//, '');

/** Whether a packed file answers a target; a `*` target needs at least one file it matches. */
function packedFor(target: string, packed: Set<string>): boolean {
  const path = bare(target);
  if (!path.includes('*')) return packed.has(path);
  const [head, tail] = path.split('*') as [string, string];
  return [...packed].some((file) => file.startsWith(head) && file.endsWith(tail));
}

/**
 * The problems of one public package, as sentences; none means it passes.
 * @param pkg its package.json
 * @param packed the paths `npm pack --dry-run --json` lists
 * @param readme the README text, or null when there is none
 */
export function checkPackage(pkg: Manifest, packed: string[], readme: string | null): string[] {
  const problems: string[] = [];
  const files = new Set(packed);
  const targets = [
    ...exportTargets(pkg.exports).filter((t) => t.condition !== SOURCE_CONDITION),
    ...binTargets(pkg).map((target) => ({ condition: 'bin', target })),
    ...(['types', 'main'] as const).flatMap((field) =>
      pkg[field] ? [{ condition: field, target: pkg[field] as string }] : [],
    ),
  ];

  // Only what a user needs: the built code, what exports and bin name, and the few documents.
  for (const file of packed) {
    const named = targets.some((t) => !t.target.includes('*') && bare(t.target) === file);
    if (!ALWAYS_ALLOWED.test(file) && !BUILT.test(file) && !named) {
      problems.push(`packs ${file}, which no user needs (only dist/**/*.js, .d.ts, exports, bin and docs)`);
    }
  }
  for (const { condition, target } of targets) {
    if (!packedFor(target, files))
      problems.push(`"${condition}" points at ${target}, which is not in the pack`);
  }

  if (!pkg.license) problems.push('package.json has no "license"');
  if (!pkg.engines?.node) problems.push('package.json has no "engines.node"');
  if (pkg.sideEffects === undefined) problems.push('package.json has no "sideEffects"');
  if (!Array.isArray(pkg.files) || pkg.files.length === 0) problems.push('package.json has no "files" list');
  if (pkg.exports === undefined) problems.push('package.json has no "exports" map');

  for (const conditions of conditionObjects(pkg.exports)) {
    const keys = Object.keys(conditions);
    const shown = JSON.stringify(keys);
    if (keys.includes(SOURCE_CONDITION) && keys[0] !== SOURCE_CONDITION) {
      problems.push(`exports condition order ${shown}: "${SOURCE_CONDITION}" must come first`);
    }
    const userFacing = keys.filter((key) => key !== SOURCE_CONDITION);
    if (userFacing.includes('types') && userFacing[0] !== 'types') {
      problems.push(`exports condition order ${shown}: "types" must come first after the source condition`);
    }
    const js = [conditions['import'], conditions['default']].some(
      (t) => typeof t === 'string' && t.endsWith('.js'),
    );
    if (js && !userFacing.includes('types')) {
      problems.push(
        `exports entry ${shown} has JavaScript but no "types": TypeScript users get no declarations`,
      );
    }
  }

  if (readme === null) problems.push('has no README.md');
  else if (!/^```(ts|sh)\s*$/m.test(readme))
    problems.push('README.md has no copy-paste example (a ```ts or ```sh block)');
  return problems;
}
