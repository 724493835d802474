import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateSmartServerKey,
  installCodeOf,
  keyThumbprint,
  loadSmartServerKey,
  signSmartServerMessage,
  verifySmartServerMessage,
} from '@smartserver-licensing/entitlements';
import { b64url, makeKit, NOW_S, SID } from './fixtures.js';

const kit = await makeKit();
const { ss, otherSs } = kit;

const receipt = {
  smartServerId: SID,
  keyThumbprint: ss.thumbprint,
  licenseId: 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2',
  activationId: 'c0ffee00-0000-4000-8000-000000000001',
  returnedAt: '2026-03-01T12:00:00Z',
};
const assertion = (over: Record<string, unknown> = {}) => ({
  iss: SID,
  aud: 'https://license-cloud.example',
  iat: NOW_S,
  exp: NOW_S + 120,
  jti: '5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
  htm: 'POST',
  htu: '/api/v2/smartserver/returns',
  bh: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
  acct: '2133c667-af41-4518-94df-a2bb3b775330',
  ...over,
});
const sign = async (
  kind: Parameters<typeof signSmartServerMessage>[0],
  claims: Record<string, unknown>,
  key = ss,
) => {
  const signed = await signSmartServerMessage(kind, claims, key);
  assert.ok(signed.ok);
  return signed.value;
};

describe('SmartServer key and Install Code', () => {
  it('derives the Install Code from the public key: five groups of four unambiguous letters', async () => {
    assert.match(ss.installCode, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    assert.equal(await installCodeOf(ss.publicKey), ss.installCode);
    assert.equal(await keyThumbprint(ss.publicKey), ss.thumbprint);
    assert.notEqual(ss.installCode, otherSs.installCode);
  });

  it('loads a stored key back to the same identity', async () => {
    const loaded = await loadSmartServerKey(JSON.parse(JSON.stringify(ss.privateKey)));
    assert.ok(loaded.ok);
    assert.equal(loaded.value.installCode, ss.installCode);
  });

  it('refuses a stored key whose private part belongs to another key, or that is not a key', async () => {
    const mixed = await loadSmartServerKey({ ...ss.privateKey, d: otherSs.privateKey.d });
    assert.equal(mixed.ok ? 'loaded' : mixed.error.code, 'INVALID_KEY');
    for (const bad of [
      null,
      'key',
      {},
      { ...ss.privateKey, d: 'x' },
      { ...ss.privateKey, kty: 'EC' },
      [ss.privateKey],
    ]) {
      const r = await loadSmartServerKey(bad);
      assert.equal(r.ok ? 'loaded' : r.error.code, 'INVALID_KEY');
    }
  });

  it('makes a new, different key each time', async () => {
    const a = await generateSmartServerKey();
    assert.ok(a.ok);
    assert.notEqual(a.value.thumbprint, ss.thumbprint);
  });
});

describe('messages a SmartServer signs', () => {
  it('R19: a return receipt verifies with the key it was signed with, and only with that key', async () => {
    const token = await sign('returnReceipt', receipt);
    const good = await verifySmartServerMessage('returnReceipt', token, { publicKey: ss.publicKey });
    assert.ok(good.ok);
    assert.equal(good.claims.activationId, receipt.activationId);
    const other = await verifySmartServerMessage('returnReceipt', token, { publicKey: otherSs.publicKey });
    assert.equal(other.ok ? 'ok' : other.code, 'UNKNOWN_KEY');
    const forged = await sign('returnReceipt', receipt, otherSs);
    const byOther = await verifySmartServerMessage('returnReceipt', forged, { publicKey: ss.publicKey });
    assert.equal(byOther.ok ? 'ok' : byOther.code, 'UNKNOWN_KEY');
    const noKey = await verifySmartServerMessage('returnReceipt', token);
    assert.equal(noKey.ok ? 'ok' : noKey.code, 'UNKNOWN_KEY');
  });

  it('R20: an activation request carries its own key and proves possession of it', async () => {
    const token = await sign('activationRequest', {
      requestId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      smartServerId: SID,
      segmentController: 'Plant room',
      installCode: ss.installCode,
      publicKey: ss.publicKey,
      createdAt: '2026-03-01T12:00:00Z',
    });
    const read = await verifySmartServerMessage('activationRequest', token);
    assert.ok(read.ok);
    assert.equal(read.thumbprint, ss.thumbprint);
    // An Install Code that does not belong to the key: refused, so a person comparing codes is not misled.
    const wrongCode = await sign('activationRequest', {
      requestId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      smartServerId: SID,
      segmentController: 'Plant room',
      installCode: otherSs.installCode,
      publicKey: ss.publicKey,
      createdAt: '2026-03-01T12:00:00Z',
    });
    const mismatch = await verifySmartServerMessage('activationRequest', wrongCode);
    assert.equal(mismatch.ok ? 'ok' : mismatch.code, 'CLAIMS_INVALID');
    // The same request claiming another SmartServer's key, signed by ours: refused.
    const claimsOther = await sign('activationRequest', {
      requestId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      smartServerId: SID,
      segmentController: 'Plant room',
      installCode: otherSs.installCode,
      publicKey: otherSs.publicKey,
      createdAt: '2026-03-01T12:00:00Z',
    });
    const refused = await verifySmartServerMessage('activationRequest', claimsOther);
    assert.equal(refused.ok ? 'ok' : refused.code, 'UNKNOWN_KEY');
  });

  it('refuses a message of one kind presented as another (typ)', async () => {
    const token = await sign('returnReceipt', receipt);
    const asAssertion = await verifySmartServerMessage('assertion', token, {
      publicKey: ss.publicKey,
      now: NOW_S * 1000,
    });
    assert.equal(asAssertion.ok ? 'ok' : asAssertion.code, 'MALFORMED');
  });

  it('refuses a rewritten payload, a flipped signature, extra header parameters and unknown claims', async () => {
    const token = await sign('returnReceipt', receipt);
    const [h, , s] = token.split('.') as [string, string, string];
    const rewritten = `${h}.${b64url(JSON.stringify({ ...receipt, licenseId: '7d4f2c1e-9a8b-4c3d-8e7f-6a5b4c3d2e1f' }))}.${s}`;
    const cases: Array<[string, string]> = [
      [rewritten, 'BAD_SIGNATURE'],
      [`${h}.${token.split('.')[1]}.${s.slice(0, -2)}AA`, 'BAD_SIGNATURE'],
      ['not.a.jws!', 'MALFORMED'],
      ['x'.repeat(20_000), 'MALFORMED'],
      [await sign('returnReceipt', { ...receipt, extra: 1 }), 'CLAIMS_INVALID'],
      [await sign('returnReceipt', { ...receipt, activationId: 'x' }), 'CLAIMS_INVALID'],
    ];
    const withJku = `${b64url(JSON.stringify({ alg: 'EdDSA', typ: 'smartserver-return-receipt+jwt', kid: ss.thumbprint, jku: 'https://evil' }))}.${token.split('.')[1]}.${s}`;
    cases.push([withJku, 'MALFORMED']);
    for (const [input, code] of cases) {
      const r = await verifySmartServerMessage('returnReceipt', input, { publicKey: ss.publicKey });
      assert.equal(r.ok ? 'ok' : r.code, code, input.slice(0, 40));
    }
    for (const input of [undefined, null, 42, {}]) {
      const r = await verifySmartServerMessage('returnReceipt', input, { publicKey: ss.publicKey });
      assert.equal(r.ok ? 'ok' : r.code, 'MALFORMED');
    }
  });

  it('accepts a request assertion only inside its time window', async () => {
    const now = NOW_S * 1000;
    const check = async (over: Record<string, unknown>, at = now) => {
      const r = await verifySmartServerMessage('assertion', await sign('assertion', assertion(over)), {
        publicKey: ss.publicKey,
        now: at,
      });
      return r.ok ? 'ok' : r.code;
    };
    assert.equal(await check({}), 'ok');
    assert.equal(await check({}, now + 200_000), 'EXPIRED');
    assert.equal(await check({ iat: NOW_S + 600, exp: NOW_S + 700 }), 'ISSUED_IN_FUTURE');
    assert.equal(await check({ exp: NOW_S + 3600 }), 'TOO_LONG_LIVED');
    assert.equal(await check({ htm: 'TRACE' }), 'CLAIMS_INVALID');
    assert.equal(await check({ htu: 'https://elsewhere/x' }), 'CLAIMS_INVALID');
    const noClock = await verifySmartServerMessage('assertion', await sign('assertion', assertion()), {
      publicKey: ss.publicKey,
    });
    assert.equal(noClock.ok ? 'ok' : noClock.code, 'EXPIRED');
  });

  it('a registration assertion carries its key; a registered key must match it', async () => {
    const token = await sign('assertion', assertion({ jwk: ss.publicKey }));
    const self = await verifySmartServerMessage('assertion', token, { now: NOW_S * 1000 });
    assert.ok(self.ok);
    assert.equal(self.thumbprint, ss.thumbprint);
    const registeredOther = await verifySmartServerMessage('assertion', token, {
      publicKey: otherSs.publicKey,
      now: NOW_S * 1000,
    });
    assert.equal(registeredOther.ok ? 'ok' : registeredOther.code, 'UNKNOWN_KEY');
  });
});
