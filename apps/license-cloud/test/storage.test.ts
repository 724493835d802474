// The storage layer against both engines: embedded PGlite always, and a PostgreSQL
// server when TEST_DATABASE_URL names one (`.ci/run` starts Debian's PostgreSQL for it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines } from './engines.js';
import type { Db } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

for (const engine of engines()) {
  describe(`storage on ${engine.name}`, () => {
    let db: Db;
    before(async () => {
      db = await engine.open();
    });
    after(async () => {
      await db.close();
    });

    it('applies every migration once; a second run applies none', async () => {
      const tables = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('licenses', 'activations', 'notifications_sent')",
      );
      assert.equal(tables[0]?.n, 3);
      assert.deepEqual(await migrate(db), []);
    });

    it('rolls a failed transaction back whole', async () => {
      const id = randomUUID();
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(
            "INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, 'P', 'partner', 'x')",
            [id, `${id}@example.com`],
          );
          throw new Error('stop');
        }),
        /stop/,
      );
      assert.deepEqual(await db.query('SELECT id FROM accounts WHERE id = $1', [id]), []);
    });

    it('passes SQL metacharacters as data, never as SQL', async () => {
      const id = randomUUID();
      const name = "Robert'); DROP TABLE accounts; --";
      await db.query(
        "INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, 'partner', 'x')",
        [id, `${id}@example.com`, name],
      );
      const rows = await db.query<{ display_name: string }>(
        'SELECT display_name FROM accounts WHERE id = $1',
        [id],
      );
      assert.equal(rows[0]?.display_name, name);
    });
  });
}
