// Embedded PostgreSQL (PGlite, WASM, in-process): the default, so the cloud needs no server.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlValue } from './database.js';

/**
 * Opens PGlite on a data directory (created on first use) or, without one, in memory; with a
 * `template` (a `dump()` of another database) it starts as a copy of that one.
 * PGlite runs one statement at a time; a transaction holds it exclusively, which makes
 * every transaction here serializable by construction.
 */
export async function openPglite(dataDir?: string, template?: Blob): Promise<Db & { dump(): Promise<Blob> }> {
  // PGlite creates its own folder but not missing parents.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
  });
  const wrap = (runner: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await runner.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const db: Db & { dump(): Promise<Blob> } = {
    engine: 'pglite',
    ...wrap(pg),
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    close: () => pg.close(),
    /** The whole database as a tarball, to open copies of it (`template`) without initdb. */
    dump: () => pg.dumpDataDir('none') as Promise<Blob>,
  };
  return db;
}
