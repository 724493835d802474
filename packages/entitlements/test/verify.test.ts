import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  advanceClock,
  importKeySet,
  INITIAL_CLOCK_STATE,
  isUsableCode,
  VERIFY_CODE_DESCRIPTIONS,
  VERIFY_FAILURE_CODES,
  verifyEntitlement,
  verifyEntitlements,
  type VerifyOptions,
} from '@smartserver-licensing/entitlements';
import {
  capacityLicense,
  coreLicense,
  DAY,
  maintenanceLicense,
  makeKit,
  NOW,
  NOW_S,
  OTHER_LICENSE_ID,
  THIRD_LICENSE_ID,
  trialLicense,
} from './fixtures.js';

const kit = await makeKit();

describe('verifyEntitlement: honest tokens', () => {
  it('R3: verifies a capacity token and returns its schema-checked claims', async () => {
    const result = await verifyEntitlement(await kit.issue(), kit.options());
    assert.ok(result.valid, result.message);
    assert.equal(result.code, 'OK');
    assert.equal(result.entitlement.kid, 'k1');
    assert.equal(result.entitlement.alg, 'EdDSA');
    assert.equal(result.entitlement.license.kind, 'capacity');
    assert.equal(result.entitlement.license.capacity, 200);
    assert.equal(result.entitlement.expiresAt - result.entitlement.issuedAt, 365 * DAY);
  });

  it('R2: verifies a Core license token', async () => {
    const result = await verifyEntitlement(await kit.issue({ license: coreLicense() }), kit.options());
    assert.equal(result.code, 'OK');
  });

  it('accepts ES256 tokens alongside EdDSA, and refuses them when the allow-list says EdDSA only', async () => {
    const token = await kit.issue({ signingKey: kit.signerEc });
    assert.equal((await verifyEntitlement(token, kit.options())).code, 'OK');
    assert.equal(
      (await verifyEntitlement(token, kit.options({ algorithms: ['EdDSA'] }))).code,
      'ALG_NOT_ALLOWED',
    );
  });

  it('rotates keys: tokens of the old and the new kid both verify while both are trusted', async () => {
    const old = await kit.issue({ signingKey: kit.signer1 });
    const fresh = await kit.issue({ signingKey: kit.signer2 });
    assert.equal((await verifyEntitlement(old, kit.options())).code, 'OK');
    assert.equal((await verifyEntitlement(fresh, kit.options())).code, 'OK');
    const retired = await importKeySet({ keys: [kit.k2.publicJwk] });
    assert.ok(retired.ok);
    assert.equal((await verifyEntitlement(old, kit.options({ keys: retired.value }))).code, 'UNKNOWN_KEY');
    assert.equal((await verifyEntitlement(fresh, kit.options({ keys: retired.value }))).code, 'OK');
  });

  it('takes a plain JWKS object and imports it only once', async () => {
    const jwks = { keys: [kit.k1.publicJwk] };
    const token = await kit.issue();
    const first = await verifyEntitlement(token, kit.options({ keys: jwks }));
    const second = await verifyEntitlement(token, kit.options({ keys: jwks }));
    assert.equal(first.code, 'OK');
    assert.equal(second.code, 'OK');
  });

  it('accepts a token within the clock skew of its nbf and exp', async () => {
    const early = await kit.issue({ now: NOW.getTime() + 30_000 });
    assert.equal((await verifyEntitlement(early, kit.options())).code, 'OK');
    const late = await kit.issue({ now: NOW.getTime() - DAY * 1000, expiresAt: NOW.getTime() - 30_000 });
    assert.equal((await verifyEntitlement(late, kit.options())).code, 'OK');
    assert.equal((await verifyEntitlement(late, kit.options({ clockSkewSeconds: 0 }))).code, 'EXPIRED');
  });
});

describe('usable versus valid', () => {
  it('R16: an expired maintenance token is not valid but usable, and still proves its term end', async () => {
    const token = await kit.issue({
      license: maintenanceLicense(),
      now: NOW.getTime() - 100 * DAY * 1000,
      expiresAt: NOW.getTime() - DAY * 1000,
    });
    const result = await verifyEntitlement(token, kit.options());
    assert.equal(result.valid, false);
    assert.equal(result.code, 'EXPIRED');
    assert.equal(result.usable, true);
    const license = result.entitlement?.license;
    assert.equal(license?.kind === 'maintenance' && license.termEnd, '2029-01-11');
  });

  it('R6: a trial keeps its own expiry, separate from the token exp', async () => {
    const result = await verifyEntitlement(await kit.issue({ license: trialLicense() }), kit.options());
    assert.ok(result.valid);
    const license = result.entitlement.license;
    assert.equal(license.kind === 'capacity' && license.expiresAt, '2026-04-12T09:30:00Z');
    assert.notEqual(result.entitlement.expiresAt, Date.parse('2026-04-12T09:30:00Z') / 1000);
  });

  it('documents every code, and only OK and EXPIRED are usable', () => {
    for (const code of ['OK', ...VERIFY_FAILURE_CODES] as const) {
      assert.ok(VERIFY_CODE_DESCRIPTIONS[code].length > 10, code);
      assert.equal(isUsableCode(code), code === 'OK' || code === 'EXPIRED', code);
    }
  });

  it('gives the claims for display on a refusal found after the signature checked out', async () => {
    const token = await kit.issue({ notBefore: NOW.getTime() + DAY * 1000 });
    const result = await verifyEntitlement(token, kit.options());
    assert.equal(result.code, 'NOT_YET_VALID');
    assert.equal(result.usable, false);
    assert.equal(result.entitlement?.licenseId, capacityLicense().licenseId);
  });
});

describe('clock-rollback defence', () => {
  it('advances the state on success and never moves it backwards', async () => {
    const result = await verifyEntitlement(await kit.issue(), kit.options({ clock: INITIAL_CLOCK_STATE }));
    assert.ok(result.valid);
    assert.deepEqual(result.clock, { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S });
    assert.deepEqual(advanceClock(result.clock, NOW_S - 10, NOW_S - 2 * DAY), result.clock);
  });

  it('survives a DST-sized step back (one hour) within the default tolerance', async () => {
    const clock = { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S + 3600 };
    assert.equal((await verifyEntitlement(await kit.issue(), kit.options({ clock }))).code, 'OK');
  });

  it('reports CLOCK_ROLLBACK beyond the tolerance, which the caller may set', async () => {
    const clock = { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S + 5 * 3600 };
    const token = await kit.issue();
    assert.equal((await verifyEntitlement(token, kit.options({ clock }))).code, 'CLOCK_ROLLBACK');
    assert.equal(
      (await verifyEntitlement(token, kit.options({ clock, rollbackToleranceSeconds: 6 * 3600 }))).code,
      'OK',
    );
  });

  it('R6: turning the clock back cannot revive an expired trial token', async () => {
    const token = await kit.issue({ license: trialLicense(), expiresAt: NOW.getTime() + DAY * 1000 });
    const later = await verifyEntitlement(token, kit.options({ now: NOW.getTime() + 2 * DAY * 1000 }));
    assert.equal(later.code, 'EXPIRED');
    const clock = { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S + 2 * DAY };
    assert.equal((await verifyEntitlement(token, kit.options({ clock }))).code, 'CLOCK_ROLLBACK');
  });
});

describe('options', () => {
  const bad: Array<[string, Partial<VerifyOptions>]> = [
    ['no keys', { keys: undefined as never }],
    ['an empty key set', { keys: { keys: [] } }],
    ['a key set holding a private key', { keys: { keys: [kit.k1.privateJwk] } }],
    ['a bad SmartServer id', { smartServerId: '../x' }],
    ['an empty issuer', { issuer: '' }],
    ['an invalid date', { now: new Date('nope') }],
    ['a NaN time', { now: Number.NaN }],
    ['HS256 on the allow-list', { algorithms: ['HS256' as never] }],
    ['an empty allow-list', { algorithms: [] }],
    ['a huge clock skew', { clockSkewSeconds: 86400 }],
    ['a negative clock skew', { clockSkewSeconds: -1 }],
    ['a raised size limit', { maxTokenChars: 1 << 20 }],
    ['a malformed clock state', { clock: { latestIssuedAt: 'x' } as never }],
    ['superseded as an array', { superseded: [OTHER_LICENSE_ID] as never }],
  ];
  for (const [name, over] of bad) {
    it(`refuses ${name} with INVALID_OPTIONS and never throws`, async () => {
      const result = await verifyEntitlement(await kit.issue(), kit.options(over));
      assert.equal(result.code, 'INVALID_OPTIONS', result.message);
      assert.equal(result.usable, false);
    });
  }

  it('turns options whose getters throw into INVALID_OPTIONS', async () => {
    const hostile = Object.defineProperty(kit.options(), 'issuer', {
      get() {
        throw new Error('boom');
      },
    });
    assert.equal((await verifyEntitlement(await kit.issue(), hostile)).code, 'INVALID_OPTIONS');
  });
});

describe('verifyEntitlements (batch)', () => {
  it('verifies concurrently and keeps the order of the input', async () => {
    const tokens = await Promise.all([
      kit.issue(),
      kit.issue({ license: capacityLicense({ licenseId: OTHER_LICENSE_ID }), smartServerId: 'SID-other' }),
      kit.issue({ license: maintenanceLicense({ licenseId: THIRD_LICENSE_ID }), signingKey: kit.signerEc }),
    ]);
    const batch = await verifyEntitlements(tokens, kit.options({ clock: INITIAL_CLOCK_STATE }));
    assert.deepEqual(
      batch.results.map((r) => r.code),
      ['OK', 'WRONG_AUDIENCE', 'OK'],
    );
    assert.equal(batch.accepted.length, 2);
    assert.deepEqual(batch.clock, { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S });
  });

  it('R25: refuses a License ID that another token of the batch supersedes', async () => {
    const old = await kit.issue();
    const successor = await kit.issue({
      license: capacityLicense({ licenseId: OTHER_LICENSE_ID, supersedes: capacityLicense().licenseId }),
    });
    const batch = await verifyEntitlements([old, successor], kit.options());
    assert.deepEqual(
      batch.results.map((r) => r.code),
      ['SUPERSEDED', 'OK'],
    );
  });

  it('R12: counts a License ID once, keeping the newest token', async () => {
    const older = await kit.issue({ now: NOW.getTime() - 2 * DAY * 1000 });
    const newer = await kit.issue({ now: NOW.getTime() - DAY * 1000, tokenId: 'newer' });
    const batch = await verifyEntitlements([newer, older, newer], kit.options());
    assert.deepEqual(
      batch.results.map((r) => r.code),
      ['OK', 'DUPLICATE', 'DUPLICATE'],
    );
    assert.equal(batch.accepted.length, 1);
  });

  it('refuses a batch that is not an array, with a typed result', async () => {
    const batch = await verifyEntitlements('x' as never, kit.options());
    assert.equal(batch.results[0]?.code, 'INVALID_OPTIONS');
    assert.equal(batch.accepted.length, 0);
  });
});
