// Chooses the storage engine: a PostgreSQL server when a URL is given, else embedded PGlite.
import type { Db } from './database.js';
import { migrate } from './migrate.js';

export interface StorageOptions {
  /** The folder of plain-SQL migrations (`0001_name.sql` …) to apply. */
  migrationsDir: string;
  /** A `postgres://` URL; without it the service uses embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory; without it, PGlite keeps everything in memory. */
  dataDir?: string | undefined;
}

/** Opens the database and brings its schema up to date. */
export async function openStorage(options: StorageOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await (await import('./postgres.js')).openPostgres(options.databaseUrl)
    : await (await import('./pglite.js')).openPglite(options.dataDir);
  try {
    await migrate(db, options.migrationsDir);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
