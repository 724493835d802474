// The activations table: a binding of one license to one SmartServer key (docs/protocol.md).
// Its rows are mapped here once; ending one (a return or a force release) moves it to
// ended_activations and records it, in the caller's transaction.
import type { SmartServerPublicKey } from '@smartserver-licensing/schemas';
import type { Queryable } from '@smartserver-licensing/server-kit';
import { recordLicenseEvent } from '../inventory.js';
import { jwkOf } from '../registration.js';

/** The SmartServer key an activation is bound to. */
export interface BoundKey {
  thumbprint: string;
  publicKey: SmartServerPublicKey;
}

export interface Activation {
  /** The activation id: the token's `jti`. */
  activationId: string;
  licenseId: string;
  smartServerId: string;
  channel: 'online' | 'offline';
  activatedAt: Date;
  /** Null for a binding made by the first release (before SmartServer keys). */
  key: BoundKey | null;
}

export interface ActivationRow {
  license_id: string;
  smart_server_id: string;
  channel: 'online' | 'offline';
  token_id: string;
  activated_at: Date;
  key_thumbprint: string | null;
  public_jwk: SmartServerPublicKey | string | null;
}

export function toActivation(row: ActivationRow): Activation {
  return {
    activationId: row.token_id,
    licenseId: row.license_id,
    smartServerId: row.smart_server_id,
    channel: row.channel,
    activatedAt: new Date(row.activated_at),
    key:
      row.key_thumbprint && row.public_jwk
        ? { thumbprint: row.key_thumbprint, publicKey: jwkOf(row.public_jwk) }
        : null,
  };
}

/** The activation of a license, or the one with this activation id. */
export async function currentActivation(
  db: Queryable,
  by: { licenseId: string } | { activationId: string },
): Promise<ActivationRow | undefined> {
  const rows =
    'licenseId' in by
      ? await db.query<ActivationRow>('SELECT * FROM activations WHERE license_id = $1', [by.licenseId])
      : await db.query<ActivationRow>('SELECT * FROM activations WHERE token_id = $1', [by.activationId]);
  return rows[0];
}

/**
 * Ends an activation of `licenseId` (the one with `activationId` when given): removes it, keeps
 * it in ended_activations with how, who, why and the key (`key`, else the one recorded on it),
 * and records the license event. Undefined when there was none to end (another request ended it).
 */
export async function endActivation(
  tx: Queryable,
  which: { licenseId: string; activationId?: string },
  ended: {
    how: 'returned' | 'revoked';
    actor: string;
    reason?: string;
    key?: BoundKey;
    at: Date;
  },
): Promise<ActivationRow | undefined> {
  const removed =
    which.activationId === undefined
      ? await tx.query<ActivationRow>('DELETE FROM activations WHERE license_id = $1 RETURNING *', [
          which.licenseId,
        ])
      : await tx.query<ActivationRow>(
          'DELETE FROM activations WHERE token_id = $1 AND license_id = $2 RETURNING *',
          [which.activationId, which.licenseId],
        );
  const row = removed[0];
  if (!row) return undefined;
  const thumbprint = ended.key ? ended.key.thumbprint : row.key_thumbprint;
  const publicKey = ended.key ? ended.key.publicKey : row.public_jwk === null ? null : jwkOf(row.public_jwk);
  await tx.query(
    `INSERT INTO ended_activations (activation_id, license_id, smart_server_id, key_thumbprint, public_jwk, how, actor, reason, ended_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)`,
    [
      row.token_id,
      row.license_id,
      row.smart_server_id,
      thumbprint,
      publicKey === null ? null : JSON.stringify(publicKey),
      ended.how,
      ended.actor,
      ended.reason ?? null,
      ended.at,
    ],
  );
  await recordLicenseEvent(
    tx,
    row.license_id,
    ended.how === 'returned' ? 'returned' : 'force_released',
    ended.actor,
    row.smart_server_id,
  );
  return row;
}
