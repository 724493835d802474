// Where the command reads and writes: the terminal, files relative to the working folder, stdin.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './options.js';

/** Where the command writes and what time it is: replaced in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  now(): Date;
  readStdin(): Promise<string>;
}

/** The real terminal, file system and clock. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    now: () => new Date(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

const errnoOf = (cause: unknown) => (cause as NodeJS.ErrnoException | undefined)?.code;

export async function readText(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    const code = errnoOf(cause);
    throw new UsageError(`cannot read ${what} ${path}${code ? ` (${code})` : ''}`);
  }
}

export async function readJson(io: CliIo, path: string, what: string): Promise<unknown> {
  const text = await readText(io, path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${what} ${path} is not JSON`);
  }
}

/** Writes `text` to `path` (relative to the working folder); returns the absolute path. */
export async function writeText(
  io: CliIo,
  path: string,
  text: string,
  options: { mode?: number; flag?: string } = {},
): Promise<string> {
  const absolute = resolve(io.cwd, path);
  try {
    await writeFile(absolute, text, options);
  } catch (cause) {
    const code = errnoOf(cause);
    if (code === 'EEXIST') throw new UsageError(`${path} exists; pass --force to overwrite it`);
    throw new UsageError(`cannot write ${path}${code ? ` (${code})` : ''}`);
  }
  return absolute;
}

const COMPACT_TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A token given inline, a file holding a token or a protocol file, or `-` for stdin. */
export async function readSubject(io: CliIo, arg: string | undefined): Promise<string> {
  if (arg === undefined) throw new UsageError('give a token, a file, or - for standard input');
  if (arg === '-') return (await io.readStdin()).trim();
  if (COMPACT_TOKEN.test(arg)) return arg;
  return (await readText(io, arg, 'file')).trim();
}

/** Whether the text is a JSON file (an activation file, a request, a receipt) rather than a token. */
export const isJsonText = (text: string) => text.startsWith('{');

/** Prints `value` as JSON with `--json`, else `text`. */
export function print(io: CliIo, json: boolean, value: unknown, text: string): void {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}
