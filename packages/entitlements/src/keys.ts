// Issuer keys: generation, the trusted public key set (JWKS) chosen by kid, and signing keys.
// Imported CryptoKeys are cached so that verification never re-imports a JWK.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { describeCause, failure, type EntitlementResult } from './errors.js';
import { SUPPORTED_ALGORITHMS, type EntitlementAlgorithm } from './token.js';

/** A public key as published in a key set. */
export interface PublicJwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  x: string;
  y?: string;
  kid: string;
  alg: EntitlementAlgorithm;
  use: 'sig';
}

/** A private key as kept by the issuer: the public fields plus `d`. Keep it secret. */
export interface PrivateJwk extends PublicJwk {
  d: string;
}

/** A JSON Web Key Set (RFC 7517 §5). */
export interface Jwks {
  keys: PublicJwk[];
}

/** Longest kid accepted; a kid is a name, not a payload. */
export const MAX_KID_CHARS = 128;
/** Most keys one trusted set may hold. */
export const MAX_KEYS_PER_SET = 32;

/** One trusted verification key, imported once. */
export interface TrustedKey {
  readonly kid: string;
  readonly alg: EntitlementAlgorithm;
  readonly key: CryptoKey;
  readonly jwk: PublicJwk;
}

/**
 * The public keys a verifier trusts, looked up by kid. Holding several keys at once
 * lets the issuer rotate: new tokens use the new kid while old ones keep verifying.
 */
export interface KeySet {
  readonly kids: readonly string[];
  get(kid: string): TrustedKey | undefined;
  /** The set as JWKS, e.g. to publish or store it. */
  toJwks(): Jwks;
}

/** A private key ready to sign, imported once. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: EntitlementAlgorithm;
  readonly key: CryptoKey;
}

const CURVE_OF: Record<EntitlementAlgorithm, { kty: 'OKP' | 'EC'; crv: 'Ed25519' | 'P-256' }> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
};

// Public coordinates are 32 bytes: 43 base64url characters.
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
const KID = /^[\x21-\x7e]+$/;

function algorithmOfKey(jwk: Record<string, unknown>): EntitlementAlgorithm | undefined {
  if (jwk['kty'] === 'OKP' && jwk['crv'] === 'Ed25519') return 'EdDSA';
  if (jwk['kty'] === 'EC' && jwk['crv'] === 'P-256') return 'ES256';
  return undefined;
}

/**
 * Checks one JWK's shape and returns its public part. `expectPrivate` decides
 * whether `d` must be present (signing) or must be absent (a trusted set holds
 * public keys only, so a private key is never shipped to a SmartServer by mistake).
 */
function checkJwk(
  input: unknown,
  where: string,
  expectPrivate: boolean,
): EntitlementResult<{ pub: PublicJwk; d?: string }> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failure('INVALID_KEY', `${where}: expected a JWK object`);
  }
  const jwk = input as Record<string, unknown>;
  const alg = algorithmOfKey(jwk);
  if (alg === undefined) {
    return failure('INVALID_KEY', `${where}: only OKP/Ed25519 and EC/P-256 keys are supported`);
  }
  const kid = jwk['kid'];
  if (typeof kid !== 'string' || kid.length > MAX_KID_CHARS || !KID.test(kid)) {
    return failure('INVALID_KEY', `${where}: kid must be 1..${MAX_KID_CHARS} printable ASCII characters`);
  }
  if (jwk['alg'] !== undefined && jwk['alg'] !== alg && !(alg === 'EdDSA' && jwk['alg'] === 'Ed25519')) {
    return failure(
      'INVALID_KEY',
      `${where}: alg ${String(jwk['alg']).slice(0, 20)} does not fit a ${jwk['crv']} key`,
    );
  }
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') {
    return failure('INVALID_KEY', `${where}: use must be "sig"`);
  }
  const x = jwk['x'];
  const y = jwk['y'];
  if (typeof x !== 'string' || !COORDINATE.test(x)) {
    return failure('INVALID_KEY', `${where}: x must be a 32-byte base64url coordinate`);
  }
  if (alg === 'ES256' ? typeof y !== 'string' || !COORDINATE.test(y) : y !== undefined) {
    return failure(
      'INVALID_KEY',
      `${where}: y must be ${alg === 'ES256' ? 'a 32-byte base64url coordinate' : 'absent'}`,
    );
  }
  const d = jwk['d'];
  if (expectPrivate && (typeof d !== 'string' || !COORDINATE.test(d))) {
    return failure('INVALID_KEY', `${where}: a signing key needs its private part d`);
  }
  if (!expectPrivate && d !== undefined) {
    return failure(
      'INVALID_KEY',
      `${where}: holds a private key (d); a trusted key set holds public keys only`,
    );
  }
  const pub: PublicJwk = {
    ...CURVE_OF[alg],
    x,
    ...(alg === 'ES256' ? { y: y as string } : {}),
    kid,
    alg,
    use: 'sig',
  };
  return { ok: true, value: expectPrivate ? { pub, d: d as string } : { pub } };
}

async function importPublic(pub: PublicJwk): Promise<CryptoKey> {
  const { kty, crv, x, y } = pub;
  return (await importJWK({ kty, crv, x, ...(y ? { y } : {}) }, pub.alg, { extractable: true })) as CryptoKey;
}

/**
 * Imports a trusted key set. Every key is imported once here; the returned set
 * hands out the cached CryptoKeys. Refuses private keys, duplicate kids and
 * key types other than Ed25519 and P-256.
 */
export async function importKeySet(jwks: unknown): Promise<EntitlementResult<KeySet>> {
  const keys = typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys))
    return failure('INVALID_KEY', 'key set: expected a JWKS object { "keys": [...] }');
  if (keys.length === 0) return failure('INVALID_KEY', 'key set: holds no keys');
  if (keys.length > MAX_KEYS_PER_SET) {
    return failure('INVALID_KEY', `key set: holds ${keys.length} keys; at most ${MAX_KEYS_PER_SET} accepted`);
  }
  const byKid = new Map<string, TrustedKey>();
  for (const [index, input] of keys.entries()) {
    const checked = checkJwk(input, `key set: keys[${index}]`, false);
    if (!checked.ok) return checked;
    const { pub } = checked.value;
    if (byKid.has(pub.kid))
      return failure('INVALID_KEY', `key set: kid ${JSON.stringify(pub.kid)} appears twice`);
    let key: CryptoKey;
    try {
      key = await importPublic(pub);
    } catch (cause) {
      return failure('INVALID_KEY', `key set: keys[${index}] could not be imported: ${describeCause(cause)}`);
    }
    byKid.set(pub.kid, { kid: pub.kid, alg: pub.alg, key, jwk: pub });
  }
  const kids = Object.freeze([...byKid.keys()]);
  const set: KeySet = {
    kids,
    get: (kid) => byKid.get(kid),
    toJwks: () => ({ keys: [...byKid.values()].map((k) => ({ ...k.jwk })) }),
  };
  return { ok: true, value: Object.freeze(set) };
}

/** Imports an issuer's private JWK (with kid) for {@link issueEntitlement}. */
export async function importSigningKey(privateJwk: unknown): Promise<EntitlementResult<SigningKey>> {
  const checked = checkJwk(privateJwk, 'signing key', true);
  if (!checked.ok) return checked;
  const { pub, d } = checked.value;
  try {
    const key = (await importJWK(
      { kty: pub.kty, crv: pub.crv, x: pub.x, ...(pub.y ? { y: pub.y } : {}), d },
      pub.alg,
    )) as CryptoKey;
    return { ok: true, value: Object.freeze({ kid: pub.kid, alg: pub.alg, key }) };
  } catch (cause) {
    return failure('INVALID_KEY', `signing key could not be imported: ${describeCause(cause)}`);
  }
}

/** The public half of a private JWK, for publishing in a key set. */
export function publicJwkOf(privateJwk: unknown): EntitlementResult<PublicJwk> {
  const checked = checkJwk(privateJwk, 'private key', true);
  return checked.ok ? { ok: true, value: checked.value.pub } : checked;
}

export interface GeneratedKeyPair {
  readonly kid: string;
  readonly privateJwk: PrivateJwk;
  readonly publicJwk: PublicJwk;
}

/**
 * Generates an issuer key pair (Ed25519 unless `alg` says ES256). Without a `kid`
 * the key's RFC 7638 thumbprint is used, so the name follows from the key.
 */
export async function generateIssuerKeyPair(
  options: { kid?: string; alg?: EntitlementAlgorithm } = {},
): Promise<EntitlementResult<GeneratedKeyPair>> {
  const alg = options.alg ?? 'EdDSA';
  if (!SUPPORTED_ALGORITHMS.includes(alg)) {
    return failure('INVALID_OPTIONS', `alg must be one of ${SUPPORTED_ALGORITHMS.join(', ')}`);
  }
  if (options.kid !== undefined && (options.kid.length > MAX_KID_CHARS || !KID.test(options.kid))) {
    return failure('INVALID_OPTIONS', `kid must be 1..${MAX_KID_CHARS} printable ASCII characters`);
  }
  let jwk: JWK;
  try {
    const pair = await generateKeyPair(alg, {
      extractable: true,
      ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
    });
    jwk = await exportJWK(pair.privateKey);
  } catch (cause) {
    return failure('CRYPTO_FAILED', `key generation failed: ${describeCause(cause)}`);
  }
  const { kty, crv, x, y, d } = jwk;
  const kid =
    options.kid ?? (await calculateJwkThumbprint({ kty, crv, x, ...(y ? { y } : {}) } as JWK, 'sha256'));
  const checked = checkJwk({ kty, crv, x, y, d, kid, alg }, 'generated key', true);
  if (!checked.ok) return checked;
  const publicJwk = checked.value.pub;
  return { ok: true, value: { kid, publicJwk, privateJwk: { ...publicJwk, d: checked.value.d! } } };
}
