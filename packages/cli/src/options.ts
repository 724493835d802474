// Reading the command line: one parser for every command, and small readers for option values.
// Every mistake becomes a UsageError (exit code 2) that names the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

/** Exit codes: 0 success, 1 a token or file was refused, 2 bad usage or unreadable input. */
export const EXIT = { OK: 0, REFUSED: 1, USAGE: 2 } as const;

/** The issuer name used when `--issuer` is not given, by `mint` and `verify` alike. */
export const DEFAULT_ISSUER = 'urn:smartserver-licensing:dev-cloud';

/** Bad usage or unreadable input: exit code 2. */
export class UsageError extends Error {}

/** Input that was read but refused (a tampered or inconsistent file): exit code 1. */
export class RefusedError extends Error {}

export type Values = Record<string, string | boolean | undefined>;
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options that take a value, by name: `{ ...valueOptions('key', 'out'), force: { type: 'boolean' } }`. */
export function valueOptions(...names: string[]): OptionSpec {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

/** Parses `args` strictly; `--help`/`-h` and `--json` are understood by every command. */
export function parse(args: string[], options: OptionSpec, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      allowPositionals: positionals > 0,
      strict: true,
    });
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : 'bad arguments');
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument: ${parsed.positionals[positionals]}`);
  }
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

export function optionalString(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function required(values: Values, name: string): string {
  const value = optionalString(values, name);
  if (value === undefined || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

export function integer(values: Values, name: string, min: number, max: number): number | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number ${min}..${max}`);
  return n;
}

/** `--now`, or the io's clock. */
export function timeOption(values: Values, io: CliIo): Date {
  const text = optionalString(values, 'now');
  if (text === undefined) return io.now();
  const date = new Date(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError('--now must be an ISO 8601 date-time such as 2026-03-01T12:00:00Z');
  }
  return date;
}

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30). */
export function dayOption(values: Values, name: string): string | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(text) || Number.isNaN(date.getTime()) || isoDay(date) !== text) {
    throw new UsageError(`--${name} must be a calendar date such as 2026-03-01`);
  }
  return text;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function uuidOption(values: Values, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value !== undefined && !UUID.test(value)) throw new UsageError(`--${name} must be a UUID`);
  return value;
}

/** A comma-separated list of UUIDs, such as activation ids. */
export function uuidListOption(values: Values, name: string): string[] | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const ids = text.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !UUID.test(id));
  if (bad !== undefined) throw new UsageError(`--${name}: ${JSON.stringify(bad.slice(0, 40))} is not a UUID`);
  return ids;
}

/** An RFC 7638 SHA-256 key thumbprint (43 characters of base64url). */
export function thumbprintOption(values: Values, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    throw new UsageError(
      `--${name} must be a SmartServer key thumbprint: 43 characters of base64url, as 'inspect' shows for its activation request`,
    );
  }
  return value;
}

export { isoSeconds } from '@smartserver-licensing/schemas';
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
