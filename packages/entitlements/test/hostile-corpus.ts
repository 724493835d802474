// The hostile corpus: tokens and files an attacker (or a broken issuer) might send, each with the
// exact code it must produce. Shared by the Node suite and the Chromium suite.
import type { FileFailureCode, VerifyFailureCode, VerifyOptions } from '@smartserver-licensing/entitlements';
import {
  b64url,
  capacityLicense,
  DAY,
  honestHeader,
  honestPayload,
  ISSUER,
  LICENSE_ID,
  maintenanceLicense,
  NOW,
  NOW_S,
  OTHER_LICENSE_ID,
  OTHER_SID,
  rawToken,
  SID,
  type Kit,
} from './fixtures.js';

export interface HostileToken {
  name: string;
  code: VerifyFailureCode;
  token: unknown;
  options?: Partial<VerifyOptions>;
}

const LICENSE = 'urn:smartserver-licensing:license';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Replaces one segment of a compact token. */
function withPart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

/** Flips one bit of the decoded segment and re-encodes it canonically. */
function flipBit(token: string, index: number, byte: number): string {
  const part = token.split('.')[index]!;
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  bytes[byte % bytes.length]! ^= 0x01;
  return withPart(token, index, b64url(bytes));
}

export async function hostileTokens(kit: Kit): Promise<HostileToken[]> {
  const good = await kit.issue();
  const [h, p, s] = good.split('.') as [string, string, string];
  const signed = (
    header: Record<string, unknown> | string,
    payload: Record<string, unknown> | string | Uint8Array,
  ) => rawToken(header, payload, kit.signer1);
  const x = kit.k1.publicJwk.x;
  const xBytes = Uint8Array.from(atob(x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const jwkText = new TextEncoder().encode(JSON.stringify(kit.k1.publicJwk));
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const payloadText = JSON.stringify(honestPayload());

  const cases: HostileToken[] = [
    // RFC 8725 §2.1 / §3.1: algorithm confusion and "none".
    {
      name: 'alg none, no signature',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'none' }), honestPayload(), 'none'),
    },
    {
      name: 'alg None (case variant)',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'None' }), honestPayload(), 'none'),
    },
    {
      name: 'alg NONE with a real signature',
      code: 'ALG_NOT_ALLOWED',
      token: withPart(await signed(honestHeader({ alg: 'NONE' }), honestPayload()), 2, s),
    },
    {
      name: 'HS256 keyed with the public key x bytes',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'HS256' }), honestPayload(), { hmac: xBytes }),
    },
    {
      name: 'HS256 keyed with the public JWK text',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'HS256' }), honestPayload(), { hmac: jwkText }),
    },
    {
      name: 'HS512',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'HS512' }), honestPayload(), { hmac: xBytes }),
    },
    {
      name: 'RS256 (unlisted)',
      code: 'ALG_NOT_ALLOWED',
      token: withPart(await signed(honestHeader({ alg: 'RS256' }), honestPayload()), 2, s),
    },
    {
      name: 'PS256 (unlisted)',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: 'PS256' }), honestPayload()),
    },
    {
      name: 'ES384 (unlisted)',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: 'ES384' }), honestPayload()),
    },
    {
      name: 'ES256K (unlisted)',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: 'ES256K' }), honestPayload()),
    },
    {
      name: 'Ed25519 fully-specified name (unlisted)',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: 'Ed25519' }), honestPayload()),
    },
    {
      name: 'alg missing',
      code: 'ALG_NOT_ALLOWED',
      token: await signed({ typ: 'smartserver-license+jwt', kid: 'k1' }, honestPayload()),
    },
    {
      name: 'alg a number',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: 1 }), honestPayload()),
    },
    {
      name: 'alg an array',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ alg: ['EdDSA'] }), honestPayload()),
    },
    {
      name: 'EdDSA when the caller allows only ES256',
      code: 'ALG_NOT_ALLOWED',
      token: good,
      options: { algorithms: ['ES256'] },
    },
    {
      name: 'ES256 header on an Ed25519 kid (key confusion)',
      code: 'ALG_NOT_ALLOWED',
      token: await rawToken(honestHeader({ alg: 'ES256' }), honestPayload(), kit.signerEc),
    },
    {
      name: 'EdDSA header on the P-256 kid',
      code: 'ALG_NOT_ALLOWED',
      token: await signed(honestHeader({ kid: 'ec1' }), honestPayload()),
    },
    // Explicit typing (RFC 8725 §3.11).
    {
      name: 'typ missing',
      code: 'WRONG_TYPE',
      token: await signed({ alg: 'EdDSA', kid: 'k1' }, honestPayload()),
    },
    {
      name: 'typ JWT',
      code: 'WRONG_TYPE',
      token: await signed(honestHeader({ typ: 'JWT' }), honestPayload()),
    },
    {
      name: 'typ of another token kind (at+jwt)',
      code: 'WRONG_TYPE',
      token: await signed(honestHeader({ typ: 'at+jwt' }), honestPayload()),
    },
    {
      name: 'typ not a string',
      code: 'WRONG_TYPE',
      token: await signed(honestHeader({ typ: ['smartserver-license+jwt'] }), honestPayload()),
    },
    // Keys carried in the token are never trusted.
    {
      name: 'embedded jwk header with the attacker key',
      code: 'UNSUPPORTED_HEADER',
      token: await rawToken(
        honestHeader({ jwk: kit.impostor.publicJwk }),
        honestPayload(),
        kit.signerImpostor,
      ),
    },
    {
      name: 'jku header pointing elsewhere',
      code: 'UNSUPPORTED_HEADER',
      token: await signed(honestHeader({ jku: 'https://evil.example/jwks.json' }), honestPayload()),
    },
    {
      name: 'x5c header',
      code: 'UNSUPPORTED_HEADER',
      token: await signed(honestHeader({ x5c: ['MIIB'] }), honestPayload()),
    },
    {
      name: 'crit header naming exp',
      code: 'UNSUPPORTED_HEADER',
      token: await signed(honestHeader({ crit: ['exp'], exp: 1 }), honestPayload()),
    },
    {
      name: 'crit b64=false (unencoded payload)',
      code: 'UNSUPPORTED_HEADER',
      token: await signed(honestHeader({ crit: ['b64'], b64: false }), honestPayload()),
    },
    {
      name: 'zip header',
      code: 'UNSUPPORTED_HEADER',
      token: await signed(honestHeader({ zip: 'DEF' }), honestPayload()),
    },
    // kid.
    {
      name: 'kid missing',
      code: 'UNKNOWN_KEY',
      token: await signed({ alg: 'EdDSA', typ: 'smartserver-license+jwt' }, honestPayload()),
    },
    {
      name: 'kid unknown',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: 'k9' }), honestPayload()),
    },
    {
      name: 'kid a number',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: 1 }), honestPayload()),
    },
    {
      name: 'kid __proto__',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: '__proto__' }), honestPayload()),
    },
    {
      name: 'kid constructor',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: 'constructor' }), honestPayload()),
    },
    {
      name: 'kid a path',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: '../../../etc/passwd' }), honestPayload()),
    },
    {
      name: 'kid SQL',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: "k1' OR '1'='1" }), honestPayload()),
    },
    {
      name: 'kid empty',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: '' }), honestPayload()),
    },
    {
      name: 'kid very long',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: 'k'.repeat(500) }), honestPayload()),
    },
    {
      name: 'kid null',
      code: 'UNKNOWN_KEY',
      token: await signed(honestHeader({ kid: null }), honestPayload()),
    },
    // Tampering and forged signatures.
    {
      name: 'header tampered (kid k1 -> k2, both trusted)',
      code: 'BAD_SIGNATURE',
      token: withPart(good, 0, b64url(JSON.stringify(honestHeader({ kid: 'k2' })))),
    },
    {
      name: 'payload tampered (capacity 200 -> 1000)',
      code: 'BAD_SIGNATURE',
      token: withPart(
        good,
        1,
        b64url(
          payloadText.replace('"72220-200"', '"72220-1000"').replace('"capacity":200', '"capacity":1000'),
        ),
      ),
    },
    {
      name: 'payload tampered (aud -> another SmartServer)',
      code: 'BAD_SIGNATURE',
      token: withPart(good, 1, b64url(JSON.stringify(honestPayload({ aud: OTHER_SID })))),
    },
    { name: 'payload one bit flipped', code: 'BAD_SIGNATURE', token: flipBit(good, 1, 40) },
    { name: 'signature one bit flipped', code: 'BAD_SIGNATURE', token: flipBit(good, 2, 10) },
    { name: 'signature stripped', code: 'BAD_SIGNATURE', token: `${h}.${p}.` },
    { name: 'signature truncated', code: 'BAD_SIGNATURE', token: `${h}.${p}.${s.slice(0, 40)}` },
    { name: 'signature extended', code: 'BAD_SIGNATURE', token: `${h}.${p}.${s}AAAA` },
    { name: 'signature all zero', code: 'BAD_SIGNATURE', token: `${h}.${p}.${b64url(new Uint8Array(64))}` },
    {
      name: 'signature with non-canonical trailing bits',
      code: 'BAD_SIGNATURE',
      token: `${h}.${p}.${s.slice(0, -1)}${B64[B64.indexOf(s[s.length - 1]!) ^ 1]}`,
    },
    {
      name: 'signed by an impostor key claiming a trusted kid',
      code: 'BAD_SIGNATURE',
      token: await rawToken(honestHeader(), honestPayload(), kit.signerImpostor),
    },
    {
      name: 'signature of another token',
      code: 'BAD_SIGNATURE',
      token: withPart(good, 2, (await kit.issue({ tokenId: 'other' })).split('.')[2]!),
    },
    // Structure.
    { name: 'extra segment (four parts)', code: 'MALFORMED', token: `${good}.${s}` },
    { name: 'five parts (a JWE shape)', code: 'MALFORMED', token: `${h}.${p}.${p}.${p}.${s}` },
    { name: 'two parts', code: 'MALFORMED', token: `${h}.${p}` },
    {
      name: 'JSON flattened serialization',
      code: 'MALFORMED',
      token: JSON.stringify({ protected: h, payload: p, signature: s }),
    },
    {
      name: 'JSON general serialization',
      code: 'MALFORMED',
      token: JSON.stringify({ payload: p, signatures: [{ protected: h, signature: s }] }),
    },
    { name: 'empty string', code: 'MALFORMED', token: '' },
    { name: 'not a string (number)', code: 'MALFORMED', token: 42 },
    { name: 'not a string (object)', code: 'MALFORMED', token: { token: good } },
    { name: 'not a string (null)', code: 'MALFORMED', token: null },
    { name: 'surrounding whitespace', code: 'MALFORMED', token: ` ${good}\n` },
    { name: 'Bearer prefix', code: 'MALFORMED', token: `Bearer ${good}` },
    { name: 'base64 padding characters', code: 'MALFORMED', token: `${h}==.${p}.${s}` },
    {
      name: 'standard base64 alphabet (+/)',
      code: 'MALFORMED',
      token: `${h}.${p.replace(/-/g, '+')}+/.${s}`,
    },
    { name: 'header not JSON', code: 'MALFORMED', token: `${b64url('{alg:EdDSA}')}.${p}.${s}` },
    { name: 'header a JSON array', code: 'MALFORMED', token: `${b64url('["EdDSA"]')}.${p}.${s}` },
    {
      name: 'header with trailing garbage',
      code: 'MALFORMED',
      token: `${b64url(JSON.stringify(honestHeader()) + 'x')}.${p}.${s}`,
    },
    {
      name: 'header duplicate alg (none, then EdDSA)',
      code: 'MALFORMED',
      token: await signed(
        '{"alg":"none","alg":"EdDSA","typ":"smartserver-license+jwt","kid":"k1"}',
        honestPayload(),
      ),
    },
    {
      name: 'header deeply nested',
      code: 'MALFORMED',
      token: await signed(
        `{"alg":"EdDSA","typ":"smartserver-license+jwt","kid":"k1","x":${deep(50)}}`,
        honestPayload(),
      ),
    },
    {
      name: 'payload deeply nested (signed)',
      code: 'MALFORMED',
      token: await signed(honestHeader(), `{"iss":"x","n":${deep(1000)}}`),
    },
    {
      name: 'payload duplicate aud (signed)',
      code: 'MALFORMED',
      token: await signed(honestHeader(), payloadText.replace('"aud":', `"aud":"${OTHER_SID}","aud":`)),
    },
    {
      name: 'payload duplicate claim via escaped key (signed)',
      code: 'MALFORMED',
      token: await signed(honestHeader(), payloadText.replace('"aud":', `"a\\u0075d":"${OTHER_SID}","aud":`)),
    },
    {
      name: 'payload invalid UTF-8 (signed)',
      code: 'MALFORMED',
      token: await signed(honestHeader(), new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
    },
    {
      name: 'payload a JSON string (signed)',
      code: 'MALFORMED',
      token: await signed(honestHeader(), '"hello"'),
    },
    // Size.
    { name: 'one character over the limit', code: 'TOO_LARGE', token: `${h}.${p}.${s}`.padEnd(8193, 'A') },
    { name: 'a megabyte', code: 'TOO_LARGE', token: `${h}.${'A'.repeat(1 << 20)}.${s}` },
    { name: 'over a caller-lowered limit', code: 'TOO_LARGE', token: good, options: { maxTokenChars: 100 } },
    // Claims (all correctly signed: a broken or compromised issuer).
    { name: 'wrong audience', code: 'WRONG_AUDIENCE', token: await kit.issue({ smartServerId: OTHER_SID }) },
    {
      name: 'bound to another key of this SmartServer (cnf.jkt)',
      code: 'WRONG_AUDIENCE',
      token: await kit.issue({ keyThumbprint: kit.otherSs.thumbprint }),
      options: { keyThumbprint: kit.ss.thumbprint },
    },
    {
      name: 'cnf with a member beside jkt',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ cnf: { jkt: kit.ss.thumbprint, x5t: 'a' } })),
    },
    {
      name: 'cnf.jkt not a thumbprint',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ cnf: { jkt: 'abc' } })),
    },
    {
      name: 'cnf a string',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ cnf: kit.ss.thumbprint })),
    },
    {
      name: 'an activation this SmartServer returned',
      code: 'REVOKED',
      token: good,
      options: { revoked: new Set(['C0FFEE00-0000-4000-8000-000000000001']) },
    },
    {
      name: 'an activation the cloud revoked (predicate)',
      code: 'REVOKED',
      token: good,
      options: { revoked: (id: string) => id === 'c0ffee00-0000-4000-8000-000000000001' },
    },
    {
      name: 'audience an array holding this SmartServer',
      code: 'WRONG_AUDIENCE',
      token: await signed(honestHeader(), honestPayload({ aud: [SID] })),
    },
    {
      name: 'wrong issuer',
      code: 'WRONG_ISSUER',
      token: await kit.issue({ issuer: 'https://evil.example' }),
    },
    {
      name: 'issuer differing in case',
      code: 'WRONG_ISSUER',
      token: await kit.issue({ issuer: 'https://LICENSE-cloud.example' }),
    },
    {
      name: 'capacity a string',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: capacityLicense({ capacity: '200' }) })),
    },
    {
      name: 'capacity negative',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: capacityLicense({ capacity: -200 }) })),
    },
    {
      name: 'capacity fractional',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: capacityLicense({ capacity: 200.5 }) })),
    },
    {
      name: 'capacity huge',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: capacityLicense({ capacity: 1e12 }) })),
    },
    {
      name: 'capacity not matching the model',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: capacityLicense({ capacity: 1000 }) })),
    },
    {
      name: 'License ID not a UUID',
      code: 'CLAIMS_INVALID',
      token: await signed(
        honestHeader(),
        honestPayload({ sub: 'EID-12345', [LICENSE]: capacityLicense({ licenseId: 'EID-12345' }) }),
      ),
    },
    {
      name: 'License ID in braces',
      code: 'CLAIMS_INVALID',
      token: await signed(
        honestHeader(),
        honestPayload({
          sub: `{${LICENSE_ID}}`,
          [LICENSE]: capacityLicense({ licenseId: `{${LICENSE_ID}}` }),
        }),
      ),
    },
    {
      name: 'License ID without dashes',
      code: 'CLAIMS_INVALID',
      token: await signed(
        honestHeader(),
        honestPayload({
          sub: LICENSE_ID.replace(/-/g, ''),
          [LICENSE]: capacityLicense({ licenseId: LICENSE_ID.replace(/-/g, '') }),
        }),
      ),
    },
    {
      name: 'sub differs from the License ID',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ sub: OTHER_LICENSE_ID })),
    },
    {
      name: 'license claim missing',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ [LICENSE]: undefined })),
    },
    {
      name: 'license claim with __proto__',
      code: 'CLAIMS_INVALID',
      token: await signed(
        honestHeader(),
        payloadText.replace('{"kind"', '{"__proto__":{"capacity":100000},"kind"'),
      ),
    },
    {
      name: 'unknown extra claim',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ admin: true })),
    },
    {
      name: 'exp a string',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ exp: String(NOW_S + DAY) })),
    },
    {
      name: 'iat missing',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ iat: undefined })),
    },
    {
      name: 'exp before iat',
      code: 'CLAIMS_INVALID',
      token: await signed(honestHeader(), honestPayload({ exp: NOW_S - 2 * DAY })),
    },
    {
      name: 'maintenance claim on a capacity model',
      code: 'CLAIMS_INVALID',
      token: await signed(
        honestHeader(),
        honestPayload({ [LICENSE]: maintenanceLicense({ model: '72220-200' }) }),
      ),
    },
    // Time.
    {
      name: 'expired',
      code: 'EXPIRED',
      token: await kit.issue({
        now: NOW.getTime() - 400 * DAY * 1000,
        expiresAt: NOW.getTime() - DAY * 1000,
      }),
    },
    {
      name: 'expired just beyond the skew',
      code: 'EXPIRED',
      token: await signed(honestHeader(), honestPayload({ exp: NOW_S - 61 })),
    },
    {
      name: 'nbf in the future',
      code: 'NOT_YET_VALID',
      token: await kit.issue({ notBefore: NOW.getTime() + DAY * 1000 }),
    },
    {
      name: 'iat in the future',
      code: 'ISSUED_IN_FUTURE',
      token: await kit.issue({ now: NOW.getTime() + 3600 * 1000 }),
    },
    // State: transfers and the clock.
    {
      name: 'R25: token names its successor (supersededBy)',
      code: 'SUPERSEDED',
      token: await kit.issue({ license: capacityLicense({ supersededBy: OTHER_LICENSE_ID }) }),
    },
    {
      name: 'R25: License ID known to be superseded',
      code: 'SUPERSEDED',
      token: good,
      options: { superseded: new Set([LICENSE_ID.toUpperCase()]) },
    },
    {
      name: "R25: superseded by the caller's lookup",
      code: 'SUPERSEDED',
      token: good,
      options: { superseded: (id) => id === LICENSE_ID },
    },
    {
      name: 'R25: a superseded and expired token is not usable',
      code: 'SUPERSEDED',
      token: await kit.issue({
        license: capacityLicense({ supersededBy: OTHER_LICENSE_ID }),
        now: NOW.getTime() - 400 * DAY * 1000,
        expiresAt: NOW.getTime() - DAY * 1000,
      }),
    },
    {
      name: 'clock set back a day behind the last seen time',
      code: 'CLOCK_ROLLBACK',
      token: good,
      options: { clock: { latestIssuedAt: NOW_S - DAY, lastSeenAt: NOW_S + DAY } },
    },
    {
      name: "clock set back behind an accepted token's iat",
      code: 'CLOCK_ROLLBACK',
      token: good,
      options: { clock: { latestIssuedAt: NOW_S + 10 * DAY, lastSeenAt: 0 } },
    },
  ];
  return cases;
}

export interface HostileFile {
  name: string;
  /** The file's code, or for a file that is read, the code each token must get. */
  code: FileFailureCode | readonly string[];
  text: string;
  /** File ids applied before. */
  applied?: readonly string[];
  options?: Partial<VerifyOptions>;
}

export const FILE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const REQUEST_ID = '1e4a8c2d-6b3f-4a9e-8d7c-5f2e1b0a9c8d';
const FILE_TYPE = 'smartserver-activation-file+jwt';

/** The envelope of a version 2 file around a signed part. */
export const fileText = (signed: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'smartserver-license-activation', version: 2, signed, ...over });

export async function hostileFiles(kit: Kit): Promise<HostileFile[]> {
  const jkt = kit.ss.thumbprint;
  const good = await kit.issue({ keyThumbprint: jkt });
  const other = await kit.issue({
    keyThumbprint: jkt,
    license: capacityLicense({ licenseId: OTHER_LICENSE_ID }),
    tokenId: 'c0ffee00-0000-4000-8000-0000000000aa',
  });
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: SID,
    keyThumbprint: jkt,
    fileId: FILE_ID,
    requestId: REQUEST_ID,
    iat: NOW_S - 3600,
    tokens: [good],
    revoked: [],
    ...over,
  });
  const header = (over: Record<string, unknown> = {}) => ({
    alg: 'EdDSA',
    typ: FILE_TYPE,
    kid: 'k1',
    ...over,
  });
  const file = async (over: Record<string, unknown> = {}, signer = kit.signer1, head = header()) =>
    fileText(await rawToken(head, claims(over), signer));
  const signedGood = await rawToken(header(), claims(), kit.signer1);
  const [gh, gp, gs] = signedGood.split('.') as [string, string, string];
  const v1 = JSON.stringify({
    format: 'smartserver-license-activation',
    version: 1,
    fileId: FILE_ID,
    createdAt: '2026-03-01T10:00:00Z',
    smartServerId: SID,
    tokens: [good],
  });
  return [
    {
      name: 'R20: the same file applied twice',
      code: 'FILE_REPLAYED',
      text: fileText(signedGood),
      applied: [FILE_ID],
    },
    {
      name: 'R20: a version 1 file (unsigned envelope) from the first release',
      code: 'FILE_UNSUPPORTED_VERSION',
      text: v1,
    },
    {
      name: 'R20: a version 1 file given a fresh fileId and createdAt',
      code: 'FILE_UNSUPPORTED_VERSION',
      text: v1.replace(FILE_ID, REQUEST_ID).replace('2026-03-01T10:00:00Z', '2026-03-01T11:59:00Z'),
    },
    {
      name: 'R20: an unknown envelope version',
      code: 'FILE_UNSUPPORTED_VERSION',
      text: fileText(signedGood, { version: 3 }),
    },
    {
      name: 'R20: the signed payload rewritten (new fileId, same signature)',
      code: 'FILE_BAD_SIGNATURE',
      text: fileText(`${gh}.${b64url(JSON.stringify(claims({ fileId: OTHER_LICENSE_ID })))}.${gs}`),
    },
    {
      name: 'R20: one bit of the signed payload flipped',
      code: 'FILE_BAD_SIGNATURE',
      text: fileText(flipBit(signedGood, 1, 40)),
    },
    {
      name: 'R20: signed by a key the SmartServer does not trust',
      code: 'FILE_BAD_SIGNATURE',
      text: await file({}, kit.signerImpostor),
    },
    { name: 'R20: signed with no signature', code: 'FILE_MALFORMED', text: fileText(`${gh}.${gp}.`) },
    {
      name: 'R20: a token passed off as a file (wrong typ)',
      code: 'FILE_MALFORMED',
      text: await file({}, kit.signer1, header({ typ: 'smartserver-license+jwt' })),
    },
    {
      name: 'R20: a header parameter beyond alg, typ and kid',
      code: 'FILE_MALFORMED',
      text: await file({}, kit.signer1, header({ jku: 'https://evil.example/keys' })),
    },
    {
      name: 'R20: issued by another license cloud',
      code: 'FILE_BAD_SIGNATURE',
      text: await file({ iss: 'https://evil.example' }),
    },
    {
      name: 'R20: a file for another SmartServer',
      code: 'FILE_WRONG_SMARTSERVER',
      text: await file({ aud: OTHER_SID }),
    },
    {
      name: 'R20: a file for another key of this SmartServer (a reset SmartServer)',
      code: 'FILE_WRONG_SMARTSERVER',
      text: await file({ keyThumbprint: kit.otherSs.thumbprint }),
    },
    { name: 'R20: a file from the future', code: 'FILE_FROM_FUTURE', text: await file({ iat: NOW_S + DAY }) },
    { name: 'R20: not JSON', code: 'FILE_MALFORMED', text: '{"format":' },
    {
      name: 'R20: duplicate keys in the envelope',
      code: 'FILE_MALFORMED',
      text: fileText(signedGood).replace('"signed":', `"signed":"a.b.c","signed":`),
    },
    {
      name: 'R20: duplicate keys in the signed payload',
      code: 'FILE_MALFORMED',
      text: fileText(
        await rawToken(
          header(),
          JSON.stringify(claims()).replace('"aud":', `"aud":"${OTHER_SID}","aud":`),
          kit.signer1,
        ),
      ),
    },
    {
      name: 'R20: deeply nested',
      code: 'FILE_MALFORMED',
      text: `{"format":${'['.repeat(10000)}${']'.repeat(10000)}}`,
    },
    {
      name: 'R20: an unknown field in the envelope',
      code: 'FILE_MALFORMED',
      text: fileText(signedGood, { smartServerId: SID }),
    },
    {
      name: 'R20: an unknown field in the signed payload',
      code: 'FILE_MALFORMED',
      text: await file({ createdAt: '2026-03-01T10:00:00Z' }),
    },
    { name: 'R20: a token that is not a string', code: 'FILE_MALFORMED', text: await file({ tokens: [42] }) },
    {
      name: 'R20: oversized',
      code: 'FILE_TOO_LARGE',
      text: fileText(signedGood, { padding: 'x'.repeat(700 * 1024) }),
    },
    {
      name: 'R20: one token for another SmartServer among good ones',
      code: ['OK', 'WRONG_AUDIENCE'],
      text: await file({
        tokens: [
          good,
          await kit.issue({
            smartServerId: OTHER_SID,
            license: capacityLicense({ licenseId: OTHER_LICENSE_ID }),
          }),
        ],
      }),
    },
    {
      name: 'R20: one token bound to another key among good ones',
      code: ['OK', 'WRONG_AUDIENCE'],
      text: await file({
        tokens: [
          good,
          await kit.issue({
            keyThumbprint: kit.otherSs.thumbprint,
            license: capacityLicense({ licenseId: OTHER_LICENSE_ID }),
          }),
        ],
      }),
    },
    {
      name: 'R20: one forged token among good ones',
      code: ['BAD_SIGNATURE', 'OK'],
      text: await file({ tokens: [flipBit(good, 2, 5), other] }),
    },
    {
      name: 'R20: the same token twice',
      code: ['OK', 'DUPLICATE'],
      text: await file({ tokens: [good, good] }),
    },
    {
      name: 'R19: a token of an activation the file itself revokes',
      code: ['REVOKED', 'OK'],
      text: await file({ tokens: [good, other], revoked: ['c0ffee00-0000-4000-8000-000000000001'] }),
    },
    {
      name: 'R19: a token of an activation returned earlier (tombstone)',
      code: ['REVOKED'],
      text: await file(),
      options: { revoked: new Set(['c0ffee00-0000-4000-8000-000000000001']) },
    },
    {
      name: 'R25: a transferred license next to its successor',
      code: ['SUPERSEDED', 'OK'],
      text: await file({
        tokens: [
          good,
          await kit.issue({
            keyThumbprint: jkt,
            license: capacityLicense({ licenseId: OTHER_LICENSE_ID, supersedes: LICENSE_ID }),
          }),
        ],
      }),
    },
    {
      name: 'R20: a file read with the clock set back',
      code: ['CLOCK_ROLLBACK'],
      text: await file(),
      options: { clock: { latestIssuedAt: 0, lastSeenAt: NOW_S + 2 * DAY } },
    },
  ];
}
