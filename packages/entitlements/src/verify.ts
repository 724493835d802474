// The verifier side: every check a SmartServer runs before it believes a token, in a fixed order.
import { compactVerify } from 'jose';
import { MAX_TOKEN_CHARS, parseLicenseClaims, parseSmartServerId } from '@smartserver-licensing/schemas';
import {
  advanceClock,
  DEFAULT_ROLLBACK_TOLERANCE_SECONDS,
  isClockState,
  rollbackSeconds,
  type ClockState,
} from './clock.js';
import { isUsableCode, type VerifyFailureCode } from './codes.js';
import { decodeBase64url, decodeUtf8, isJsonObject, parseStrictJson } from './encoding.js';
import { importKeySet, MAX_KID_CHARS, type Jwks, type KeySet } from './keys.js';
import {
  ALLOWED_HEADER_PARAMETERS,
  ENTITLEMENT_TYPE,
  LICENSE_CLAIM,
  SUPPORTED_ALGORITHMS,
  TOKEN_CLAIM_NAMES,
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

interface Prepared {
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

function refuse(code: VerifyFailureCode, message: string, entitlement?: VerifiedEntitlement): VerifyFailure {
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

async function prepare(options: VerifyOptions): Promise<Prepared | VerifyFailure> {
  if (typeof options !== 'object' || options === null)
    return refuse('INVALID_OPTIONS', 'expected an options object');
  const keys = await resolveKeys(options.keys);
  if (typeof keys === 'string') return refuse('INVALID_OPTIONS', keys);
  const id = parseSmartServerId(options.smartServerId);
  if (!id.ok) return refuse('INVALID_OPTIONS', id.error.message);
  if (typeof options.issuer !== 'string' || options.issuer.length === 0) {
    return refuse('INVALID_OPTIONS', 'issuer must be a non-empty string');
  }
  const now = toSeconds(options.now);
  if (now === undefined) return refuse('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const algorithms = options.algorithms ?? SUPPORTED_ALGORITHMS;
  if (
    !Array.isArray(algorithms) ||
    algorithms.length === 0 ||
    algorithms.some((a) => !(SUPPORTED_ALGORITHMS as readonly unknown[]).includes(a))
  ) {
    return refuse(
      'INVALID_OPTIONS',
      `algorithms must be a non-empty subset of ${SUPPORTED_ALGORITHMS.join(', ')}`,
    );
  }
  const skew = boundedNumber(options.clockSkewSeconds, DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS);
  if (skew === undefined)
    return refuse('INVALID_OPTIONS', `clockSkewSeconds must be 0..${MAX_CLOCK_SKEW_SECONDS}`);
  const maxTokenChars = boundedNumber(options.maxTokenChars, MAX_TOKEN_CHARS, MAX_TOKEN_CHARS);
  if (maxTokenChars === undefined)
    return refuse('INVALID_OPTIONS', `maxTokenChars must be 0..${MAX_TOKEN_CHARS}`);
  const tolerance = boundedNumber(
    options.rollbackToleranceSeconds,
    DEFAULT_ROLLBACK_TOLERANCE_SECONDS,
    MAX_ROLLBACK_TOLERANCE_SECONDS,
  );
  if (tolerance === undefined) {
    return refuse('INVALID_OPTIONS', `rollbackToleranceSeconds must be 0..${MAX_ROLLBACK_TOLERANCE_SECONDS}`);
  }
  if (options.clock !== undefined && !isClockState(options.clock)) {
    return refuse('INVALID_OPTIONS', 'clock must be { latestIssuedAt, lastSeenAt } in seconds');
  }
  const isSuperseded = membership(options.superseded);
  if (!isSuperseded)
    return refuse('INVALID_OPTIONS', 'superseded must be a Set of License IDs or a function');
  const isRevoked = membership(options.revoked);
  if (!isRevoked) return refuse('INVALID_OPTIONS', 'revoked must be a Set of activation ids or a function');
  const { keyThumbprint } = options;
  if (keyThumbprint !== undefined && (typeof keyThumbprint !== 'string' || !THUMBPRINT.test(keyThumbprint))) {
    return refuse('INVALID_OPTIONS', 'keyThumbprint must be a SHA-256 key thumbprint in base64url');
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

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** A set of UUIDs (compared without regard to case) or a predicate; undefined for anything else. */
function membership(
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

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Both supported algorithms sign with 64 bytes (Ed25519; ES256 as r||s). */
const SIGNATURE_BYTES = 64;

function decodeJsonPart(part: string, what: string): Record<string, unknown> | string {
  const bytes = decodeBase64url(part);
  if (!bytes) return `${what} is not canonical base64url`;
  const text = decodeUtf8(bytes);
  if (text === undefined) return `${what} is not valid UTF-8`;
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return `${what} is not strict JSON: ${parsed.problem}`;
  if (!isJsonObject(parsed.value)) return `${what} is not a JSON object`;
  return parsed.value;
}

function isTypeAccepted(typ: unknown): boolean {
  if (typeof typ !== 'string') return false;
  const t = typ.toLowerCase();
  return t === ENTITLEMENT_TYPE || t === `application/${ENTITLEMENT_TYPE}`;
}

const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isShortText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
const CLAIM_NAMES: ReadonlySet<string> = new Set(TOKEN_CLAIM_NAMES);

function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

async function verifyPrepared(token: unknown, p: Prepared): Promise<VerifyResult> {
  // 1. Size and shape, before any parsing.
  if (typeof token !== 'string') return refuse('MALFORMED', 'a token must be a string');
  if (token.length > p.maxTokenChars) {
    return refuse('TOO_LARGE', `token is ${token.length} characters; at most ${p.maxTokenChars} accepted`);
  }
  if (!COMPACT.test(token)) {
    return refuse('MALFORMED', 'not a compact JWS: expected three base64url parts separated by dots');
  }
  const [headerPart, payloadPart, signaturePart] = token.split('.') as [string, string, string];

  // 2. Header: algorithm allow-list, type, parameters and key, all before any crypto.
  const header = decodeJsonPart(headerPart, 'header');
  if (typeof header === 'string') return refuse('MALFORMED', header);
  const { alg, typ, kid } = header;
  if (typeof alg !== 'string' || !p.algorithms.has(alg)) {
    const shown = typeof alg === 'string' ? JSON.stringify(alg.slice(0, 20)) : 'missing';
    return refuse('ALG_NOT_ALLOWED', `algorithm ${shown} is not allowed (${[...p.algorithms].join(', ')})`);
  }
  if (!isTypeAccepted(typ)) return refuse('WRONG_TYPE', `typ must be ${ENTITLEMENT_TYPE}`);
  const extra = Object.keys(header).filter((name) => !ALLOWED_HEADER_PARAMETERS.has(name));
  if (extra.length > 0) {
    return refuse(
      'UNSUPPORTED_HEADER',
      `header parameter ${JSON.stringify(extra[0]!.slice(0, 20))} is not accepted`,
    );
  }
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS) {
    return refuse('UNKNOWN_KEY', 'kid is missing or not a short string');
  }
  const trusted = p.keys.get(kid);
  if (!trusted) return refuse('UNKNOWN_KEY', `no trusted key has kid ${JSON.stringify(kid.slice(0, 40))}`);
  if (trusted.alg !== alg)
    return refuse('ALG_NOT_ALLOWED', `key ${kid} is an ${trusted.alg} key, not ${alg}`);

  // 3. Cheap checks that save a signature verification.
  const signature = decodeBase64url(signaturePart);
  if (!signature || signature.length !== SIGNATURE_BYTES) {
    return refuse(
      'BAD_SIGNATURE',
      signaturePart.length === 0 ? 'the signature is missing' : 'the signature has the wrong form or length',
    );
  }
  if (!decodeBase64url(payloadPart)) return refuse('MALFORMED', 'payload is not canonical base64url');

  // 4. The signature, with the cached key.
  try {
    await compactVerify(token, trusted.key, { algorithms: [alg] });
  } catch {
    return refuse('BAD_SIGNATURE', 'the signature does not verify with the trusted key');
  }

  // 5. Claims: types first, then who issued it and for whom, then the license itself.
  const payload = decodeJsonPart(payloadPart, 'payload');
  if (typeof payload === 'string') return refuse('MALFORMED', payload);
  const unknownClaim = Object.keys(payload).find((name) => !CLAIM_NAMES.has(name));
  if (unknownClaim !== undefined) {
    return refuse('CLAIMS_INVALID', `claim ${JSON.stringify(unknownClaim.slice(0, 40))} is not accepted`);
  }
  const { iss, sub, aud, iat, nbf, exp, jti, cnf } = payload;
  if (!isShortText(iss, 256) || !isShortText(sub, 64) || !isShortText(jti, 128)) {
    return refuse('CLAIMS_INVALID', 'iss, sub and jti must be non-empty strings');
  }
  if (typeof aud !== 'string') return refuse('WRONG_AUDIENCE', 'aud must name exactly one SmartServer');
  if (!isNumericDate(iat) || !isNumericDate(nbf) || !isNumericDate(exp)) {
    return refuse('CLAIMS_INVALID', 'iat, nbf and exp must be non-negative numbers');
  }
  if (exp <= iat || exp <= nbf) return refuse('CLAIMS_INVALID', 'exp must be later than iat and nbf');
  if (iss !== p.issuer)
    return refuse('WRONG_ISSUER', `issued by ${JSON.stringify(iss.slice(0, 60))}, not the trusted issuer`);
  if (aud !== p.smartServerId) {
    return refuse(
      'WRONG_AUDIENCE',
      `bound to SmartServer ${JSON.stringify(aud.slice(0, 64))}, not ${p.smartServerId}`,
    );
  }
  let jkt: string | undefined;
  if (cnf !== undefined) {
    const keys = isJsonObject(cnf) ? Object.keys(cnf) : [];
    jkt = isJsonObject(cnf) ? (cnf['jkt'] as string) : undefined;
    if (keys.length !== 1 || typeof jkt !== 'string' || !THUMBPRINT.test(jkt)) {
      return refuse('CLAIMS_INVALID', 'cnf must be { jkt: <SHA-256 key thumbprint> }');
    }
    if (p.keyThumbprint !== undefined && jkt !== p.keyThumbprint) {
      return refuse('WRONG_AUDIENCE', `bound to another key of SmartServer ${p.smartServerId}`);
    }
  }
  const license = parseLicenseClaims(payload[LICENSE_CLAIM]);
  if (!license.ok) return refuse('CLAIMS_INVALID', license.error.message);
  if (license.value.licenseId !== sub)
    return refuse('CLAIMS_INVALID', 'sub must equal the License ID of the license claim');

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
      return refuse(
        'CLOCK_ROLLBACK',
        `the clock reads ${formatTime(p.now)}, ${Math.ceil(behind / 60)} min further back than the ${p.tolerance / 3600} h tolerance allows`,
        entitlement,
      );
    }
  }
  const successor = license.value.supersededBy;
  if (successor !== undefined) {
    return refuse('SUPERSEDED', `License ID ${sub} was replaced by ${successor} (R25)`, entitlement);
  }
  if (p.isSuperseded(sub))
    return refuse('SUPERSEDED', `License ID ${sub} was replaced by a transfer (R25)`, entitlement);
  if (p.isRevoked(jti)) {
    return refuse(
      'REVOKED',
      `activation ${jti} of License ID ${sub} was returned or revoked; it is never accepted again`,
      entitlement,
    );
  }
  if (iat > p.now + p.skew)
    return refuse('ISSUED_IN_FUTURE', `issued at ${formatTime(iat)}, in the future`, entitlement);
  if (nbf > p.now + p.skew)
    return refuse('NOT_YET_VALID', `not valid before ${formatTime(nbf)}`, entitlement);
  if (exp <= p.now - p.skew) {
    return refuse(
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

/**
 * Verifies one entitlement token. Never throws and never rejects: every outcome is
 * a {@link VerifyResult} with a stable code (see `VERIFY_CODE_DESCRIPTIONS`).
 */
export async function verifyEntitlement(token: unknown, options: VerifyOptions): Promise<VerifyResult> {
  try {
    const prepared = await prepare(options);
    if ('valid' in prepared) return prepared;
    return await verifyPrepared(token, prepared);
  } catch (cause) {
    // Only reachable through hostile options (getters that throw): still a typed result.
    return refuse(
      'INVALID_OPTIONS',
      `verification could not run: ${cause instanceof Error ? cause.message.slice(0, 200) : 'error'}`,
    );
  }
}

export interface BatchVerifyResult {
  /** One result per token, in the order given. */
  readonly results: readonly VerifyResult[];
  /** The tokens that verified (code `OK`), in order. */
  readonly accepted: readonly VerifiedEntitlement[];
  /** The clock state advanced by every accepted token (the input state when none was accepted). */
  readonly clock: ClockState | undefined;
}

/** Most tokens one batch verifies. */
export const MAX_BATCH_TOKENS = 1024;
/** Signature checks a batch keeps in flight at once; 16..32 was the plateau measured on 2 cores. */
const BATCH_CONCURRENCY = 24;

/**
 * Verifies several tokens at once, concurrently (WebCrypto runs signature checks off
 * the main thread, so a batch is much faster than awaiting one by one). On top of
 * the single-token checks, a batch knows its own members: a token whose License ID
 * another authentic token in the batch `supersedes` is `SUPERSEDED`, and when one
 * License ID appears more than once only the newest token counts (`DUPLICATE`).
 */
export async function verifyEntitlements(
  tokens: readonly unknown[],
  options: VerifyOptions,
): Promise<BatchVerifyResult> {
  const clockIn =
    typeof options === 'object' && options !== null && isClockState(options.clock)
      ? options.clock
      : undefined;
  if (!Array.isArray(tokens) || tokens.length > MAX_BATCH_TOKENS) {
    const failure = refuse('INVALID_OPTIONS', `tokens must be an array of at most ${MAX_BATCH_TOKENS}`);
    return { results: [failure], accepted: [], clock: clockIn };
  }
  let prepared: Prepared | VerifyFailure;
  try {
    prepared = await prepare(options);
  } catch {
    prepared = refuse('INVALID_OPTIONS', 'verification could not run: bad options');
  }
  if ('valid' in prepared) {
    const failed = prepared;
    return { results: tokens.map(() => failed), accepted: [], clock: clockIn };
  }
  const p = prepared;
  const results: VerifyResult[] = new Array<VerifyResult>(tokens.length);
  // A bounded number of checks in flight: enough to keep WebCrypto's thread pool busy,
  // without thousands of pending promises costing more in garbage collection than they gain.
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const index = next++;
      results[index] = await verifyPrepared(tokens[index], p).catch(() =>
        refuse('MALFORMED', 'the token could not be read'),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, tokens.length) }, worker));

  const replaced = new Set<string>();
  for (const r of results) {
    const old = r.entitlement?.license.supersedes;
    if (old !== undefined) replaced.add(old.toLowerCase());
  }
  const newest = new Map<string, number>();
  results.forEach((r, i) => {
    if (!r.usable || !r.entitlement) return;
    const id = r.entitlement.licenseId.toLowerCase();
    if (replaced.has(id)) {
      results[i] = refuse(
        'SUPERSEDED',
        `License ID ${r.entitlement.licenseId} was replaced by another token in this batch (R25)`,
        r.entitlement,
      );
      return;
    }
    const best = newest.get(id);
    if (best === undefined || r.entitlement.issuedAt > results[best]!.entitlement!.issuedAt)
      newest.set(id, i);
  });
  results.forEach((r, i) => {
    if (!r.usable || !r.entitlement) return;
    if (newest.get(r.entitlement.licenseId.toLowerCase()) !== i) {
      results[i] = refuse(
        'DUPLICATE',
        `License ID ${r.entitlement.licenseId} appears more than once; a newer token counts`,
        r.entitlement,
      );
    }
  });

  let clock = p.clock;
  const accepted: VerifiedEntitlement[] = [];
  for (const r of results) {
    if (r.valid) {
      accepted.push(r.entitlement);
      clock = advanceClock(clock, p.now, r.entitlement.issuedAt);
    }
  }
  return { results, accepted, clock };
}
