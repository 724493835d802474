// Embedded PostgreSQL (PGlite, WASM, in-process): the default, so the cloud needs no server.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlValue } from './database.js';

/**
 * Opens PGlite on a data directory (created on first use) or, without one, in memory.
 * PGlite runs one statement at a time; a transaction holds it exclusively, which makes
 * every transaction here serializable by construction.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  // PGlite creates its own folder but not missing parents.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const wrap = (runner: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await runner.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const db: Db = {
    engine: 'pglite',
    ...wrap(pg),
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    close: () => pg.close(),
  };
  return db;
}
