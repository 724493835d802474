// Clock-rollback defence: a small high-water mark the caller persists between runs.

/**
 * What a verifier remembers about time, in NumericDate seconds. Persist it after
 * each accepted token (the result hands back the advanced state). A clock set back
 * far behind it is reported as `CLOCK_ROLLBACK`: turning the clock back must not
 * revive an expired token or trial.
 */
export interface ClockState {
  /** The latest `iat` of any token accepted so far. */
  readonly latestIssuedAt: number;
  /** The latest `now` at which a token was accepted. */
  readonly lastSeenAt: number;
}

/**
 * How far the clock may fall behind the state before it counts as a rollback.
 * Hours, not seconds: a mis-set time zone or a DST change on a device that keeps
 * local time must not lock a SmartServer out.
 */
export const DEFAULT_ROLLBACK_TOLERANCE_SECONDS = 3 * 3600;

/** A fresh state, for a verifier that has accepted nothing yet. */
export const INITIAL_CLOCK_STATE: ClockState = Object.freeze({ latestIssuedAt: 0, lastSeenAt: 0 });

/** Whether a value read back from storage is a usable clock state. */
export function isClockState(value: unknown): value is ClockState {
  if (typeof value !== 'object' || value === null) return false;
  const { latestIssuedAt, lastSeenAt } = value as Record<string, unknown>;
  return (
    typeof latestIssuedAt === 'number' &&
    typeof lastSeenAt === 'number' &&
    Number.isFinite(latestIssuedAt) &&
    Number.isFinite(lastSeenAt) &&
    latestIssuedAt >= 0 &&
    lastSeenAt >= 0
  );
}

/** The seconds by which `now` lies behind the state, beyond the tolerance; 0 when it does not. */
export function rollbackSeconds(state: ClockState, now: number, toleranceSeconds: number): number {
  const mark = Math.max(state.latestIssuedAt, state.lastSeenAt);
  return Math.max(0, mark - toleranceSeconds - now);
}

/** The state after accepting a token issued at `issuedAt` at time `now`. Never moves backwards. */
export function advanceClock(state: ClockState | undefined, now: number, issuedAt: number): ClockState {
  const base = state ?? INITIAL_CLOCK_STATE;
  return Object.freeze({
    latestIssuedAt: Math.max(base.latestIssuedAt, issuedAt),
    lastSeenAt: Math.max(base.lastSeenAt, now),
  });
}
