// Every HTTP route of the license cloud. Each is declared once here: validation, access,
// and the OpenAPI document all come from this table.
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import {
  CustomerIdSchema,
  LicenseIdSchema,
  ModelNumberSchema,
  NotificationSettingsSchema,
  SmartServerIdSchema,
} from '@smartserver-licensing/schemas';
import { bindLicense, claimsFor, downloadLicenses, returnLicense } from '../activation.js';
import type { Cloud } from '../cloud.js';
import { ApiError } from '@smartserver-licensing/server-kit';
import {
  accountLicenses,
  addCustomerEmail,
  addPurchasedLicense,
  createCustomer,
  customerInventory,
  findLicense,
  listCustomers,
  myInventory,
  transferLicense,
  type CloudLicense,
} from '../inventory.js';
import { verifyLogin } from '@smartserver-licensing/server-kit';
import { offlineFile, signerFor } from '../signing.js';
import type { Access, Principal } from './auth.js';
import { endSession, routeFor, startSession, type Route } from '@smartserver-licensing/server-kit';

const route = routeFor<Access, Principal>();
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const name = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL, 'must not contain control characters'));
const email = z.email({ message: 'must be an email address' }).check(z.maxLength(254));
const licenseIds = z.array(LicenseIdSchema).check(z.minLength(1), z.maxLength(64));

const LicenseView = z.object({
  licenseId: z.string(),
  model: z.string(),
  kind: z.string(),
  capacity: z.number(),
  termYears: z.nullable(z.number()),
  customerId: z.nullable(z.string()),
  supersedes: z.nullable(z.string()),
  supersededBy: z.nullable(z.string()),
  boundTo: z.nullable(z.string()),
  activatedAt: z.nullable(z.string()),
  note: z.string(),
  createdAt: z.string(),
});
const view = (l: CloudLicense) => ({
  licenseId: l.licenseId,
  model: l.model,
  kind: l.kind,
  capacity: l.capacity,
  termYears: l.termYears,
  customerId: l.customerId,
  supersedes: l.supersedes,
  supersededBy: l.supersededBy,
  boundTo: l.boundTo,
  activatedAt: l.activatedAt,
  note: l.note,
  createdAt: l.createdAt,
});

const CustomerIdParams = z.strictObject({ customerId: CustomerIdSchema });
const LicenseIdParams = z.strictObject({ licenseId: LicenseIdSchema });

function accountId(p: Principal): string {
  if (p.kind !== 'account') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.accountId;
}
function customerOf(p: Principal): string {
  if (p.kind !== 'customer') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.customerId;
}
function smartServerOf(p: Principal): string {
  if (p.kind !== 'smartserver')
    throw new ApiError('UNAUTHENTICATED', 'A SmartServer id and secret are required.');
  return p.smartServerId;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Binds and signs licenses for an offline file; refuses the whole file if any license cannot be bound. */
async function offlineFileFor(
  cloud: Cloud,
  input: {
    customerId: string | null;
    licenseIds: string[];
    smartServerId: string;
    kind: 'capacity' | 'maintenance';
    actor: string;
  },
) {
  const now = cloud.now();
  const sign = signerFor(cloud);
  return cloud.db.transaction(async (tx) => {
    const tokens: string[] = [];
    for (const licenseId of input.licenseIds) {
      const license = await findLicense(tx, licenseId);
      if (license && license.kind !== input.kind) {
        throw new ApiError(
          'INVALID_INPUT',
          input.kind === 'capacity'
            ? `License ${licenseId} is a ${license.kind} license; the Customer Portal makes device-capacity files only (R20).`
            : `License ${licenseId} is a ${license.kind} license; support issues maintenance files only (R21).`,
        );
      }
      const bound = await bindLicense(tx, { ...input, licenseId, channel: 'offline', now });
      if (!bound.ok)
        throw new ApiError(bound.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT', bound.message, {
          licenseId,
        });
      tokens.push(
        await sign({
          claims: claimsFor(bound.license, bound.activation),
          smartServerId: input.smartServerId,
          tokenId: bound.activation.tokenId,
          now,
        }),
      );
    }
    const file = offlineFile(tokens, input.smartServerId, now);
    await tx.query(
      'INSERT INTO offline_files (file_id, smart_server_id, created_at, created_by) VALUES ($1, $2, $3, $4)',
      [file.fileId, input.smartServerId, now, input.actor],
    );
    return file;
  });
}

export function routes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  return [
    // --- keys and documents ---------------------------------------------------------------
    route({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: 'The public keys SmartServers trust; every key ever used stays listed after a rotation.',
      access: 'public',
      handler: async () => ({ status: 200, body: cloud.keys.jwks }),
    }),

    // --- sessions ------------------------------------------------------------------------
    route({
      method: 'post',
      path: '/api/v1/session/account',
      summary: 'Partner or support login with email and password (rate-limited).',
      access: 'public',
      body: z.strictObject({ email, password: z.string().check(z.minLength(1), z.maxLength(200)) }),
      response: z.object({ role: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        cloud.loginLimiter.hit([`ip:${remote}`, `email:${body.email.toLowerCase()}`], cloud.now().getTime());
        const rows = await db.query<{ id: string; role: string; password_hash: string }>(
          'SELECT id, role, password_hash FROM accounts WHERE email = $1',
          [body.email.toLowerCase()],
        );
        const account = rows[0];
        const ok = await verifyLogin(body.password, account?.password_hash);
        if (!account || !ok) throw new ApiError('UNAUTHENTICATED', 'Wrong email or password.');
        const csrfToken = await startSession(
          db,
          hono,
          { kind: 'account', id: account.id },
          cloud.now(),
          cloud.session,
        );
        return { status: 200, body: { role: account.role, csrfToken } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer',
      summary: 'Customer Portal login with a License ID (EID) of the account (R20; rate-limited).',
      access: 'public',
      body: z.strictObject({ licenseId: LicenseIdSchema }),
      response: z.object({ customerId: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        cloud.loginLimiter.hit([`ip:${remote}`], cloud.now().getTime());
        const license = await findLicense(db, body.licenseId);
        if (!license || !license.customerId || license.supersededBy) {
          throw new ApiError('UNAUTHENTICATED', 'No customer account has this License ID.');
        }
        const csrfToken = await startSession(
          db,
          hono,
          { kind: 'customer', id: license.customerId },
          cloud.now(),
          cloud.session,
        );
        return { status: 200, body: { customerId: license.customerId, csrfToken } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer/link',
      summary: 'Mails a one-time login link to a contact address a partner added (R20). Always answers 202.',
      access: 'public',
      body: z.strictObject({ email }),
      handler: async ({ body, remote }) => {
        cloud.loginLimiter.hit([`ip:${remote}`, `email:${body.email.toLowerCase()}`], cloud.now().getTime());
        const rows = await db.query<{ customer_id: string; name: string }>(
          'SELECT c.customer_id, c.name FROM customer_emails e JOIN customers c ON c.customer_id = e.customer_id WHERE e.email = $1',
          [body.email.toLowerCase()],
        );
        for (const row of rows) {
          const token = randomBytes(32).toString('base64url');
          await db.query(
            'INSERT INTO login_links (token_hash, customer_id, expires_at) VALUES ($1, $2, $3)',
            [sha256(token), row.customer_id, new Date(cloud.now().getTime() + 30 * 60_000)],
          );
          await cloud.mailer.send({
            to: body.email,
            subject: `Your License Customer Portal login for ${row.name}`,
            text: `Open this link within 30 minutes to log into the License Customer Portal for ${row.name}:\n\n${cloud.publicUrl}/customer#login=${token}\n\nIf you did not ask for it, ignore this mail.\n`,
          });
        }
        // The same answer whether or not the address is known: no account discovery.
        return { status: 202, body: { sent: true } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer/redeem',
      summary: 'Exchanges a mailed one-time login token for a Customer Portal session.',
      access: 'public',
      body: z.strictObject({ token: z.string().check(z.minLength(20), z.maxLength(100)) }),
      response: z.object({ customerId: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        cloud.loginLimiter.hit([`ip:${remote}`], cloud.now().getTime());
        const rows = await db.query<{ customer_id: string }>(
          `UPDATE login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING customer_id`,
          [sha256(body.token), cloud.now()],
        );
        if (!rows[0]) throw new ApiError('UNAUTHENTICATED', 'This login link is unknown, used or expired.');
        const csrfToken = await startSession(
          db,
          hono,
          { kind: 'customer', id: rows[0].customer_id },
          cloud.now(),
          cloud.session,
        );
        return { status: 200, body: { customerId: rows[0].customer_id, csrfToken } };
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/session',
      summary: 'Logs out.',
      access: 'public',
      handler: async ({ hono, principal }) => {
        await endSession(db, hono, 'session' in principal ? principal.session : undefined, cloud.session);
        return { status: 204 };
      },
    }),

    // --- Partner Portal (R24, R25) ------------------------------------------------------------
    route({
      method: 'get',
      path: '/api/v1/partner/customers',
      summary: 'The partner’s customer/project accounts.',
      access: 'partner',
      handler: async ({ principal }) => ({
        status: 200,
        body: { customers: await listCustomers(db, accountId(principal)) },
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/customers',
      summary: 'Adds a customer/project account; it gets a new Customer ID (R24).',
      access: 'partner',
      body: z.strictObject({ name }),
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await createCustomer(db, accountId(principal), body.name),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/customers/:customerId/emails',
      summary: 'Adds an email contact that may log into the Customer Portal (R20).',
      access: 'partner',
      params: CustomerIdParams,
      body: z.strictObject({ email }),
      handler: async ({ body, params, principal }) => {
        await addCustomerEmail(db, accountId(principal), params.customerId, body.email);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/partner/inventory',
      summary: 'My Inventory: licenses bought and not yet transferred (R24).',
      access: 'partner',
      response: z.object({ licenses: z.array(LicenseView) }),
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await myInventory(db, accountId(principal))).map(view) },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/partner/customer-inventory',
      summary: 'Customer Inventory: licenses transferred to the partner’s customers (R24).',
      access: 'partner',
      response: z.object({ licenses: z.array(LicenseView) }),
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await customerInventory(db, accountId(principal))).map(view) },
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/licenses',
      summary: 'Adds a purchased license; it gets a new License ID (R25).',
      access: 'partner',
      body: z.strictObject({
        model: ModelNumberSchema,
        termYears: z.optional(z.literal([1, 3])),
        note: z.optional(z.string().check(z.maxLength(500))),
      }),
      response: LicenseView,
      handler: async ({ body, principal }) => ({
        status: 201,
        body: view(await addPurchasedLicense(db, accountId(principal), body)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/licenses/:licenseId/transfer',
      summary:
        'Transfers a license to a customer: a new License ID; the old one is kept on record and refused (R25).',
      access: 'partner',
      params: LicenseIdParams,
      body: z.strictObject({ customerId: CustomerIdSchema }),
      response: z.object({ old: LicenseView, created: LicenseView }),
      handler: async ({ body, params, principal }) => {
        const { old, created } = await transferLicense(
          db,
          accountId(principal),
          params.licenseId,
          body.customerId,
        );
        return { status: 201, body: { old: view(old), created: view(created) } };
      },
    }),

    // --- Customer Portal (R20) ----------------------------------------------------------------
    route({
      method: 'get',
      path: '/api/v1/customer/licenses',
      summary: 'The licenses of the logged-in customer account.',
      access: 'customer',
      response: z.object({ licenses: z.array(LicenseView) }),
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await accountLicenses(db, customerOf(principal))).map(view) },
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/customer/offline-files',
      summary: 'Creates a device-capacity offline activation file for one SmartServer (R20).',
      access: 'customer',
      body: z.strictObject({ smartServerId: SmartServerIdSchema, licenseIds }),
      handler: async ({ body, principal }) => {
        const file = await offlineFileFor(cloud, {
          customerId: customerOf(principal),
          licenseIds: body.licenseIds,
          smartServerId: body.smartServerId,
          kind: 'capacity',
          actor: `customer:${customerOf(principal)}`,
        });
        return {
          status: 201,
          text: {
            contentType: 'application/json',
            filename: `license-${body.smartServerId}-${file.fileId}.json`,
            content: file.text,
          },
        };
      },
    }),

    // --- Support (R21) -------------------------------------------------------------------
    route({
      method: 'post',
      path: '/api/v1/support/offline-files',
      summary: 'Support issues an offline maintenance activation file for one SmartServer (R21).',
      access: 'support',
      body: z.strictObject({ smartServerId: SmartServerIdSchema, licenseIds }),
      handler: async ({ body, principal }) => {
        const file = await offlineFileFor(cloud, {
          customerId: null,
          licenseIds: body.licenseIds,
          smartServerId: body.smartServerId,
          kind: 'maintenance',
          actor: `support:${accountId(principal)}`,
        });
        return {
          status: 201,
          text: {
            contentType: 'application/json',
            filename: `maintenance-${body.smartServerId}-${file.fileId}.json`,
            content: file.text,
          },
        };
      },
    }),

    // --- SmartServer online activation (R19) ------------------------------------------------------
    route({
      method: 'get',
      path: '/api/v1/smartserver/accounts/:customerId/licenses',
      summary: 'Lists a customer account’s licenses for the Manage Licenses dialog (R19).',
      access: 'smartserver',
      params: CustomerIdParams,
      response: z.object({ licenses: z.array(LicenseView) }),
      handler: async ({ params, principal }) => {
        smartServerOf(principal);
        const exists = await db.query('SELECT 1 FROM customers WHERE customer_id = $1', [params.customerId]);
        if (exists.length === 0)
          throw new ApiError('NOT_FOUND', 'No customer licensing account has this Customer ID.');
        return { status: 200, body: { licenses: (await accountLicenses(db, params.customerId)).map(view) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/smartserver/accounts/:customerId/download',
      summary:
        'Downloads (activates) chosen licenses onto the calling SmartServer; one result per license (R19).',
      access: 'smartserver',
      params: CustomerIdParams,
      body: z.strictObject({ licenseIds }),
      handler: async ({ body, params, principal }) => {
        const results = await downloadLicenses(db, signerFor(cloud), {
          customerId: params.customerId,
          licenseIds: body.licenseIds,
          smartServerId: smartServerOf(principal),
          now: cloud.now(),
        });
        return {
          status: 200,
          body: {
            results: results.map((r) => (r.ok ? { licenseId: r.licenseId, ok: true, token: r.token } : r)),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/smartserver/return',
      summary: 'Returns a license from the calling SmartServer to the cloud (R19: online only).',
      access: 'smartserver',
      body: z.strictObject({ licenseId: LicenseIdSchema }),
      handler: async ({ body, principal }) => {
        await returnLicense(db, { licenseId: body.licenseId, smartServerId: smartServerOf(principal) });
        return { status: 204 };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/smartserver/notifications',
      summary:
        'Stores the owner’s maintenance reminder days and recipients for the calling SmartServer (R18).',
      access: 'smartserver',
      body: NotificationSettingsSchema,
      handler: async ({ body, principal }) => {
        await db.query(
          `INSERT INTO notification_settings (smart_server_id, days_before_expiry, recipients, updated_at)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (smart_server_id) DO UPDATE SET days_before_expiry = $2, recipients = $3, updated_at = $4`,
          [smartServerOf(principal), body.daysBeforeExpiry, body.recipients, cloud.now()],
        );
        return { status: 204 };
      },
    }),
  ];
}
