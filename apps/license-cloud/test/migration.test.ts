// A database made by the FIRST release (test/fixtures/release-1.sql, made by that release's own
// code: see make-release-1.mjs) opens with the current code: migration 0002 keeps every license,
// transfer and binding, moves the terms onto the licenses, and a first-release SmartServer links
// its new key and keeps its licenses.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LICENSE_CLAIM } from '@smartserver-licensing/entitlements';
import { migrate, type Db } from '@smartserver-licensing/server-kit';
import { engines as kitEngines } from '@smartserver-licensing/server-kit/testing';
import { MIGRATIONS_DIR } from '../src/storage.js';
import {
  activationIdOf,
  Client,
  payloadOf,
  registeredSmartServer,
  startTestCloud,
  TestSmartServer,
  type TestCloud,
} from './harness.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const dump = readFileSync(new URL('release-1.sql', FIXTURES), 'utf8');
const roles = JSON.parse(readFileSync(new URL('release-1.json', FIXTURES), 'utf8')) as {
  madeAt: string;
  accounts: Record<'partner' | 'support', { email: string; password: string }>;
  customers: { site: string; other: string };
  licenses: Record<string, string>;
  transfers: Record<string, string>;
  smartServers: { online: string; returned: string; offline: string };
};
const L = roles.licenses as Record<
  | 'online200'
  | 'onlineMaintenance'
  | 'onlineTrial'
  | 'returnedCapacity'
  | 'returnedTrial'
  | 'returnedMaintenance'
  | 'offline50'
  | 'supportMaintenance'
  | 'free1000'
  | 'neighbour10'
  | 'inInventory',
  string
>;

// The first release's schema: a migrations folder holding 0001 only.
const firstRelease = mkdtempSync(join(tmpdir(), 'release-1-migrations-'));
copyFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), join(firstRelease, '0001_init.sql'));

interface LicenseRow {
  license_id: string;
  customer_id: string | null;
  supersedes: string | null;
  superseded_by: string | null;
  trial_days: number | null;
}
interface ActivationRow {
  license_id: string;
  smart_server_id: string;
  channel: string;
  token_id: string;
  activated_at: Date;
  term_start: string | null;
  term_end: string | null;
  expires_at: Date | null;
}
const ACTIVATIONS = `SELECT license_id, smart_server_id, channel, token_id, activated_at,
  to_char(term_start, 'YYYY-MM-DD') AS term_start, to_char(term_end, 'YYYY-MM-DD') AS term_end, expires_at
  FROM activations ORDER BY license_id`;

for (const engine of kitEngines(firstRelease)) {
  describe(`a database of the first release, opened by this one, on ${engine.name}`, () => {
    let db: Db;
    let t: TestCloud;
    let applied: string[];
    const before1: { licenses: LicenseRow[]; activations: ActivationRow[]; counts: Record<string, number> } =
      {
        licenses: [],
        activations: [],
        counts: {},
      };
    const TABLES = [
      'accounts',
      'customers',
      'customer_emails',
      'licenses',
      'license_events',
      'offline_files',
    ];
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of [...TABLES, 'notification_settings']) {
        out[table] = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      }
      return out;
    };

    before(async () => {
      db = await engine.open();
      await db.exec(dump);
      before1.licenses = await db.query<LicenseRow>(
        'SELECT license_id, customer_id, supersedes, superseded_by, trial_days FROM licenses ORDER BY license_id',
      );
      before1.activations = await db.query<ActivationRow>(ACTIVATIONS);
      before1.counts = await counts();
      applied = await migrate(db, MIGRATIONS_DIR);
      t = await startTestCloud({ name: engine.name, open: async () => db }, { loginAttempts: 1000 });
      t.clock.now = new Date(Date.parse(roles.madeAt) + 86_400_000);
    });
    after(() => t?.close());

    it('applies the new migrations once and keeps every account, license, transfer and binding', async () => {
      assert.ok(applied.includes('0002_protocol.sql'), applied.join(', '));
      assert.deepEqual(await migrate(db, MIGRATIONS_DIR), []);
      assert.equal(before1.licenses.length, 21);
      assert.equal(before1.activations.length, 5);
      assert.deepEqual(await counts(), before1.counts);
      assert.deepEqual(
        await db.query<LicenseRow>(
          'SELECT license_id, customer_id, supersedes, superseded_by, trial_days FROM licenses ORDER BY license_id',
        ),
        before1.licenses,
      );
      assert.deepEqual(await db.query<ActivationRow>(ACTIVATIONS), before1.activations);
      const keys = await db.query(
        'SELECT 1 FROM activations WHERE key_thumbprint IS NOT NULL OR public_jwk IS NOT NULL',
      );
      assert.equal(keys.length, 0, 'first-release bindings have no key until their SmartServer links');
      const gone = await db.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'smartservers'",
      );
      assert.equal(gone.length, 0, 'the shared-secret table is dropped');
    });

    it('R6, R15: the terms of bound licenses move onto the licenses; a returned trial keeps its first end', async () => {
      const terms = async (licenseId: string) =>
        (
          await db.query<{
            first: Date | null;
            term_start: string | null;
            term_end: string | null;
            trial_ends_at: Date | null;
          }>(
            `SELECT first_activated_at AS first, to_char(term_start, 'YYYY-MM-DD') AS term_start,
                    to_char(term_end, 'YYYY-MM-DD') AS term_end, trial_ends_at FROM licenses WHERE license_id = $1`,
            [licenseId],
          )
        )[0]!;
      for (const activation of before1.activations) {
        const license = await terms(activation.license_id);
        assert.deepEqual(
          {
            first: license.first?.getTime(),
            termStart: license.term_start,
            termEnd: license.term_end,
            trialEndsAt: license.trial_ends_at?.getTime() ?? null,
          },
          {
            first: new Date(activation.activated_at).getTime(),
            termStart: activation.term_start,
            termEnd: activation.term_end,
            trialEndsAt: activation.expires_at ? new Date(activation.expires_at).getTime() : null,
          },
          activation.license_id,
        );
      }
      const maintenance = before1.activations.find((a) => a.license_id === L.onlineMaintenance)!;
      assert.match(maintenance.term_start ?? '', /^\d{4}-\d\d-\d\d$/);

      const firstEvent = async (licenseId: string) =>
        (
          await db.query<{ at: Date }>(
            "SELECT min(at) AS at FROM license_events WHERE license_id = $1 AND event = 'activated'",
            [licenseId],
          )
        )[0]!.at;
      const trial = await terms(L.returnedTrial);
      const trialStart = new Date(await firstEvent(L.returnedTrial)).getTime();
      assert.equal(trial.first?.getTime(), trialStart);
      assert.equal(trial.trial_ends_at?.getTime(), trialStart + 90 * 86_400_000);
      const capacity = await terms(L.returnedCapacity);
      assert.equal(capacity.first?.getTime(), new Date(await firstEvent(L.returnedCapacity)).getTime());
      assert.deepEqual(await terms(L.returnedMaintenance), {
        first: null,
        term_start: null,
        term_end: null,
        trial_ends_at: null,
      });
      assert.equal((await terms(L.free1000)).first, null);
    });

    it('R24, R25: the partner and the customer log in as before and see the same inventories and transfers', async () => {
      const partner = new Client(t.url);
      assert.equal(
        (await partner.loginAccount(roles.accounts.partner.email, roles.accounts.partner.password)).status,
        200,
      );
      const theirs = (await partner.get('/api/v1/partner/customer-inventory')).body.licenses as Array<{
        licenseId: string;
        supersedes: string;
        boundTo: string | null;
      }>;
      assert.equal(theirs.length, 10);
      for (const license of theirs) assert.equal(license.supersedes, roles.transfers[license.licenseId]);
      const bound = Object.fromEntries(theirs.map((l) => [l.licenseId, l.boundTo]));
      assert.equal(bound[L.online200], roles.smartServers.online);
      assert.equal(bound[L.offline50], roles.smartServers.offline);
      assert.equal(bound[L.returnedCapacity], null);
      const mine = (await partner.get('/api/v1/partner/inventory')).body.licenses as Array<{
        licenseId: string;
      }>;
      assert.deepEqual(
        mine.map((l) => l.licenseId),
        [L.inInventory],
      );
      const customer = new Client(t.url);
      assert.equal((await customer.loginCustomer(L.offline50)).status, 200);
      assert.equal((await customer.get('/api/v1/customer/licenses')).body.licenses.length, 9);
      assert.equal((await new Client(t.url).loginCustomer(roles.transfers[L.offline50]!)).status, 401);
    });

    it('R19: a first-release SmartServer links its key and keeps its licenses, activation ids and terms', async () => {
      const online = await registeredSmartServer(t, roles.smartServers.online, roles.customers.site);
      const listed = await online.list();
      assert.equal(listed.status, 200, listed.text);
      const mine = (listed.body.licenses as Array<{ licenseId: string; boundTo: string | null }>)
        .filter((l) => l.boundTo === roles.smartServers.online)
        .map((l) => l.licenseId)
        .sort();
      assert.deepEqual(mine, [L.online200, L.onlineMaintenance, L.onlineTrial].sort());

      // A binding without a recorded key is returned with a receipt of the key registered for its id.
      const trial = before1.activations.find((a) => a.license_id === L.onlineTrial)!;
      const returned = await online.returnWith(await online.receipt(L.onlineTrial, trial.token_id));
      assert.equal(returned.status, 200, returned.text);
      assert.equal(returned.body.status, 'returned');

      const download = await online.download([L.online200, L.onlineMaintenance]);
      assert.equal(download.status, 200, download.text);
      for (const result of download.body.results) {
        assert.equal(result.ok, true, JSON.stringify(result));
        const old = before1.activations.find((a) => a.license_id === result.licenseId)!;
        assert.equal(activationIdOf(result.token), old.token_id, 'the same activation, now bound to the key');
        assert.equal(payloadOf(result.token).cnf.jkt, online.key.thumbprint);
        const claims = payloadOf(result.token)[LICENSE_CLAIM];
        if (claims.kind === 'maintenance') {
          assert.deepEqual([claims.termStart, claims.termEnd], [old.term_start, old.term_end]);
        }
      }
      const recorded = await db.query<{ key_thumbprint: string }>(
        'SELECT key_thumbprint FROM activations WHERE license_id = $1',
        [L.online200],
      );
      assert.equal(recorded[0]?.key_thumbprint, online.key.thumbprint);

      // Nobody else takes them: another SmartServer, or another key of this id after a reset.
      const other = await registeredSmartServer(t, 'SID-r2-new', roles.customers.site);
      assert.equal((await other.download([L.online200])).body.results[0].code, 'BOUND_ELSEWHERE');
      const rows = await db.query('SELECT 1 FROM smartserver_keys WHERE smart_server_id = $1', [
        roles.smartServers.online,
      ]);
      assert.equal(rows.length, 1);
    });

    it('R20: a first-release offline SmartServer links and keeps its offline licenses; a later key of its id does not get them', async () => {
      const offline = await registeredSmartServer(t, roles.smartServers.offline, roles.customers.site);
      const download = await offline.download([L.offline50]);
      assert.equal(download.body.results[0].ok, true, download.text);
      assert.equal(
        activationIdOf(download.body.results[0].token),
        before1.activations.find((a) => a.license_id === L.offline50)!.token_id,
      );
      const partner = new Client(t.url);
      await partner.loginAccount(roles.accounts.partner.email, roles.accounts.partner.password);
      const reset = await partner.post(
        `/api/v1/partner/customers/${roles.customers.site}/smartservers/${roles.smartServers.offline}/reset`,
        { reason: 'migration test' },
      );
      assert.equal(reset.status, 200, reset.text);
      const replaced = await TestSmartServer.create(t, roles.smartServers.offline, roles.customers.site);
      assert.equal((await replaced.register()).status, 200);
      const taken = await replaced.download([L.offline50]);
      assert.equal(taken.body.results[0].code, 'BOUND_ELSEWHERE', taken.text);
      // Its maintenance file binding, untouched by the first key, goes to the key that asks first.
      const maintenance = await replaced.download([L.supportMaintenance]);
      assert.equal(maintenance.body.results[0].ok, true, maintenance.text);
    });

    it('R6: a trial the first release took back downloads with the end its first activation gave it', async () => {
      const sid = await registeredSmartServer(t, 'SID-r2-trial', roles.customers.site);
      const download = await sid.download([L.returnedTrial]);
      assert.equal(download.body.results[0].ok, true, download.text);
      const claims = payloadOf(download.body.results[0].token)[LICENSE_CLAIM];
      const trialEnd = (
        await db.query<{ at: Date }>('SELECT trial_ends_at AS at FROM licenses WHERE license_id = $1', [
          L.returnedTrial,
        ])
      )[0]!.at;
      assert.equal(Date.parse(claims.expiresAt), new Date(trialEnd).getTime());
      assert.ok(
        new Date(trialEnd).getTime() < t.clock.now.getTime() + 90 * 86_400_000,
        'no new trial period',
      );
    });

    it('R18: the owner’s reminder settings stay', async () => {
      const rows = await db.query<{ recipients: string[] }>(
        'SELECT recipients FROM notification_settings WHERE smart_server_id = $1',
        [roles.smartServers.online],
      );
      assert.deepEqual(rows[0]?.recipients, ['owner@release1.example']);
    });
  });
}
