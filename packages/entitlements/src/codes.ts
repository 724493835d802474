// The stable result codes of verification, and which of them still leave a usable license.

/**
 * Why a token was refused. Codes are stable: callers switch on them, logs and
 * support tools keep them. The order below is the order the checks run in.
 */
export const VERIFY_FAILURE_CODES = [
  'INVALID_OPTIONS',
  'TOO_LARGE',
  'MALFORMED',
  'ALG_NOT_ALLOWED',
  'WRONG_TYPE',
  'UNSUPPORTED_HEADER',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'CLAIMS_INVALID',
  'WRONG_ISSUER',
  'WRONG_AUDIENCE',
  'CLOCK_ROLLBACK',
  'SUPERSEDED',
  'REVOKED',
  'DUPLICATE',
  'ISSUED_IN_FUTURE',
  'NOT_YET_VALID',
  'EXPIRED',
] as const;
export type VerifyFailureCode = (typeof VERIFY_FAILURE_CODES)[number];
export type VerifyCode = 'OK' | VerifyFailureCode;

/** One line per code: what it means. The README's table is written from this. */
export const VERIFY_CODE_DESCRIPTIONS: Readonly<Record<VerifyCode, string>> = {
  OK: 'signature, header and claims all verified; the token is valid now',
  INVALID_OPTIONS:
    'the verifier was called with bad options (no keys, bad SmartServer id, bad time); the token was not looked at',
  TOO_LARGE: 'the token is longer than the limit; refused before any parsing',
  MALFORMED:
    'not a compact JWS of three canonical base64url parts holding strict JSON objects (duplicate keys, deep nesting and bad UTF-8 land here)',
  ALG_NOT_ALLOWED:
    'the header algorithm is not on the allow-list (none, HMAC, anything unlisted) or does not fit the key named by kid',
  WRONG_TYPE: 'the typ header is not the entitlement media type',
  UNSUPPORTED_HEADER:
    'the header carries a parameter this verifier does not accept (crit, jwk, jku, x5c, b64, …)',
  UNKNOWN_KEY: 'kid is missing, not a string, or names no key in the trusted key set',
  BAD_SIGNATURE: 'the signature is missing, of the wrong length or does not verify',
  CLAIMS_INVALID:
    'signed, but the claims are missing, of the wrong type, or the license claim fails its schema',
  WRONG_ISSUER: 'signed, but iss is not the expected license cloud',
  WRONG_AUDIENCE: 'signed, but bound to another SmartServer (aud) or to another SmartServer key (cnf.jkt)',
  CLOCK_ROLLBACK: 'the clock is further behind the persisted high-water mark than the tolerance allows',
  SUPERSEDED:
    'the License ID was replaced by a transfer (R25): the token names its successor, or the successor is known',
  REVOKED:
    'the activation (jti) was returned from this SmartServer or force-released in the cloud: it is never accepted again',
  DUPLICATE: 'the same License ID appears more than once in one batch or file; only the newest token counts',
  ISSUED_IN_FUTURE: 'iat is later than now plus the allowed clock skew',
  NOT_YET_VALID: 'nbf is later than now plus the allowed clock skew',
  EXPIRED: "the token's own refresh horizon (exp) has passed; the license facts in it are still authentic",
};

/**
 * Codes whose result still carries verified, authentic license claims a caller may
 * rely on. Only `EXPIRED`: the token's refresh horizon passed, but the signature,
 * the issuer, the SmartServer binding and the claims all checked out, so e.g. an
 * expired maintenance token still proves its term end, and a purchased capacity
 * license (which never ends) still proves its capacity. Every other failure means
 * the claims must not be used.
 */
export const USABLE_CODES: ReadonlySet<VerifyCode> = new Set<VerifyCode>(['OK', 'EXPIRED']);

/** Whether a result with this code still carries license claims the caller may rely on. */
export function isUsableCode(code: VerifyCode): boolean {
  return USABLE_CODES.has(code);
}
