// The SmartServer's settings table: one JSON value per key (its id and identity, the key's
// thumbprint, the Customer ID, the issuer keys, reminder settings, the clock's high-water mark,
// whether a license was ever activated). Read before the license store exists (at start) and by
// every part after.
import type { ClockState, Jwks } from '@smartserver-licensing/entitlements';
import { parseNotificationSettings, type NotificationSettings } from '@smartserver-licensing/schemas';
import { ApiError, type Queryable } from '@smartserver-licensing/server-kit';

/** The keys this SmartServer keeps, with the type of each value. */
export interface SettingValues {
  smartServerId: string;
  identity: unknown;
  keyThumbprint: string;
  customerId: string;
  jwks: Jwks;
  notifications: NotificationSettings;
  clock: ClockState;
  everActivated: boolean;
}

export type SettingKey = keyof SettingValues;

export class Settings {
  constructor(private readonly db: Queryable) {}

  /** The stored value, or undefined; not checked beyond the JSON (callers parse what matters). */
  async get<K extends SettingKey>(key: K): Promise<SettingValues[K] | undefined> {
    const rows = await this.db.query<{ value: SettingValues[K] }>(
      'SELECT value FROM settings WHERE key = $1',
      [key],
    );
    return rows[0]?.value;
  }

  /** Stores a value, in `db` (a transaction) when given. */
  async set<K extends SettingKey>(key: K, value: SettingValues[K], db: Queryable = this.db): Promise<void> {
    await db.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2',
      [key, JSON.stringify(value)],
    );
  }

  /** The stored value; when there is none, `make()`'s, stored first. */
  async keepOrCreate<K extends SettingKey>(key: K, make: () => SettingValues[K]): Promise<SettingValues[K]> {
    const kept = await this.get(key);
    if (kept !== undefined) return kept;
    const value = make();
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [key, JSON.stringify(value)]);
    return value;
  }

  /** Drops a key the first release kept (its shared install secret). */
  async forgetInstallSecret(): Promise<void> {
    await this.db.query("DELETE FROM settings WHERE key = 'installSecret'");
  }

  async trustedKeys(): Promise<Jwks> {
    const jwks = await this.get('jwks');
    if (!jwks) throw new ApiError('INTERNAL', 'This SmartServer has no trusted issuer keys yet.');
    return jwks;
  }

  async notificationSettings(): Promise<NotificationSettings> {
    const stored = parseNotificationSettings(await this.get('notifications'));
    return stored.ok ? stored.value : { daysBeforeExpiry: [60, 30, 7], recipients: [] };
  }
}
