// Verifier options and results, and turning options into one checked, prepared form.
import { MAX_TOKEN_CHARS, parseSmartServerId } from '@smartserver-licensing/schemas';
import { DEFAULT_ROLLBACK_TOLERANCE_SECONDS, isClockState, type ClockState } from './clock.js';
import { isUsableCode, type VerifyFailureCode } from './codes.js';
import { importKeySet, type Jwks, type KeySet } from './keys.js';
import {
  SUPPORTED_ALGORITHMS,
  toSeconds,
  type EntitlementAlgorithm,
  type TimeInput,
  type VerifiedEntitlement,
} from './token.js';
/** Clock skew allowed when the caller names none. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** Largest clock skew a caller may allow: beyond this, skew would hide real expiry. */
export const MAX_CLOCK_SKEW_SECONDS = 600;
/** Largest rollback tolerance a caller may allow. */
export const MAX_ROLLBACK_TOLERANCE_SECONDS = 7 * 24 * 3600;

export interface VerifyOptions {
  /** The trusted public keys. A `KeySet` from `importKeySet`, or a JWKS object (imported once and cached per object). */
  keys: KeySet | Jwks;
  /** This SmartServer's id: the token's `aud` must equal it. */
  smartServerId: string;
  /** The license cloud's name: the token's `iss` must equal it. */
  issuer: string;
  /** The current time (a `Date` or epoch milliseconds). The library never reads the clock itself. */
  now: TimeInput;
  /** Allow-list of algorithms; default both of {@link SUPPORTED_ALGORITHMS}. Narrow it to `['EdDSA']` to refuse ES256. */
  algorithms?: readonly EntitlementAlgorithm[];
  /** Leeway for `iat`, `nbf`, `exp`, in seconds; default 60, at most 600. */
  clockSkewSeconds?: number;
  /** Longest token accepted, refused before parsing; default and maximum `MAX_TOKEN_CHARS` (8192). */
  maxTokenChars?: number;
  /** The persisted high-water mark; without it no rollback check runs. */
  clock?: ClockState;
  /** How far behind `clock` the time may be before `CLOCK_ROLLBACK`; default 3 hours, at most 7 days. */
  rollbackToleranceSeconds?: number;
  /** License IDs known to be replaced by a transfer (R25), or a function that says so. */
  superseded?: ReadonlySet<string> | ((licenseId: string) => boolean);
  /**
   * The thumbprint of this SmartServer's own key: a token bound to a key (`cnf.jkt`) must be
   * bound to this one. Tokens of the first release carry no `cnf` and are judged by `aud` alone.
   */
  keyThumbprint?: string;
  /** Activation ids (`jti`) this SmartServer returned or saw revoked: refused as `REVOKED`. */
  revoked?: ReadonlySet<string> | ((activationId: string) => boolean);
}

/** The token verified: its claims may be used. */
export interface VerifySuccess {
  readonly valid: true;
  readonly code: 'OK';
  readonly usable: true;
  readonly message: string;
  readonly entitlement: VerifiedEntitlement;
  /** The clock state advanced by this token: persist it. */
  readonly clock: ClockState;
}

/**
 * The token was refused. `usable` is true only for codes in `USABLE_CODES`
 * (`EXPIRED`); then `entitlement` holds the authentic claims. `entitlement` is
 * also present, for display only, on other failures found after the signature
 * and claims checked out (`CLOCK_ROLLBACK`, `SUPERSEDED`, `DUPLICATE`,
 * `ISSUED_IN_FUTURE`, `NOT_YET_VALID`).
 */
export interface VerifyFailure {
  readonly valid: false;
  readonly code: VerifyFailureCode;
  readonly usable: boolean;
  readonly message: string;
  readonly entitlement?: VerifiedEntitlement;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

export interface Prepared {
  keys: KeySet;
  smartServerId: string;
  issuer: string;
  now: number;
  algorithms: ReadonlySet<string>;
  skew: number;
  maxTokenChars: number;
  clock: ClockState | undefined;
  tolerance: number;
  isSuperseded: (licenseId: string) => boolean;
  isRevoked: (activationId: string) => boolean;
  keyThumbprint: string | undefined;
}

export function failVerify(
  code: VerifyFailureCode,
  message: string,
  entitlement?: VerifiedEntitlement,
): VerifyFailure {
  return entitlement
    ? { valid: false, code, usable: isUsableCode(code), message, entitlement }
    : { valid: false, code, usable: false, message };
}

const importedSets = new WeakMap<object, Promise<Awaited<ReturnType<typeof importKeySet>>>>();

function isKeySet(keys: unknown): keys is KeySet {
  return typeof keys === 'object' && keys !== null && typeof (keys as KeySet).get === 'function';
}

export async function resolveKeys(keys: unknown): Promise<KeySet | string> {
  if (isKeySet(keys)) return keys;
  if (typeof keys !== 'object' || keys === null) return 'keys must be a KeySet or a JWKS object';
  // A JWKS object is imported once: verifying a token must not re-import its key.
  let pending = importedSets.get(keys);
  if (!pending) {
    pending = importKeySet(keys);
    importedSets.set(keys, pending);
  }
  const imported = await pending;
  return imported.ok ? imported.value : imported.error.message;
}

function boundedNumber(value: unknown, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
    ? value
    : undefined;
}

export async function prepare(options: VerifyOptions): Promise<Prepared | VerifyFailure> {
  if (typeof options !== 'object' || options === null)
    return failVerify('INVALID_OPTIONS', 'expected an options object');
  const keys = await resolveKeys(options.keys);
  if (typeof keys === 'string') return failVerify('INVALID_OPTIONS', keys);
  const id = parseSmartServerId(options.smartServerId);
  if (!id.ok) return failVerify('INVALID_OPTIONS', id.error.message);
  if (typeof options.issuer !== 'string' || options.issuer.length === 0) {
    return failVerify('INVALID_OPTIONS', 'issuer must be a non-empty string');
  }
  const now = toSeconds(options.now);
  if (now === undefined)
    return failVerify('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const algorithms = options.algorithms ?? SUPPORTED_ALGORITHMS;
  if (
    !Array.isArray(algorithms) ||
    algorithms.length === 0 ||
    algorithms.some((a) => !(SUPPORTED_ALGORITHMS as readonly unknown[]).includes(a))
  ) {
    return failVerify(
      'INVALID_OPTIONS',
      `algorithms must be a non-empty subset of ${SUPPORTED_ALGORITHMS.join(', ')}`,
    );
  }
  const skew = boundedNumber(options.clockSkewSeconds, DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS);
  if (skew === undefined)
    return failVerify('INVALID_OPTIONS', `clockSkewSeconds must be 0..${MAX_CLOCK_SKEW_SECONDS}`);
  const maxTokenChars = boundedNumber(options.maxTokenChars, MAX_TOKEN_CHARS, MAX_TOKEN_CHARS);
  if (maxTokenChars === undefined)
    return failVerify('INVALID_OPTIONS', `maxTokenChars must be 0..${MAX_TOKEN_CHARS}`);
  const tolerance = boundedNumber(
    options.rollbackToleranceSeconds,
    DEFAULT_ROLLBACK_TOLERANCE_SECONDS,
    MAX_ROLLBACK_TOLERANCE_SECONDS,
  );
  if (tolerance === undefined) {
    return failVerify(
      'INVALID_OPTIONS',
      `rollbackToleranceSeconds must be 0..${MAX_ROLLBACK_TOLERANCE_SECONDS}`,
    );
  }
  if (options.clock !== undefined && !isClockState(options.clock)) {
    return failVerify('INVALID_OPTIONS', 'clock must be { latestIssuedAt, lastSeenAt } in seconds');
  }
  const isSuperseded = membership(options.superseded);
  if (!isSuperseded)
    return failVerify('INVALID_OPTIONS', 'superseded must be a Set of License IDs or a function');
  const isRevoked = membership(options.revoked);
  if (!isRevoked)
    return failVerify('INVALID_OPTIONS', 'revoked must be a Set of activation ids or a function');
  const { keyThumbprint } = options;
  if (keyThumbprint !== undefined && (typeof keyThumbprint !== 'string' || !THUMBPRINT.test(keyThumbprint))) {
    return failVerify('INVALID_OPTIONS', 'keyThumbprint must be a SHA-256 key thumbprint in base64url');
  }
  return {
    keys,
    smartServerId: id.value,
    issuer: options.issuer,
    now,
    algorithms: new Set(algorithms),
    skew,
    maxTokenChars,
    clock: options.clock,
    tolerance,
    isSuperseded,
    isRevoked,
    keyThumbprint,
  };
}

export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** A set of UUIDs (compared without regard to case) or a predicate; undefined for anything else. */
export function membership(
  given: ReadonlySet<string> | ((id: string) => boolean) | undefined,
): ((id: string) => boolean) | undefined {
  if (given === undefined) return () => false;
  if (typeof given === 'function') return given;
  if (given instanceof Set) {
    const lower = new Set([...given].map((v) => String(v).toLowerCase()));
    return (id) => lower.has(id.toLowerCase());
  }
  return undefined;
}
