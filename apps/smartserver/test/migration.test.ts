// A SmartServer database written by the first release (test/fixtures/release-1.sql, made by
// make-release-1.mjs with that release's own code) opens with the current SmartServer: the new
// tables are added, a key is made (there was none), and its licenses still count: first-release
// tokens carry no key binding (cnf) and stay valid by their audience.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEntitlementUnverified } from '@smartserver-licensing/entitlements';
import { migrate, openPglite, openPostgres, type Db } from '@smartserver-licensing/server-kit';
import { freshDatabaseUrl } from '@smartserver-licensing/server-kit/testing';
import { KEY_FILE } from '../src/identity.js';
import { MIGRATIONS_DIR } from '../src/storage.js';
import { FakeTime } from './fake-time.js';
import { NO_CLOUD, startSmartServer } from './harness.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/release-1.sql', import.meta.url));

/** The schema exactly as the first release left it: its one migration. */
async function firstReleaseSchema(db: Db): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'release-1-migrations-'));
  try {
    await copyFile(join(MIGRATIONS_DIR, '0001_init.sql'), join(dir, '0001_init.sql'));
    assert.deepEqual(await migrate(db, dir), ['0001_init.sql']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const engines: Array<{ name: string; open(): Promise<Db> }> = [{ name: 'PGlite', open: () => openPglite() }];
const serverUrl = process.env['TEST_DATABASE_URL'];
if (serverUrl) {
  engines.push({
    name: 'PostgreSQL server',
    open: async () => openPostgres(await freshDatabaseUrl(serverUrl)),
  });
}

for (const engine of engines) {
  describe(`a first-release database on ${engine.name}`, () => {
    const closers: Array<() => Promise<void>> = [];
    after(async () => {
      for (const close of closers.reverse()) await close();
    });

    it('R19: opens with the current SmartServer: new tables added, a key made, and its licenses (no cnf) still count', async () => {
      const db = await engine.open();
      closers.push(() => db.close());
      await firstReleaseSchema(db);
      const sql = await readFile(FIXTURE, 'utf8');
      await db.exec(sql);
      const tokens = await db.query<{ license_id: string; token: string; note: string | null }>(
        'SELECT license_id, token, note FROM license_tokens ORDER BY license_id',
      );
      assert.equal(tokens.length, 2);
      const payloads = tokens.map((t) => {
        const decoded = decodeEntitlementUnverified(t.token);
        assert.ok(decoded.ok);
        return decoded.value.payload;
      });
      assert.ok(
        payloads.every((p) => p['cnf'] === undefined),
        'first-release tokens carry no cnf',
      );
      const issuer = payloads[0]!['iss'] as string;
      const clock = (
        await db.query<{ value: { lastSeenAt: number } }>("SELECT value FROM settings WHERE key = 'clock'")
      )[0]!.value;

      assert.deepEqual(await migrate(db, MIGRATIONS_DIR), ['0002_protocol.sql']);
      const time = new FakeTime(new Date((clock.lastSeenAt + 86_400) * 1000));
      const ss = await startSmartServer(db, NO_CLOUD, { issuer, time, name: 'Release 1 SmartServer' });
      closers.push(() => ss.close('keep').then(() => rm(ss.dataDir, { recursive: true, force: true })));

      // A key was made, since the first release had none; the shared secret is gone.
      assert.equal((await stat(join(ss.dataDir, KEY_FILE))).mode & 0o777, 0o600);
      assert.deepEqual(await db.query("SELECT key FROM settings WHERE key = 'installSecret'"), []);
      // The activation ids were read from the tokens.
      const ids = await db.query<{ license_id: string; activation_id: string }>(
        'SELECT license_id, activation_id FROM license_tokens ORDER BY license_id',
      );
      assert.deepEqual(
        ids.map((r) => r.activation_id),
        payloads.map((p) => p['jti']),
      );

      const owner = await ss.as('Owner');
      const account = (await owner.get('/iap/lic/accounts')).body;
      assert.equal(account.smartServerId, 'SID-release-1');
      assert.match(account.customerId, /^[0-9a-f-]{36}$/);
      assert.equal(account.installCode, ss.server.key.installCode);
      const { state } = (await owner.get('/iap/lic/status')).body;
      assert.deepEqual(state.capacity, { licensed: 50, used: 4, unlicensed: 0, badge: false });
      assert.equal(state.maintenance.status, 'active');
      assert.equal(state.maintenance.coveredDevices, 50);
      assert.equal(state.findings.filter((f: { code: string }) => f.code === 'LICENSE_REJECTED').length, 0);
      const noted = state.licenses.find((l: { kind: string }) => l.kind === 'capacity');
      assert.equal(noted.note, 'Bought with the building (release 1)');
      assert.equal(
        (await owner.post(`/api/devices/${state.devices[3].id}/operations/provision`)).status,
        200,
      );

      // A first-release license can be returned: its receipt names the token's activation id.
      const returned = await owner.post('/iap/lic/cloud/upload', { licenseIds: [noted.licenseId] });
      assert.equal(returned.body.results[0].ok, true);
      assert.equal(returned.body.results[0].delivered, false);
      const [pending] = (await owner.get('/iap/lic/returns')).body.returns;
      const index = tokens.findIndex((t) => t.license_id === noted.licenseId);
      assert.equal(pending.activationId, payloads[index]!['jti']);
      assert.equal((await owner.get('/iap/lic/status')).body.state.capacity.licensed, 0);
    });
  });
}
