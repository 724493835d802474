// Hostile input on every route of the table: each answer is a 4xx with a message, and
// the stored data is exactly as before.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from './engines.js';
import { protocolFileText } from '@smartserver-licensing/schemas';
import {
  activationIdOf,
  Client,
  loggedIn,
  newKey,
  registeredSmartServer,
  SignedClient,
  startTestCloud,
  TestSmartServer,
  type Reply,
  type TestCloud,
} from './harness.js';
import { MAX_BODY_BYTES } from '../src/app.js';
import type { Access } from '../src/http/auth.js';

// Every table a request could change. `seen_assertions` is left out on purpose: a signed request
// refused for its body has still used its jti, which is what single use means.
const DATA_TABLES = [
  'accounts',
  'customers',
  'customer_emails',
  'licenses',
  'activations',
  'license_events',
  'offline_files',
  'notification_settings',
  'smartserver_keys',
  'ended_activations',
  'account_events',
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
    let target: { customerId: string; licenseId: string };
    let holder: TestSmartServer;

    before(async () => {
      t = await startTestCloud(engine, { loginAttempts: 10_000 });
      clients.partner = await loggedIn(t, 'partner');
      clients.support = await loggedIn(t, 'support');
      const customerId = (await clients.partner.post('/api/v1/partner/customers', { name: 'Target' })).body
        .customerId;
      const bought = (await clients.partner.post('/api/v1/partner/licenses', { model: '72220-10' })).body
        .licenseId;
      const moved = await clients.partner.post(`/api/v1/partner/licenses/${bought}/transfer`, { customerId });
      clients.customer = new Client(t.url);
      await clients.customer.loginCustomer(moved.body.created.licenseId);
      target = { customerId, licenseId: moved.body.created.licenseId };
      holder = await registeredSmartServer(t, 'SID-hostile', customerId);
      clients.smartserver = new SignedClient(holder);
      clients.registration = new SignedClient(await TestSmartServer.create(t, 'SID-hostile-new', customerId));
      clients.public = new Client(t.url);
    });
    after(() => t.close());

    const fill = (path: string, value: string) => path.replace(/:[A-Za-z]+/g, value);

    it('every route with a body refuses malformed JSON, wrong types, unknown fields, huge bodies and other media types', async () => {
      const before = await snapshot(t);
      const withBody = t.cloud.routes.filter((r) => r.body);
      assert.ok(withBody.length >= 18, `only ${withBody.length} routes with a body`);
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

    it('every non-public route refuses callers without credentials, and SmartServer routes refuse bad signatures', async () => {
      const before = await snapshot(t);
      for (const r of t.cloud.routes.filter((x) => x.access !== 'public')) {
        const reply = await clients.public.request(
          r.method.toUpperCase(),
          fill(r.path, UUID),
          r.body ? {} : undefined,
        );
        assert.equal(reply.status, 401, `${r.method.toUpperCase()} ${r.path}: ${reply.status}`);
      }
      const genuine = await holder.assertion(
        'GET',
        `/api/v2/smartserver/accounts/${target.customerId}/licenses`,
        undefined,
      );
      const [h, p] = genuine.split(' ')[1]!.split('.');
      const none = `${Buffer.from('{"alg":"none","typ":"smartserver-assertion+jwt"}').toString('base64url')}.${p}.`;
      const badHeaders = [
        'SmartServer',
        'SmartServer ',
        `smartserver ${genuine.split(' ')[1]}`,
        `Bearer ${genuine.split(' ')[1]}`,
        `SmartServer ${none}`,
        `SmartServer ${h}.${p}.${'A'.repeat(86)}`,
        `SmartServer ${h}.${Buffer.from('{"iss":"SID-hostile"}').toString('base64url')}.${'A'.repeat(86)}`,
        `SmartServer ${'a'.repeat(12_000)}.b.c`,
        `SmartServer ${h}.${Buffer.from('{"iss":"\' OR 1=1 --"}').toString('base64url')}.x`,
      ];
      for (const route of t.cloud.routes.filter(
        (r) => r.access === 'smartserver' || r.access === 'registration',
      )) {
        for (const authorization of badHeaders) {
          const reply = await new Client(t.url, { authorization }).request(
            route.method.toUpperCase(),
            route.path.replace(':customerId', target.customerId),
            route.body ? {} : undefined,
          );
          assert.equal(
            reply.status,
            401,
            `${route.method} ${route.path} with ${authorization.slice(0, 40)}: ${reply.text}`,
          );
          assert.equal(typeof reply.body?.error?.message, 'string');
        }
      }
      assert.deepEqual(await snapshot(t), before);
    });

    it('every route that takes a file refuses files that are not what they claim, and changes nothing', async () => {
      const before = await snapshot(t);
      const token = (await holder.download([target.licenseId])).body.results[0].token as string;
      const afterDownload = await snapshot(t);
      const receipt = await holder.receipt(target.licenseId, activationIdOf(token));
      const [h, p, sig] = receipt.split('.');
      const stranger = await newKey();
      const junk = [
        '',
        'not json',
        '{}',
        '[]',
        'null',
        '{"format":"smartserver-return-receipt","version":1,"signed":"a.b.c"}',
        '{"format":"smartserver-activation-request","version":2,"signed":"a.b.c","extra":1}',
        protocolFileText('returnReceipt', `${h}.${p}.${'A'.repeat(sig!.length)}`),
        protocolFileText('activationRequest', receipt),
        protocolFileText('returnReceipt', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`),
        JSON.stringify({ format: 'smartserver-return-receipt', version: 2, signed: 'x'.repeat(70_000) }),
        protocolFileText(
          'returnReceipt',
          await holder.receipt(target.licenseId, activationIdOf(token), { signWith: stranger }),
        ),
      ];
      const fileRoutes = t.cloud.routes.filter((r) => {
        const shape = (r.body as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape ?? {};
        return 'requestFile' in shape || 'receiptFile' in shape || 'receipt' in shape;
      });
      assert.equal(fileRoutes.length, 4, fileRoutes.map((r) => r.path).join(', '));
      for (const r of fileRoutes) {
        const client = clients[r.access];
        for (const text of junk) {
          const field = r.path.endsWith('/returns')
            ? r.access === 'smartserver'
              ? 'receipt'
              : 'receiptFile'
            : 'requestFile';
          const value =
            field === 'receipt' ? (text.startsWith('{') ? (JSON.parse(text).signed ?? text) : text) : text;
          // The request-file case carries the genuine receipt: as a bare receipt it is not junk.
          if (value === receipt) continue;
          const body = {
            [field]: value,
            ...(field === 'requestFile' ? { licenseIds: [target.licenseId] } : {}),
          };
          const reply = await client.request(r.method.toUpperCase(), r.path, body);
          assertRefused(reply, `${r.path} with ${text.slice(0, 40)}`);
        }
      }
      assert.deepEqual(await snapshot(t), afterDownload);
      assert.notDeepEqual(afterDownload, before);
    });

    it('portal routes naming SmartServers and licenses refuse ids of other accounts or nothing bound', async () => {
      const before = await snapshot(t);
      const refusals = [
        await clients.partner.post(`/api/v1/partner/customers/${UUID}/smartservers/SID-x/reset`, {}),
        await clients.partner.get(`/api/v1/partner/customers/${UUID}/smartservers`),
        await clients.partner.post(`/api/v1/partner/licenses/${UUID}/release`, { reason: 'gone' }),
        await clients.partner.post(`/api/v1/partner/licenses/${target.licenseId}/release`, { reason: 'no' }),
        await clients.support.post(`/api/v1/support/licenses/${UUID}/release`, { reason: 'gone' }),
        await clients.customer.post('/api/v1/customer/smartservers/SID-nobody/reset', {}),
        await clients.customer.post(
          `/api/v1/customer/smartservers/${encodeURIComponent('../SID')}/reset`,
          {},
        ),
        await clients.partner.post(`/api/v1/partner/licenses/${target.licenseId}/release`, {
          reason: 'x'.repeat(501),
        }),
        await clients.partner.post(`/api/v1/partner/licenses/${target.licenseId}/release`, {
          reason: 'line\nbreak',
        }),
      ];
      for (const [i, reply] of refusals.entries()) assertRefused(reply, `case ${i}`);
      assert.deepEqual(await snapshot(t), before);
    });

    it('an unknown route or method is a 404 with a message', async () => {
      assertRefused(await clients.public.get('/api/v1/nothing-here'), 'unknown route');
      assertRefused(await clients.public.request('PATCH', '/api/v1/partner/customers', {}), 'unknown method');
    });
  });
}
