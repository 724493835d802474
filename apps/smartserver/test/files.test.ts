// Signed activation files (v2) on the SmartServer alone: what is accepted, what is refused with
// which code, and that a refused file changes nothing. Revocations in a file end activations for
// good: a token of an ended activation never counts again, not even one found in the database.
// (The whole offline story through the Customer Portal runs in protocol.test.ts.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Db } from '@smartserver-licensing/server-kit';
import type { HttpTestClient, Reply } from '@smartserver-licensing/server-kit/testing';
import { engines, NO_CLOUD, startSmartServer, type TestSmartServer } from './harness.js';
import { FakeTime } from './fake-time.js';
import { LOCAL_ISSUER, LocalIssuer } from './local-issuer.js';
import { snapshot } from './snapshot.js';

let issuer: LocalIssuer;
before(async () => {
  issuer = await LocalIssuer.create();
});

function refusedWith(reply: Reply, code: string) {
  assert.ok(
    reply.status >= 400 && reply.status < 500,
    `${code}: got ${reply.status} ${reply.text.slice(0, 300)}`,
  );
  assert.equal(reply.body?.error?.code, code, reply.text.slice(0, 300));
  assert.equal(typeof reply.body.error.message, 'string');
  assert.ok(reply.body.error.message.length > 20, reply.body.error.message);
}

for (const engine of engines()) {
  describe(`activation files on ${engine.name}`, () => {
    let db: Db;
    let ss: TestSmartServer;
    let owner: HttpTestClient;
    let me: { smartServerId: string; keyThumbprint: string };
    const time = new FakeTime(new Date('2026-03-01T10:00:00Z'));
    const add = (raw: string) => owner.request('POST', '/iap/lic', undefined, { raw });
    const state = async () => (await owner.get('/iap/lic/status')).body.state;

    before(async () => {
      db = await engine.open();
      ss = await startSmartServer(db, NO_CLOUD, {
        jwks: issuer.jwks,
        issuer: LOCAL_ISSUER,
        time,
        extraDevices: 2,
      });
      owner = await ss.as('Owner');
      me = { smartServerId: ss.server.identity.smartServerId, keyThumbprint: ss.server.key.thumbprint };
    });
    after(() => ss?.close());

    let d10: { licenseId: string; activationId: string; token: string };
    let applied: string;

    it('R20: a file for this SmartServer and key is added; the same file again is FILE_REPLAYED and changes nothing', async () => {
      d10 = await issuer.token(me, '72220-10', time.now);
      applied = await issuer.file(me, [d10.token], time.now);
      const added = await add(applied);
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(added.body.results, [{ index: 0, ok: true, licenseId: d10.licenseId }]);
      assert.equal((await state()).capacity.licensed, 10);
      const before = await snapshot(db);
      refusedWith(await add(applied), 'FILE_REPLAYED');
      assert.deepEqual(await snapshot(db), before);
    });

    it('R20: files for another SmartServer, for another key of this one, tampered, signed by a stranger, or version 1 are refused with their code and change nothing', async () => {
      const before = await snapshot(db);
      const other = await issuer.token({ ...me, smartServerId: 'SID-elsewhere' }, '72220-50', time.now);
      refusedWith(
        await add(await issuer.file({ ...me, smartServerId: 'SID-elsewhere' }, [other.token], time.now)),
        'FILE_WRONG_SMARTSERVER',
      );
      // The same id with another key: a reset or replaced SmartServer.
      const otherKey = { ...me, keyThumbprint: 'B'.repeat(43) };
      const forOtherKey = await issuer.token(otherKey, '72220-50', time.now);
      refusedWith(
        await add(await issuer.file(otherKey, [forOtherKey.token], time.now)),
        'FILE_WRONG_SMARTSERVER',
      );

      // Rewrite one character of the signed payload (say, to change the file id): the signature breaks.
      const good = await issuer.file(me, [(await issuer.token(me, '72220-50', time.now)).token], time.now);
      const envelope = JSON.parse(good);
      const [h, p, sig] = envelope.signed.split('.');
      const flipped = p.slice(0, 10) + (p[10] === 'A' ? 'B' : 'A') + p.slice(11);
      refusedWith(
        await add(JSON.stringify({ ...envelope, signed: `${h}.${flipped}.${sig}` })),
        'FILE_BAD_SIGNATURE',
      );
      const stranger = await LocalIssuer.create();
      const strangerToken = await stranger.token(me, '72220-50', time.now);
      refusedWith(await add(await stranger.file(me, [strangerToken.token], time.now)), 'FILE_BAD_SIGNATURE');

      // The first release's unsigned envelope.
      refusedWith(
        await add(
          JSON.stringify({
            format: 'smartserver-license-activation',
            version: 1,
            smartServerId: me.smartServerId,
            createdAt: time.now.toISOString(),
            tokens: [other.token],
          }),
        ),
        'FILE_UNSUPPORTED_VERSION',
      );
      assert.deepEqual(await snapshot(db), before);
      assert.equal((await state()).capacity.licensed, 10);
    });

    it('R20: a file that revokes an activation ends it here: the license stops counting, and its token is never accepted again', async () => {
      const revoking = await issuer.file(me, [], time.now, [d10.activationId]);
      const applied = await add(revoking);
      assert.equal(applied.status, 200, applied.text);
      assert.deepEqual(applied.body.results, []);
      assert.equal((await state()).capacity.licensed, 0);
      const tombstones = await db.query<{ license_id: string; reason: string }>(
        'SELECT license_id, reason FROM ended_activations WHERE activation_id = $1',
        [d10.activationId],
      );
      assert.deepEqual(tombstones, [{ license_id: d10.licenseId, reason: 'revoked' }]);
      // The same token in a new file: REVOKED, nothing counts.
      const again = await add(await issuer.file(me, [d10.token], time.now));
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.results[0].ok, false);
      assert.equal(again.body.results[0].code, 'REVOKED');
      assert.equal((await state()).capacity.licensed, 0);
    });

    it('R19: a token of an ended activation put back into the database by hand does not count', async () => {
      await db.query(
        "INSERT INTO license_tokens (license_id, token, channel, accepted_at, activation_id) VALUES ($1, $2, 'offline', $3, $4)",
        [d10.licenseId, d10.token, time.now, d10.activationId],
      );
      await owner.post('/api/devices', { name: 'Recompute', protocol: 'lon' });
      const s = await state();
      assert.equal(s.capacity.licensed, 0);
      const finding = s.findings.find((f: { code: string }) => f.code === 'LICENSE_REJECTED');
      assert.match(finding.message, /returned or revoked/);
      await db.query('DELETE FROM license_tokens WHERE license_id = $1', [d10.licenseId]);
    });

    it('R20: a file in which one token fails keeps the good ones; its revocations apply to its own tokens', async () => {
      const good = await issuer.token(me, '72220-50', time.now);
      const revokedHere = await issuer.token(me, '72220-10', time.now);
      const stranger = await (await LocalIssuer.create()).token(me, '72220-200', time.now);
      const added = await add(
        await issuer.file(me, [good.token, revokedHere.token, stranger.token], time.now, [
          revokedHere.activationId,
        ]),
      );
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(
        added.body.results.map((r: { ok: boolean; code?: string }) => r.code ?? 'OK'),
        ['OK', 'REVOKED', 'UNKNOWN_KEY'],
      );
      assert.equal((await state()).capacity.licensed, 50);
      assert.equal(await ss.server.store.tokens.hasEnded(revokedHere.activationId), true);
    });

    it('hostile files get a 4xx with a code and change nothing', async () => {
      const before = await snapshot(db);
      const cases: Array<[string, string]> = [
        ['{"format":"smartserver-license-activation","version":2,"signed":"a.b.c"}', 'FILE_MALFORMED'],
        ['{"format":"smartserver-license-activation","version":2,"signed":"x","extra":1}', 'FILE_MALFORMED'],
        [
          '{"format":"smartserver-license-activation","version":3,"signed":"a.b.c"}',
          'FILE_UNSUPPORTED_VERSION',
        ],
        [
          '{"format":"smartserver-license-activation","version":2,"signed":"a.b.c","__proto__":{"x":1}}',
          'FILE_MALFORMED',
        ],
        [
          '{"format":"smartserver-license-activation","version":2,"version":2,"signed":"a.b.c"}',
          'FILE_MALFORMED',
        ],
        [
          `{"format":"smartserver-license-activation","version":2,"signed":"${randomUUID()}"}`,
          'FILE_MALFORMED',
        ],
      ];
      for (const [raw, code] of cases) refusedWith(await add(raw), code);
      for (const raw of ['', '{', '[]', 'null', '{"format":"something-else"}', '['.repeat(5000)]) {
        const reply = await add(raw);
        assert.ok(reply.status >= 400 && reply.status < 500, `${raw.slice(0, 20)}: ${reply.status}`);
        assert.equal(typeof reply.body?.error?.message, 'string');
      }
      const huge = await add(
        JSON.stringify({ format: 'smartserver-license-activation', version: 2, signed: 'a'.repeat(70_000) }),
      );
      assert.equal(huge.status, 413);
      assert.deepEqual(await snapshot(db), before);
    });
  });
}
