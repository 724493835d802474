// The issuer side: sign a license into an entitlement token bound to one SmartServer.
import { CompactSign } from 'jose';
import { parseLicenseClaims, parseSmartServerId, type LicenseClaims } from '@smartserver-licensing/schemas';
import { describeCause, failure, type EntitlementResult } from './errors.js';
import { encodeText } from './encoding.js';
import { importSigningKey, type SigningKey } from './keys.js';
import { ENTITLEMENT_TYPE, LICENSE_CLAIM, toSeconds, type TimeInput } from './token.js';

/** Token lifetime when the caller names none: the refresh horizon, not the license's end. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
/** Longest issuer name accepted. */
export const MAX_ISSUER_CHARS = 256;

export interface IssueEntitlementInput {
  /** The license to sign; checked against the schema and the model catalog first. */
  license: LicenseClaims;
  /** The SmartServer the token is bound to (`aud`). */
  smartServerId: string;
  /** The license cloud's name (`iss`); verifiers require exactly this text. */
  issuer: string;
  /** From {@link importSigningKey}, or a private JWK with kid (imported on each call). */
  signingKey: SigningKey | Record<string, unknown>;
  /** The issue time (`iat`, and `nbf` unless given). */
  now: TimeInput;
  /**
   * The token's own refresh horizon (`exp`); default `now` + {@link DEFAULT_TOKEN_LIFETIME_SECONDS}.
   * Independent of the license's end: a maintenance term ends on `termEnd` whatever `exp` says.
   */
  expiresAt?: TimeInput;
  /** `nbf`; default `now`. */
  notBefore?: TimeInput;
  /** `jti`, the activation id; default a random UUID. */
  tokenId?: string;
  /** `cnf.jkt`: the thumbprint of the SmartServer key the token is bound to (see `keyThumbprint`). */
  keyThumbprint?: string;
}

function isSigningKey(value: unknown): value is SigningKey {
  return typeof value === 'object' && value !== null && 'key' in value && 'kid' in value && 'alg' in value;
}

/**
 * Signs an entitlement token. Bad input comes back as an `EntitlementError`
 * (`INVALID_CLAIMS`, `INVALID_OPTIONS`, `INVALID_KEY`, `CRYPTO_FAILED`); nothing throws.
 */
export async function issueEntitlement(input: IssueEntitlementInput): Promise<EntitlementResult<string>> {
  if (typeof input !== 'object' || input === null)
    return failure('INVALID_OPTIONS', 'expected an options object');
  const license = parseLicenseClaims(input.license);
  if (!license.ok) return failure('INVALID_CLAIMS', license.error.message);
  const aud = parseSmartServerId(input.smartServerId);
  if (!aud.ok) return failure('INVALID_OPTIONS', aud.error.message);
  const { issuer } = input;
  if (typeof issuer !== 'string' || issuer.length === 0 || issuer.length > MAX_ISSUER_CHARS) {
    return failure('INVALID_OPTIONS', `issuer must be 1..${MAX_ISSUER_CHARS} characters`);
  }
  const iat = toSeconds(input.now);
  if (iat === undefined) return failure('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const nbf = input.notBefore === undefined ? iat : toSeconds(input.notBefore);
  const exp =
    input.expiresAt === undefined ? iat + DEFAULT_TOKEN_LIFETIME_SECONDS : toSeconds(input.expiresAt);
  if (nbf === undefined || exp === undefined) {
    return failure('INVALID_OPTIONS', 'notBefore and expiresAt must be valid Dates or epoch milliseconds');
  }
  if (exp <= iat || exp <= nbf)
    return failure('INVALID_OPTIONS', 'expiresAt must be later than now and notBefore');
  const jti = input.tokenId ?? globalThis.crypto.randomUUID();
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 128) {
    return failure('INVALID_OPTIONS', 'tokenId must be 1..128 characters');
  }

  const { keyThumbprint } = input;
  if (keyThumbprint !== undefined && (typeof keyThumbprint !== 'string' || !THUMBPRINT.test(keyThumbprint))) {
    return failure('INVALID_OPTIONS', 'keyThumbprint must be a SHA-256 key thumbprint in base64url');
  }

  let key: SigningKey;
  if (isSigningKey(input.signingKey)) {
    key = input.signingKey;
  } else {
    const imported = await importSigningKey(input.signingKey);
    if (!imported.ok) return imported;
    key = imported.value;
  }

  const payload = {
    iss: issuer,
    sub: license.value.licenseId,
    aud: aud.value,
    iat,
    nbf,
    exp,
    jti,
    ...(keyThumbprint !== undefined ? { cnf: { jkt: keyThumbprint } } : {}),
    [LICENSE_CLAIM]: license.value,
  };
  try {
    const token = await new CompactSign(encodeText(JSON.stringify(payload)))
      .setProtectedHeader({ alg: key.alg, typ: ENTITLEMENT_TYPE, kid: key.kid })
      .sign(key.key);
    return { ok: true, value: token };
  } catch (cause) {
    return failure('CRYPTO_FAILED', `signing failed: ${describeCause(cause)}`);
  }
}
