// Returns (R19). The receipts this SmartServer owes the cloud, as stored (`ReturnReceipts`), and
// the return's second half: telling the cloud. Receipts queued by the store (the license already
// stopped counting here) are delivered until the cloud acknowledges them: at start, before every
// other cloud call, when the Owner asks (POST /iap/lic/returns/deliver), and by a background
// retry with backoff. A lost answer, a cloud that is down, a SIGKILL: the receipt stays pending
// with its last error in words, and goes out again later (the cloud is idempotent by activation id).
import { protocolFileText } from '@smartserver-licensing/schemas';
import type { Queryable } from '@smartserver-licensing/server-kit';
import type { CloudClient } from './cloud-client.js';
import { describeError } from './errors.js';
import type { Scheduler } from './scheduler.js';
import type { Settings } from './settings.js';

/** A return this SmartServer made, with what it knows of its delivery. */
export interface ReturnRecord {
  licenseId: string;
  activationId: string;
  returnedAt: string;
  receipt: string;
  attempts: number;
  lastError?: string;
  deliveredAt?: string;
}

interface ReceiptRow {
  activation_id: string;
  license_id: string;
  receipt: string;
  returned_at: Date;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function recordOf(r: ReceiptRow): ReturnRecord {
  return {
    licenseId: r.license_id,
    activationId: r.activation_id,
    returnedAt: iso(r.returned_at),
    receipt: r.receipt,
    attempts: r.attempts,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.delivered_at ? { deliveredAt: iso(r.delivered_at) } : {}),
  };
}

/** The signed receipts of returns made here, with their delivery: pending until the cloud acknowledges. */
export class ReturnReceipts {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
  ) {}

  /** Queues a signed receipt inside `tx` (the transaction that ends the activation here). */
  async queue(
    tx: Queryable,
    receipt: { activationId: string; licenseId: string; receipt: string; returnedAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO return_receipts (activation_id, license_id, receipt, returned_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (activation_id) DO NOTHING`,
      [receipt.activationId, receipt.licenseId, receipt.receipt, receipt.returnedAt],
    );
  }

  /** Returns the cloud has not acknowledged yet, oldest first. */
  async pending(): Promise<ReturnRecord[]> {
    const rows = await this.db.query<ReceiptRow>(
      'SELECT * FROM return_receipts WHERE delivered_at IS NULL ORDER BY returned_at, activation_id',
    );
    return rows.map(recordOf);
  }

  /** One return (pending or delivered) by its activation id. */
  async record(activationId: string): Promise<ReturnRecord | undefined> {
    const rows = await this.db.query<ReceiptRow>(
      'SELECT * FROM return_receipts WHERE lower(activation_id) = lower($1)',
      [activationId],
    );
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

  /** The receipt of a return as a file the Owner takes to the Customer Portal. */
  fileText(record: ReturnRecord): string {
    return protocolFileText('returnReceipt', record.receipt);
  }

  async markDelivered(activationId: string, acknowledged: 'returned' | 'already-returned'): Promise<void> {
    await this.db.query(
      `UPDATE return_receipts SET delivered_at = $2, acknowledged = $3, attempts = attempts + 1,
              last_attempt_at = $2, last_error = NULL
        WHERE activation_id = $1 AND delivered_at IS NULL`,
      [activationId, this.now(), acknowledged],
    );
  }

  async markFailed(activationId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE return_receipts SET attempts = attempts + 1, last_attempt_at = $2, last_error = $3
        WHERE activation_id = $1 AND delivered_at IS NULL`,
      [activationId, this.now(), error.slice(0, 500)],
    );
  }
}

/** Waits between failed delivery rounds: 10 s, 30 s, 1, 5, 15 min, then every 30 min. */
export const DEFAULT_RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000];

export interface ReturnDeliveryOptions {
  receipts: ReturnReceipts;
  settings: Settings;
  cloud: CloudClient;
  now: () => Date;
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
    const { receipts, settings, cloud } = this.options;
    const pending = await receipts.pending();
    if (pending.length === 0) {
      this.failedRounds = 0;
      this.cancelRetry?.();
      this.cancelRetry = undefined;
      return [];
    }
    const customerId = await settings.get('customerId');
    let unreachable: string | undefined;
    for (const record of pending) {
      if (!customerId) {
        await receipts.markFailed(
          record.activationId,
          'No Customer ID is set on this SmartServer: enter it in Manage Customer Accounts, or take the receipt file to the Customer Portal.',
        );
        continue;
      }
      if (unreachable) {
        // One unreachable cloud is enough to know: the other receipts wait for the next round.
        await receipts.markFailed(record.activationId, unreachable);
        continue;
      }
      try {
        const answer = await cloud.returnLicense(customerId, record.receipt);
        if (
          answer.activationId.toLowerCase() !== record.activationId.toLowerCase() ||
          answer.licenseId.toLowerCase() !== record.licenseId.toLowerCase()
        ) {
          await receipts.markFailed(
            record.activationId,
            `The license cloud acknowledged activation ${answer.activationId} of license ${answer.licenseId} instead of this one; the receipt is sent again later.`,
          );
          continue;
        }
        await receipts.markDelivered(record.activationId, answer.status);
      } catch (error) {
        const { code, message } = describeError(error);
        if (code === 'UNAVAILABLE') unreachable = message;
        await receipts.markFailed(record.activationId, message);
        this.options.log?.(`return receipt for license ${record.licenseId} not delivered: ${message}`);
      }
    }
    const left = await receipts.pending();
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
    const at = this.options.now().getTime() + delay;
    this.cancelRetry = this.options.scheduler.at(at, () => this.deliver());
  }
}
