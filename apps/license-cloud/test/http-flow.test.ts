// The cloud over HTTP on loopback: portals, online activation with signed requests, offline
// files from activation requests, returns with receipts, keys.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readActivationFile, verifyEntitlement, type Jwks } from '@smartserver-licensing/entitlements';
import { engines } from './engines.js';
import {
  activationIdOf,
  Client,
  cloudJwks,
  loggedIn,
  loggedInCustomer,
  payloadOf,
  registeredSmartServer,
  TestSmartServer,
  startTestCloud,
  type TestCloud,
} from './harness.js';

for (const engine of engines()) {
  describe(`license cloud over HTTP on ${engine.name}`, () => {
    let t: TestCloud;
    let partner: Client;
    let support: Client;
    let customerId: string;
    let north: TestSmartServer;
    let south: TestSmartServer;
    const licenses: Record<string, string> = {};

    before(async () => {
      t = await startTestCloud(engine);
      partner = await loggedIn(t, 'partner');
      support = await loggedIn(t, 'support');
      const created = await partner.post('/api/v1/partner/customers', { name: 'P-Building 1' });
      assert.equal(created.status, 201, created.text);
      customerId = created.body.customerId;
      for (const model of ['72220-200', '72220-50', '92201R-P-200', '72220-10']) {
        const bought = await partner.post('/api/v1/partner/licenses', { model });
        assert.equal(bought.status, 201, bought.text);
        const moved = await partner.post(`/api/v1/partner/licenses/${bought.body.licenseId}/transfer`, {
          customerId,
        });
        assert.equal(moved.status, 201, moved.text);
        licenses[model] = moved.body.created.licenseId;
        licenses[`old:${model}`] = bought.body.licenseId;
      }
      north = await registeredSmartServer(t, 'SID-north', customerId);
      south = await registeredSmartServer(t, 'SID-south', customerId);
    });
    after(() => t.close());

    const jwks = () => cloudJwks(t);
    const verify = async (token: string, sid: TestSmartServer, keys?: Jwks) =>
      verifyEntitlement(token, {
        keys: keys ?? (await jwks()),
        smartServerId: sid.id,
        keyThumbprint: sid.key.thumbprint,
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });

    it('R24: My Inventory and Customer Inventory show where each license went', async () => {
      const mine = await partner.get('/api/v1/partner/inventory');
      assert.equal(mine.status, 200);
      assert.equal(mine.body.licenses.length, 0);
      const theirs = await partner.get('/api/v1/partner/customer-inventory');
      assert.deepEqual(theirs.body.licenses.map((l: { model: string }) => l.model).sort(), [
        '72220-10',
        '72220-200',
        '72220-50',
        '92201R-P-200',
      ]);
    });

    it('a SmartServer registers its key in the account; linking again with the same key answers the same', async () => {
      const again = await north.register();
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(
        { ...again.body, registeredAt: undefined },
        {
          smartServerId: 'SID-north',
          customerId,
          installCode: north.key.installCode,
          registeredAt: undefined,
        },
      );
      const unknown = await TestSmartServer.create(t, 'SID-lost', '2133c667-af41-4518-94df-a2bb3b775330');
      const reply = await unknown.register();
      assert.equal(reply.status, 404);
      assert.match(reply.body.error.message, /No customer licensing account has this Customer ID/);
    });

    it('R19: a SmartServer lists the account, downloads a license, and the token verifies bound to its id and key', async () => {
      const listed = await north.list();
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.body.licenses.length, 4);
      assert.deepEqual(Object.keys(listed.body.licenses[0]).sort(), [
        'boundTo',
        'capacity',
        'kind',
        'licenseId',
        'model',
        'termYears',
      ]);
      const download = await north.download([licenses['72220-200']!]);
      assert.equal(download.status, 200, download.text);
      const [result] = download.body.results;
      assert.equal(result.ok, true);
      const verified = await verify(result.token, north);
      assert.equal(verified.code, 'OK', verified.message);
      assert.ok(
        verified.valid &&
          verified.entitlement.license.kind === 'capacity' &&
          verified.entitlement.license.capacity === 200,
      );
      assert.equal(payloadOf(result.token).cnf.jkt, north.key.thumbprint);
      // Bound to SID-north and its key: the same token means nothing to another SmartServer.
      assert.equal((await verify(result.token, south)).code, 'WRONG_AUDIENCE');
      // Asking again (a lost answer) returns the same activation.
      const again = await north.download([licenses['72220-200']!]);
      assert.equal(activationIdOf(again.body.results[0].token), activationIdOf(result.token));
      const listedAfter = await north.list();
      assert.equal(
        listedAfter.body.licenses.find((l: { licenseId: string }) => l.licenseId === licenses['72220-200'])
          .boundTo,
        'SID-north',
      );
    });

    it('R19: another SmartServer gets a clear refusal for a license bound elsewhere', async () => {
      const download = await south.download([licenses['72220-200']!]);
      assert.equal(download.status, 200);
      assert.equal(download.body.results[0].ok, false);
      assert.equal(download.body.results[0].code, 'BOUND_ELSEWHERE');
      assert.match(download.body.results[0].message, /activated on another SmartServer/);
    });

    it('R19: a return receipt frees the license for another SmartServer; delivering it again is acknowledged', async () => {
      const token = (await north.download([licenses['72220-200']!])).body.results[0].token as string;
      const activationId = activationIdOf(token);
      const receipt = await north.receipt(licenses['72220-200']!, activationId);
      const returned = await north.returnWith(receipt);
      assert.equal(returned.status, 200, returned.text);
      assert.deepEqual(returned.body, { licenseId: licenses['72220-200'], activationId, status: 'returned' });
      const retried = await north.returnWith(receipt);
      assert.equal(retried.status, 200, retried.text);
      assert.equal(retried.body.status, 'already-returned');
      const download = await south.download([licenses['72220-200']!]);
      assert.equal(download.body.results[0].ok, true, download.text);
      assert.notEqual(activationIdOf(download.body.results[0].token), activationId);
    });

    it('R25: the License ID replaced by a transfer can neither be downloaded nor used to log in', async () => {
      const download = await north.download([licenses['old:72220-50']!]);
      assert.equal(download.body.results[0].ok, false);
      assert.equal((await new Client(t.url).loginCustomer(licenses['old:72220-50']!)).status, 401);
      const again = await partner.post(`/api/v1/partner/licenses/${licenses['old:72220-50']}/transfer`, {
        customerId,
      });
      assert.equal(again.status, 409);
    });

    it('R20: a customer answers a SmartServer’s activation request file with a signed capacity file that verifies there', async () => {
      const offline = await TestSmartServer.create(t, 'SID-offline', customerId);
      const customer = await loggedInCustomer(t, licenses['72220-50']!);
      const list = await customer.get('/api/v1/customer/licenses');
      assert.equal(list.body.licenses.length, 4);
      const file = await customer.post('/api/v1/customer/offline-files', {
        requestFile: await offline.requestFile(),
        // Named twice (once in upper case): bound and carried once.
        licenseIds: [licenses['72220-50'], licenses['72220-50']!.toUpperCase()],
      });
      assert.equal(file.status, 201, file.text);
      const read = await readActivationFile(file.text, {
        keys: await jwks(),
        smartServerId: 'SID-offline',
        keyThumbprint: offline.key.thumbprint,
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });
      assert.ok(read.ok, read.ok ? '' : read.message);
      assert.match(
        file.headers.get('content-disposition') ?? '',
        new RegExp(`attachment; filename="license-SID-offline-${read.file.fileId}\\.json"`),
      );
      assert.equal(read.accepted.length, 1);
      assert.equal(read.accepted[0]?.license.capacity, 50);
      const recorded = await t.cloud.db.query<{ smart_server_id: string; key_thumbprint: string }>(
        'SELECT smart_server_id, key_thumbprint FROM offline_files WHERE file_id = $1',
        [read.file.fileId],
      );
      assert.deepEqual(recorded, [
        { smart_server_id: 'SID-offline', key_thumbprint: offline.key.thumbprint },
      ]);
      // The same file means nothing to another key of the same SmartServer id.
      const reset = await TestSmartServer.create(t, 'SID-offline', customerId);
      const other = await readActivationFile(file.text, {
        keys: await jwks(),
        smartServerId: 'SID-offline',
        keyThumbprint: reset.key.thumbprint,
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });
      assert.ok(!other.ok && other.code === 'FILE_WRONG_SMARTSERVER');
    });

    it('R20: the Customer Portal refuses maintenance licenses; R21: support issues those from the request', async () => {
      const offline = await TestSmartServer.create(t, 'SID-maint', customerId);
      const customer = await loggedInCustomer(t, licenses['72220-50']!);
      const requestFile = await offline.requestFile();
      const refused = await customer.post('/api/v1/customer/offline-files', {
        requestFile,
        licenseIds: [licenses['92201R-P-200']],
      });
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.message, /device-capacity files only/);
      const file = await support.post('/api/v1/support/offline-files', {
        requestFile,
        licenseIds: [licenses['92201R-P-200']],
      });
      assert.equal(file.status, 201, file.text);
      const read = await readActivationFile(file.text, {
        keys: await jwks(),
        smartServerId: 'SID-maint',
        keyThumbprint: offline.key.thumbprint,
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });
      assert.ok(read.ok && read.accepted[0]?.license.kind === 'maintenance');
      assert.equal(
        read.file.requestId,
        JSON.parse(Buffer.from(JSON.parse(requestFile).signed.split('.')[1], 'base64url').toString())
          .requestId,
      );
    });

    it('R20: a request file that was altered, or is no request at all, is refused and binds nothing', async () => {
      const offline = await TestSmartServer.create(t, 'SID-forged', customerId);
      const customer = await loggedInCustomer(t, licenses['72220-10']!);
      const genuine = JSON.parse(await offline.requestFile());
      const [h, p, sig] = genuine.signed.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      claims.smartServerId = 'SID-north';
      const forged = JSON.stringify({
        ...genuine,
        signed: `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`,
      });
      for (const requestFile of [
        forged,
        '{"format":"smartserver-activation-request","version":1}',
        'not json',
      ]) {
        const reply = await customer.post('/api/v1/customer/offline-files', {
          requestFile,
          licenseIds: [licenses['72220-10']],
        });
        assert.equal(reply.status, 400, reply.text);
        assert.equal(reply.body.error.code, 'REQUEST_INVALID');
      }
      const list = await customer.get('/api/v1/customer/licenses');
      assert.equal(
        list.body.licenses.find((l: { licenseId: string }) => l.licenseId === licenses['72220-10']).boundTo,
        null,
      );
    });

    it('signing keys rotate: tokens signed before still verify, new ones use the new key', async () => {
      const sid = await registeredSmartServer(t, 'SID-rotate', customerId);
      const before = await sid.download([licenses['72220-10']!]);
      const oldToken = before.body.results[0].token as string;
      const oldKid = t.cloud.keys.signingKey.kid;
      const newKid = await t.cloud.keys.rotate(new Date(t.clock.now.getTime() + 1000));
      assert.notEqual(newKid, oldKid);
      const keys = await jwks();
      assert.deepEqual(keys.keys.map((k) => k.kid).sort(), [newKid, oldKid].sort());
      assert.equal((await verify(oldToken, sid, keys)).code, 'OK');
      const again = await sid.download([licenses['72220-10']!]);
      const header = JSON.parse(
        Buffer.from((again.body.results[0].token as string).split('.')[0]!, 'base64url').toString(),
      );
      assert.equal(header.kid, newKid);
      assert.ok(
        keys.keys.every((k) => !('d' in k)),
        'the JWKS must not carry private keys',
      );
    });

    it('R18: a SmartServer stores its owner’s reminder settings', async () => {
      const reply = await north.notifications({
        daysBeforeExpiry: [60, 30, 7],
        recipients: ['owner@example.com'],
      });
      assert.equal(reply.status, 204, reply.text);
      const rows = await t.cloud.db.query<{ days_before_expiry: number[] }>(
        "SELECT days_before_expiry FROM notification_settings WHERE smart_server_id = 'SID-north'",
      );
      assert.deepEqual(rows[0]?.days_before_expiry, [60, 30, 7]);
    });
  });
}
