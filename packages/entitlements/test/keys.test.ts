import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateIssuerKeyPair,
  importKeySet,
  importSigningKey,
  publicJwkOf,
  MAX_KEYS_PER_SET,
} from '@smartserver-licensing/entitlements';
import { makeKit } from './fixtures.js';

const kit = await makeKit();

describe('key generation', () => {
  it('generates Ed25519 by default, named by its RFC 7638 thumbprint', async () => {
    const pair = await generateIssuerKeyPair();
    assert.ok(pair.ok);
    assert.equal(pair.value.publicJwk.crv, 'Ed25519');
    assert.equal(pair.value.publicJwk.alg, 'EdDSA');
    assert.match(pair.value.kid, /^[A-Za-z0-9_-]{43}$/);
    assert.equal('d' in pair.value.publicJwk, false);
    assert.equal(typeof pair.value.privateJwk.d, 'string');
  });

  it('generates ES256 keys on request, and refuses a bad kid or alg', async () => {
    const ec = await generateIssuerKeyPair({ alg: 'ES256', kid: 'ec-2026' });
    assert.ok(ec.ok);
    assert.equal(ec.value.publicJwk.crv, 'P-256');
    const badKid = await generateIssuerKeyPair({ kid: 'has space' });
    assert.equal(!badKid.ok && badKid.error.code, 'INVALID_OPTIONS');
    const badAlg = await generateIssuerKeyPair({ alg: 'RS256' as never });
    assert.equal(!badAlg.ok && badAlg.error.code, 'INVALID_OPTIONS');
  });

  it('derives the public JWK from a private one', () => {
    const pub = publicJwkOf(kit.k1.privateJwk);
    assert.ok(pub.ok);
    assert.deepEqual(pub.value, kit.k1.publicJwk);
  });
});

describe('importKeySet', () => {
  it('holds several keys at once, by kid, and exports them back as JWKS', () => {
    assert.deepEqual([...kit.keys.kids], ['k1', 'k2', 'ec1']);
    assert.equal(kit.keys.get('k2')?.alg, 'EdDSA');
    assert.equal(kit.keys.get('__proto__'), undefined);
    assert.equal(kit.keys.toJwks().keys.length, 3);
  });

  const refused: Array<[string, unknown]> = [
    ['not an object', 'keys'],
    ['no keys array', { key: [] }],
    ['an empty set', { keys: [] }],
    ['a private key', { keys: [kit.k1.privateJwk] }],
    ['a duplicate kid', { keys: [kit.k1.publicJwk, { ...kit.k2.publicJwk, kid: 'k1' }] }],
    ['a key without kid', { keys: [{ ...kit.k1.publicJwk, kid: undefined }] }],
    ['an RSA key', { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'r' }] }],
    ['a symmetric key', { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 's' }] }],
    ['an Ed448 key', { keys: [{ ...kit.k1.publicJwk, crv: 'Ed448' }] }],
    ['a key whose alg does not fit its curve', { keys: [{ ...kit.k1.publicJwk, alg: 'HS256' }] }],
    ['an encryption key', { keys: [{ ...kit.k1.publicJwk, use: 'enc' }] }],
    ['a short coordinate', { keys: [{ ...kit.k1.publicJwk, x: 'AAAA' }] }],
    ['a P-256 key without y', { keys: [{ ...kit.ec.publicJwk, y: undefined }] }],
    [
      'too many keys',
      {
        keys: Array.from({ length: MAX_KEYS_PER_SET + 1 }, (_, i) => ({ ...kit.k1.publicJwk, kid: `k${i}` })),
      },
    ],
  ];
  for (const [name, jwks] of refused) {
    it(`refuses ${name} with INVALID_KEY`, async () => {
      const result = await importKeySet(jwks);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, 'INVALID_KEY');
    });
  }

  it('refuses a P-256 point that is not on the curve', async () => {
    const result = await importKeySet({ keys: [{ ...kit.ec.publicJwk, y: kit.ec.publicJwk.x }] });
    assert.equal(!result.ok && result.error.code, 'INVALID_KEY');
  });
});

describe('importSigningKey', () => {
  it('needs the private part', async () => {
    const result = await importSigningKey(kit.k1.publicJwk);
    assert.equal(!result.ok && result.error.code, 'INVALID_KEY');
  });
});
