// A PostgreSQL server through node-postgres, for deployments with more than one process.
import pg from 'pg';
import type { Db, Queryable, SqlValue } from './database.js';

// Timestamps come back as Date and bigint counts as numbers small enough for JS.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // Fail at start, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (runner: Pick<pg.Pool, 'query'> | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await runner.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
