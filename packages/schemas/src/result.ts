// Typed results and the one error type every parser of this package returns.
import type * as z from 'zod/mini';

/** A parse outcome: either the checked value or a {@link SchemaError}. Never thrown. */
export type Result<T, E = SchemaError> = { ok: true; value: T } | { ok: false; error: E };

/**
 * Stable codes of {@link SchemaError}:
 * - `INVALID`: the value does not match the schema (see `issues`).
 * - `INVALID_JSON`: text that should hold JSON does not parse.
 * - `TOO_LARGE`: text longer than the parser accepts; refused before parsing.
 * - `UNKNOWN_MODEL`: a license model number that is not in the catalog.
 * - `UNSUPPORTED_VERSION`: a SmartServer version string that does not parse.
 */
export type SchemaErrorCode =
  'INVALID' | 'INVALID_JSON' | 'TOO_LARGE' | 'UNKNOWN_MODEL' | 'UNSUPPORTED_VERSION';

/** One problem found in the input, at a dotted path such as `tokens[2]` (`""` is the root). */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** The error of every parser in this package; `message` names the record and each bad field. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly code: SchemaErrorCode,
    readonly what: string,
    readonly issues: readonly SchemaIssue[],
  ) {
    super(`${what}: ` + issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
  }
}

/** Formats a zod path (`['tokens', 2, 'x']`) as `tokens[2].x`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Longest issue list kept on an error: a hostile input cannot make the message huge. */
const MAX_ISSUES = 20;

/**
 * Checks `input` against `schema`. Never throws: even an input whose getters throw
 * comes back as an `INVALID` error.
 * @param what a human name for the record, used at the start of the message
 */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  what: string,
): Result<z.output<S>> {
  let parsed: ReturnType<S['safeParse']>;
  try {
    parsed = schema.safeParse(input, { reportInput: true }) as ReturnType<S['safeParse']>;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'the value could not be read';
    return fail('INVALID', what, [{ path: '', message: detail.slice(0, 200) }]);
  }
  if (parsed.success) return { ok: true, value: parsed.data as z.output<S> };
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: formatPath(issue.path),
    message: describeIssue(issue),
  }));
  return fail('INVALID', what, issues);
}

/** zod/mini ships no message locale: its default text is this, and we write our own instead. */
const ZOD_DEFAULT_MESSAGE = 'Invalid input';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
  return text.length > 50 ? `${text.slice(0, 50)}…` : text;
}

/** An English sentence for one zod issue; a message a schema set itself is kept. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== ZOD_DEFAULT_MESSAGE) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `expected ${issue.expected}, got ${kindOf(issue.input)}`;
    case 'unrecognized_keys':
      return (
        `unknown field${issue.keys.length > 1 ? 's' : ''} ` +
        issue.keys
          .slice(0, 10)
          .map((k) => quote(k))
          .join(', ') +
        (issue.keys.length > 10 ? ` and ${issue.keys.length - 10} more` : '')
      );
    case 'invalid_value':
      return `must be ${issue.values.map((v) => quote(v)).join(' or ')}`;
    case 'too_big':
      return `must be at most ${issue.maximum}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_small':
      return `must be at least ${issue.minimum}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the allowed forms';
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return 'is invalid';
  }
}

/** Default longest JSON text a parser accepts: 1 MiB. */
export const DEFAULT_MAX_JSON_CHARS = 1024 * 1024;

/**
 * Parses JSON text and checks it against `schema`. Text over `maxChars` is refused
 * before `JSON.parse` runs.
 */
export function parseJsonWith<S extends z.ZodMiniType>(
  schema: S,
  text: unknown,
  what: string,
  maxChars: number = DEFAULT_MAX_JSON_CHARS,
): Result<z.output<S>> {
  if (typeof text !== 'string') {
    return fail('INVALID_JSON', what, [{ path: '', message: 'expected JSON text' }]);
  }
  if (text.length > maxChars) {
    return fail('TOO_LARGE', what, [
      { path: '', message: `text is ${text.length} characters; at most ${maxChars} accepted` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'not JSON';
    return fail('INVALID_JSON', what, [{ path: '', message: detail.slice(0, 200) }]);
  }
  return parseWith(schema, value, what);
}

export function fail<T>(code: SchemaErrorCode, what: string, issues: SchemaIssue[]): Result<T> {
  return { ok: false, error: new SchemaError(code, what, issues) };
}
