// SmartServer keys registered per customer account (docs/protocol.md, Registration). The first
// key that links a SmartServer id to an account holds it; another key for that id is a
// conflict, which the partner or the customer resolves by resetting the registration.
import { installCodeOfThumbprint } from '@smartserver-licensing/entitlements';
import type { SmartServerPublicKey } from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';
import { ProtocolError } from './errors.js';
import type { AccountRegistrations, RegisteredSmartServer } from './records.js';

export interface Registration {
  customerId: string;
  smartServerId: string;
  installCode: string;
  keyThumbprint: string;
  publicKey: SmartServerPublicKey;
  registeredAt: string;
}

interface KeyRow {
  customer_id: string;
  smart_server_id: string;
  key_thumbprint: string;
  public_jwk: SmartServerPublicKey | string;
  install_code: string;
  registered_at: Date;
}

/** jsonb comes back parsed from PostgreSQL and PGlite alike; be safe with text. */
export const jwkOf = (value: SmartServerPublicKey | string): SmartServerPublicKey =>
  typeof value === 'string' ? (JSON.parse(value) as SmartServerPublicKey) : value;

const toRegistration = (row: KeyRow): Registration => ({
  customerId: row.customer_id,
  smartServerId: row.smart_server_id,
  installCode: row.install_code,
  keyThumbprint: row.key_thumbprint,
  publicKey: jwkOf(row.public_jwk),
  registeredAt: new Date(row.registered_at).toISOString(),
});

/** The key registered for a SmartServer id in an account, if any. */
export async function registeredKey(
  db: Queryable,
  customerId: string,
  smartServerId: string,
): Promise<Registration | undefined> {
  const rows = await db.query<KeyRow>(
    'SELECT * FROM smartserver_keys WHERE customer_id = $1 AND smart_server_id = $2',
    [customerId, smartServerId],
  );
  return rows[0] ? toRegistration(rows[0]) : undefined;
}

export async function recordAccountEvent(
  db: Queryable,
  event: {
    customerId: string;
    smartServerId: string;
    event: 'registered' | 'registration_reset' | 'force_released';
    installCode?: string | null;
    licenseId?: string | null;
    activationId?: string | null;
    actor: string;
    reason?: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO account_events (customer_id, smart_server_id, event, install_code, license_id, activation_id, actor, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      event.customerId,
      event.smartServerId,
      event.event,
      event.installCode ?? null,
      event.licenseId ?? null,
      event.activationId ?? null,
      event.actor,
      event.reason ?? null,
      event.at,
    ],
  );
}

/** Says that another key holds this SmartServer id, naming both Install Codes. */
export function keyConflict(smartServerId: string, registeredCode: string, presentedCode: string): never {
  throw new ProtocolError(
    'KEY_CONFLICT',
    `SmartServer ${smartServerId} is registered in this customer account with Install Code ${registeredCode}, ` +
      `but this SmartServer's Install Code is ${presentedCode}. Compare the Install Code in the SmartServer's ` +
      `Manage Customer Accounts: if this is the right SmartServer, your partner (Partner Portal) or you ` +
      `(Customer Portal, SmartServers) can reset the registration, then link it again.`,
    { smartServerId, registeredInstallCode: registeredCode, installCode: presentedCode },
  );
}

/**
 * Registers a SmartServer key in an account. The same key again answers the registration as it
 * is; another key for the id is a KEY_CONFLICT; an unknown account is NOT_FOUND.
 */
export async function registerKey(
  db: Db,
  input: {
    customerId: string;
    smartServerId: string;
    publicKey: SmartServerPublicKey;
    thumbprint: string;
    now: Date;
  },
): Promise<Registration> {
  const installCode = installCodeOfThumbprint(input.thumbprint);
  const registration = await db.transaction(async (tx) => {
    const account = await tx.query('SELECT 1 FROM customers WHERE customer_id = $1', [input.customerId]);
    if (account.length === 0)
      throw new ApiError('NOT_FOUND', 'No customer licensing account has this Customer ID.');
    const inserted = await tx.query<KeyRow>(
      `INSERT INTO smartserver_keys (customer_id, smart_server_id, key_thumbprint, public_jwk, install_code, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id, smart_server_id) DO NOTHING RETURNING *`,
      [
        input.customerId,
        input.smartServerId,
        input.thumbprint,
        JSON.stringify(input.publicKey),
        installCode,
        input.now,
      ],
    );
    if (inserted[0]) {
      await recordAccountEvent(tx, {
        customerId: input.customerId,
        smartServerId: input.smartServerId,
        event: 'registered',
        installCode,
        actor: `smartserver:${input.smartServerId}`,
        at: input.now,
      });
      return toRegistration(inserted[0]);
    }
    return registeredKey(tx, input.customerId, input.smartServerId);
  });
  if (!registration) {
    // Reset between the insert and the read: the caller may simply link again.
    throw new ApiError('CONFLICT', 'The registration changed while linking; link the SmartServer again.');
  }
  if (registration.keyThumbprint !== input.thumbprint) {
    keyConflict(input.smartServerId, registration.installCode, installCode);
  }
  return registration;
}

const registeredSmartServer = (row: KeyRow): RegisteredSmartServer => ({
  smartServerId: row.smart_server_id,
  installCode: row.install_code,
  registeredAt: new Date(row.registered_at).toISOString(),
});

/** The SmartServers registered in an account, and what happened to its registrations lately. */
export async function accountRegistrations(db: Queryable, customerId: string): Promise<AccountRegistrations> {
  const keys = await db.query<KeyRow>(
    'SELECT * FROM smartserver_keys WHERE customer_id = $1 ORDER BY smart_server_id',
    [customerId],
  );
  const events = await db.query<{
    event: string;
    smart_server_id: string;
    install_code: string | null;
    license_id: string | null;
    actor: string;
    reason: string | null;
    at: Date;
  }>(
    `SELECT event, smart_server_id, install_code, license_id, actor, reason, at FROM account_events
     WHERE customer_id = $1 ORDER BY at DESC, id DESC LIMIT 100`,
    [customerId],
  );
  return {
    smartServers: keys.map(registeredSmartServer),
    events: events.map((row) => ({
      event: row.event,
      smartServerId: row.smart_server_id,
      installCode: row.install_code,
      licenseId: row.license_id,
      actor: row.actor,
      reason: row.reason,
      at: new Date(row.at).toISOString(),
    })),
  };
}

/**
 * Forgets the key registered for a SmartServer id in an account (recorded with who and why),
 * so the SmartServer that links next registers its key. Licenses stay bound to the key recorded
 * on their activations: a dead SmartServer's licenses are freed by a force release.
 */
export async function resetRegistration(
  db: Db,
  input: { customerId: string; smartServerId: string; actor: string; reason?: string | undefined; now: Date },
): Promise<RegisteredSmartServer> {
  return db.transaction(async (tx) => {
    const removed = await tx.query<KeyRow>(
      'DELETE FROM smartserver_keys WHERE customer_id = $1 AND smart_server_id = $2 RETURNING *',
      [input.customerId, input.smartServerId],
    );
    const row = removed[0];
    if (!row) {
      throw new ApiError(
        'NOT_FOUND',
        `SmartServer ${input.smartServerId} is not registered in this account.`,
      );
    }
    await recordAccountEvent(tx, {
      customerId: input.customerId,
      smartServerId: input.smartServerId,
      event: 'registration_reset',
      installCode: row.install_code,
      actor: input.actor,
      reason: input.reason ?? null,
      at: input.now,
    });
    return registeredSmartServer(row);
  });
}
