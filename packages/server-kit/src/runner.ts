// The command line every service of this kit has: `help`, strict options, a data folder, the
// storage (PGlite in DIR/db, or the PostgreSQL server in DATABASE_URL), `serve` until SIGINT or
// SIGTERM, and one-shot commands that open the storage and close it whatever happens. A service
// names its commands; the runner does the rest the same way for each.
//
// Exit codes: 0 done (or stopped by a signal), 2 bad usage (the message and, for an unknown
// option or command, the help on stderr), 1 anything else failed (its message on stderr).
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import type { Db } from './db/database.js';

/** What `parseArgs` made of the options. */
export type CliValues = Record<string, string | boolean | undefined>;

/** Where a service keeps its data: the server in DATABASE_URL, else PGlite in DIR/db. */
export type StorageLocation = { databaseUrl: string } | { dataDir: string };

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: CliValues;
  /** `--data-dir`, resolved; the service's default when not given. */
  dataDir: string;
  /** DATABASE_URL when set and not empty. */
  databaseUrl: string | undefined;
  storage: StorageLocation;
  /** `--host`, default 127.0.0.1. */
  host: string;
  /** `--port`, checked to be 0..65535 (0: any free port). */
  port(fallback: number): number;
  /**
   * Says what is wrong on stderr, prefixed with the service's name, and exits 2. Write
   * `return fail(…)` where a check should narrow a type (a destructured `fail` does not).
   */
  fail(message: string): never;
  /** Writes one line to stdout, prefixed with the service's name. */
  print(line: string): void;
  /** Opens the storage, runs `work`, and closes it whether `work` succeeded or not. */
  withStorage<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** On the first SIGINT or SIGTERM: runs `stop`, then exits 0 (1, with its message, if it failed). */
  stopOnSignal(stop: () => Promise<void>): void;
}

export interface ServiceCliSpec {
  /** The command's name: the prefix of every line it prints. */
  name: string;
  help: string;
  /** The data folder without `--data-dir`, relative to the working directory. */
  defaultDataDir: string;
  /** Options that take a value, beyond the common `--port`, `--host` and `--data-dir`. */
  options: readonly string[];
  /** Options without a value (`--help` is common). */
  flags?: readonly string[];
  openStorage(location: StorageLocation): Promise<Db>;
  /** The commands; the first word of the arguments picks one, `serve` when there is none. */
  commands: Record<string, (context: CommandContext) => Promise<void>>;
}

export interface ServiceCli {
  /** Runs one command line (without `node` and the script); also what a batch of commands calls. */
  main(argv: string[]): Promise<void>;
  /** Runs `main` on the process's arguments when `moduleUrl` is the script Node was started with. */
  runIfMain(moduleUrl: string): void;
}

const COMMON_OPTIONS: CliOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function serviceCli(spec: ServiceCliSpec): ServiceCli {
  const fail = (message: string): never => {
    process.stderr.write(`${spec.name}: ${message}\n`);
    process.exit(2);
  };
  const print = (line: string) => void process.stdout.write(`${spec.name}: ${line}\n`);

  const options: CliOptions = {
    ...Object.fromEntries(spec.options.map((name) => [name, { type: 'string' as const }])),
    ...Object.fromEntries((spec.flags ?? []).map((name) => [name, { type: 'boolean' as const }])),
    ...COMMON_OPTIONS,
  };

  async function main(argv: string[]): Promise<void> {
    const [command = 'serve', ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(spec.help);
      return;
    }
    let values: CliValues = {};
    try {
      values = parseArgs({ args: rest, options, strict: true }).values as CliValues;
    } catch (error) {
      fail(`${messageOf(error)}\n\n${spec.help}`);
    }
    if (values['help']) {
      process.stdout.write(spec.help);
      return;
    }
    const run = Object.hasOwn(spec.commands, command) ? spec.commands[command] : undefined;
    if (!run) return fail(`unknown command "${command}"\n\n${spec.help}`);
    const dataDir = resolve(String(values['data-dir'] ?? spec.defaultDataDir));
    const databaseUrl = process.env['DATABASE_URL'] || undefined;
    const storage: StorageLocation = databaseUrl ? { databaseUrl } : { dataDir: join(dataDir, 'db') };
    await run({
      values,
      dataDir,
      databaseUrl,
      storage,
      host: String(values['host'] ?? '127.0.0.1'),
      port(fallback) {
        const port = Number(values['port'] ?? fallback);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          fail(`--port must be 0..65535, not ${values['port']}`);
        return port;
      },
      fail,
      print,
      async withStorage(work) {
        const db = await spec.openStorage(storage);
        try {
          return await work(db);
        } finally {
          await db.close();
        }
      },
      stopOnSignal(stop) {
        const onSignal = () =>
          void stop().then(
            () => process.exit(0),
            (error: unknown) => {
              process.stderr.write(`${spec.name}: ${messageOf(error)}\n`);
              process.exit(1);
            },
          );
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      },
    });
  }

  return {
    main,
    runIfMain(moduleUrl) {
      if (moduleUrl !== `file://${process.argv[1]}` && !process.argv[1]?.endsWith('/cli.ts')) return;
      main(process.argv.slice(2)).catch((error: unknown) => {
        process.stderr.write(`${spec.name}: ${messageOf(error)}\n`);
        process.exit(1);
      });
    },
  };
}

export interface Listening {
  server: ServerType;
  /** The port it listens on (the one the system chose for port 0). */
  port: number;
}

type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

/** Starts Node's HTTP server on `fetch`; resolves once it listens, rejects if it cannot. */
export async function listen(fetch: FetchHandler, port: number, hostname: string): Promise<Listening> {
  // The second argument carries Node's request, which Hono reads the client address from.
  const server = serve({ fetch: (request, env) => fetch(request, env), port, hostname });
  await new Promise<void>((ok, bad) => {
    server.once('listening', () => ok());
    server.once('error', bad);
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
