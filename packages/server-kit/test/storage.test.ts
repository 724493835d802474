// The storage layer against both engines: embedded PGlite always, and a PostgreSQL
// server when TEST_DATABASE_URL names one (`.ci/run` installs Debian's PostgreSQL for it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { migrate, pgCodeOf, UNIQUE_VIOLATION, type Db } from '@smartserver-licensing/server-kit';
import { engines } from '@smartserver-licensing/server-kit/testing';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

for (const engine of engines(MIGRATIONS)) {
  describe(`storage on ${engine.name}`, () => {
    let db: Db;
    before(async () => {
      db = await engine.open();
    });
    after(() => db.close());

    it('applies every migration once, in name order; a second run applies none', async () => {
      const seeded = await db.query<{ n: number }>("SELECT n FROM counts WHERE name = 'seed'");
      assert.equal(seeded[0]?.n, 1);
      assert.deepEqual(await migrate(db, MIGRATIONS), []);
      const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      assert.deepEqual(
        applied.map((r) => r.name),
        ['0001_items.sql', '0002_counts.sql'],
      );
    });

    it('rolls a failed transaction back whole', async () => {
      const id = randomUUID();
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO items (id, name) VALUES ($1, $2)', [id, `rollback ${id}`]);
          throw new Error('stop');
        }),
        /stop/,
      );
      assert.deepEqual(await db.query('SELECT id FROM items WHERE id = $1', [id]), []);
    });

    it('passes SQL metacharacters and arrays as data, never as SQL', async () => {
      const id = randomUUID();
      const name = "Robert'); DROP TABLE items; --";
      await db.query('INSERT INTO items (id, name, tags) VALUES ($1, $2, $3)', [
        id,
        name,
        ['a"b', "c'd", '{e}'],
      ]);
      const rows = await db.query<{ name: string; tags: string[] }>(
        'SELECT name, tags FROM items WHERE id = $1',
        [id],
      );
      assert.equal(rows[0]?.name, name);
      assert.deepEqual(rows[0]?.tags, ['a"b', "c'd", '{e}']);
    });

    it('reports a unique violation with its PostgreSQL code', async () => {
      await db.query('INSERT INTO items (id, name) VALUES ($1, $2)', [randomUUID(), 'twice']);
      const error = await db
        .query('INSERT INTO items (id, name) VALUES ($1, $2)', [randomUUID(), 'twice'])
        .catch((e: unknown) => e);
      assert.equal(pgCodeOf(error), UNIQUE_VIOLATION);
    });
  });
}

describe('login checks', () => {
  it('accept the right secret, refuse a wrong one, and refuse an unknown account', async () => {
    const { hashSecret, verifyLogin } = await import('@smartserver-licensing/server-kit');
    const stored = await hashSecret('right secret');
    assert.equal(await verifyLogin('right secret', stored), true);
    assert.equal(await verifyLogin('wrong secret', stored), false);
    assert.equal(await verifyLogin('right secret', undefined), false);
    assert.equal(await verifyLogin('', undefined), false);
  });
});
