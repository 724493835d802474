// What an entitlement token looks like: its header type, claim names and the verified view of it.
import type { LicenseClaims } from '@smartserver-licensing/schemas';

/** The `typ` header of every entitlement token (RFC 8725 §3.11: explicit typing). */
export const ENTITLEMENT_TYPE = 'smartserver-license+jwt';

/** The namespaced claim that carries the license (a collision-resistant name, RFC 7519 §4.2). */
export const LICENSE_CLAIM = 'urn:smartserver-licensing:license';

/** Algorithms this SDK can verify. EdDSA (Ed25519) is preferred; ES256 (P-256) is accepted. */
export const SUPPORTED_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type EntitlementAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];

/** Header parameters a token may carry; any other one is refused (`UNSUPPORTED_HEADER`). */
export const ALLOWED_HEADER_PARAMETERS: ReadonlySet<string> = new Set(['alg', 'typ', 'kid']);

/** Claims a token payload may carry; any other one is refused (`CLAIMS_INVALID`). */
export const TOKEN_CLAIM_NAMES = [
  'iss',
  'sub',
  'aud',
  'iat',
  'nbf',
  'exp',
  'jti',
  'cnf',
  LICENSE_CLAIM,
] as const;

/** A token whose signature, header and claims checked out: the facts a verifier may use. */
export interface VerifiedEntitlement {
  /** The compact token itself, as received. */
  readonly token: string;
  /** The trusted key that verified it. */
  readonly kid: string;
  readonly alg: EntitlementAlgorithm;
  /** `iss`: the license cloud that issued it. */
  readonly issuer: string;
  /** `aud`: the SmartServer it is bound to. */
  readonly smartServerId: string;
  /** `sub`: the License ID; always equal to `license.licenseId`. */
  readonly licenseId: string;
  /**
   * `jti`: the activation id. Every binding of a license to a SmartServer has its own; a token
   * re-issued for the same binding keeps it. A returned or revoked activation id is never accepted again.
   */
  readonly tokenId: string;
  /** `cnf.jkt` (RFC 7800, RFC 9449): the thumbprint of the SmartServer key the token is bound to. Absent on first-release tokens. */
  readonly keyThumbprint?: string;
  /** `iat`, `nbf`, `exp` as NumericDate (seconds since the epoch). `exp` is the token's refresh horizon, not the license's end. */
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly expiresAt: number;
  /** The license, checked against the schema and the model catalog. */
  readonly license: LicenseClaims;
}

/** A time given by the caller: a `Date`, or milliseconds since the epoch (like `Date.now()`). */
export type TimeInput = Date | number;

/** Converts a caller's time to NumericDate seconds; `undefined` for anything that is not a real instant. */
export function toSeconds(time: unknown): number | undefined {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) return undefined;
  return Math.floor(ms / 1000);
}
