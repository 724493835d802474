// The license store: the tokens this SmartServer accepted, its devices and settings, and
// the one LicenseState computed from them. Tokens are verified here (entitlements) and the
// verified claims handed to policy; no licensing rule is decided in this file.
import {
  advanceClock,
  isClockState,
  readActivationFile,
  verifyEntitlements,
  type ClockState,
  type FileMark,
  type Jwks,
  type VerifyResult,
} from '@smartserver-licensing/entitlements';
import { computeLicenseState, type RejectedLicense } from '@smartserver-licensing/policy';
import {
  parseNotificationSettings,
  type Device,
  type LicenseClaims,
  type LicenseState,
  type NotificationSettings,
  type Product,
} from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';

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

interface DeviceRow {
  id: string;
  name: string;
  created_at: Date;
  protocol: Device['protocol'];
  is_smartserver: boolean;
}

export class LicenseStore {
  private listeners = new Set<(state: LicenseState) => void>();
  private current: LicenseState | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: Db,
    readonly identity: Identity,
    /** The issuer every token must name (`iss`). */
    readonly issuer: string,
    readonly now: () => Date,
  ) {}

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
    await this.db.query(
      'INSERT INTO devices (id, name, created_at, protocol, is_smartserver) VALUES ($1, $2, $3, $4, $5)',
      [device.id, device.name, device.createdAt, device.protocol, device.isSmartServer],
    );
    await this.changed();
  }

  // ---- tokens --------------------------------------------------------------------------------

  private async storedTokens(): Promise<Array<{ license_id: string; token: string; note: string | null }>> {
    return this.db.query(
      'SELECT license_id, token, note FROM license_tokens ORDER BY accepted_at, license_id',
    );
  }

  private async verifyOptions() {
    const clock = await this.setting<ClockState>('clock');
    return {
      keys: await this.trustedKeys(),
      smartServerId: this.identity.smartServerId,
      issuer: this.issuer,
      now: this.now(),
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

  /** R20, R21: reads an offline activation file, keeps the tokens that verified, and remembers the file. */
  async addFile(text: string): Promise<TokenOutcome[]> {
    return this.serialized(async () => {
      const lastFile = await this.setting<FileMark>('lastFile');
      const read = await readActivationFile(text, {
        ...(await this.verifyOptions()),
        ...(lastFile ? { lastFile } : {}),
      });
      if (!read.ok)
        throw new ApiError(
          read.code === 'FILE_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'INVALID_INPUT',
          read.message,
          { code: read.code },
        );
      await this.db.transaction(async (tx) => {
        for (const result of read.results) {
          if (result.code === 'OK') await this.keep(tx, result, 'offline');
        }
        await this.setSetting('lastFile', read.mark, tx);
        if (read.clock) await this.setSetting('clock', read.clock, tx);
        if (read.accepted.length > 0) await this.setSetting('everActivated', true, tx);
      });
      await this.changed();
      return read.results.map(outcomeOf);
    });
  }

  private async keep(tx: Queryable, result: VerifyResult, channel: 'online' | 'offline'): Promise<void> {
    if (!result.valid) return;
    const { licenseId, token } = result.entitlement;
    await tx.query(
      `INSERT INTO license_tokens (license_id, token, channel, accepted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (license_id) DO UPDATE SET token = $2, channel = $3, accepted_at = $4`,
      [licenseId, token, channel, this.now()],
    );
  }

  /** R19: forgets returned licenses. */
  async removeTokens(licenseIds: readonly string[]): Promise<void> {
    await this.serialized(async () => {
      for (const id of licenseIds)
        await this.db.query('DELETE FROM license_tokens WHERE license_id = $1', [id]);
      await this.changed();
    });
  }

  async hasLicense(licenseId: string): Promise<boolean> {
    return (
      (await this.db.query('SELECT 1 FROM license_tokens WHERE license_id = $1', [licenseId])).length > 0
    );
  }

  async saveNote(licenseId: string, note: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE license_tokens SET note = $2 WHERE license_id = $1 RETURNING license_id',
      [licenseId, note],
    );
    if (rows.length > 0) await this.changed();
    return rows.length > 0;
  }

  // ---- the state -----------------------------------------------------------------------------

  /** Verifies every stored token and asks policy for the LicenseState. */
  async computeState(): Promise<LicenseState> {
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
    const computed = computeLicenseState({
      product: this.identity.product,
      segmentController: this.identity.name,
      licenses,
      devices: await this.devices(),
      now: options.now,
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
    this.current = state;
    return state;
  }

  async state(): Promise<LicenseState> {
    return this.current ?? this.serialized(() => this.computeState());
  }

  subscribe(listener: (state: LicenseState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recomputes after a change and tells every subscriber. */
  async changed(): Promise<void> {
    const state = await this.computeState();
    for (const listener of this.listeners) listener(state);
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
