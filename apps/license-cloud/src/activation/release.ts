// Force releases and revocations (docs/protocol.md): a partner or support frees a license
// without a receipt, for a SmartServer that is gone; the activation id is revoked, and the
// SmartServer's key learns it from its revocation list and every later file for it.
import { installCodeOfThumbprint } from '@smartserver-licensing/entitlements';
import { MAX_FILE_REVOCATIONS } from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';
import { findLicense } from '../inventory.js';
import type { ForceRelease } from '../records.js';
import { recordAccountEvent } from '../registration.js';
import { endActivation } from './rows.js';

/**
 * A partner (for its customers' licenses) or support frees a license without a receipt, for a
 * SmartServer that is gone. Recorded with who and why; the activation id is revoked, and the
 * SmartServer learns it from its revocation list.
 */
export async function forceRelease(
  db: Db,
  input: { licenseId: string; partnerId: string | null; actor: string; reason: string; now: Date },
): Promise<ForceRelease> {
  const license = await findLicense(db, input.licenseId);
  if (
    !license?.customerId ||
    license.supersededBy ||
    (input.partnerId !== null && license.partnerId !== input.partnerId)
  ) {
    throw new ApiError(
      'NOT_FOUND',
      input.partnerId !== null
        ? 'No such license in your Customer Inventory.'
        : 'No license of a customer account has this License ID.',
    );
  }
  const customerId = license.customerId;
  return db.transaction(async (tx) => {
    const row = await endActivation(
      tx,
      { licenseId: input.licenseId },
      { how: 'revoked', actor: input.actor, reason: input.reason, at: input.now },
    );
    if (!row) {
      throw new ApiError(
        'CONFLICT',
        `License ${input.licenseId} is not activated on any SmartServer: there is nothing to release.`,
      );
    }
    const installCode = row.key_thumbprint ? installCodeOfThumbprint(row.key_thumbprint) : null;
    await recordAccountEvent(tx, {
      customerId,
      smartServerId: row.smart_server_id,
      event: 'force_released',
      installCode,
      licenseId: row.license_id,
      activationId: row.token_id,
      actor: input.actor,
      reason: input.reason,
      at: input.now,
    });
    return {
      licenseId: row.license_id,
      activationId: row.token_id,
      smartServerId: row.smart_server_id,
      installCode,
      releasedAt: input.now.toISOString(),
    };
  });
}

/**
 * The activation ids of a SmartServer key that were force-released (newest first, at most what
 * one file carries). Bindings the first release made to this id count as this key's.
 */
export async function revokedActivations(
  db: Queryable,
  smartServerId: string,
  thumbprint: string,
): Promise<string[]> {
  const rows = await db.query<{ activation_id: string }>(
    `SELECT activation_id FROM ended_activations
     WHERE smart_server_id = $1 AND how = 'revoked' AND (key_thumbprint = $2 OR key_thumbprint IS NULL)
     ORDER BY ended_at DESC, activation_id LIMIT $3`,
    [smartServerId, thumbprint, MAX_FILE_REVOCATIONS],
  );
  return rows.map((r) => r.activation_id);
}
