// The license protocol end to end: real license cloud process, SmartServers on both engines, a
// real proxy process that drops or garbles the cloud's answers when told. The promise under
// test: a license counts on at most one SmartServer at any instant.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '@smartserver-licensing/server-kit';
import type { HttpTestClient, Reply } from '@smartserver-licensing/server-kit/testing';
import {
  engines,
  NO_CLOUD,
  requestOf,
  startCloud,
  startProxy,
  startSmartServer,
  type DropProxy,
  type TestCloud,
  type TestSmartServer,
} from './harness.js';
import { FakeTime } from './fake-time.js';
import { snapshot } from './snapshot.js';

const RETURNS = 'POST /api/v2/smartserver/returns';

let cloud: TestCloud;
let proxy: DropProxy;
before(async () => {
  cloud = await startCloud();
  proxy = await startProxy(cloud.url);
});
after(async () => {
  await proxy?.stop();
  await cloud?.close();
});

/** Capacity this SmartServer counts now, and whether it counts this license. */
async function counts(owner: HttpTestClient, licenseId: string) {
  const state = (await owner.get('/iap/lic/status')).body.state;
  return {
    licensed: state.capacity.licensed as number,
    has: state.licenses.some(
      (l: { licenseId: string; status: string }) => l.licenseId === licenseId && l.status === 'active',
    ),
  };
}

function refusedWith(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, reply.text.slice(0, 400));
  assert.equal(reply.body?.error?.code, code, reply.text.slice(0, 400));
  assert.equal(typeof reply.body.error.message, 'string');
}

for (const engine of engines()) {
  describe(`the license protocol on ${engine.name}`, () => {
    const servers: TestSmartServer[] = [];
    const tag = engine.name.replace(/\W/g, '').toLowerCase();
    after(async () => {
      for (const ss of servers) await ss.close();
    });
    const start = async (id: string, url: string, options: Parameters<typeof startSmartServer>[2] = {}) => {
      const ss = await startSmartServer(await engine.open(), url, {
        smartServerId: `SID-${tag}-${id}`,
        name: `SmartServer ${id}`,
        issuer: cloud.url,
        extraDevices: 2,
        ...options,
      });
      servers.push(ss);
      const owner = await ss.as('Owner');
      return { ss, owner };
    };
    const link = async (owner: HttpTestClient) => {
      const linked = await owner.put('/iap/lic/accounts', { customerId: cloud.customerId });
      assert.equal(linked.status, 200, linked.text);
    };

    it('R19 (story 3a): the cloud’s answer to a return is lost — the license already stopped counting here, no two SmartServers ever count it, and the receipt is delivered once the line heals', async () => {
      const a = await start('a', proxy.url);
      const b = await start('b', cloud.url);
      await link(a.owner);
      await link(b.owner);
      const { licenseId } = await cloud.license('72220-10');
      const down = await a.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(down.body.results, [{ licenseId, ok: true }]);
      assert.deepEqual(await counts(a.owner, licenseId), { licensed: 10, has: true });

      await proxy.rules({ drop: [RETURNS] });
      const seen = (await proxy.log()).length;
      const returned = await a.owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.equal(returned.status, 200, returned.text);
      const [result] = returned.body.results;
      assert.deepEqual(
        [result.licenseId, result.ok, result.delivered, result.code],
        [licenseId, true, false, 'RETURN_PENDING'],
      );
      assert.match(result.message, /no longer counts on this SmartServer/);
      // The cloud did get the receipt; only its answer was lost.
      const dropped = (await proxy.log()).slice(seen).filter((e) => e.outcome === 'dropped');
      assert.equal(dropped.length, 1);
      assert.equal(dropped[0]!.status, 200);
      assert.deepEqual(await counts(a.owner, licenseId), { licensed: 0, has: false });
      const pending = (await a.owner.get('/iap/lic/returns')).body.returns;
      assert.equal(pending.length, 1);
      assert.equal(pending[0].licenseId, licenseId);
      assert.match(pending[0].lastError, /cannot be reached|broke off/);

      // The cloud freed it, so B may take it: still only one SmartServer counts it.
      const taken = await b.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(taken.body.results, [{ licenseId, ok: true }]);
      assert.deepEqual(await counts(b.owner, licenseId), { licensed: 10, has: true });
      assert.deepEqual(await counts(a.owner, licenseId), { licensed: 0, has: false });
      // A asking for it again while its receipt is unacknowledged gets nothing.
      const again = await a.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.equal(again.body.results[0].ok, false);
      assert.deepEqual(await counts(a.owner, licenseId), { licensed: 0, has: false });

      await proxy.rules({});
      const delivered = await a.owner.post('/iap/lic/returns/deliver');
      assert.equal(delivered.status, 200, delivered.text);
      assert.deepEqual(delivered.body, { returns: [] });
      assert.deepEqual((await a.owner.get('/iap/lic/returns')).body, { returns: [] });
      const row = await a.ss.server.db.query<{ acknowledged: string }>(
        'SELECT acknowledged FROM return_receipts WHERE license_id = $1',
        [licenseId],
      );
      assert.deepEqual(row, [{ acknowledged: 'already-returned' }]);
      assert.deepEqual(await counts(b.owner, licenseId), { licensed: 10, has: true });
      assert.deepEqual(await counts(a.owner, licenseId), { licensed: 0, has: false });
    });

    it('R19: a receipt whose delivery failed goes out again by itself when the retry timer comes round', async () => {
      const time = new FakeTime(new Date());
      const c = await start('c', proxy.url, { time, returnRetryDelaysMs: [10_000] });
      await link(c.owner);
      const { licenseId } = await cloud.license('72220-10');
      await c.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      await proxy.rules({ drop: [RETURNS] });
      const returned = await c.owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.equal(returned.body.results[0].delivered, false);
      assert.equal((await c.owner.get('/iap/lic/returns')).body.returns.length, 1);
      await proxy.rules({});
      assert.ok((await time.advance(time.now.getTime() + 10_000)) >= 1);
      assert.deepEqual((await c.owner.get('/iap/lic/returns')).body, { returns: [] });
      assert.equal(time.pending().length, 1, 'only the state’s own timer is left');
    });

    it('R19: a return the cloud acknowledges at once answers delivered: true', async () => {
      const d = await start('d', cloud.url);
      await link(d.owner);
      const { licenseId } = await cloud.license('72220-50');
      await d.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      const returned = await d.owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.deepEqual(returned.body.results, [{ licenseId, ok: true, delivered: true }]);
      const listed = await d.owner.get('/iap/lic/cloud');
      assert.equal(
        listed.body.licenses.find((l: { licenseId: string }) => l.licenseId === licenseId).activatedOn,
        null,
      );
    });

    it('R20 (offline): request file → Customer Portal → file → Add License; replays, foreign, tampered and version 1 files are refused and change nothing; an offline return with a receipt file frees the license for another SmartServer', async () => {
      // An offline SmartServer: it never reaches the cloud, and is not linked to the account.
      const { licenseId } = await cloud.license('72220-50');
      const jwks = await (await fetch(`${cloud.url}/.well-known/jwks.json`)).json();
      const off = await start('off', NO_CLOUD, { jwks });
      const request = await off.owner.get('/iap/lic/activation-request');
      assert.equal(request.status, 200, request.text);
      assert.equal(
        request.headers.get('content-disposition'),
        `attachment; filename="activation-request-SID-${tag}-off.json"`,
      );
      const envelope = JSON.parse(request.text);
      assert.deepEqual(Object.keys(envelope), ['format', 'version', 'signed']);
      assert.equal(envelope.format, 'smartserver-activation-request');
      const customer = await cloud.customer(licenseId);
      const file = await customer.post('/api/v1/customer/offline-files', {
        requestFile: request.text,
        licenseIds: [licenseId],
      });
      assert.equal(file.status, 201, file.text);
      const add = (raw: string) => off.owner.request('POST', '/iap/lic', undefined, { raw });
      const added = await add(file.text);
      assert.deepEqual(added.body.results, [{ index: 0, ok: true, licenseId }]);
      assert.deepEqual(await counts(off.owner, licenseId), { licensed: 50, has: true });

      const db: Db = off.ss.server.db;
      const before = await snapshot(db);
      refusedWith(await add(file.text), 400, 'FILE_REPLAYED');
      // A file for another key of the same SmartServer id (a reset or replaced SmartServer).
      const other = await cloud.license('72220-10');
      const foreign = await customer.post('/api/v1/customer/offline-files', {
        requestFile: await requestOf(`SID-${tag}-off`),
        licenseIds: [other.licenseId],
      });
      assert.equal(foreign.status, 201, foreign.text);
      refusedWith(await add(foreign.text), 400, 'FILE_WRONG_SMARTSERVER');
      // Rewritten to pass as new (another file id inside the signed part): the signature breaks.
      const parsed = JSON.parse(file.text);
      const [h, p, s] = parsed.signed.split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      payload.fileId = '00000000-0000-4000-8000-000000000000';
      const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      refusedWith(await add(JSON.stringify({ ...parsed, signed: forged })), 400, 'FILE_BAD_SIGNATURE');
      refusedWith(
        await add(
          JSON.stringify({
            format: 'smartserver-license-activation',
            version: 1,
            smartServerId: `SID-${tag}-off`,
            createdAt: new Date().toISOString(),
            tokens: payload.tokens,
          }),
        ),
        400,
        'FILE_UNSUPPORTED_VERSION',
      );
      assert.deepEqual(await snapshot(db), before);

      // The offline return: it stops counting at once; the receipt waits, and goes as a file.
      const returned = await off.owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.equal(returned.body.results[0].ok, true);
      assert.equal(returned.body.results[0].delivered, false);
      assert.deepEqual(await counts(off.owner, licenseId), { licensed: 0, has: false });
      const [pending] = (await off.owner.get('/iap/lic/returns')).body.returns;
      assert.equal(pending.licenseId, licenseId);
      assert.match(pending.lastError, /No Customer ID is set/);
      const receipt = await off.owner.get(`/iap/lic/returns/${pending.activationId}/receipt`);
      assert.equal(receipt.status, 200);
      assert.equal(
        receipt.headers.get('content-disposition'),
        `attachment; filename="return-${licenseId}.json"`,
      );
      assert.equal(receipt.body.format, 'smartserver-return-receipt');

      // Before the receipt reaches the cloud, nobody else can have the license.
      const online = await start('online', cloud.url);
      await link(online.owner);
      const early = await online.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.equal(early.body.results[0].code, 'BOUND_ELSEWHERE');
      const portal = await customer.post('/api/v1/customer/returns', { receiptFile: receipt.text });
      assert.equal(portal.status, 200, portal.text);
      assert.equal(portal.body.status, 'returned');
      const taken = await online.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(taken.body.results, [{ licenseId, ok: true }]);
      assert.deepEqual(await counts(online.owner, licenseId), { licensed: 50, has: true });
      assert.deepEqual(await counts(off.owner, licenseId), { licensed: 0, has: false });
    });

    it('R19: a license a partner force-released stops counting here the next time this SmartServer talks to the cloud', async () => {
      const e = await start('e', cloud.url);
      await link(e.owner);
      const { licenseId } = await cloud.license('72220-10');
      await e.owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(await counts(e.owner, licenseId), { licensed: 10, has: true });
      const released = await cloud.partner.post(`/api/v1/partner/licenses/${licenseId}/release`, {
        reason: 'The SmartServer’s hardware died.',
      });
      assert.equal(released.status, 200, released.text);
      const listed = await e.owner.get('/iap/lic/cloud');
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(await counts(e.owner, licenseId), { licensed: 0, has: false });
      const tombstone = await e.ss.server.db.query<{ reason: string }>(
        'SELECT reason FROM ended_activations WHERE license_id = $1',
        [licenseId],
      );
      assert.deepEqual(tombstone, [{ reason: 'revoked' }]);
    });

    it('R19: another key for a registered SmartServer id is KEY_CONFLICT, naming the Install Code and what to do; after a reset in the portal it links', async () => {
      const first = await start('twin', cloud.url);
      await link(first.owner);
      // The same id with a new key (a replaced SmartServer, or someone squatting the id).
      const twin = await start('twin', cloud.url);
      const before = await snapshot(twin.ss.server.db);
      const conflict = await twin.owner.put('/iap/lic/accounts', { customerId: cloud.customerId });
      refusedWith(conflict, 409, 'KEY_CONFLICT');
      assert.ok(
        conflict.body.error.message.includes(twin.ss.server.key.installCode),
        conflict.body.error.message,
      );
      assert.match(conflict.body.error.message, /reset its registration in the portal/);
      assert.deepEqual(await snapshot(twin.ss.server.db), before);
      assert.equal((await twin.owner.get('/iap/lic/accounts')).body.customerId, null);
      const reset = await cloud.partner.post(
        `/api/v1/partner/customers/${cloud.customerId}/smartservers/SID-${tag}-twin/reset`,
        { reason: 'Replaced the hardware; Install Codes compared.' },
      );
      assert.equal(reset.status, 200, reset.text);
      await link(twin.owner);
    });

    it('a cloud answer of the wrong shape is a 502 with a clear message and changes nothing', async () => {
      const g = await start('g', proxy.url);
      await link(g.owner);
      const before = await snapshot(g.ss.server.db);
      await proxy.rules({ garble: ['GET /api/v2/smartserver/accounts/'] });
      try {
        const listed = await g.owner.get('/iap/lic/cloud');
        assert.equal(listed.status, 502, listed.text);
        assert.equal(listed.body.error.code, 'BAD_GATEWAY');
        assert.match(
          listed.body.error.message,
          /license cloud answered .* in a form this SmartServer does not understand/,
        );
        const relinked = await g.owner.put('/iap/lic/accounts', { customerId: cloud.customerId });
        // Registration itself is not garbled; the revocation list after it is, and only logged.
        assert.equal(relinked.status, 200, relinked.text);
      } finally {
        await proxy.rules({});
      }
      assert.deepEqual(await snapshot(g.ss.server.db), before);
    });

    it('hostile input on the new routes gets a 4xx with a message and changes nothing', async () => {
      const h = await start('h', cloud.url);
      const db = h.ss.server.db;
      const before = await snapshot(db);
      for (const bad of ["1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(300), '%00', 'not-a-uuid']) {
        const reply = await h.owner.get(`/iap/lic/returns/${bad}/receipt`);
        assert.equal(reply.status, 400, `${bad}: ${reply.status}`);
        assert.equal(typeof reply.body.error.message, 'string');
      }
      const unknown = await h.owner.get('/iap/lic/returns/2133c667-af41-4518-94df-a2bb3b775330/receipt');
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error.message, /No return of activation/);
      // Routes without a body ignore one; they still need the Owner's CSRF token.
      const deliver = await h.owner.request('POST', '/iap/lic/returns/deliver', undefined, {
        raw: '{"__proto__":{"x":1}}',
      });
      assert.deepEqual([deliver.status, deliver.body], [200, { returns: [] }]);
      const noCsrf = await h.owner.request('POST', '/iap/lic/returns/deliver', undefined, {
        headers: { 'x-csrf-token': 'forged' },
      });
      assert.equal(noCsrf.status, 403);
      for (const body of [
        { licenseIds: [] },
        { licenseIds: ['nope'] },
        { licenseIds: Array(101).fill('2133c667-af41-4518-94df-a2bb3b775330') },
        {},
      ]) {
        const reply = await h.owner.post('/iap/lic/cloud/upload', body);
        assert.equal(reply.status, 400, JSON.stringify(body).slice(0, 80));
      }
      const notHere = await h.owner.post('/iap/lic/cloud/upload', {
        licenseIds: ['2133c667-af41-4518-94df-a2bb3b775330'],
      });
      assert.deepEqual(notHere.body.results[0].code, 'NOT_HERE');
      const twice = await h.owner.get('/iap/lic/activation-request');
      const again = await h.owner.get('/iap/lic/activation-request');
      assert.notEqual(
        JSON.parse(twice.text).signed,
        JSON.parse(again.text).signed,
        'every request has its own id',
      );
      for (const type of ['Admin', 'Supervisor', 'User'] as const) {
        const client = await h.ss.as(type);
        for (const path of [
          '/iap/lic/activation-request',
          '/iap/lic/returns',
          '/iap/lic/returns/2133c667-af41-4518-94df-a2bb3b775330/receipt',
        ])
          assert.equal((await client.get(path)).status, 403, `${type} ${path}`);
        assert.equal((await client.post('/iap/lic/returns/deliver')).status, 403);
      }
      assert.deepEqual(await snapshot(db), before);
    });
  });
}
