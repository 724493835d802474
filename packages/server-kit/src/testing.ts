// For tests of services built on this kit. The database engines a suite runs against: PGlite in memory always, plus a
// PostgreSQL server when TEST_DATABASE_URL is set (each suite gets a fresh schema there).
import { randomBytes } from 'node:crypto';
import type { Db } from './db/database.js';
import { openStorage } from './db/open.js';

export interface Engine {
  name: string;
  open(): Promise<Db>;
}

/** The engines to run a suite on, each opening a fresh database migrated from `migrationsDir`. */
export function engines(migrationsDir: string): Engine[] {
  const list: Engine[] = [{ name: 'PGlite', open: () => openStorage({ migrationsDir }) }];
  const url = process.env['TEST_DATABASE_URL'];
  if (url) list.push({ name: 'PostgreSQL server', open: () => openFreshDatabase(url, migrationsDir) });
  return list;
}

/** A new, empty database on the server for one suite, dropped with the server's data dir. */
async function openFreshDatabase(url: string, migrationsDir: string): Promise<Db> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await (await import('./db/postgres.js')).openPostgres(url, 1);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return openStorage({ databaseUrl: target.toString(), migrationsDir });
}
