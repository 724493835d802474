// Fault injection for tests (never set in production): SMARTSERVER_FAULT names a point at which
// the process kills itself with SIGKILL, so a test can prove what survives a crash right there.
//
//   after-return-commit  the return's transaction (tombstone, token dropped, receipt queued) has
//                        committed; the receipt was not sent to the cloud yet.

export const FAULT_ENV = 'SMARTSERVER_FAULT';
export const FAULT_POINTS = ['after-return-commit'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** Dies here, at once and without cleanup, when the environment names this point. */
export function faultPoint(point: FaultPoint): void {
  if (process.env[FAULT_ENV] !== point) return;
  process.stderr.write(`smartserver: ${FAULT_ENV}=${point}: killing this process now (test-only)\n`);
  process.kill(process.pid, 'SIGKILL');
}
