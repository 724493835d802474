// The checks one token goes through, in their fixed order, with prepared options.
import { compactVerify } from 'jose';
import { isoSeconds, parseLicenseClaims } from '@smartserver-licensing/schemas';
import { advanceClock, rollbackSeconds } from './clock.js';
import { decodeBase64url, decodeJsonPart, isJsonObject } from './encoding.js';
import { MAX_KID_CHARS } from './keys.js';
import {
  ALLOWED_HEADER_PARAMETERS,
  ENTITLEMENT_TYPE,
  LICENSE_CLAIM,
  TOKEN_CLAIM_NAMES,
  type VerifiedEntitlement,
} from './token.js';
import { failVerify, THUMBPRINT, type Prepared, type VerifyResult } from './verify-options.js';

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Both supported algorithms sign with 64 bytes (Ed25519; ES256 as r||s). */
const SIGNATURE_BYTES = 64;

function isTypeAccepted(typ: unknown): boolean {
  if (typeof typ !== 'string') return false;
  const t = typ.toLowerCase();
  return t === ENTITLEMENT_TYPE || t === `application/${ENTITLEMENT_TYPE}`;
}

const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isShortText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
const CLAIM_NAMES: ReadonlySet<string> = new Set(TOKEN_CLAIM_NAMES);

const formatTime = (seconds: number) => isoSeconds(seconds * 1000);

export async function verifyPrepared(token: unknown, p: Prepared): Promise<VerifyResult> {
  // 1. Size and shape, before any parsing.
  if (typeof token !== 'string') return failVerify('MALFORMED', 'a token must be a string');
  if (token.length > p.maxTokenChars) {
    return failVerify(
      'TOO_LARGE',
      `token is ${token.length} characters; at most ${p.maxTokenChars} accepted`,
    );
  }
  if (!COMPACT.test(token)) {
    return failVerify('MALFORMED', 'not a compact JWS: expected three base64url parts separated by dots');
  }
  const [headerPart, payloadPart, signaturePart] = token.split('.') as [string, string, string];

  // 2. Header: algorithm allow-list, type, parameters and key, all before any crypto.
  const header = decodeJsonPart(headerPart, 'header');
  if (typeof header === 'string') return failVerify('MALFORMED', header);
  const { alg, typ, kid } = header;
  if (typeof alg !== 'string' || !p.algorithms.has(alg)) {
    const shown = typeof alg === 'string' ? JSON.stringify(alg.slice(0, 20)) : 'missing';
    return failVerify(
      'ALG_NOT_ALLOWED',
      `algorithm ${shown} is not allowed (${[...p.algorithms].join(', ')})`,
    );
  }
  if (!isTypeAccepted(typ)) return failVerify('WRONG_TYPE', `typ must be ${ENTITLEMENT_TYPE}`);
  const extra = Object.keys(header).filter((name) => !ALLOWED_HEADER_PARAMETERS.has(name));
  if (extra.length > 0) {
    return failVerify(
      'UNSUPPORTED_HEADER',
      `header parameter ${JSON.stringify(extra[0]!.slice(0, 20))} is not accepted`,
    );
  }
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS) {
    return failVerify('UNKNOWN_KEY', 'kid is missing or not a short string');
  }
  const trusted = p.keys.get(kid);
  if (!trusted)
    return failVerify('UNKNOWN_KEY', `no trusted key has kid ${JSON.stringify(kid.slice(0, 40))}`);
  if (trusted.alg !== alg)
    return failVerify('ALG_NOT_ALLOWED', `key ${kid} is an ${trusted.alg} key, not ${alg}`);

  // 3. Cheap checks that save a signature verification.
  const signature = decodeBase64url(signaturePart);
  if (!signature || signature.length !== SIGNATURE_BYTES) {
    return failVerify(
      'BAD_SIGNATURE',
      signaturePart.length === 0 ? 'the signature is missing' : 'the signature has the wrong form or length',
    );
  }
  if (!decodeBase64url(payloadPart)) return failVerify('MALFORMED', 'payload is not canonical base64url');

  // 4. The signature, with the cached key.
  try {
    await compactVerify(token, trusted.key, { algorithms: [alg] });
  } catch {
    return failVerify('BAD_SIGNATURE', 'the signature does not verify with the trusted key');
  }

  // 5. Claims: types first, then who issued it and for whom, then the license itself.
  const payload = decodeJsonPart(payloadPart, 'payload');
  if (typeof payload === 'string') return failVerify('MALFORMED', payload);
  const unknownClaim = Object.keys(payload).find((name) => !CLAIM_NAMES.has(name));
  if (unknownClaim !== undefined) {
    return failVerify('CLAIMS_INVALID', `claim ${JSON.stringify(unknownClaim.slice(0, 40))} is not accepted`);
  }
  const { iss, sub, aud, iat, nbf, exp, jti, cnf } = payload;
  if (!isShortText(iss, 256) || !isShortText(sub, 64) || !isShortText(jti, 128)) {
    return failVerify('CLAIMS_INVALID', 'iss, sub and jti must be non-empty strings');
  }
  if (typeof aud !== 'string') return failVerify('WRONG_AUDIENCE', 'aud must name exactly one SmartServer');
  if (!isNumericDate(iat) || !isNumericDate(nbf) || !isNumericDate(exp)) {
    return failVerify('CLAIMS_INVALID', 'iat, nbf and exp must be non-negative numbers');
  }
  if (exp <= iat || exp <= nbf) return failVerify('CLAIMS_INVALID', 'exp must be later than iat and nbf');
  if (iss !== p.issuer)
    return failVerify(
      'WRONG_ISSUER',
      `issued by ${JSON.stringify(iss.slice(0, 60))}, not the trusted issuer`,
    );
  if (aud !== p.smartServerId) {
    return failVerify(
      'WRONG_AUDIENCE',
      `bound to SmartServer ${JSON.stringify(aud.slice(0, 64))}, not ${p.smartServerId}`,
    );
  }
  let jkt: string | undefined;
  if (cnf !== undefined) {
    const keys = isJsonObject(cnf) ? Object.keys(cnf) : [];
    jkt = isJsonObject(cnf) ? (cnf['jkt'] as string) : undefined;
    if (keys.length !== 1 || typeof jkt !== 'string' || !THUMBPRINT.test(jkt)) {
      return failVerify('CLAIMS_INVALID', 'cnf must be { jkt: <SHA-256 key thumbprint> }');
    }
    if (p.keyThumbprint !== undefined && jkt !== p.keyThumbprint) {
      return failVerify('WRONG_AUDIENCE', `bound to another key of SmartServer ${p.smartServerId}`);
    }
  }
  const license = parseLicenseClaims(payload[LICENSE_CLAIM]);
  if (!license.ok) return failVerify('CLAIMS_INVALID', license.error.message);
  if (license.value.licenseId !== sub)
    return failVerify('CLAIMS_INVALID', 'sub must equal the License ID of the license claim');

  const entitlement: VerifiedEntitlement = Object.freeze({
    token,
    kid,
    alg: trusted.alg,
    issuer: iss,
    smartServerId: aud,
    licenseId: sub,
    tokenId: jti,
    ...(jkt !== undefined ? { keyThumbprint: jkt } : {}),
    issuedAt: iat,
    notBefore: nbf,
    expiresAt: exp,
    license: license.value,
  });

  // 6. Time and state: every refusal that makes the claims unusable comes before EXPIRED,
  // the one refusal that leaves them usable.
  if (p.clock) {
    const behind = rollbackSeconds(p.clock, p.now, p.tolerance);
    if (behind > 0) {
      return failVerify(
        'CLOCK_ROLLBACK',
        `the clock reads ${formatTime(p.now)}, ${Math.ceil(behind / 60)} min further back than the ${p.tolerance / 3600} h tolerance allows`,
        entitlement,
      );
    }
  }
  const successor = license.value.supersededBy;
  if (successor !== undefined) {
    return failVerify('SUPERSEDED', `License ID ${sub} was replaced by ${successor} (R25)`, entitlement);
  }
  if (p.isSuperseded(sub))
    return failVerify('SUPERSEDED', `License ID ${sub} was replaced by a transfer (R25)`, entitlement);
  if (p.isRevoked(jti)) {
    return failVerify(
      'REVOKED',
      `activation ${jti} of License ID ${sub} was returned or revoked; it is never accepted again`,
      entitlement,
    );
  }
  if (iat > p.now + p.skew)
    return failVerify('ISSUED_IN_FUTURE', `issued at ${formatTime(iat)}, in the future`, entitlement);
  if (nbf > p.now + p.skew)
    return failVerify('NOT_YET_VALID', `not valid before ${formatTime(nbf)}`, entitlement);
  if (exp <= p.now - p.skew) {
    return failVerify(
      'EXPIRED',
      `the token expired at ${formatTime(exp)}; its license facts remain authentic`,
      entitlement,
    );
  }
  return {
    valid: true,
    code: 'OK',
    usable: true,
    message: `license ${sub} verified`,
    entitlement,
    clock: advanceClock(p.clock, p.now, iat),
  };
}
