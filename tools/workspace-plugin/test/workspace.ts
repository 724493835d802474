// A throwaway copy of the parts of the workspace a generator needs, with node_modules linked
// entry by entry so the workspace's own packages resolve to the copies, not to the real ones.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const REPO = resolve(import.meta.dirname, '../../..');
const SCOPE = '@smartserver-licensing';

export const NX_ENV = { CI: 'true', NX_NO_CLOUD: 'true', NX_USE_LOCAL: 'true', NX_DAEMON: 'false' };

const ROOT_FILES = [
  'package.json',
  'package-lock.json',
  'nx.json',
  'tsconfig.base.json',
  'eslint.config.mjs',
  '.prettierrc.json',
  '.prettierignore',
  'web-test-runner.config.mjs',
];
const ALWAYS = ['tools/build', 'tools/eslint-rules', 'tools/workspace-plugin'];
const SKIP = new Set(['node_modules', 'dist', '.nx', 'coverage', 'custom-elements.json']);

/** Copies the root setup, the tools and the given project folders (no build output) into a temp dir. */
export function scratchWorkspace(projects: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'lic-generator-'));
  for (const file of ROOT_FILES) {
    if (existsSync(join(REPO, file))) cpSync(join(REPO, file), join(root, file));
  }
  // The copy must not pose as one of its own packages.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  pkg.name = 'smartserver-licensing-scratch';
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg, null, 2));

  const copied = new Map<string, string>();
  for (const dir of [...ALWAYS, ...projects]) {
    cpSync(join(REPO, dir), join(root, dir), {
      recursive: true,
      filter: (source) => !SKIP.has(basename(source)),
    });
    const manifest = join(REPO, dir, 'package.json');
    if (existsSync(manifest)) copied.set(JSON.parse(readFileSync(manifest, 'utf8')).name as string, dir);
  }

  const modules = join(root, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (entry === SCOPE || entry === '.cache') continue;
    symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry));
  }
  mkdirSync(join(modules, SCOPE));
  for (const [name, dir] of copied) symlinkSync(join(root, dir), join(modules, name));
  return root;
}

export function removeWorkspace(root: string): void {
  if (root.startsWith(tmpdir())) rmSync(root, { recursive: true, force: true });
}

export interface Ran {
  status: number | null;
  output: string;
}

/** Runs a command with Nx kept offline and daemon-free; never throws, so a test can assert a failure. */
export function run(cwd: string, command: string, args: string[], timeout = 240_000): Ran {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, ...NX_ENV, FORCE_COLOR: '0', NX_TUI: 'false' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { status: result.status, output: stripVTControlCharacters(output) };
}

/** The workspace's own nx, run through node so no shell or npx lookup stands in between. */
export const nx = (cwd: string, ...args: string[]): Ran =>
  run(cwd, process.execPath, [join(REPO, 'node_modules/nx/dist/bin/nx.js'), ...args]);

/** An npm script of one package folder, as Nx would run it. */
export const npmRun = (cwd: string, script: string, ...args: string[]): Ran =>
  run(cwd, 'npm', ['run', script, '--silent', ...(args.length ? ['--', ...args] : [])]);
