// The one error type of this package: bad input is refused with a stable code, never thrown.
import type { Result } from '@smartserver-licensing/schemas';

/**
 * Stable codes of {@link PolicyError}:
 * - `INVALID_INPUT`: a value is missing, of the wrong type, or malformed (see `message`).
 * - `INVALID_TIME`: `now`, a date or a date-time does not parse.
 * - `INVALID_TIME_ZONE`: not an IANA time zone this runtime knows.
 * - `UNSUPPORTED_VERSION`: a SmartServer release that does not parse (`3.3`, `3.3 Update 1`).
 * - `UNSUPPORTED_PRODUCT`: an edition/version pair that does not exist (SmartServer Pi before 4.2).
 * - `DUPLICATE_DEVICE`: two devices of the inventory share an id.
 * - `DUPLICATE_LICENSE`: the same License ID is given twice.
 * - `SMARTSERVER_MISSING`: the inventory does not hold the SmartServer itself exactly once (R9).
 * - `TOO_MANY_DEVICES`, `TOO_MANY_LICENSES`: more than a LicenseState can carry.
 * - `MAINTENANCE_EXPIRED`: an extension asked for after the term ended (R15).
 * - `RELEASE_DATE_REQUIRED`: the release-date upgrade form needs the target's release date (R17).
 */
export type PolicyErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_TIME'
  | 'INVALID_TIME_ZONE'
  | 'UNSUPPORTED_VERSION'
  | 'UNSUPPORTED_PRODUCT'
  | 'DUPLICATE_DEVICE'
  | 'DUPLICATE_LICENSE'
  | 'SMARTSERVER_MISSING'
  | 'TOO_MANY_DEVICES'
  | 'TOO_MANY_LICENSES'
  | 'MAINTENANCE_EXPIRED'
  | 'RELEASE_DATE_REQUIRED';

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type PolicyResult<T> = Result<T, PolicyError>;

export function refuse<T>(code: PolicyErrorCode, message: string): PolicyResult<T> {
  return { ok: false, error: new PolicyError(code, message) };
}

export function ok<T>(value: T): PolicyResult<T> {
  return { ok: true, value };
}

/**
 * Runs `body`, turning anything it throws into an `INVALID_INPUT` error: a caller from plain
 * JavaScript can hand us `null` where an array belongs, and still gets a typed answer.
 */
export function guarded<T>(what: string, body: () => PolicyResult<T>): PolicyResult<T> {
  try {
    return body();
  } catch (cause) {
    if (cause instanceof PolicyError) return { ok: false, error: cause };
    const detail = cause instanceof Error ? cause.message : 'the value could not be read';
    return refuse('INVALID_INPUT', `${what}: ${detail.slice(0, 200)}`);
  }
}
