// Activations (docs/protocol.md): bind licenses of a customer account to one SmartServer key
// and sign tokens for them (R19 online, R20/R21 offline files); end them with a return receipt
// signed by that key, or by a recorded force release; list a key's revoked activation ids.
import { randomUUID } from 'node:crypto';
import { installCodeOfThumbprint, verifySmartServerMessage } from '@smartserver-licensing/entitlements';
import { firstActivationTerms } from '@smartserver-licensing/policy';
import {
  MAX_FILE_REVOCATIONS,
  parseWith,
  ReturnReceiptClaimsSchema,
  type ReturnReceiptClaims,
  type SmartServerPublicKey,
} from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';
import { ProtocolError } from './errors.js';
import { findLicense, recordLicenseEvent, type CloudLicense } from './inventory.js';
import { jwkOf, recordAccountEvent, registeredKey } from './registration.js';
import type { ActivationSigner } from './signing.js';

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

export type DownloadResult =
  | { licenseId: string; ok: true; token: string; license: CloudLicense }
  | { licenseId: string; ok: false; code: 'NOT_FOUND' | 'SUPERSEDED' | 'BOUND_ELSEWHERE'; message: string };

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

/**
 * R15: the last covered day of the maintenance running on this SmartServer (its licenses bound to
 * this key, or bound by the first release to this id), for a first activation that extends it.
 */
async function currentMaintenanceEnd(
  db: Queryable,
  smartServerId: string,
  key: BoundKey,
): Promise<string | null> {
  const rows = await db.query<{ end: string | null }>(
    `SELECT to_char(max(l.term_end), 'YYYY-MM-DD') AS end
     FROM activations a JOIN licenses l ON l.license_id = a.license_id
     WHERE a.smart_server_id = $1 AND (a.key_thumbprint = $2 OR a.key_thumbprint IS NULL)
       AND l.kind = 'maintenance'`,
    [smartServerId, key.thumbprint],
  );
  return rows[0]?.end ?? null;
}

const notFound = (licenseId: string): Extract<DownloadResult, { ok: false }> => ({
  licenseId,
  ok: false,
  code: 'NOT_FOUND',
  message: 'No such license in this customer account.',
});

/**
 * Binds one license of `customerId` (any account when null) to a SmartServer key. The binding
 * and, at a license's first activation, the fixing of its terms are one statement guarded by
 * the activations primary key: of many concurrent binds exactly one wins, and terms are set once.
 * Binding again to the key that holds the license returns its activation (same id); a binding
 * the first release made to this SmartServer id is taken over by the key (same id).
 */
export async function bindLicense(
  db: Queryable,
  input: {
    customerId: string | null;
    licenseId: string;
    smartServerId: string;
    key: BoundKey;
    channel: 'online' | 'offline';
    now: Date;
    actor: string;
  },
  attempt = 1,
): Promise<
  { ok: true; license: CloudLicense; activation: Activation } | Extract<DownloadResult, { ok: false }>
> {
  const { licenseId, smartServerId, key, now } = input;
  const found = await findLicense(db, licenseId);
  if (!found?.customerId || (input.customerId !== null && found.customerId !== input.customerId)) {
    return notFound(licenseId);
  }
  let terms: { termStart?: string; termEnd?: string; trialEndsAt?: string } = {};
  if (!found.firstActivatedAt && !found.supersededBy) {
    const first = firstActivationTerms({
      model: found.model,
      ...(found.termYears ? { termYears: found.termYears } : {}),
      ...(found.trialDays ? { trialDays: found.trialDays } : {}),
      now,
      currentMaintenanceEnd:
        found.kind === 'maintenance' ? await currentMaintenanceEnd(db, smartServerId, key) : null,
    });
    if (!first.ok) throw new ApiError('INTERNAL', `terms of ${licenseId}: ${first.error.message}`);
    terms = first.value;
  }
  const bound = await db.query<ActivationRow>(
    `WITH bound AS (
       INSERT INTO activations (license_id, smart_server_id, channel, token_id, activated_at,
                                term_start, term_end, expires_at, key_thumbprint, public_jwk)
       SELECT license_id, $2, $3, $4, $5, coalesce(term_start, $6::date), coalesce(term_end, $7::date),
              coalesce(trial_ends_at, $8::timestamptz), $9, $10::jsonb
       FROM licenses WHERE license_id = $1 AND superseded_by IS NULL AND customer_id IS NOT NULL
       ON CONFLICT (license_id) DO NOTHING
       RETURNING *
     ), fixed AS (
       UPDATE licenses SET first_activated_at = $5, term_start = $6::date, term_end = $7::date,
                           trial_ends_at = $8::timestamptz
       WHERE license_id IN (SELECT license_id FROM bound) AND first_activated_at IS NULL
       RETURNING license_id
     )
     SELECT bound.*, (SELECT count(*) FROM fixed) AS fixed FROM bound`,
    [
      licenseId,
      smartServerId,
      input.channel,
      randomUUID(),
      now,
      terms.termStart ?? null,
      terms.termEnd ?? null,
      terms.trialEndsAt ? new Date(terms.trialEndsAt) : null,
      key.thumbprint,
      JSON.stringify(key.publicKey),
    ],
  );
  if (bound[0]) {
    await recordLicenseEvent(
      db,
      licenseId,
      input.channel === 'online' ? 'activated' : 'offline_file',
      input.actor,
      smartServerId,
    );
    return { ok: true, license: (await findLicense(db, licenseId))!, activation: toActivation(bound[0]) };
  }
  if (found.supersededBy) {
    return {
      licenseId,
      ok: false,
      code: 'SUPERSEDED',
      message: `License ${licenseId} was replaced by a transfer and can no longer be activated.`,
    };
  }
  const held = (
    await db.query<ActivationRow>('SELECT * FROM activations WHERE license_id = $1', [licenseId])
  )[0];
  if (!held) {
    // Returned between the insert and the read: try once more.
    if (attempt < 3) return bindLicense(db, input, attempt + 1);
    return {
      licenseId,
      ok: false,
      code: 'BOUND_ELSEWHERE',
      message: `License ${licenseId} is changing hands right now; try again.`,
    };
  }
  if (held.smart_server_id === smartServerId) {
    if (held.key_thumbprint === key.thumbprint) {
      return { ok: true, license: found, activation: toActivation(held) };
    }
    if (held.key_thumbprint === null) {
      // The first release bound it to this id: the key registered for the id takes it over.
      const claimed = await db.query<ActivationRow>(
        `UPDATE activations SET key_thumbprint = $3, public_jwk = $4::jsonb
         WHERE license_id = $1 AND smart_server_id = $2 AND key_thumbprint IS NULL RETURNING *`,
        [licenseId, smartServerId, key.thumbprint, JSON.stringify(key.publicKey)],
      );
      if (claimed[0]) return { ok: true, license: found, activation: toActivation(claimed[0]) };
      if (attempt < 3) return bindLicense(db, input, attempt + 1);
    }
    return {
      licenseId,
      ok: false,
      code: 'BOUND_ELSEWHERE',
      message:
        `License ${licenseId} is activated on SmartServer ${smartServerId} with another key ` +
        `(Install Code ${held.key_thumbprint ? installCodeOfThumbprint(held.key_thumbprint) : 'unknown'}); ` +
        'return it from there, or ask your partner to force-release it if that SmartServer is gone.',
    };
  }
  return {
    licenseId,
    ok: false,
    code: 'BOUND_ELSEWHERE',
    message: `License ${licenseId} is activated on another SmartServer; return it there first.`,
  };
}

/** R19: download (activate) chosen licenses of an account onto one SmartServer key. Each license has its own result. */
export async function downloadLicenses(
  db: Db,
  sign: ActivationSigner,
  input: {
    customerId: string;
    licenseIds: readonly string[];
    smartServerId: string;
    key: BoundKey;
    now: Date;
  },
): Promise<DownloadResult[]> {
  const results: DownloadResult[] = [];
  for (const licenseId of input.licenseIds) {
    const bound = await bindLicense(db, {
      ...input,
      licenseId,
      channel: 'online',
      actor: `smartserver:${input.smartServerId}`,
    });
    if (!bound.ok) {
      results.push(bound);
      continue;
    }
    const token = await sign({
      license: bound.license,
      activationId: bound.activation.activationId,
      activatedAt: bound.activation.activatedAt,
      smartServerId: input.smartServerId,
      keyThumbprint: input.key.thumbprint,
      now: input.now,
    });
    results.push({ licenseId, ok: true, token, license: { ...bound.license, boundTo: input.smartServerId } });
  }
  return results;
}

interface EndedRow {
  activation_id: string;
  license_id: string;
  smart_server_id: string;
  key_thumbprint: string | null;
  public_jwk: SmartServerPublicKey | string | null;
  how: 'returned' | 'revoked';
}

/** The claims of a receipt, read before its signature is checked: only to find the activation it names. */
function peekReceipt(receipt: string): ReturnReceiptClaims {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(receipt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const parsed = parseWith(ReturnReceiptClaimsSchema, payload, 'return receipt');
  if (!parsed.ok || receipt.split('.').length !== 3) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This is not a return receipt of a SmartServer${parsed.ok ? '' : ` (${parsed.error.message})`}.`,
    );
  }
  return parsed.value;
}

export interface ReturnOutcome {
  licenseId: string;
  activationId: string;
  status: 'returned' | 'already-returned';
}

/**
 * R19 and our offline extension: ends an activation on a receipt signed by the key recorded on
 * it (or, for a binding of the first release, the key registered for its SmartServer id in the
 * license's account). Idempotent by activation id: a receipt for an activation that ended
 * already answers `already-returned` and changes nothing.
 *
 * `scope` narrows who may deliver it: a SmartServer delivers only its own receipts, a customer
 * only receipts for licenses of its account.
 */
export async function returnWithReceipt(
  db: Db,
  receipt: string,
  scope: { smartServerId?: string; customerId?: string; actor: string; now: Date },
): Promise<ReturnOutcome> {
  const claimed = peekReceipt(receipt);
  if (scope.smartServerId !== undefined && claimed.smartServerId !== scope.smartServerId) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This receipt is from SmartServer ${claimed.smartServerId}, not from the SmartServer sending it.`,
    );
  }
  const unknown = () =>
    new ApiError(
      'NOT_FOUND',
      `No activation ${claimed.activationId} of license ${claimed.licenseId} on SmartServer ${claimed.smartServerId} is known.`,
    );

  const current = (
    await db.query<ActivationRow>('SELECT * FROM activations WHERE token_id = $1', [claimed.activationId])
  )[0];
  const ended = current
    ? undefined
    : (
        await db.query<EndedRow>('SELECT * FROM ended_activations WHERE activation_id = $1', [
          claimed.activationId,
        ])
      )[0];
  const target = current ?? ended;
  if (!target) throw unknown();
  const license = await findLicense(db, target.license_id);
  if (!license?.customerId || (scope.customerId !== undefined && license.customerId !== scope.customerId)) {
    throw unknown();
  }

  // The key the receipt must verify with: the activation's own, else the id's registration.
  const recorded = target.public_jwk ? jwkOf(target.public_jwk) : undefined;
  const publicKey =
    recorded ?? (await registeredKey(db, license.customerId, target.smart_server_id))?.publicKey;
  if (!publicKey) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `No key is known for SmartServer ${target.smart_server_id} in this account: link it to the account (Manage Customer Accounts), then return the license.`,
    );
  }
  const verified = await verifySmartServerMessage('returnReceipt', receipt, { publicKey });
  if (!verified.ok) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This receipt is not signed by the SmartServer the license is activated on (${verified.message}).`,
    );
  }
  const { claims } = verified;
  if (
    claims.smartServerId !== target.smart_server_id ||
    claims.licenseId.toLowerCase() !== target.license_id.toLowerCase() ||
    claims.keyThumbprint !== verified.thumbprint
  ) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      'This receipt names another SmartServer, license or key than the activation it ends.',
    );
  }
  const outcome = { licenseId: target.license_id, activationId: claimed.activationId.toLowerCase() };
  if (!current) return { ...outcome, status: 'already-returned' };

  const returned = await db.transaction(async (tx) => {
    const removed = await tx.query<ActivationRow>(
      'DELETE FROM activations WHERE token_id = $1 AND license_id = $2 RETURNING *',
      [current.token_id, current.license_id],
    );
    const row = removed[0];
    if (!row) return false;
    await tx.query(
      `INSERT INTO ended_activations (activation_id, license_id, smart_server_id, key_thumbprint, public_jwk, how, actor, ended_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, 'returned', $6, $7)`,
      [
        row.token_id,
        row.license_id,
        row.smart_server_id,
        verified.thumbprint,
        JSON.stringify(publicKey),
        scope.actor,
        scope.now,
      ],
    );
    await recordLicenseEvent(tx, row.license_id, 'returned', scope.actor, row.smart_server_id);
    return true;
  });
  // Two deliveries of one receipt at once: the other one ended it.
  return { ...outcome, status: returned ? 'returned' : 'already-returned' };
}

export interface ForceRelease {
  licenseId: string;
  activationId: string;
  smartServerId: string;
  installCode: string | null;
  releasedAt: string;
}

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
    const removed = await tx.query<ActivationRow>(
      'DELETE FROM activations WHERE license_id = $1 RETURNING *',
      [input.licenseId],
    );
    const row = removed[0];
    if (!row) {
      throw new ApiError(
        'CONFLICT',
        `License ${input.licenseId} is not activated on any SmartServer: there is nothing to release.`,
      );
    }
    await tx.query(
      `INSERT INTO ended_activations (activation_id, license_id, smart_server_id, key_thumbprint, public_jwk, how, actor, reason, ended_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, 'revoked', $6, $7, $8)`,
      [
        row.token_id,
        row.license_id,
        row.smart_server_id,
        row.key_thumbprint,
        row.public_jwk === null ? null : JSON.stringify(jwkOf(row.public_jwk)),
        input.actor,
        input.reason,
        input.now,
      ],
    );
    await recordLicenseEvent(tx, row.license_id, 'force_released', input.actor, row.smart_server_id);
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
