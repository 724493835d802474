// Partner Portal operations (R24, R25): customer/project accounts, purchased licenses,
// transfers. Every function checks that the partner owns what it touches.
import { randomUUID } from 'node:crypto';
import { lookupModel, type LicenseKind, type ModelNumber } from '@smartserver-licensing/schemas';
import type { Db, Queryable } from '@smartserver-licensing/server-kit';
import { pgCodeOf, UNIQUE_VIOLATION } from '@smartserver-licensing/server-kit';
import { ApiError } from '@smartserver-licensing/server-kit';

export interface CustomerAccount {
  customerId: string;
  name: string;
  emails: string[];
  createdAt: string;
}

/** The cloud's license record; the portals show it as `PortalLicenseSchema` (records.ts). */
export interface CloudLicense {
  licenseId: string;
  model: ModelNumber;
  kind: LicenseKind;
  capacity: number;
  termYears: 1 | 3 | null;
  trialDays: number | null;
  partnerId: string;
  customerId: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  note: string;
  createdAt: string;
  /** The SmartServer this license is activated on, if any. */
  boundTo: string | null;
  activatedAt: string | null;
  /** The license's own terms, fixed at its first activation (null before it). */
  firstActivatedAt: string | null;
  termStart: string | null;
  termEnd: string | null;
  trialEndsAt: string | null;
}

interface LicenseRow {
  license_id: string;
  model: ModelNumber;
  kind: LicenseKind;
  capacity: number;
  term_years: 1 | 3 | null;
  trial_days: number | null;
  partner_id: string;
  customer_id: string | null;
  supersedes: string | null;
  superseded_by: string | null;
  note: string;
  created_at: Date;
  smart_server_id: string | null;
  activated_at: Date | null;
  first_activated_at: Date | null;
  /** `date` columns read as text (to_char), so no driver turns them into a local midnight. */
  term_start_day: string | null;
  term_end_day: string | null;
  trial_ends_at: Date | null;
}

const asInstant = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export const LICENSE_SELECT = `
  SELECT l.*, a.smart_server_id, a.activated_at, to_char(l.term_start, 'YYYY-MM-DD') AS term_start_day,
         to_char(l.term_end, 'YYYY-MM-DD') AS term_end_day
  FROM licenses l LEFT JOIN activations a ON a.license_id = l.license_id`;

export function toLicense(row: LicenseRow): CloudLicense {
  return {
    licenseId: row.license_id,
    model: row.model,
    kind: row.kind,
    capacity: row.capacity,
    termYears: row.term_years,
    trialDays: row.trial_days,
    partnerId: row.partner_id,
    customerId: row.customer_id,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    boundTo: row.smart_server_id,
    activatedAt: asInstant(row.activated_at),
    firstActivatedAt: asInstant(row.first_activated_at),
    termStart: row.term_start_day,
    termEnd: row.term_end_day,
    trialEndsAt: asInstant(row.trial_ends_at),
  };
}

export async function findLicense(db: Queryable, licenseId: string): Promise<CloudLicense | undefined> {
  const rows = await db.query<LicenseRow>(`${LICENSE_SELECT} WHERE l.license_id = $1`, [licenseId]);
  return rows[0] ? toLicense(rows[0]) : undefined;
}

async function event(
  db: Queryable,
  licenseId: string,
  kind: string,
  actor: string,
  smartServerId: string | null = null,
) {
  await db.query(
    'INSERT INTO license_events (license_id, event, smart_server_id, actor) VALUES ($1, $2, $3, $4)',
    [licenseId, kind, smartServerId, actor],
  );
}

/** R24: a partner adds a customer/project account; its Customer ID is new. */
export async function createCustomer(db: Db, partnerId: string, name: string): Promise<CustomerAccount> {
  const customerId = randomUUID();
  try {
    const rows = await db.query<{ created_at: Date }>(
      'INSERT INTO customers (customer_id, partner_id, name) VALUES ($1, $2, $3) RETURNING created_at',
      [customerId, partnerId, name],
    );
    return { customerId, name, emails: [], createdAt: new Date(rows[0]!.created_at).toISOString() };
  } catch (error) {
    if (pgCodeOf(error) === UNIQUE_VIOLATION) {
      throw new ApiError('CONFLICT', `You already have a customer/project named "${name}".`);
    }
    throw error;
  }
}

interface CustomerRow {
  customer_id: string;
  name: string;
  created_at: Date;
  emails: string[] | null;
}

/** A partner's customer accounts with their contact emails; `customerId` narrows it to one. */
async function customersOf(
  db: Queryable,
  partnerId: string,
  customerId?: string,
): Promise<CustomerAccount[]> {
  const rows = await db.query<CustomerRow>(
    `SELECT c.customer_id, c.name, c.created_at,
            array_remove(array_agg(e.email ORDER BY e.email), NULL) AS emails
     FROM customers c LEFT JOIN customer_emails e ON e.customer_id = c.customer_id
     WHERE c.partner_id = $1 AND ($2::uuid IS NULL OR c.customer_id = $2::uuid)
     GROUP BY c.customer_id ORDER BY c.name`,
    [partnerId, customerId ?? null],
  );
  return rows.map((row) => ({
    customerId: row.customer_id,
    name: row.name,
    emails: row.emails ?? [],
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** A customer account of this partner, or NOT_FOUND (also for another partner's account). */
export async function ownCustomer(
  db: Queryable,
  partnerId: string,
  customerId: string,
): Promise<CustomerAccount> {
  const [account] = await customersOf(db, partnerId, customerId);
  if (!account) throw new ApiError('NOT_FOUND', 'No such customer/project in your accounts.');
  return account;
}

export const listCustomers = (db: Queryable, partnerId: string): Promise<CustomerAccount[]> =>
  customersOf(db, partnerId);

/** R20: a partner adds an email contact that may log into the Customer Portal. */
export async function addCustomerEmail(
  db: Db,
  partnerId: string,
  customerId: string,
  email: string,
): Promise<void> {
  await ownCustomer(db, partnerId, customerId);
  await db.query('INSERT INTO customer_emails (customer_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    customerId,
    email.toLowerCase(),
  ]);
}

/** R25: adding a purchased license creates its License ID in the partner's inventory. */
export async function addPurchasedLicense(
  db: Db,
  partnerId: string,
  input: { model: string; termYears?: 1 | 3 | undefined; note?: string | undefined },
): Promise<CloudLicense> {
  const found = lookupModel(input.model);
  if (!found.ok) throw new ApiError('INVALID_INPUT', found.error.message);
  const model = found.value;
  if (model.kind !== 'maintenance' && input.termYears !== undefined) {
    throw new ApiError(
      'INVALID_INPUT',
      `termYears applies to maintenance licenses only, not ${model.model}.`,
    );
  }
  const termYears = model.kind === 'maintenance' ? (input.termYears ?? model.termYears) : null;
  const trialDays = model.kind === 'capacity' && model.trial ? (model.trialDays ?? null) : null;
  const licenseId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO licenses (license_id, model, kind, capacity, term_years, trial_days, partner_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [licenseId, model.model, model.kind, model.capacity, termYears, trialDays, partnerId, input.note ?? ''],
    );
    await event(tx, licenseId, 'created', `partner:${partnerId}`);
  });
  return (await findLicense(db, licenseId))!;
}

/** R24: licenses the partner bought and has not transferred. */
export async function myInventory(db: Queryable, partnerId: string): Promise<CloudLicense[]> {
  const rows = await db.query<LicenseRow>(
    `${LICENSE_SELECT} WHERE l.partner_id = $1 AND l.customer_id IS NULL AND l.superseded_by IS NULL
     ORDER BY l.created_at, l.license_id`,
    [partnerId],
  );
  return rows.map(toLicense);
}

/** R24: licenses the partner transferred to its customers, with where each is activated. */
export async function customerInventory(db: Queryable, partnerId: string): Promise<CloudLicense[]> {
  const rows = await db.query<LicenseRow>(
    `${LICENSE_SELECT} WHERE l.partner_id = $1 AND l.customer_id IS NOT NULL AND l.superseded_by IS NULL
     ORDER BY l.customer_id, l.created_at, l.license_id`,
    [partnerId],
  );
  return rows.map(toLicense);
}

/**
 * R25: transferring a license to a customer creates a new License ID in that account;
 * the old ID is marked superseded and can no longer be transferred or activated.
 * Two concurrent transfers of one license: the unique `supersedes` column lets one win.
 */
export async function transferLicense(
  db: Db,
  partnerId: string,
  licenseId: string,
  customerId: string,
): Promise<{ old: CloudLicense; created: CloudLicense }> {
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    await ownCustomer(tx, partnerId, customerId);
    const current = await findLicense(tx, licenseId);
    if (!current || current.partnerId !== partnerId) {
      throw new ApiError('NOT_FOUND', 'No such license in your inventory.');
    }
    if (current.supersededBy) {
      throw new ApiError(
        'CONFLICT',
        `License ${licenseId} was transferred already and is now ${current.supersededBy}.`,
        {
          supersededBy: current.supersededBy,
        },
      );
    }
    if (current.customerId) {
      throw new ApiError('CONFLICT', `License ${licenseId} already belongs to a customer account.`);
    }
    if (current.boundTo) {
      throw new ApiError(
        'CONFLICT',
        `License ${licenseId} is activated on ${current.boundTo}; return it first.`,
      );
    }
    try {
      await tx.query(
        `INSERT INTO licenses (license_id, model, kind, capacity, term_years, trial_days, partner_id, customer_id, supersedes, note)
         SELECT $1, model, kind, capacity, term_years, trial_days, partner_id, $2, license_id, note
         FROM licenses WHERE license_id = $3`,
        [newId, customerId, licenseId],
      );
    } catch (error) {
      if (pgCodeOf(error) === UNIQUE_VIOLATION) {
        throw new ApiError('CONFLICT', `License ${licenseId} is being transferred already.`);
      }
      throw error;
    }
    await tx.query('UPDATE licenses SET superseded_by = $1 WHERE license_id = $2', [newId, licenseId]);
    await event(tx, licenseId, 'transferred', `partner:${partnerId}`);
    await event(tx, newId, 'created', `partner:${partnerId}`);
  });
  return { old: (await findLicense(db, licenseId))!, created: (await findLicense(db, newId))! };
}

/** Licenses of a customer account that can be activated or are active (R19). */
export async function accountLicenses(db: Queryable, customerId: string): Promise<CloudLicense[]> {
  const rows = await db.query<LicenseRow>(
    `${LICENSE_SELECT} WHERE l.customer_id = $1 AND l.superseded_by IS NULL ORDER BY l.created_at, l.license_id`,
    [customerId],
  );
  return rows.map(toLicense);
}

export { event as recordLicenseEvent };
