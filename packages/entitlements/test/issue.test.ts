import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeEntitlementUnverified,
  ENTITLEMENT_TYPE,
  issueEntitlement,
  LICENSE_CLAIM,
  type IssueEntitlementInput,
} from '@smartserver-licensing/entitlements';
import { capacityLicense, ISSUER, makeKit, maintenanceLicense, NOW, NOW_S, SID } from './fixtures.js';

const kit = await makeKit();
const input = (over: Partial<IssueEntitlementInput> = {}): IssueEntitlementInput => ({
  license: capacityLicense(),
  smartServerId: SID,
  issuer: ISSUER,
  signingKey: kit.signer1,
  now: NOW,
  ...over,
});

describe('issueEntitlement', () => {
  it('writes the header and claims the verifier expects', async () => {
    const issued = await issueEntitlement(input());
    assert.ok(issued.ok);
    const decoded = decodeEntitlementUnverified(issued.value);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.verified, false);
    assert.deepEqual(decoded.value.header, { alg: 'EdDSA', typ: ENTITLEMENT_TYPE, kid: 'k1' });
    const p = decoded.value.payload;
    assert.equal(p['iss'], ISSUER);
    assert.equal(p['aud'], SID);
    assert.equal(p['sub'], capacityLicense().licenseId);
    assert.equal(p['iat'], NOW_S);
    assert.equal(p['nbf'], NOW_S);
    assert.match(String(p['jti']), /^[0-9a-f-]{36}$/);
    assert.deepEqual(p[LICENSE_CLAIM], capacityLicense());
  });

  it('R15: keeps the token exp apart from the maintenance term end', async () => {
    const issued = await issueEntitlement(
      input({ license: maintenanceLicense(), expiresAt: NOW.getTime() + 1000 * 3600 }),
    );
    assert.ok(issued.ok);
    const decoded = decodeEntitlementUnverified(issued.value);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.payload['exp'], NOW_S + 3600);
    assert.equal((decoded.value.payload[LICENSE_CLAIM] as { termEnd: string }).termEnd, '2029-01-11');
  });

  it('signs with a private JWK given directly', async () => {
    const issued = await issueEntitlement(input({ signingKey: kit.k2.privateJwk as never }));
    assert.ok(issued.ok);
  });

  const refused: Array<[string, Partial<IssueEntitlementInput>, string]> = [
    [
      'R6: a capacity that differs from its model',
      { license: capacityLicense({ capacity: 5 }) },
      'INVALID_CLAIMS',
    ],
    [
      'a License ID that is not a UUID',
      { license: capacityLicense({ licenseId: 'EID-1' }) },
      'INVALID_CLAIMS',
    ],
    ['a bad SmartServer id', { smartServerId: 'bad id' }, 'INVALID_OPTIONS'],
    ['an empty issuer', { issuer: '' }, 'INVALID_OPTIONS'],
    ['an invalid time', { now: Number.NaN }, 'INVALID_OPTIONS'],
    ['an exp before iat', { expiresAt: NOW.getTime() - 1000 }, 'INVALID_OPTIONS'],
    ['a public key to sign with', { signingKey: kit.k1.publicJwk as never }, 'INVALID_KEY'],
  ];
  for (const [name, over, code] of refused) {
    it(`refuses ${name} with ${code}`, async () => {
      const issued = await issueEntitlement(input(over));
      assert.equal(issued.ok, false);
      if (!issued.ok) assert.equal(issued.error.code, code);
    });
  }
});

describe('decodeEntitlementUnverified', () => {
  it('refuses what is not a compact token, with a typed error', () => {
    for (const bad of [42, 'a.b', 'x'.repeat(10_000), 'e30.bm90IGpzb24.']) {
      const decoded = decodeEntitlementUnverified(bad);
      assert.equal(decoded.ok, false);
    }
  });
});
