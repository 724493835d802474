// The protocol's stories at the cloud (docs/protocol.md), over real HTTP on both engines:
// files that cannot be rewritten, returns only on a receipt of the bound key, identity by first
// contact, terms that never restart, and force releases that reach the SmartServer.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LICENSE_CLAIM, readActivationFile } from '@smartserver-licensing/entitlements';
import { protocolFileText } from '@smartserver-licensing/schemas';
import { engines } from './engines.js';
import {
  activationIdOf,
  Client,
  cloudJwks,
  loggedIn,
  loggedInCustomer,
  newKey,
  payloadOf,
  registeredSmartServer,
  TestSmartServer,
  startTestCloud,
  type TestCloud,
} from './harness.js';

const DAY = 86_400_000;

for (const engine of engines()) {
  describe(`the license protocol at the cloud, on ${engine.name}`, () => {
    let t: TestCloud;
    let partner: Client;
    let support: Client;
    let customerId: string;
    let otherCustomerId: string;

    before(async () => {
      t = await startTestCloud(engine, { loginAttempts: 10_000 });
      partner = await loggedIn(t, 'partner');
      support = await loggedIn(t, 'support');
      customerId = (await partner.post('/api/v1/partner/customers', { name: 'Protocol site' })).body
        .customerId;
      otherCustomerId = (await partner.post('/api/v1/partner/customers', { name: 'Neighbour' })).body
        .customerId;
    });
    after(() => t.close());

    /** Buys a license and transfers it to an account; returns the new License ID. */
    async function license(model: string, account = customerId): Promise<string> {
      const bought = await partner.post('/api/v1/partner/licenses', { model });
      const moved = await partner.post(`/api/v1/partner/licenses/${bought.body.licenseId}/transfer`, {
        customerId: account,
      });
      assert.equal(moved.status, 201, moved.text);
      return moved.body.created.licenseId;
    }
    const customerLogin = (licenseId: string) => loggedInCustomer(t, licenseId);
    const jwks = () => cloudJwks(t);
    /** How the SmartServer `sid` reads a file: the cloud's keys, its id and key, the clock. */
    const readOptions = async (sid: TestSmartServer) => ({
      keys: await jwks(),
      smartServerId: sid.id,
      keyThumbprint: sid.key.thumbprint,
      issuer: t.cloud.issuer,
      now: t.clock.now,
    });
    /** The Customer Portal answers `sid`'s activation request with a file for these licenses. */
    async function offlineFile(
      customer: Client,
      sid: TestSmartServer,
      licenseIds: string[],
    ): Promise<string> {
      const reply = await customer.post('/api/v1/customer/offline-files', {
        requestFile: await sid.requestFile(),
        licenseIds,
      });
      assert.equal(reply.status, 201, reply.text);
      return reply.text;
    }
    async function boundTo(licenseId: string): Promise<string | null> {
      const rows = await t.cloud.db.query<{ smart_server_id: string }>(
        'SELECT smart_server_id FROM activations WHERE license_id = $1',
        [licenseId],
      );
      return rows[0]?.smart_server_id ?? null;
    }
    async function downloaded(sid: TestSmartServer, licenseId: string): Promise<string> {
      const reply = await sid.download([licenseId]);
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.results[0].ok, true, reply.text);
      return reply.body.results[0].token;
    }
    /** Rewrites one claim of a signed message, keeping its signature. */
    function tampered(jws: string, change: (claims: Record<string, unknown>) => void): string {
      const [h, p, s] = jws.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      change(claims);
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    }

    describe('Story 1: files and receipts cannot be rewritten', () => {
      it('R20: no field of a v2 activation file can be changed: the file no longer verifies', async () => {
        const sid = await TestSmartServer.create(t, 'SID-story1-file', customerId);
        const licenseId = await license('72220-10');
        const customer = await customerLogin(licenseId);
        const file = await offlineFile(customer, sid, [licenseId]);
        const options = await readOptions(sid);
        assert.ok((await readActivationFile(file, options)).ok);
        const envelope = JSON.parse(file);
        for (const change of [
          (c: Record<string, unknown>) => (c['fileId'] = crypto.randomUUID()),
          (c: Record<string, unknown>) => (c['iat'] = (c['iat'] as number) + 86_400),
          (c: Record<string, unknown>) => (c['revoked'] = [crypto.randomUUID()]),
          (c: Record<string, unknown>) =>
            (c['tokens'] = [...(c['tokens'] as string[]), ...(c['tokens'] as string[])]),
        ]) {
          const forged = JSON.stringify({ ...envelope, signed: tampered(envelope.signed, change) });
          const read = await readActivationFile(forged, options);
          assert.ok(!read.ok && read.code === 'FILE_BAD_SIGNATURE', JSON.stringify(read));
        }
        const v1 = await readActivationFile(JSON.stringify({ ...envelope, version: 1 }), options);
        assert.ok(!v1.ok && v1.code === 'FILE_UNSUPPORTED_VERSION');
      });

      it('R19: after a return receipt the license downloads to a second SmartServer; tampered, foreign-key and replayed receipts leave it bound', async () => {
        const first = await registeredSmartServer(t, 'SID-story1-a', customerId);
        const second = await registeredSmartServer(t, 'SID-story1-b', customerId);
        const licenseId = await license('72220-50');
        const activationId = activationIdOf(await downloaded(first, licenseId));
        const genuine = await first.receipt(licenseId, activationId);

        // Tampered: another activation or license named under the same signature.
        const rewritten = tampered(genuine, (c) => (c['returnedAt'] = '2020-01-01T00:00:00Z'));
        const refusedTamper = await first.returnWith(rewritten);
        assert.equal(refusedTamper.status, 400, refusedTamper.text);
        assert.equal(refusedTamper.body.error.code, 'RECEIPT_INVALID');
        // Signed by another key: the second SmartServer forging the first one's return.
        const forged = await first.receipt(licenseId, activationId, { signWith: second.key });
        const viaFirst = await first.returnWith(forged);
        assert.equal(viaFirst.status, 400, viaFirst.text);
        assert.equal(viaFirst.body.error.code, 'RECEIPT_INVALID');
        const viaSecond = await second.returnWith(forged);
        assert.equal(viaSecond.status, 400);
        const customer = await customerLogin(licenseId);
        const viaPortal = await customer.post('/api/v1/customer/returns', {
          receiptFile: protocolFileText('returnReceipt', forged),
        });
        assert.equal(viaPortal.status, 400, viaPortal.text);
        assert.equal(viaPortal.body.error.code, 'RECEIPT_INVALID');
        assert.equal(await boundTo(licenseId), 'SID-story1-a');
        const refusedDownload = await second.download([licenseId]);
        assert.equal(refusedDownload.body.results[0].code, 'BOUND_ELSEWHERE');

        // The genuine receipt frees it; the second SmartServer gets a new activation.
        const returned = await first.returnWith(genuine);
        assert.equal(returned.body.status, 'returned', returned.text);
        const secondToken = await downloaded(second, licenseId);
        assert.notEqual(activationIdOf(secondToken), activationId);

        // Replaying the old receipt (online or as a file) changes nothing: the license stays on the second.
        const replayed = await first.returnWith(genuine);
        assert.equal(replayed.status, 200);
        assert.equal(replayed.body.status, 'already-returned');
        const replayedFile = await customer.post('/api/v1/customer/returns', {
          receiptFile: protocolFileText('returnReceipt', genuine),
        });
        assert.equal(replayedFile.body.status, 'already-returned', replayedFile.text);
        // The first SmartServer signing a receipt for the second one's activation gets nowhere either.
        const stolen = await first.receipt(licenseId, activationIdOf(secondToken), {
          smartServerId: second.id,
        });
        assert.equal(
          (
            await customer.post('/api/v1/customer/returns', {
              receiptFile: protocolFileText('returnReceipt', stolen),
            })
          ).status,
          400,
        );
        assert.equal(await boundTo(licenseId), 'SID-story1-b');
      });

      it('R20: the Customer Portal takes a return receipt file from an offline SmartServer: same effect as the online return', async () => {
        const offline = await TestSmartServer.create(t, 'SID-story1-offline', customerId);
        const licenseId = await license('72220-200');
        const customer = await customerLogin(licenseId);
        const file = await offlineFile(customer, offline, [licenseId]);
        const read = await readActivationFile(file, await readOptions(offline));
        assert.ok(read.ok);
        const activationId = read.accepted[0]!.tokenId;
        const returned = await customer.post('/api/v1/customer/returns', {
          receiptFile: await offline.receiptFile(licenseId, activationId),
        });
        assert.equal(returned.status, 200, returned.text);
        assert.deepEqual(returned.body, { licenseId, activationId, status: 'returned' });
        assert.equal(await boundTo(licenseId), null);
        // A customer of another account cannot deliver it (as if the activation did not exist).
        const stranger = await customerLogin(await license('72220-10', otherCustomerId));
        const elsewhere = await stranger.post('/api/v1/customer/returns', {
          receiptFile: await offline.receiptFile(licenseId, activationId),
        });
        assert.equal(elsewhere.status, 404, elsewhere.text);
      });
    });

    describe('Story 2: identity by first contact', () => {
      it('a squatter with another key cannot register an id already registered in the account; the owner keeps working', async () => {
        const owner = await registeredSmartServer(t, 'SID-story2-owner', customerId);
        const squatter = await TestSmartServer.create(t, 'SID-story2-owner', customerId);
        const refused = await squatter.register();
        assert.equal(refused.status, 409, refused.text);
        assert.equal(refused.body.error.code, 'KEY_CONFLICT');
        assert.ok(refused.body.error.message.includes(owner.key.installCode), refused.body.error.message);
        assert.ok(refused.body.error.message.includes(squatter.key.installCode));
        assert.match(refused.body.error.message, /partner .* or you .*reset the registration/);
        assert.deepEqual(refused.body.error.detail, {
          smartServerId: 'SID-story2-owner',
          registeredInstallCode: owner.key.installCode,
          installCode: squatter.key.installCode,
        });
        // The squatter cannot act as the owner: its key is not the registered one.
        for (const reply of [await squatter.list(), await squatter.download([await license('72220-10')])]) {
          assert.equal(reply.status, 401, reply.text);
          assert.match(reply.body.error.message, /not signed by the key registered/);
        }
        const licenseId = await license('72220-10');
        await downloaded(owner, licenseId);
        assert.equal((await owner.list()).status, 200);
        // The same id is free to register in another account: registrations are per account.
        const elsewhere = await TestSmartServer.create(t, 'SID-story2-owner', otherCustomerId, squatter.key);
        assert.equal((await elsewhere.register()).status, 200);
        // ...which gives no access to the first account.
        const crossed = await elsewhere.request(
          'GET',
          `/api/v2/smartserver/accounts/${customerId}/licenses`,
          undefined,
        );
        assert.equal(crossed.status, 403, crossed.text);
        const crossedAcct = await elsewhere.list({ acct: customerId });
        assert.equal(crossedAcct.status, 401, crossedAcct.text);
        assert.equal(await boundTo(licenseId), 'SID-story2-owner');
      });

      it('an unregistered key can neither list, download, return nor fetch revocations', async () => {
        const stranger = await TestSmartServer.create(t, 'SID-story2-stranger', customerId);
        const licenseId = await license('72220-10');
        const owner = await registeredSmartServer(t, 'SID-story2-holder', customerId);
        const token = await downloaded(owner, licenseId);
        const replies = [
          await stranger.list(),
          await stranger.download([licenseId]),
          await stranger.returnWith(await stranger.receipt(licenseId, activationIdOf(token))),
          await stranger.revocations(),
          await stranger.notifications({ daysBeforeExpiry: [30], recipients: ['x@example.com'] }),
        ];
        for (const reply of replies) {
          assert.equal(reply.status, 401, reply.text);
          assert.match(reply.body.error.message, /not registered in customer account/);
        }
        assert.equal(await boundTo(licenseId), 'SID-story2-holder');
      });

      it('a squatter cannot return a license an offline file bound: the receipt must be signed by the key recorded on the activation', async () => {
        const offline = await TestSmartServer.create(t, 'SID-story2-offline', customerId);
        const licenseId = await license('72220-50');
        const customer = await customerLogin(licenseId);
        const file = await offlineFile(customer, offline, [licenseId]);
        const read = await readActivationFile(file, await readOptions(offline));
        assert.ok(read.ok);
        const activationId = read.accepted[0]!.tokenId;
        // The offline SmartServer never linked online: a squatter registers its id first...
        const squatter = await registeredSmartServer(t, 'SID-story2-offline', customerId);
        const receipt = await squatter.receipt(licenseId, activationId);
        const online = await squatter.returnWith(receipt);
        assert.equal(online.status, 400, online.text);
        assert.equal(online.body.error.code, 'RECEIPT_INVALID');
        const asFile = await customer.post('/api/v1/customer/returns', {
          receiptFile: protocolFileText('returnReceipt', receipt),
        });
        assert.equal(asFile.status, 400);
        assert.equal(await boundTo(licenseId), 'SID-story2-offline');
        // ...and once registered with its key, an offline file for the real SmartServer is a conflict.
        const refused = await customer.post('/api/v1/customer/offline-files', {
          requestFile: await offline.requestFile(),
          licenseIds: [await license('72220-10')],
        });
        assert.equal(refused.status, 409, refused.text);
        assert.equal(refused.body.error.code, 'KEY_CONFLICT');
        // The real SmartServer's receipt still works: the key recorded on the activation decides.
        const real = await customer.post('/api/v1/customer/returns', {
          receiptFile: await offline.receiptFile(licenseId, activationId),
        });
        assert.equal(real.body.status, 'returned', real.text);
      });

      it('a partner resets the registration (recorded), and the real SmartServer registers and works', async () => {
        const squatter = await registeredSmartServer(t, 'SID-story2-reset', customerId);
        const real = await TestSmartServer.create(t, 'SID-story2-reset', customerId);
        assert.equal((await real.register()).status, 409);
        const listed = await partner.get(`/api/v1/partner/customers/${customerId}/smartservers`);
        assert.equal(listed.status, 200, listed.text);
        const entry = listed.body.smartServers.find(
          (s: { smartServerId: string }) => s.smartServerId === 'SID-story2-reset',
        );
        assert.equal(entry.installCode, squatter.key.installCode);
        assert.match(entry.registeredAt, /^\d{4}-\d\d-\d\dT/);
        const reset = await partner.post(
          `/api/v1/partner/customers/${customerId}/smartservers/SID-story2-reset/reset`,
          { reason: 'Install Code on site is different' },
        );
        assert.equal(reset.status, 200, reset.text);
        assert.equal(reset.body.installCode, squatter.key.installCode);
        const registered = await real.register();
        assert.equal(registered.status, 200, registered.text);
        assert.equal(registered.body.installCode, real.key.installCode);
        assert.equal((await real.list()).status, 200);
        assert.equal((await squatter.list()).status, 401);
        const history = (
          await partner.get(`/api/v1/partner/customers/${customerId}/smartservers`)
        ).body.events.filter((e: { smartServerId: string }) => e.smartServerId === 'SID-story2-reset');
        assert.deepEqual(
          history.map((e: { event: string; installCode: string; actor: string; reason: string | null }) => [
            e.event,
            e.installCode,
            e.actor.split(':')[0],
            e.reason,
          ]),
          [
            ['registered', real.key.installCode, 'smartserver', null],
            ['registration_reset', squatter.key.installCode, 'partner', 'Install Code on site is different'],
            ['registered', squatter.key.installCode, 'smartserver', null],
          ],
        );
        // Another partner sees nothing of this account and cannot reset in it.
        const rivalClient = await loggedIn(t, 'partner');
        assert.equal(
          (await rivalClient.get(`/api/v1/partner/customers/${customerId}/smartservers`)).status,
          404,
        );
        assert.equal(
          (
            await rivalClient.post(
              `/api/v1/partner/customers/${customerId}/smartservers/SID-story2-reset/reset`,
              {},
            )
          ).status,
          404,
        );
        assert.equal((await real.list()).status, 200);
      });

      it('the customer sees its registrations and may reset one in the Customer Portal (recorded)', async () => {
        const sid = await registeredSmartServer(t, 'SID-story2-customer', customerId);
        const customer = await customerLogin(await license('72220-10'));
        const listed = await customer.get('/api/v1/customer/smartservers');
        assert.ok(
          listed.body.smartServers.some(
            (s: { smartServerId: string; installCode: string }) =>
              s.smartServerId === sid.id && s.installCode === sid.key.installCode,
          ),
        );
        const reset = await customer.post('/api/v1/customer/smartservers/SID-story2-customer/reset', {});
        assert.equal(reset.status, 200, reset.text);
        const again = await customer.post('/api/v1/customer/smartservers/SID-story2-customer/reset', {});
        assert.equal(again.status, 404);
        const events = (await customer.get('/api/v1/customer/smartservers')).body.events;
        assert.equal(events[0].event, 'registration_reset');
        assert.match(events[0].actor, /^customer:/);
        // Another account's customer cannot reset this account's registrations.
        await registeredSmartServer(t, 'SID-story2-customer', customerId, sid.key);
        const stranger = await customerLogin(await license('72220-10', otherCustomerId));
        assert.equal(
          (await stranger.post('/api/v1/customer/smartservers/SID-story2-customer/reset', {})).status,
          404,
        );
        assert.equal((await sid.list()).status, 200);
      });

      it('a request assertion is refused when replayed, expired, or signed for another body, path, method or cloud', async () => {
        const sid = await registeredSmartServer(t, 'SID-story2-assert', customerId);
        const licenseId = await license('72220-10');
        const now = Math.floor(t.clock.now.getTime() / 1000);
        const path = `/api/v2/smartserver/accounts/${customerId}/download`;
        const cases: Array<[string, Parameters<TestSmartServer['download']>[1], RegExp]> = [
          ['another body', { bh: 'A'.repeat(43) }, /body is not the body that was signed/],
          [
            'another path',
            { htu: `/api/v2/smartserver/accounts/${otherCustomerId}/download` },
            /signed for \/api/,
          ],
          ['another method', { htm: 'PUT' }, /signed for PUT/],
          ['another cloud', { aud: 'https://cloud.example' }, /addressed to https:\/\/cloud.example/],
          ['an expired assertion', { iat: now - 600, exp: now - 400 }, /time window/],
          ['a long-lived assertion', { iat: now, exp: now + 3600 }, /time window/],
          ['an assertion from the future', { iat: now + 900, exp: now + 1000 }, /time window/],
          ['another key', { signWith: await newKey() }, /not signed by the key registered/],
          ['another SmartServer id', { iss: 'SID-story2-ghost' }, /not registered/],
        ];
        for (const [what, overrides, message] of cases) {
          const reply = await sid.download([licenseId], overrides);
          assert.equal(reply.status, 401, `${what}: ${reply.text}`);
          assert.match(reply.body.error.message, message, what);
        }
        const query = await sid.request(
          'GET',
          `/api/v2/smartserver/accounts/${customerId}/licenses?x=1`,
          undefined,
          {
            htu: `/api/v2/smartserver/accounts/${customerId}/licenses`,
          },
        );
        assert.equal(query.status, 401, 'the query is part of the signed path');
        assert.equal(await boundTo(licenseId), null);

        const first = await sid.download([licenseId]);
        assert.equal(first.status, 200, first.text);
        const replayed = await sid.replay();
        assert.equal(replayed.status, 401);
        assert.match(replayed.body.error.message, /sent before/);
        assert.ok(path);
        // A missing or foreign scheme is no SmartServer request.
        for (const authorization of ['Bearer abc.def.ghi', 'SmartServer not-a-jws', 'SmartServer a.b.c']) {
          const reply = await new Client(t.url, { authorization }).get(
            `/api/v2/smartserver/accounts/${customerId}/licenses`,
          );
          assert.equal(reply.status, 401, authorization);
        }
      });

      it('a registration must prove the key it registers, with its own Install Code', async () => {
        const sid = await TestSmartServer.create(t, 'SID-story2-register', customerId);
        const withoutKey = await sid.register({ jwk: false });
        assert.equal(withoutKey.status, 401, withoutKey.text);
        // Carries one key, signed by another: the signature proves nothing about the carried key.
        const other = await newKey();
        const crossed = await sid.register({ signWith: other, jwk: true });
        assert.equal(crossed.status, 400, 'the body names the first key’s Install Code');
        const wrongCode = await sid.request('POST', '/api/v2/smartserver/register', {
          customerId,
          installCode: other.installCode,
        });
        assert.equal(wrongCode.status, 400, wrongCode.text);
        assert.match(wrongCode.body.error.message, /not the Install Code of the key/);
        const wrongAccount = await sid.request('POST', '/api/v2/smartserver/register', {
          customerId: otherCustomerId,
          installCode: sid.key.installCode,
        });
        assert.equal(wrongAccount.status, 400);
        const rows = await t.cloud.db.query('SELECT 1 FROM smartserver_keys WHERE smart_server_id = $1', [
          sid.id,
        ]);
        assert.equal(rows.length, 0);
      });
    });

    describe('Story 4: terms belong to the license', () => {
      for (const [model, rule] of [
        ['72220-00', 'R6'],
        ['92201R-P-50', 'R15'],
      ] as const) {
        it(`${rule}: ${model} downloaded, returned and downloaded again (elsewhere, days later) keeps its terms, with a new activation id`, async () => {
          const a = await registeredSmartServer(t, `SID-terms-a-${model}`, customerId);
          const b = await registeredSmartServer(t, `SID-terms-b-${model}`, customerId);
          const licenseId = await license(model);
          const started = t.clock.now;
          try {
            const firstToken = await downloaded(a, licenseId);
            const terms = (token: string) => {
              const claims = payloadOf(token)[LICENSE_CLAIM];
              return { termStart: claims.termStart, termEnd: claims.termEnd, expiresAt: claims.expiresAt };
            };
            const fixed = terms(firstToken);
            assert.ok(fixed.termEnd ?? fixed.expiresAt, JSON.stringify(payloadOf(firstToken)));
            const ids = [activationIdOf(firstToken)];
            let holder = a;
            let token = firstToken;
            for (const [next, daysLater] of [
              [a, 10],
              [b, 40],
              [a, 400],
            ] as const) {
              const returned = await holder.returnWith(
                await holder.receipt(licenseId, activationIdOf(token)),
              );
              assert.equal(returned.body.status, 'returned', returned.text);
              t.clock.now = new Date(started.getTime() + daysLater * DAY);
              token = await downloaded(next, licenseId);
              assert.deepEqual(terms(token), fixed, `after a return, ${daysLater} days later on ${next.id}`);
              assert.ok(!ids.includes(activationIdOf(token)), 'each binding is a new activation');
              ids.push(activationIdOf(token));
              holder = next;
            }
          } finally {
            t.clock.now = started;
          }
        });
      }
    });

    describe('force release', () => {
      it('a partner force-releases a license of a dead SmartServer: recorded, revoked, listed for that SmartServer key, free for another', async () => {
        const dead = await registeredSmartServer(t, 'SID-dead', customerId);
        const spare = await registeredSmartServer(t, 'SID-spare', customerId);
        const licenseId = await license('72220-200');
        const activationId = activationIdOf(await downloaded(dead, licenseId));
        const released = await partner.post(`/api/v1/partner/licenses/${licenseId}/release`, {
          reason: 'Hardware failed on site; replaced by SID-spare',
        });
        assert.equal(released.status, 200, released.text);
        assert.deepEqual(
          { ...released.body, releasedAt: undefined },
          {
            licenseId,
            activationId,
            smartServerId: 'SID-dead',
            installCode: dead.key.installCode,
            releasedAt: undefined,
          },
        );
        const ended = await t.cloud.db.query<{ how: string; actor: string; reason: string }>(
          'SELECT how, actor, reason FROM ended_activations WHERE activation_id = $1',
          [activationId],
        );
        assert.equal(ended[0]?.how, 'revoked');
        assert.match(ended[0]!.actor, /^partner:/);
        assert.equal(ended[0]?.reason, 'Hardware failed on site; replaced by SID-spare');
        const events = (await partner.get(`/api/v1/partner/customers/${customerId}/smartservers`)).body
          .events;
        assert.deepEqual(
          { event: events[0].event, licenseId: events[0].licenseId, smartServerId: events[0].smartServerId },
          { event: 'force_released', licenseId, smartServerId: 'SID-dead' },
        );

        const revocations = await dead.revocations();
        assert.equal(revocations.status, 200, revocations.text);
        const read = await readActivationFile(revocations.body.file, await readOptions(dead));
        assert.ok(read.ok, read.ok ? '' : read.message);
        assert.deepEqual(read.revoked, [activationId]);
        assert.equal(read.accepted.length, 0);
        const spareList = await spare.revocations();
        const spareRead = await readActivationFile(spareList.body.file, await readOptions(spare));
        assert.ok(spareRead.ok && spareRead.revoked.length === 0, 'another SmartServer learns nothing of it');

        await downloaded(spare, licenseId);
        // The dead SmartServer coming back and returning it changes nothing.
        const late = await dead.returnWith(await dead.receipt(licenseId, activationId));
        assert.equal(late.body.status, 'already-returned', late.text);
        assert.equal(await boundTo(licenseId), 'SID-spare');
        // An offline file for the dead SmartServer carries the revocation too.
        const customer = await customerLogin(licenseId);
        const file = await offlineFile(customer, dead, [await license('72220-10')]);
        const offlineRead = await readActivationFile(file, await readOptions(dead));
        assert.ok(offlineRead.ok && offlineRead.revoked.includes(activationId));
      });

      it('support may force-release any license; a partner only its customers’, and only what is bound', async () => {
        const sid = await registeredSmartServer(t, 'SID-release-support', customerId);
        const licenseId = await license('72220-10');
        await downloaded(sid, licenseId);
        const rivalClient = await loggedIn(t, 'partner');
        const refused = await rivalClient.post(`/api/v1/partner/licenses/${licenseId}/release`, {
          reason: 'not my customer',
        });
        assert.equal(refused.status, 404);
        const customer = await customerLogin(licenseId);
        assert.equal(
          (await customer.post(`/api/v1/support/licenses/${licenseId}/release`, { reason: 'let me' })).status,
          403,
        );
        assert.equal(await boundTo(licenseId), sid.id);
        const released = await support.post(`/api/v1/support/licenses/${licenseId}/release`, {
          reason: 'Customer called: unit destroyed in a fire',
        });
        assert.equal(released.status, 200, released.text);
        assert.equal(await boundTo(licenseId), null);
        const twice = await support.post(`/api/v1/support/licenses/${licenseId}/release`, {
          reason: 'Customer called: unit destroyed in a fire',
        });
        assert.equal(twice.status, 409);
        assert.match(twice.body.error.message, /nothing to release/);
        const events = await t.cloud.db.query<{ event: string; actor: string }>(
          "SELECT event, actor FROM license_events WHERE license_id = $1 AND event = 'force_released'",
          [licenseId],
        );
        assert.equal(events.length, 1);
        assert.match(events[0]!.actor, /^support:/);
      });
    });
  });
}
