// Binding (docs/protocol.md, Activation): a license of a customer account bound to one
// SmartServer key, its terms fixed at its first activation (R15, R19); and the online download
// that binds and signs a token for each chosen license (R19).
import { randomUUID } from 'node:crypto';
import { installCodeOfThumbprint } from '@smartserver-licensing/entitlements';
import { firstActivationTerms } from '@smartserver-licensing/policy';
import type { DownloadResult } from '@smartserver-licensing/schemas';
import { ApiError, type Db, type Queryable } from '@smartserver-licensing/server-kit';
import { findLicense, recordLicenseEvent, type CloudLicense } from '../inventory.js';
import type { ActivationSigner } from '../signing.js';
import {
  currentActivation,
  toActivation,
  type Activation,
  type ActivationRow,
  type BoundKey,
} from './rows.js';

/** Why a license could not be bound; a download answers it as that license's result. */
export type BindRefusal = Extract<DownloadResult, { ok: false }>;

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

const notFound = (licenseId: string): BindRefusal => ({
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
): Promise<{ ok: true; license: CloudLicense; activation: Activation } | BindRefusal> {
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
  const held = await currentActivation(db, { licenseId });
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
    results.push({ licenseId, ok: true, token });
  }
  return results;
}
