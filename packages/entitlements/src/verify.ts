// The verifier side: every check a SmartServer runs before it believes a token, in a fixed order
// (verify-token.ts), one token or a batch. Options and results are in verify-options.ts.
import { advanceClock, isClockState, type ClockState } from './clock.js';
import type { VerifiedEntitlement } from './token.js';
import { verifyPrepared } from './verify-token.js';
import {
  failVerify,
  prepare,
  type Prepared,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyResult,
} from './verify-options.js';

export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  MAX_CLOCK_SKEW_SECONDS,
  MAX_ROLLBACK_TOLERANCE_SECONDS,
  resolveKeys,
  type VerifyOptions,
  type VerifyResult,
  type VerifySuccess,
  type VerifyFailure,
} from './verify-options.js';

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
    return failVerify(
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
    const failure = failVerify('INVALID_OPTIONS', `tokens must be an array of at most ${MAX_BATCH_TOKENS}`);
    return { results: [failure], accepted: [], clock: clockIn };
  }
  let prepared: Prepared | VerifyFailure;
  try {
    prepared = await prepare(options);
  } catch {
    prepared = failVerify('INVALID_OPTIONS', 'verification could not run: bad options');
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
        failVerify('MALFORMED', 'the token could not be read'),
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
      results[i] = failVerify(
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
      results[i] = failVerify(
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
