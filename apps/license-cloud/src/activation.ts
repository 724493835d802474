// Online activation (R19): bind licenses of a customer account to one SmartServer and
// hand back signed tokens; return them to the cloud. Offline files (R20, R21) bind the same way.
import { randomUUID } from 'node:crypto';
import { extendMaintenance, maintenanceTerm } from '@smartserver-licensing/policy';
import type { LicenseClaims } from '@smartserver-licensing/schemas';
import type { Db, Queryable } from '@smartserver-licensing/server-kit';
import { ApiError } from '@smartserver-licensing/server-kit';
import { findLicense, recordLicenseEvent, type CloudLicense } from './inventory.js';

/** Signs the claims of one activated license for one SmartServer (the cloud's key lives behind it). */
export type ActivationSigner = (input: {
  claims: LicenseClaims;
  smartServerId: string;
  tokenId: string;
  now: Date;
}) => Promise<string>;

export interface Activation {
  licenseId: string;
  smartServerId: string;
  channel: 'online' | 'offline';
  tokenId: string;
  activatedAt: Date;
  termStart: string | null;
  termEnd: string | null;
  expiresAt: Date | null;
}

export type DownloadResult =
  | { licenseId: string; ok: true; token: string; license: CloudLicense }
  | { licenseId: string; ok: false; code: 'NOT_FOUND' | 'SUPERSEDED' | 'BOUND_ELSEWHERE'; message: string };

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * R15 (policy's rule): a maintenance license activated while this SmartServer's term runs
 * extends it (it starts the day after the current end); otherwise it starts a new term today.
 */
async function maintenanceTermFor(
  db: Queryable,
  smartServerId: string,
  termYears: number,
  now: Date,
): Promise<{ termStart: string; termEnd: string }> {
  const rows = await db.query<{ end: string | Date | null }>(
    `SELECT max(a.term_end) AS end FROM activations a JOIN licenses l ON l.license_id = a.license_id
     WHERE a.smart_server_id = $1 AND l.kind = 'maintenance'`,
    [smartServerId],
  );
  const currentEnd = asDay(rows[0]?.end ?? null);
  const extended = currentEnd ? extendMaintenance({ currentEndDate: currentEnd, termYears, now }) : undefined;
  const term = extended?.ok ? extended : maintenanceTerm(now, termYears);
  if (!term.ok) throw new ApiError('INTERNAL', `maintenance term: ${term.error.message}`);
  return term.value;
}

export interface ActivationRow {
  license_id: string;
  smart_server_id: string;
  channel: 'online' | 'offline';
  token_id: string;
  activated_at: Date;
  term_start: string | Date | null;
  term_end: string | Date | null;
  expires_at: Date | null;
}

const asDay = (value: string | Date | null) =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : day(value);

export function toActivation(row: ActivationRow): Activation {
  return {
    licenseId: row.license_id,
    smartServerId: row.smart_server_id,
    channel: row.channel,
    tokenId: row.token_id,
    activatedAt: new Date(row.activated_at),
    termStart: asDay(row.term_start),
    termEnd: asDay(row.term_end),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
}

/** The license claims a token carries for one activation. */
export function claimsFor(license: CloudLicense, activation: Activation): LicenseClaims {
  const common = {
    licenseId: license.licenseId,
    customerId: license.customerId!,
    issuedAt: license.createdAt,
    activatedAt: activation.activatedAt.toISOString(),
    ...(license.note ? { note: license.note } : {}),
    ...(license.supersedes ? { supersedes: license.supersedes } : {}),
  };
  switch (license.kind) {
    case 'capacity':
      return {
        kind: 'capacity',
        ...common,
        model: license.model,
        capacity: license.capacity,
        trial: license.trialDays !== null,
        ...(activation.expiresAt ? { expiresAt: activation.expiresAt.toISOString() } : {}),
      } as LicenseClaims;
    case 'maintenance':
      return {
        kind: 'maintenance',
        ...common,
        model: license.model,
        capacity: license.capacity,
        termYears: license.termYears as 1 | 3,
        termStart: activation.termStart!,
        termEnd: activation.termEnd!,
      } as LicenseClaims;
    case 'core':
      return { kind: 'core', ...common, model: license.model, capacity: 0 } as LicenseClaims;
  }
}

/**
 * Binds one license of `customerId` to `smartServerId`. Binding is one INSERT guarded by
 * the activations primary key, so of many concurrent binds exactly one wins. Binding a
 * license again to the SmartServer that holds it is allowed and returns its activation.
 */
export async function bindLicense(
  db: Queryable,
  input: {
    customerId: string | null;
    licenseId: string;
    smartServerId: string;
    channel: 'online' | 'offline';
    now: Date;
    actor: string;
  },
): Promise<
  { ok: true; license: CloudLicense; activation: Activation } | Extract<DownloadResult, { ok: false }>
> {
  const { licenseId, smartServerId, now } = input;
  const license = await findLicense(db, licenseId);
  if (
    !license ||
    (input.customerId !== null && license.customerId !== input.customerId) ||
    !license.customerId
  ) {
    return { licenseId, ok: false, code: 'NOT_FOUND', message: 'No such license in this customer account.' };
  }
  const term =
    license.kind === 'maintenance'
      ? await maintenanceTermFor(db, smartServerId, license.termYears ?? 3, now)
      : null;
  const expiresAt = license.trialDays ? new Date(now.getTime() + license.trialDays * 86_400_000) : null;
  const inserted = await db.query<ActivationRow>(
    `INSERT INTO activations (license_id, smart_server_id, channel, token_id, activated_at, term_start, term_end, expires_at)
     SELECT license_id, $2, $3, $4, $5, $6, $7, $8 FROM licenses
     WHERE license_id = $1 AND superseded_by IS NULL AND customer_id IS NOT NULL
     ON CONFLICT (license_id) DO NOTHING
     RETURNING *`,
    [
      licenseId,
      smartServerId,
      input.channel,
      randomUUID(),
      now,
      term?.termStart ?? null,
      term?.termEnd ?? null,
      expiresAt,
    ],
  );
  if (inserted[0]) {
    await recordLicenseEvent(
      db,
      licenseId,
      input.channel === 'online' ? 'activated' : 'offline_file',
      input.actor,
      smartServerId,
    );
    return { ok: true, license, activation: toActivation(inserted[0]) };
  }
  if (license.supersededBy) {
    return {
      licenseId,
      ok: false,
      code: 'SUPERSEDED',
      message: `License ${licenseId} was replaced by a transfer and can no longer be activated.`,
    };
  }
  const held = await db.query<ActivationRow>('SELECT * FROM activations WHERE license_id = $1', [licenseId]);
  const current = held[0];
  if (current && current.smart_server_id === smartServerId) {
    return { ok: true, license, activation: toActivation(current) };
  }
  return {
    licenseId,
    ok: false,
    code: 'BOUND_ELSEWHERE',
    message: `License ${licenseId} is activated on another SmartServer; return it there first.`,
  };
}

/** R19: download (activate) chosen licenses of an account onto one SmartServer. Each license has its own result. */
export async function downloadLicenses(
  db: Db,
  sign: ActivationSigner,
  input: { customerId: string; licenseIds: readonly string[]; smartServerId: string; now: Date },
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
      claims: claimsFor(bound.license, bound.activation),
      smartServerId: input.smartServerId,
      tokenId: bound.activation.tokenId,
      now: input.now,
    });
    results.push({ licenseId, ok: true, token, license: { ...bound.license, boundTo: input.smartServerId } });
  }
  return results;
}

/** R19: return a license from a SmartServer to the cloud; only the SmartServer holding it may. */
export async function returnLicense(
  db: Db,
  input: { licenseId: string; smartServerId: string },
): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const rows = await tx.query<{ license_id: string }>(
      'DELETE FROM activations WHERE license_id = $1 AND smart_server_id = $2 RETURNING license_id',
      [input.licenseId, input.smartServerId],
    );
    if (rows.length > 0)
      await recordLicenseEvent(
        tx,
        input.licenseId,
        'returned',
        `smartserver:${input.smartServerId}`,
        input.smartServerId,
      );
    return rows.length > 0;
  });
  if (!removed) {
    throw new ApiError('NOT_FOUND', `License ${input.licenseId} is not activated on this SmartServer.`);
  }
}
