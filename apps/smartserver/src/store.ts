// The license store: the tokens this SmartServer accepted, its devices and settings, the
// activations that ended here (tombstones, kept forever), the return receipts it still owes the
// cloud, the offline files it applied, and the one LicenseState computed from all of it for now.
// Tokens are verified here (entitlements) and the verified claims handed to policy; no
// licensing rule is decided in this file.
import { randomUUID } from 'node:crypto';
import {
  advanceClock,
  decodeEntitlementUnverified,
  isClockState,
  readActivationFile,
  signSmartServerMessage,
  verifyEntitlements,
  type ClockState,
  type Jwks,
  type SmartServerKey,
  type VerifyOptions,
  type VerifyResult,
} from '@smartserver-licensing/entitlements';
import { computeLicenseState, nextStateChangeAt, type RejectedLicense } from '@smartserver-licensing/policy';
import {
  parseNotificationSettings,
  protocolFileText,
  type Device,
  type LicenseClaims,
  type LicenseState,
  type NotificationSettings,
  type Product,
} from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';
import { CodedError } from './errors.js';
import type { Scheduler } from './scheduler.js';

export interface Identity {
  smartServerId: string;
  /** The segment controller name shown per license (R23). */
  name: string;
  product: Product;
  timeZone: string;
}

export interface TokenOutcome {
  licenseId?: string;
  ok: boolean;
  code?: string;
  message?: string;
}

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

export interface StoreOptions {
  db: Db;
  identity: Identity;
  /** The issuer every token must name (`iss`). */
  issuer: string;
  now: () => Date;
  /** This SmartServer's own key: tokens bound to a key must be bound to this one. */
  key: SmartServerKey;
  scheduler: Scheduler;
}

interface DeviceRow {
  id: string;
  name: string;
  created_at: Date;
  protocol: Device['protocol'];
  is_smartserver: boolean;
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

/** The activation id (`jti`) a stored token names; read without trusting it (it was verified when kept). */
function activationIdOf(token: string): string | null {
  const decoded = decodeEntitlementUnverified(token);
  const jti = decoded.ok ? decoded.value.payload['jti'] : undefined;
  return typeof jti === 'string' && jti.length > 0 && jti.length <= 128 ? jti : null;
}

export class LicenseStore {
  readonly db: Db;
  readonly identity: Identity;
  readonly issuer: string;
  readonly now: () => Date;
  readonly key: SmartServerKey;
  private readonly scheduler: Scheduler;
  private listeners = new Set<(state: LicenseState) => void>();
  private current: LicenseState | undefined;
  /** The moment (epoch ms) until which `current` holds by the clock; the state is recomputed then. */
  private validUntil = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Ended activation ids (lower case), loaded once and kept in step with the table. */
  private ended: Set<string> | undefined;
  private closed = false;

  constructor(options: StoreOptions) {
    this.db = options.db;
    this.identity = options.identity;
    this.issuer = options.issuer;
    this.now = options.now;
    this.key = options.key;
    this.scheduler = options.scheduler;
  }

  /** Fills the activation id of tokens kept by the first release (its table had no such column). */
  async init(): Promise<void> {
    await this.serialized(async () => {
      const rows = await this.db.query<{ license_id: string; token: string }>(
        'SELECT license_id, token FROM license_tokens WHERE activation_id IS NULL',
      );
      for (const row of rows) {
        await this.db.query('UPDATE license_tokens SET activation_id = $2 WHERE license_id = $1', [
          row.license_id,
          activationIdOf(row.token),
        ]);
      }
      await this.endedIds();
    });
  }

  /** Stops the scheduled recomputation; later changes are still computed when asked for. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  // ---- settings ------------------------------------------------------------------------------

  async setting<T>(key: string): Promise<T | undefined> {
    const rows = await this.db.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async setSetting(key: string, value: unknown, db: Queryable = this.db): Promise<void> {
    await db.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2',
      [key, JSON.stringify(value)],
    );
  }

  async trustedKeys(): Promise<Jwks> {
    const jwks = await this.setting<Jwks>('jwks');
    if (!jwks) throw new ApiError('INTERNAL', 'This SmartServer has no trusted issuer keys yet.');
    return jwks;
  }

  async notificationSettings(): Promise<NotificationSettings> {
    const stored = parseNotificationSettings(await this.setting('notifications'));
    return stored.ok ? stored.value : { daysBeforeExpiry: [60, 30, 7], recipients: [] };
  }

  // ---- devices -------------------------------------------------------------------------------

  async devices(): Promise<Device[]> {
    const rows = await this.db.query<DeviceRow>('SELECT * FROM devices ORDER BY created_at, id');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      protocol: r.protocol,
      isSmartServer: r.is_smartserver,
    }));
  }

  async addDevice(device: Device): Promise<void> {
    await this.serialized(async () => {
      await this.db.query(
        'INSERT INTO devices (id, name, created_at, protocol, is_smartserver) VALUES ($1, $2, $3, $4, $5)',
        [device.id, device.name, device.createdAt, device.protocol, device.isSmartServer],
      );
      await this.changed();
    });
  }

  // ---- ended activations (tombstones) ---------------------------------------------------------

  private async endedIds(): Promise<Set<string>> {
    if (!this.ended) {
      const rows = await this.db.query<{ activation_id: string }>(
        'SELECT activation_id FROM ended_activations',
      );
      this.ended = new Set(rows.map((r) => r.activation_id.toLowerCase()));
    }
    return this.ended;
  }

  /** Whether an activation ended here (returned or revoked). */
  async hasEnded(activationId: string): Promise<boolean> {
    return (await this.endedIds()).has(activationId.toLowerCase());
  }

  /**
   * Ends activations inside `tx`: a tombstone for each (kept forever) and their tokens dropped.
   * Call `remember` with the same ids once `tx` committed.
   */
  private async endActivations(
    tx: Queryable,
    ids: readonly string[],
    reason: 'returned' | 'revoked',
    at: Date,
  ): Promise<void> {
    for (const id of ids) {
      const token = await tx.query<{ license_id: string }>(
        'DELETE FROM license_tokens WHERE lower(activation_id) = lower($1) RETURNING license_id',
        [id],
      );
      await tx.query(
        `INSERT INTO ended_activations (activation_id, license_id, reason, ended_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (activation_id) DO NOTHING`,
        [id, token[0]?.license_id ?? null, reason, at],
      );
    }
  }

  private remember(ids: readonly string[]): void {
    for (const id of ids) this.ended?.add(id.toLowerCase());
  }

  // ---- tokens --------------------------------------------------------------------------------

  private async storedTokens(): Promise<Array<{ license_id: string; token: string; note: string | null }>> {
    return this.db.query(
      'SELECT license_id, token, note FROM license_tokens ORDER BY accepted_at, license_id',
    );
  }

  /** What every token is checked with: the cloud's keys, this SmartServer's id and key, the tombstones. */
  async verifyOptions(): Promise<VerifyOptions & { keyThumbprint: string; clock?: ClockState }> {
    const clock = await this.setting<ClockState>('clock');
    const ended = await this.endedIds();
    return {
      keys: await this.trustedKeys(),
      smartServerId: this.identity.smartServerId,
      issuer: this.issuer,
      now: this.now(),
      keyThumbprint: this.key.thumbprint,
      revoked: (activationId: string) => ended.has(activationId.toLowerCase()),
      ...(isClockState(clock) ? { clock } : {}),
    };
  }

  /**
   * Verifies new tokens (from a download) and keeps those that verified. Returns one outcome
   * per token, in order; nothing that did not verify is stored.
   */
  async acceptTokens(tokens: readonly string[], channel: 'online' | 'offline'): Promise<TokenOutcome[]> {
    return this.serialized(async () => {
      const batch = await verifyEntitlements(tokens, await this.verifyOptions());
      await this.db.transaction(async (tx) => {
        for (const result of batch.results) {
          if (result.code === 'OK') await this.keep(tx, result, channel);
        }
        if (batch.clock) await this.setSetting('clock', batch.clock, tx);
        if (batch.accepted.length > 0) await this.setSetting('everActivated', true, tx);
      });
      await this.changed();
      return batch.results.map(outcomeOf);
    });
  }

  /**
   * R20, R21: applies a signed activation file (version 2): the cloud's signature over the whole
   * file, this SmartServer's id and key, a file id never applied before. In one transaction it
   * ends the activations the file revokes, keeps the tokens that verified, and records the file.
   * A refused file changes nothing and throws `{ code: 'FILE_…' }`.
   */
  async addFile(text: string): Promise<TokenOutcome[]> {
    return this.serialized(async () => {
      const applied = new Set(
        (await this.db.query<{ file_id: string }>('SELECT file_id FROM applied_files')).map((r) =>
          r.file_id.toLowerCase(),
        ),
      );
      const read = await readActivationFile(text, {
        ...(await this.verifyOptions()),
        appliedFiles: (fileId: string) => applied.has(fileId.toLowerCase()),
      });
      if (!read.ok) {
        throw new CodedError(
          read.code === 'FILE_TOO_LARGE'
            ? 'PAYLOAD_TOO_LARGE'
            : read.code === 'INVALID_OPTIONS'
              ? 'INTERNAL'
              : 'INVALID_INPUT',
          read.code,
          fileMessage(read.code, read.message),
        );
      }
      const at = this.now();
      try {
        await this.db.transaction(async (tx) => {
          await this.endActivations(tx, read.revoked, 'revoked', at);
          for (const result of read.results) {
            if (result.code === 'OK') await this.keep(tx, result, 'offline');
          }
          await tx.query('INSERT INTO applied_files (file_id, request_id, applied_at) VALUES ($1, $2, $3)', [
            read.file.fileId,
            read.file.requestId ?? null,
            at,
          ]);
          if (read.clock) await this.setSetting('clock', read.clock, tx);
          if (read.accepted.length > 0) await this.setSetting('everActivated', true, tx);
        });
      } catch (error) {
        // Another process applied the same file a moment ago: the primary key said so.
        if ((error as { code?: unknown }).code === '23505' || /duplicate key/i.test(String(error))) {
          throw new CodedError(
            'INVALID_INPUT',
            'FILE_REPLAYED',
            `file ${read.file.fileId} was applied already`,
          );
        }
        throw error;
      }
      this.remember(read.revoked);
      await this.changed();
      return read.results.map(outcomeOf);
    });
  }

  /**
   * Applies the cloud's signed revocation list (an activation file without tokens): the
   * activations a partner or support force-released end here too. Not recorded as an applied
   * file (the list is fetched again and again). Returns the ids newly ended here.
   */
  async applyRevocations(text: string): Promise<string[]> {
    return this.serialized(async () => {
      const read = await readActivationFile(text, await this.verifyOptions());
      if (!read.ok) {
        throw new ApiError(
          'BAD_GATEWAY',
          `The license cloud's revocation list was refused (${read.code}: ${read.message}); nothing was changed.`,
        );
      }
      const ended = await this.endedIds();
      const fresh = read.revoked.filter((id) => !ended.has(id.toLowerCase()));
      if (fresh.length === 0) return [];
      await this.db.transaction((tx) => this.endActivations(tx, fresh, 'revoked', this.now()));
      this.remember(fresh);
      await this.changed();
      return fresh;
    });
  }

  private async keep(tx: Queryable, result: VerifyResult, channel: 'online' | 'offline'): Promise<void> {
    if (!result.valid) return;
    const { licenseId, token, tokenId } = result.entitlement;
    await tx.query(
      `INSERT INTO license_tokens (license_id, token, channel, accepted_at, activation_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (license_id) DO UPDATE SET token = $2, channel = $3, accepted_at = $4, activation_id = $5`,
      [licenseId, token, channel, this.now(), tokenId],
    );
  }

  async hasLicense(licenseId: string): Promise<boolean> {
    return (
      (await this.db.query('SELECT 1 FROM license_tokens WHERE license_id = $1', [licenseId])).length > 0
    );
  }

  async saveNote(licenseId: string, note: string): Promise<boolean> {
    return this.serialized(async () => {
      const rows = await this.db.query(
        'UPDATE license_tokens SET note = $2 WHERE license_id = $1 RETURNING license_id',
        [licenseId, note],
      );
      if (rows.length > 0) await this.changed();
      return rows.length > 0;
    });
  }

  // ---- returns -------------------------------------------------------------------------------

  /**
   * R19, the return's first half: this SmartServer stops using the license. In ONE transaction
   * the activation is ended (tombstone), the token dropped, and a receipt signed by this
   * SmartServer's key queued for the cloud. The state is recomputed and pushed before anyone
   * else can hear of the return. Undefined when the license is not here.
   */
  async returnLicense(licenseId: string): Promise<ReturnRecord | undefined> {
    return this.serialized(async () => {
      const rows = await this.db.query<{ token: string; activation_id: string | null }>(
        'SELECT token, activation_id FROM license_tokens WHERE license_id = $1',
        [licenseId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const activationId = row.activation_id ?? activationIdOf(row.token) ?? randomUUID();
      const returnedAt = this.now();
      const claims = {
        smartServerId: this.identity.smartServerId,
        keyThumbprint: this.key.thumbprint,
        licenseId,
        activationId,
        returnedAt: returnedAt.toISOString(),
      };
      const signed = await signSmartServerMessage('returnReceipt', claims, this.key);
      if (!signed.ok)
        throw new ApiError('INTERNAL', `The return receipt could not be signed: ${signed.error.message}`);
      await this.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ended_activations (activation_id, license_id, reason, ended_at) VALUES ($1, $2, 'returned', $3)
           ON CONFLICT (activation_id) DO NOTHING`,
          [activationId, licenseId, returnedAt],
        );
        await tx.query('DELETE FROM license_tokens WHERE license_id = $1', [licenseId]);
        await tx.query(
          `INSERT INTO return_receipts (activation_id, license_id, receipt, returned_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (activation_id) DO NOTHING`,
          [activationId, licenseId, signed.value, returnedAt],
        );
      });
      this.remember([activationId]);
      await this.changed();
      return { licenseId, activationId, returnedAt: iso(returnedAt), receipt: signed.value, attempts: 0 };
    });
  }

  /** Returns the cloud has not acknowledged yet, oldest first. */
  async pendingReturns(): Promise<ReturnRecord[]> {
    const rows = await this.db.query<ReceiptRow>(
      'SELECT * FROM return_receipts WHERE delivered_at IS NULL ORDER BY returned_at, activation_id',
    );
    return rows.map(recordOf);
  }

  /** One return (pending or delivered) by its activation id. */
  async returnRecord(activationId: string): Promise<ReturnRecord | undefined> {
    const rows = await this.db.query<ReceiptRow>(
      'SELECT * FROM return_receipts WHERE lower(activation_id) = lower($1)',
      [activationId],
    );
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

  /** The receipt of a return as a file the Owner takes to the Customer Portal. */
  receiptFileText(record: ReturnRecord): string {
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

  // ---- the state -----------------------------------------------------------------------------

  /** Verifies every stored token and asks policy for the LicenseState of now. */
  private async computeState(): Promise<LicenseState> {
    const stored = await this.storedTokens();
    const options = await this.verifyOptions();
    const batch = await verifyEntitlements(
      stored.map((t) => t.token),
      options,
    );
    const licenses: LicenseClaims[] = [];
    const rejected: RejectedLicense[] = [];
    batch.results.forEach((result, i) => {
      const row = stored[i]!;
      // EXPIRED is only the token's refresh horizon: its license facts stay authentic and usable.
      if (result.usable && result.entitlement) {
        const note = row.note ?? result.entitlement.license.note;
        licenses.push({ ...result.entitlement.license, ...(note ? { note } : {}) } as LicenseClaims);
      } else {
        rejected.push({ licenseId: row.license_id, code: result.code, message: result.message });
      }
    });
    const licensedIds = (
      await this.db.query<{ device_id: string }>('SELECT device_id FROM licensed_devices')
    ).map((r) => r.device_id);
    const now = options.now as Date;
    const computed = computeLicenseState({
      product: this.identity.product,
      segmentController: this.identity.name,
      licenses,
      devices: await this.devices(),
      now,
      timeZone: this.identity.timeZone,
      licensedDeviceIds: licensedIds,
      everActivated: (await this.setting<boolean>('everActivated')) ?? false,
      rejected,
    });
    if (!computed.ok)
      throw new ApiError('INTERNAL', `the license state could not be computed: ${computed.error.message}`);
    const state = computed.value;
    await this.db.transaction(async (tx) => {
      // R12: remember who holds a licence, so they keep it when devices are added.
      await tx.query('DELETE FROM licensed_devices');
      const ids = state.devices.filter((d) => d.licensed).map((d) => d.id);
      if (ids.length > 0)
        await tx.query('INSERT INTO licensed_devices (device_id) SELECT unnest($1::text[])', [ids]);
      // The high-water mark follows the clock forward (never back), so a later rollback shows.
      const seen = Math.floor(Date.parse(state.computedAt) / 1000);
      await this.setSetting('clock', advanceClock(batch.clock, seen, batch.clock?.latestIssuedAt ?? 0), tx);
    });
    // The state holds until the clock alone changes it: the next midnight here, or a trial ending.
    const next = nextStateChangeAt(licenses, now, this.identity.timeZone);
    this.current = state;
    this.validUntil = next.ok ? next.value : now.getTime() + 60_000;
    this.schedule(this.validUntil);
    return state;
  }

  private schedule(at: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.closed) return;
    this.cancelTimer = this.scheduler.at(at, () => this.refresh());
  }

  /** Recomputes because time passed, and pushes the new state to every subscriber. */
  refresh(): Promise<LicenseState> {
    return this.serialized(() => this.changed());
  }

  /** The state of now: the kept one while it holds, else computed again (and pushed). */
  async state(): Promise<LicenseState> {
    const holds = () => this.current !== undefined && this.now().getTime() < this.validUntil;
    if (holds()) return this.current!;
    return this.serialized(async () => (holds() ? this.current! : this.changed()));
  }

  /** The moment (epoch ms) the kept state stops holding by the clock alone. */
  get stateValidUntil(): number {
    return this.validUntil;
  }

  subscribe(listener: (state: LicenseState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recomputes after a change and tells every subscriber. Call inside `serialized`. */
  private async changed(): Promise<LicenseState> {
    const state = await this.computeState();
    for (const listener of this.listeners) listener(state);
    return state;
  }

  /** Runs store changes one at a time: two downloads must not interleave their writes. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

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

function outcomeOf(result: VerifyResult): TokenOutcome {
  const licenseId = result.entitlement?.licenseId;
  return result.code === 'OK'
    ? { ok: true, ...(licenseId ? { licenseId } : {}) }
    : { ok: false, code: result.code, message: result.message, ...(licenseId ? { licenseId } : {}) };
}

/** The library's reason, with what the Owner can do about it. */
function fileMessage(code: string, message: string): string {
  switch (code) {
    case 'FILE_REPLAYED':
      return `This activation file was added before (${message}); nothing was changed. Make a new activation request for new licenses.`;
    case 'FILE_WRONG_SMARTSERVER':
      return `This activation file was made for another SmartServer: ${message}. Make an activation request on this SmartServer and ask for a file for it.`;
    case 'FILE_BAD_SIGNATURE':
      return `This activation file is not signed by the license cloud, or was changed after signing (${message}); nothing was changed.`;
    case 'FILE_UNSUPPORTED_VERSION':
      return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    case 'FILE_FROM_FUTURE':
      return `${message.charAt(0).toUpperCase()}${message.slice(1)}: check this SmartServer's clock.`;
    default:
      return `${message.charAt(0).toUpperCase()}${message.slice(1)}; nothing was changed.`;
  }
}
