// The return's second half: telling the cloud. Receipts queued by the store (the license already
// stopped counting here) are delivered until the cloud acknowledges them: at start, before every
// other cloud call, when the Owner asks (POST /iap/lic/returns/deliver), and by a background
// retry with backoff. A lost answer, a cloud that is down, a SIGKILL: the receipt stays pending
// with its last error in words, and goes out again later (the cloud is idempotent by activation id).
import type { CloudClient } from './cloud-client.js';
import { describeError } from './errors.js';
import type { Scheduler } from './scheduler.js';
import type { LicenseStore, ReturnRecord } from './store.js';

/** Waits between failed delivery rounds: 10 s, 30 s, 1, 5, 15 min, then every 30 min. */
export const DEFAULT_RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000];

export interface ReturnDeliveryOptions {
  store: LicenseStore;
  cloud: CloudClient;
  scheduler: Scheduler;
  /** Delays of the background retry after each failed round; `false` turns it off. */
  retryDelaysMs?: readonly number[] | false;
  log?: (message: string) => void;
}

export class ReturnDelivery {
  private round: Promise<ReturnRecord[]> = Promise.resolve([]);
  private failedRounds = 0;
  private cancelRetry: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: ReturnDeliveryOptions) {}

  /**
   * Delivers every pending receipt (after any round already running); resolves with the
   * returns still pending afterwards. Never rejects: failures are kept on each receipt.
   */
  deliver(): Promise<ReturnRecord[]> {
    const next = this.round.then(
      () => this.deliverAll(),
      () => this.deliverAll(),
    );
    this.round = next.catch(() => []);
    return this.round;
  }

  close(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }

  private async deliverAll(): Promise<ReturnRecord[]> {
    const { store, cloud } = this.options;
    const pending = await store.pendingReturns();
    if (pending.length === 0) {
      this.failedRounds = 0;
      this.cancelRetry?.();
      this.cancelRetry = undefined;
      return [];
    }
    const customerId = await store.setting<string>('customerId');
    let unreachable: string | undefined;
    for (const record of pending) {
      if (!customerId) {
        await store.markFailed(
          record.activationId,
          'No Customer ID is set on this SmartServer: enter it in Manage Customer Accounts, or take the receipt file to the Customer Portal.',
        );
        continue;
      }
      if (unreachable) {
        // One unreachable cloud is enough to know: the other receipts wait for the next round.
        await store.markFailed(record.activationId, unreachable);
        continue;
      }
      try {
        const answer = await cloud.returnLicense(customerId, record.receipt);
        if (
          answer.activationId.toLowerCase() !== record.activationId.toLowerCase() ||
          answer.licenseId.toLowerCase() !== record.licenseId.toLowerCase()
        ) {
          await store.markFailed(
            record.activationId,
            `The license cloud acknowledged activation ${answer.activationId} of license ${answer.licenseId} instead of this one; the receipt is sent again later.`,
          );
          continue;
        }
        await store.markDelivered(record.activationId, answer.status);
      } catch (error) {
        const { code, message } = describeError(error);
        if (code === 'UNAVAILABLE') unreachable = message;
        await store.markFailed(record.activationId, message);
        this.options.log?.(`return receipt for license ${record.licenseId} not delivered: ${message}`);
      }
    }
    const left = await store.pendingReturns();
    if (left.length === 0) this.failedRounds = 0;
    else this.failedRounds++;
    this.scheduleRetry(left.length > 0);
    return left;
  }

  private scheduleRetry(needed: boolean): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    if (!needed || this.closed || delays === false || delays.length === 0) return;
    const delay = delays[Math.min(this.failedRounds - 1, delays.length - 1)]!;
    const at = this.options.store.now().getTime() + delay;
    this.cancelRetry = this.options.scheduler.at(at, () => this.deliver());
  }
}
