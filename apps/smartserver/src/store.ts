// The license store: what a change to this SmartServer's licenses goes through, one change at a
// time. It verifies tokens and files (entitlements) and keeps what verified (tokens.ts), ends
// activations (tombstones), queues return receipts (returns.ts), adds devices (devices.ts), and
// after every change computes the one LicenseState of now (license-state.ts), keeps what that
// computation says to keep, and pushes the state to every subscriber. No licensing rule is
// decided here.
import { randomUUID } from 'node:crypto';
import {
  isClockState,
  readActivationFile,
  signSmartServerMessage,
  verifyEntitlements,
  type ClockState,
  type SmartServerKey,
  type VerifyOptions,
  type VerifyResult,
} from '@smartserver-licensing/entitlements';
import type { Device, LicenseState } from '@smartserver-licensing/schemas';
import { ApiError, type Db } from '@smartserver-licensing/server-kit';
import { Devices } from './devices.js';
import { CodedError } from './errors.js';
import { computeState, type Identity } from './license-state.js';
import { ReturnReceipts, type ReturnRecord } from './returns.js';
import type { Scheduler } from './scheduler.js';
import type { Settings } from './settings.js';
import { activationIdOf, Tokens } from './tokens.js';

export type { Identity } from './license-state.js';

export interface TokenOutcome {
  licenseId?: string;
  ok: boolean;
  code?: string;
  message?: string;
}

export interface StoreOptions {
  db: Db;
  settings: Settings;
  identity: Identity;
  /** The issuer every token must name (`iss`). */
  issuer: string;
  now: () => Date;
  /** This SmartServer's own key: tokens bound to a key must be bound to this one. */
  key: SmartServerKey;
  scheduler: Scheduler;
}

export class LicenseStore {
  readonly db: Db;
  readonly settings: Settings;
  readonly devices: Devices;
  readonly tokens: Tokens;
  readonly receipts: ReturnReceipts;
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
  private closed = false;

  constructor(options: StoreOptions) {
    this.db = options.db;
    this.settings = options.settings;
    this.devices = new Devices(options.db);
    this.tokens = new Tokens(options.db);
    this.receipts = new ReturnReceipts(options.db, options.now);
    this.identity = options.identity;
    this.issuer = options.issuer;
    this.now = options.now;
    this.key = options.key;
    this.scheduler = options.scheduler;
  }

  /** Fills what the first release did not keep, and loads the tombstones. */
  async init(): Promise<void> {
    await this.serialized(async () => {
      await this.tokens.fillActivationIds();
      await this.tokens.endedIds();
    });
  }

  /** Stops the scheduled recomputation; later changes are still computed when asked for. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** What every token is checked with: the cloud's keys, this SmartServer's id and key, the tombstones. */
  async verifyOptions(): Promise<VerifyOptions & { now: Date; keyThumbprint: string; clock?: ClockState }> {
    const clock = await this.settings.get('clock');
    const ended = await this.tokens.endedIds();
    return {
      keys: await this.settings.trustedKeys(),
      smartServerId: this.identity.smartServerId,
      issuer: this.issuer,
      now: this.now(),
      keyThumbprint: this.key.thumbprint,
      revoked: (activationId: string) => ended.has(activationId.toLowerCase()),
      ...(isClockState(clock) ? { clock } : {}),
    };
  }

  // ---- changes -------------------------------------------------------------------------------

  async addDevice(device: Device): Promise<void> {
    await this.serialized(async () => {
      await this.devices.add(device);
      await this.changed();
    });
  }

  async saveNote(licenseId: string, note: string): Promise<boolean> {
    return this.serialized(async () => {
      const saved = await this.tokens.saveNote(licenseId, note);
      if (saved) await this.changed();
      return saved;
    });
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
          if (result.code === 'OK') await this.tokens.keep(tx, result, channel, this.now());
        }
        if (batch.clock) await this.settings.set('clock', batch.clock, tx);
        if (batch.accepted.length > 0) await this.settings.set('everActivated', true, tx);
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
      const applied = await this.tokens.appliedFileIds();
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
          await this.tokens.endActivations(tx, read.revoked, 'revoked', at);
          for (const result of read.results) {
            if (result.code === 'OK') await this.tokens.keep(tx, result, 'offline', this.now());
          }
          await this.tokens.recordFile(tx, read.file.fileId, read.file.requestId ?? null, at);
          if (read.clock) await this.settings.set('clock', read.clock, tx);
          if (read.accepted.length > 0) await this.settings.set('everActivated', true, tx);
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
      this.tokens.remember(read.revoked);
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
      const ended = await this.tokens.endedIds();
      const fresh = read.revoked.filter((id) => !ended.has(id.toLowerCase()));
      if (fresh.length === 0) return [];
      await this.db.transaction((tx) => this.tokens.endActivations(tx, fresh, 'revoked', this.now()));
      this.tokens.remember(fresh);
      await this.changed();
      return fresh;
    });
  }

  /**
   * R19, the return's first half: this SmartServer stops using the license. In ONE transaction
   * the activation is ended (tombstone), the token dropped, and a receipt signed by this
   * SmartServer's key queued for the cloud. The state is recomputed and pushed before anyone
   * else can hear of the return. Undefined when the license is not here.
   */
  async returnLicense(licenseId: string): Promise<ReturnRecord | undefined> {
    return this.serialized(async () => {
      const kept = await this.tokens.activationOf(licenseId);
      if (!kept) return undefined;
      const activationId = kept.activationId ?? activationIdOf(kept.token) ?? randomUUID();
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
        await this.tokens.endReturned(tx, activationId, licenseId, returnedAt);
        await this.receipts.queue(tx, { activationId, licenseId, receipt: signed.value, returnedAt });
      });
      this.tokens.remember([activationId]);
      await this.changed();
      return {
        licenseId,
        activationId,
        returnedAt: returnedAt.toISOString(),
        receipt: signed.value,
        attempts: 0,
      };
    });
  }

  // ---- the state -----------------------------------------------------------------------------

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

  /**
   * Recomputes after a change, keeps who holds a licence (R12) and the clock's high-water mark,
   * schedules the next recomputation by the clock, and tells every subscriber. Call inside
   * `serialized`.
   */
  private async changed(): Promise<LicenseState> {
    const computed = await computeState({
      identity: this.identity,
      tokens: await this.tokens.stored(),
      verify: await this.verifyOptions(),
      licensedDeviceIds: await this.devices.licensedIds(),
      devices: await this.devices.list(),
      everActivated: (await this.settings.get('everActivated')) ?? false,
    });
    await this.db.transaction(async (tx) => {
      await this.devices.setLicensed(tx, computed.licensedDeviceIds);
      await this.settings.set('clock', computed.clock, tx);
    });
    this.current = computed.state;
    this.validUntil = computed.validUntil;
    this.schedule(this.validUntil);
    for (const listener of this.listeners) listener(computed.state);
    return computed.state;
  }

  private schedule(at: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.closed) return;
    this.cancelTimer = this.scheduler.at(at, () => this.refresh());
  }

  /** Runs store changes one at a time: two downloads must not interleave their writes. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
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
