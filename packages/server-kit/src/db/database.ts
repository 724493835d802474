// The one storage interface the services use: plain SQL with positional parameters,
// run by embedded PGlite or by a PostgreSQL server. Nothing above it knows which.

export type SqlValue = string | number | boolean | null | Date | readonly string[] | readonly number[];

export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface Db extends Queryable {
  /** Which engine answers: `pglite` (embedded) or `postgres` (a server). */
  readonly engine: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: all of it commits, or none of it when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A storage failure the HTTP layer turns into a 5xx without leaking SQL. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    message: string,
    readonly pgCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** PostgreSQL's code for a unique or exclusion constraint violation. */
export const UNIQUE_VIOLATION = '23505';

export function pgCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
