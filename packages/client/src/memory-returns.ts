// The returns of the in-memory source, kept as a SmartServer keeps them: every return made (its
// receipt can be downloaded), and which of them the cloud has not acknowledged yet.
import type { PendingReturn } from './api.js';

export class ReturnLedger {
  readonly #returns: PendingReturn[];
  readonly #pending: Set<string>;

  constructor(pending: readonly PendingReturn[] = []) {
    this.#returns = pending.map((r) => ({ ...r }));
    this.#pending = new Set(this.#returns.map((r) => r.activationId));
  }

  /** A license stopped counting here: its receipt waits for the cloud. */
  add(licenseId: string, activationId: string, returnedAt: string): void {
    this.#returns.push({ licenseId, activationId, returnedAt });
    this.#pending.add(activationId);
  }

  isPending(activationId: string): boolean {
    return this.#pending.has(activationId);
  }

  /**
   * Delivers every waiting receipt, unless `obstacle` says why the cloud cannot hear of it (then
   * each keeps it as its last error). Returns the License IDs the cloud acknowledged.
   */
  deliver(obstacle: string | undefined): string[] {
    const delivered: string[] = [];
    for (const record of this.#returns) {
      if (!this.#pending.has(record.activationId)) continue;
      if (obstacle !== undefined) {
        record.lastError = obstacle;
        continue;
      }
      this.#pending.delete(record.activationId);
      delivered.push(record.licenseId);
    }
    return delivered;
  }

  /** The returns still waiting, as copies. */
  pending(): PendingReturn[] {
    return this.#returns.filter((r) => this.#pending.has(r.activationId)).map((r) => ({ ...r }));
  }

  /** Any return made here, delivered or not (its receipt stays available). */
  find(activationId: string): PendingReturn | undefined {
    return this.#returns.find((r) => r.activationId === activationId.toLowerCase());
  }
}
