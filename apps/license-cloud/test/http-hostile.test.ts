// Hostile input on every route of the table: each answer is a 4xx with a message, and
// the stored data is exactly as before.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from './engines.js';
import { addAccount, Client, smartServer, startTestCloud, type Reply, type TestCloud } from './harness.js';
import { MAX_BODY_BYTES } from '../src/app.js';
import type { Access } from '../src/http/auth.js';

const DATA_TABLES = [
  'accounts',
  'customers',
  'customer_emails',
  'licenses',
  'activations',
  'license_events',
  'offline_files',
  'notification_settings',
];

async function snapshot(t: TestCloud): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of DATA_TABLES) {
    const rows = await t.cloud.db.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${table} x`,
    );
    out[table] = rows[0]?.digest ?? '';
  }
  return out;
}

function assertRefused(reply: Reply, what: string) {
  assert.ok(
    reply.status >= 400 && reply.status < 500,
    `${what}: expected a 4xx, got ${reply.status} ${reply.text.slice(0, 200)}`,
  );
  assert.equal(
    typeof reply.body?.error?.message,
    'string',
    `${what}: no error message in ${reply.text.slice(0, 200)}`,
  );
  assert.ok(reply.body.error.message.length > 0);
}

const UUID = '2133c667-af41-4518-94df-a2bb3b775330';

for (const engine of engines()) {
  describe(`hostile input on every route, on ${engine.name}`, () => {
    let t: TestCloud;
    const clients = {} as Record<Access, Client>;

    before(async () => {
      t = await startTestCloud(engine, { loginAttempts: 10_000 });
      const p = await addAccount(t.cloud, 'partner');
      const s = await addAccount(t.cloud, 'support');
      clients.partner = new Client(t.url);
      await clients.partner.loginAccount(p.email, p.password);
      clients.support = new Client(t.url);
      await clients.support.loginAccount(s.email, s.password);
      const customerId = (await clients.partner.post('/api/v1/partner/customers', { name: 'Target' })).body
        .customerId;
      const bought = (await clients.partner.post('/api/v1/partner/licenses', { model: '72220-10' })).body
        .licenseId;
      const moved = await clients.partner.post(`/api/v1/partner/licenses/${bought}/transfer`, { customerId });
      clients.customer = new Client(t.url);
      await clients.customer.loginCustomer(moved.body.created.licenseId);
      clients.smartserver = smartServer(t.url, 'SID-hostile');
      await clients.smartserver.get(`/api/v1/smartserver/accounts/${customerId}/licenses`); // registers its secret
      clients.public = new Client(t.url);
    });
    after(() => t.close());

    const fill = (path: string, value: string) => path.replace(/:[A-Za-z]+/g, value);

    it('every route with a body refuses malformed JSON, wrong types, unknown fields, huge bodies and other media types', async () => {
      const before = await snapshot(t);
      const withBody = t.cloud.routes.filter((r) => r.body);
      assert.ok(withBody.length >= 12, `only ${withBody.length} routes with a body`);
      for (const r of withBody) {
        const client = clients[r.access];
        const path = fill(r.path, UUID);
        const label = `${r.method.toUpperCase()} ${r.path}`;
        const cases: Array<[string, Promise<Reply>]> = [
          ['malformed JSON', client.request(r.method.toUpperCase(), path, undefined, { raw: '{"a":' })],
          ['an array', client.request(r.method.toUpperCase(), path, [1, 2, 3])],
          ['null', client.request(r.method.toUpperCase(), path, null)],
          ['a string', client.request(r.method.toUpperCase(), path, "'; DROP TABLE licenses; --")],
          [
            'unknown fields',
            client.request(r.method.toUpperCase(), path, {
              __proto__: { admin: true },
              extra: "' OR 1=1 --",
              isAdmin: true,
            }),
          ],
          [
            'a huge body',
            client.request(r.method.toUpperCase(), path, { name: 'x'.repeat(MAX_BODY_BYTES + 10) }),
          ],
          [
            'text/plain',
            client.request(r.method.toUpperCase(), path, undefined, {
              raw: '{}',
              headers: { 'content-type': 'text/plain' },
            }),
          ],
          [
            'deep nesting',
            client.request(r.method.toUpperCase(), path, undefined, {
              raw: '['.repeat(5000) + ']'.repeat(5000),
            }),
          ],
        ];
        for (const [what, pending] of cases) assertRefused(await pending, `${label} with ${what}`);
      }
      assert.deepEqual(await snapshot(t), before);
    });

    it('every route with path parameters refuses ids that are not ids (SQL metacharacters included)', async () => {
      const before = await snapshot(t);
      const withParams = t.cloud.routes.filter((r) => r.params);
      assert.ok(withParams.length >= 4);
      for (const r of withParams) {
        for (const bad of ["1' OR '1'='1", 'not-a-uuid', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(300)]) {
          const reply = await clients[r.access].request(
            r.method.toUpperCase(),
            fill(r.path, encodeURIComponent(bad)),
            r.body ? {} : undefined,
          );
          assertRefused(reply, `${r.method.toUpperCase()} ${r.path} with ${bad.slice(0, 20)}`);
        }
      }
      assert.deepEqual(await snapshot(t), before);
    });

    it('every non-public route refuses callers without credentials, and SmartServer routes refuse bad headers', async () => {
      const before = await snapshot(t);
      for (const r of t.cloud.routes.filter((x) => x.access !== 'public')) {
        const reply = await clients.public.request(
          r.method.toUpperCase(),
          fill(r.path, UUID),
          r.body ? {} : undefined,
        );
        assert.equal(reply.status, 401, `${r.method.toUpperCase()} ${r.path}: ${reply.status}`);
      }
      const badHeaders = [
        { 'x-smartserver-id': '../../etc', 'x-smartserver-secret': 'install-code-0000000' },
        { 'x-smartserver-id': 'SID-x', 'x-smartserver-secret': 'short' },
        { 'x-smartserver-id': 'SID-x' },
      ];
      for (const headers of badHeaders) {
        const reply = await new Client(t.url, headers as Record<string, string>).get(
          `/api/v1/smartserver/accounts/${UUID}/licenses`,
        );
        assert.equal(reply.status, 401);
      }
      assert.deepEqual(await snapshot(t), before);
    });

    it('an unknown route or method is a 404 with a message', async () => {
      assertRefused(await clients.public.get('/api/v1/nothing-here'), 'unknown route');
      assertRefused(await clients.public.request('PATCH', '/api/v1/partner/customers', {}), 'unknown method');
    });
  });
}
