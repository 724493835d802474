// For tests of services built on this kit. The database engines a suite runs against: PGlite in memory always, plus a
// PostgreSQL server when TEST_DATABASE_URL is set (each suite gets a fresh schema there).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Db } from './db/database.js';
import { migrate } from './db/migrate.js';
import { openStorage } from './db/open.js';

export interface Engine {
  name: string;
  open(): Promise<Db>;
}

/**
 * Migrated PGlite databases as tarballs, one per migrations folder: a test database opens as a
 * copy of it (about 1 s) instead of running initdb and every migration again (3-5 s).
 */
const templates = new Map<string, Promise<Blob>>();

async function openPgliteCopy(migrationsDir: string): Promise<Db> {
  const { openPglite } = await import('./db/pglite.js');
  let template = templates.get(migrationsDir);
  if (!template) {
    template = (async () => {
      const first = await openPglite();
      try {
        await migrate(first, migrationsDir);
        return await first.dump();
      } finally {
        await first.close();
      }
    })();
    templates.set(migrationsDir, template);
  }
  const db = await openPglite(undefined, await template);
  // A copy is as migrated as its template; running the (empty) migration pass keeps that honest.
  await migrate(db, migrationsDir);
  return db;
}

/** The engines to run a suite on, each opening a fresh database migrated from `migrationsDir`. */
export function engines(migrationsDir: string): Engine[] {
  const list: Engine[] = [{ name: 'PGlite', open: () => openPgliteCopy(migrationsDir) }];
  const url = process.env['TEST_DATABASE_URL'];
  if (url) list.push({ name: 'PostgreSQL server', open: () => openFreshDatabase(url, migrationsDir) });
  return list;
}

/** A new, empty database on the server (dropped with the server's data dir); its URL. */
export async function freshDatabaseUrl(url: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await (await import('./db/postgres.js')).openPostgres(url, 1);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** A new, empty database on the server for one suite, migrated. */
async function openFreshDatabase(url: string, migrationsDir: string): Promise<Db> {
  return openStorage({ databaseUrl: await freshDatabaseUrl(url), migrationsDir });
}

/** A service started as its own process by a test, from its command-line entry. */
export interface ServiceProcess {
  child: ChildProcess;
  /** The URL from the service's "listening on …" line. */
  url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const TSX_ARGS = ['--conditions=@smartserver-licensing/source', '--import', 'tsx'];

/** How a command ended and what it printed. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript CLI (tsx, source condition) to its end, whatever its exit code. */
export async function runCommand(
  cliPath: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, cliPath, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.once('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs a TypeScript CLI to completion (tsx, source condition); rejects with its stderr on failure. */
export async function runCli(
  cliPath: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const result = await runCommand(cliPath, args, env);
  if (result.code !== 0) throw new Error(`${args[0]} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** Where a service started as a process keeps its data, as the environment that says so. */
export interface ProcessStorage {
  name: string;
  /** The environment for the process: DATABASE_URL empty (PGlite in its data folder) or a new database. */
  env(): Promise<NodeJS.ProcessEnv>;
}

/** A PGlite data folder always, plus a new database on the server when TEST_DATABASE_URL is set. */
export function processStorages(): ProcessStorage[] {
  const list: ProcessStorage[] = [
    { name: 'a PGlite data folder', env: async () => ({ ...process.env, DATABASE_URL: '' }) },
  ];
  const url = process.env['TEST_DATABASE_URL'];
  if (url)
    list.push({
      name: 'a PostgreSQL server',
      env: async () => ({ ...process.env, DATABASE_URL: await freshDatabaseUrl(url) }),
    });
  return list;
}

/** Starts a TypeScript CLI that serves, and resolves once it prints "listening on http://…". */
export async function startServiceProcess(
  cliPath: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...TSX_ARGS, cliPath, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cliPath} did not start in time: ${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const found = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cliPath} exited (${code}) before listening: ${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token once it has one. */
export class HttpTestClient {
  private cookie = '';
  csrf = '';
  constructor(
    private readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    init: { raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...init.headers };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    let payload: string | undefined = init.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!.includes('=;') ? '' : setCookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a file download, say): the text is still there.
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {});
  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
}
