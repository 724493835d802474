// Chooses the storage engine: a PostgreSQL server when a URL is given, else embedded PGlite.
import type { Db } from './database.js';
import { migrate } from './migrate.js';

export interface StorageOptions {
  /** A `postgres://` URL; without it the cloud uses embedded PGlite. */
  databaseUrl?: string;
  /** PGlite's data directory; without it, PGlite keeps everything in memory. */
  dataDir?: string;
}

/** Opens the database and brings its schema up to date. */
export async function openStorage(options: StorageOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await (await import('./postgres.js')).openPostgres(options.databaseUrl)
    : await (await import('./pglite.js')).openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
