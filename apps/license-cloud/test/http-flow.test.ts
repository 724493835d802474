// The cloud over HTTP on loopback: portals, online activation, offline files, keys.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readActivationFile, verifyEntitlement, type Jwks } from '@smartserver-licensing/entitlements';
import { engines } from './engines.js';
import { addAccount, Client, smartServer, startTestCloud, type TestCloud } from './harness.js';

for (const engine of engines()) {
  describe(`license cloud over HTTP on ${engine.name}`, () => {
    let t: TestCloud;
    let partner: Client;
    let support: Client;
    let customerId: string;
    const licenses: Record<string, string> = {};

    before(async () => {
      t = await startTestCloud(engine);
      const p = await addAccount(t.cloud, 'partner');
      partner = new Client(t.url);
      assert.equal((await partner.loginAccount(p.email, p.password)).status, 200);
      const s = await addAccount(t.cloud, 'support');
      support = new Client(t.url);
      assert.equal((await support.loginAccount(s.email, s.password)).status, 200);
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
    });
    after(() => t.close());

    const jwks = async () => (await new Client(t.url).get('/.well-known/jwks.json')).body as Jwks;
    const verify = async (token: string, smartServerId: string, keys?: Jwks) =>
      verifyEntitlement(token, {
        keys: keys ?? (await jwks()),
        smartServerId,
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

    it('R19: a SmartServer lists the account, downloads a license, and the token verifies against the JWKS', async () => {
      const sid = smartServer(t.url, 'SID-north');
      const listed = await sid.get(`/api/v1/smartserver/accounts/${customerId}/licenses`);
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.body.licenses.length, 4);
      const download = await sid.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['72220-200']],
      });
      assert.equal(download.status, 200, download.text);
      const [result] = download.body.results;
      assert.equal(result.ok, true);
      const verified = await verify(result.token, 'SID-north');
      assert.equal(verified.code, 'OK', verified.message);
      assert.ok(
        verified.valid &&
          verified.entitlement.license.kind === 'capacity' &&
          verified.entitlement.license.capacity === 200,
      );
      // Bound to SID-north: the same token means nothing to another SmartServer.
      assert.equal((await verify(result.token, 'SID-south')).code, 'WRONG_AUDIENCE');
    });

    it('R19: another SmartServer gets a clear refusal for a license bound elsewhere', async () => {
      const other = smartServer(t.url, 'SID-south');
      const download = await other.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['72220-200']],
      });
      assert.equal(download.status, 200);
      assert.equal(download.body.results[0].ok, false);
      assert.equal(download.body.results[0].code, 'BOUND_ELSEWHERE');
    });

    it('a SmartServer cannot use another SmartServer’s id without its secret', async () => {
      const impostor = smartServer(t.url, 'SID-north', 'guessed-install-code-123');
      const reply = await impostor.post('/api/v1/smartserver/return', { licenseId: licenses['72220-200'] });
      assert.equal(reply.status, 401);
      assert.match(reply.body.error.message, /registered with another secret/);
      const notHolder = smartServer(t.url, 'SID-south');
      assert.equal(
        (await notHolder.post('/api/v1/smartserver/return', { licenseId: licenses['72220-200'] })).status,
        404,
      );
    });

    it('R19: a return frees the license for another SmartServer', async () => {
      const north = smartServer(t.url, 'SID-north');
      assert.equal(
        (await north.post('/api/v1/smartserver/return', { licenseId: licenses['72220-200'] })).status,
        204,
      );
      const south = smartServer(t.url, 'SID-south');
      const download = await south.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['72220-200']],
      });
      assert.equal(download.body.results[0].ok, true);
    });

    it('R25: the License ID replaced by a transfer can neither be downloaded nor used to log in', async () => {
      const sid = smartServer(t.url, 'SID-east');
      const download = await sid.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['old:72220-50']],
      });
      assert.equal(download.body.results[0].ok, false);
      assert.equal((await new Client(t.url).loginCustomer(licenses['old:72220-50']!)).status, 401);
      const again = await partner.post(`/api/v1/partner/licenses/${licenses['old:72220-50']}/transfer`, {
        customerId,
      });
      assert.equal(again.status, 409);
    });

    it('R20: a customer logs in with a License ID and creates a device-capacity offline file that verifies', async () => {
      const customer = new Client(t.url);
      assert.equal((await customer.loginCustomer(licenses['72220-50']!)).status, 200);
      const list = await customer.get('/api/v1/customer/licenses');
      assert.equal(list.body.licenses.length, 4);
      const file = await customer.post('/api/v1/customer/offline-files', {
        smartServerId: 'SID-offline',
        licenseIds: [licenses['72220-50']],
      });
      assert.equal(file.status, 201, file.text);
      assert.match(
        file.headers.get('content-disposition') ?? '',
        /attachment; filename="license-SID-offline-/,
      );
      const read = await readActivationFile(file.text, {
        keys: await jwks(),
        smartServerId: 'SID-offline',
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });
      assert.ok(read.ok, read.ok ? '' : read.message);
      assert.equal(read.accepted.length, 1);
      assert.equal(read.accepted[0]?.license.capacity, 50);
    });

    it('R20: the Customer Portal refuses maintenance licenses; R21: support issues those', async () => {
      const customer = new Client(t.url);
      await customer.loginCustomer(licenses['72220-50']!);
      const refused = await customer.post('/api/v1/customer/offline-files', {
        smartServerId: 'SID-offline',
        licenseIds: [licenses['92201R-P-200']],
      });
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.message, /device-capacity files only/);
      const file = await support.post('/api/v1/support/offline-files', {
        smartServerId: 'SID-offline',
        licenseIds: [licenses['92201R-P-200']],
      });
      assert.equal(file.status, 201, file.text);
      const read = await readActivationFile(file.text, {
        keys: await jwks(),
        smartServerId: 'SID-offline',
        issuer: t.cloud.issuer,
        now: t.clock.now,
      });
      assert.ok(read.ok && read.accepted[0]?.license.kind === 'maintenance');
    });

    it('signing keys rotate: tokens signed before still verify, new ones use the new key', async () => {
      const sid = smartServer(t.url, 'SID-rotate');
      const before = await sid.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['72220-10']],
      });
      const oldToken = before.body.results[0].token as string;
      const oldKid = t.cloud.keys.signingKey.kid;
      const newKid = await t.cloud.keys.rotate(new Date(t.clock.now.getTime() + 1000));
      assert.notEqual(newKid, oldKid);
      const keys = await jwks();
      assert.deepEqual(keys.keys.map((k) => k.kid).sort(), [newKid, oldKid].sort());
      assert.equal((await verify(oldToken, 'SID-rotate', keys)).code, 'OK');
      const again = await sid.post(`/api/v1/smartserver/accounts/${customerId}/download`, {
        licenseIds: [licenses['72220-10']],
      });
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
      const sid = smartServer(t.url, 'SID-north');
      const reply = await sid.put('/api/v1/smartserver/notifications', {
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
