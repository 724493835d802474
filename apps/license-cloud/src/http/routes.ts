// Every HTTP route of the license cloud. Each is declared once here: validation, access,
// and the OpenAPI document all come from this table.
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import {
  CLOUD_ROUTES,
  CustomerIdSchema,
  LicenseIdSchema,
  MAX_FILE_TOKENS,
  MAX_PROTOCOL_FILE_CHARS,
  ModelNumberSchema,
  parseReturnReceiptFile,
  SmartServerIdSchema,
} from '@smartserver-licensing/schemas';
import { downloadLicenses, forceRelease, returnWithReceipt, revokedActivations } from '../activation.js';
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
  ownCustomer,
  transferLicense,
  type CloudLicense,
} from '../inventory.js';
import { verifyLogin } from '@smartserver-licensing/server-kit';
import { ProtocolError } from '../errors.js';
import { offlineFileFor } from '../offline.js';
import { accountRegistrations, registerKey, resetRegistration } from '../registration.js';
import { signedFile, signerFor } from '../signing.js';
import type { Access, Principal, SmartServerCaller } from './auth.js';
import { endSession, routeFor, startSession, type Route } from '@smartserver-licensing/server-kit';

const route = routeFor<Access, Principal>();
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const name = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL, 'must not contain control characters'));
const email = z.email({ message: 'must be an email address' }).check(z.maxLength(254));
const licenseIds = z
  .array(LicenseIdSchema)
  .check(z.minLength(1), z.maxLength(MAX_FILE_TOKENS, `must name at most ${MAX_FILE_TOKENS} licenses`));
/** The text of a file the portal user uploads (an activation request or a return receipt). */
const fileText = z.string().check(z.minLength(1), z.maxLength(MAX_PROTOCOL_FILE_CHARS));
const reason = z
  .string()
  .check(z.minLength(3), z.maxLength(500), z.regex(NO_CONTROL, 'must not contain control characters'));

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
  termStart: z.nullable(z.string()),
  termEnd: z.nullable(z.string()),
  trialEndsAt: z.nullable(z.string()),
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
  termStart: l.termStart,
  termEnd: l.termEnd,
  trialEndsAt: l.trialEndsAt,
  note: l.note,
  createdAt: l.createdAt,
});

const CustomerIdParams = z.strictObject({ customerId: CustomerIdSchema });
const LicenseIdParams = z.strictObject({ licenseId: LicenseIdSchema });
const RegistrationParams = z.strictObject({
  customerId: CustomerIdSchema,
  smartServerId: SmartServerIdSchema,
});
const SmartServerIdParams = z.strictObject({ smartServerId: SmartServerIdSchema });

const RegistrationsView = z.object({
  smartServers: z.array(
    z.object({ smartServerId: z.string(), installCode: z.string(), registeredAt: z.string() }),
  ),
  events: z.array(
    z.object({
      event: z.string(),
      smartServerId: z.string(),
      installCode: z.nullable(z.string()),
      licenseId: z.nullable(z.string()),
      actor: z.string(),
      reason: z.nullable(z.string()),
      at: z.string(),
    }),
  ),
});
const ResetView = z.object({ smartServerId: z.string(), installCode: z.string(), registeredAt: z.string() });
const ReleaseView = z.object({
  licenseId: z.string(),
  activationId: z.string(),
  smartServerId: z.string(),
  installCode: z.nullable(z.string()),
  releasedAt: z.string(),
});
const ReturnView = CLOUD_ROUTES.returnLicense.answer;

function accountId(p: Principal): string {
  if (p.kind !== 'account') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.accountId;
}
function customerOf(p: Principal): string {
  if (p.kind !== 'customer') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.customerId;
}
/** The SmartServer calling, registered in the account the path names. */
function smartServerIn(p: Principal, customerId?: string): SmartServerCaller {
  if (p.kind !== 'smartserver')
    throw new ApiError('UNAUTHENTICATED', 'A signed SmartServer request is required.');
  if (customerId !== undefined && p.customerId.toLowerCase() !== customerId.toLowerCase()) {
    throw new ApiError(
      'FORBIDDEN',
      `The request is signed for customer account ${p.customerId}, not for ${customerId}.`,
    );
  }
  return p;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

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

    route({
      method: 'get',
      path: '/api/v1/partner/customers/:customerId/smartservers',
      summary:
        'The SmartServers registered in a customer account (id, Install Code, registered at), and what happened to the registrations and force releases lately.',
      access: 'partner',
      params: CustomerIdParams,
      response: RegistrationsView,
      handler: async ({ params, principal }) => {
        await ownCustomer(db, accountId(principal), params.customerId);
        return { status: 200, body: await accountRegistrations(db, params.customerId) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/customers/:customerId/smartservers/:smartServerId/reset',
      summary:
        'Resets a SmartServer registration of a customer account (recorded): the SmartServer that links next registers its key.',
      access: 'partner',
      params: RegistrationParams,
      body: z.strictObject({ reason: z.optional(reason) }),
      response: ResetView,
      handler: async ({ params, body, principal }) => {
        const partnerId = accountId(principal);
        await ownCustomer(db, partnerId, params.customerId);
        const reset = await resetRegistration(db, {
          customerId: params.customerId,
          smartServerId: params.smartServerId,
          actor: `partner:${partnerId}`,
          reason: body.reason,
          now: cloud.now(),
        });
        return { status: 200, body: reset };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/partner/licenses/:licenseId/release',
      summary:
        'Force-releases a customer license from the SmartServer it is activated on, without a receipt (dead hardware); recorded with the reason, the activation id is revoked.',
      access: 'partner',
      params: LicenseIdParams,
      body: z.strictObject({ reason }),
      response: ReleaseView,
      handler: async ({ params, body, principal }) => {
        const partnerId = accountId(principal);
        const released = await forceRelease(db, {
          licenseId: params.licenseId,
          partnerId,
          actor: `partner:${partnerId}`,
          reason: body.reason,
          now: cloud.now(),
        });
        return { status: 200, body: released };
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
      summary:
        'Answers a SmartServer’s activation request file with a signed device-capacity activation file for that SmartServer and key (R20).',
      access: 'customer',
      body: z.strictObject({ requestFile: fileText, licenseIds }),
      handler: async ({ body, principal }) => {
        const customerId = customerOf(principal);
        const file = await offlineFileFor(cloud, {
          customerId,
          requestFile: body.requestFile,
          licenseIds: body.licenseIds,
          kind: 'capacity',
          actor: `customer:${customerId}`,
        });
        return {
          status: 201,
          text: {
            contentType: 'application/json',
            filename: `license-${file.smartServerId}-${file.fileId}.json`,
            content: file.text,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/customer/returns',
      summary:
        'Returns a license with the return receipt file of the SmartServer it was activated on (for a SmartServer without Internet access); same effect as its online return.',
      access: 'customer',
      body: z.strictObject({ receiptFile: fileText }),
      response: ReturnView,
      handler: async ({ body, principal }) => {
        const customerId = customerOf(principal);
        const file = parseReturnReceiptFile(body.receiptFile);
        if (!file.ok) {
          throw new ProtocolError(
            'RECEIPT_INVALID',
            `This is not a SmartServer return receipt file: ${file.error.message}`,
          );
        }
        const outcome = await returnWithReceipt(db, file.value.signed, {
          customerId,
          actor: `customer:${customerId}`,
          now: cloud.now(),
        });
        return { status: 200, body: outcome };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/customer/smartservers',
      summary:
        'The SmartServers registered in the customer’s account (id, Install Code, registered at), and recent registration events.',
      access: 'customer',
      response: RegistrationsView,
      handler: async ({ principal }) => ({
        status: 200,
        body: await accountRegistrations(db, customerOf(principal)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/customer/smartservers/:smartServerId/reset',
      summary:
        'Resets a SmartServer registration of the customer’s account (recorded): the SmartServer that links next registers its key.',
      access: 'customer',
      params: SmartServerIdParams,
      body: z.strictObject({ reason: z.optional(reason) }),
      response: ResetView,
      handler: async ({ params, body, principal }) => {
        const customerId = customerOf(principal);
        const reset = await resetRegistration(db, {
          customerId,
          smartServerId: params.smartServerId,
          actor: `customer:${customerId}`,
          reason: body.reason,
          now: cloud.now(),
        });
        return { status: 200, body: reset };
      },
    }),

    // --- Support (R21) -------------------------------------------------------------------
    route({
      method: 'post',
      path: '/api/v1/support/offline-files',
      summary:
        'Support answers a SmartServer’s activation request file with a signed maintenance activation file (R21), for licenses of any account.',
      access: 'support',
      body: z.strictObject({ requestFile: fileText, licenseIds }),
      handler: async ({ body, principal }) => {
        const file = await offlineFileFor(cloud, {
          customerId: null,
          requestFile: body.requestFile,
          licenseIds: body.licenseIds,
          kind: 'maintenance',
          actor: `support:${accountId(principal)}`,
        });
        return {
          status: 201,
          text: {
            contentType: 'application/json',
            filename: `maintenance-${file.smartServerId}-${file.fileId}.json`,
            content: file.text,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/support/licenses/:licenseId/release',
      summary:
        'Support force-releases any customer license from the SmartServer it is activated on (recorded with the reason; the activation id is revoked).',
      access: 'support',
      params: LicenseIdParams,
      body: z.strictObject({ reason }),
      response: ReleaseView,
      handler: async ({ params, body, principal }) => {
        const released = await forceRelease(db, {
          licenseId: params.licenseId,
          partnerId: null,
          actor: `support:${accountId(principal)}`,
          reason: body.reason,
          now: cloud.now(),
        });
        return { status: 200, body: released };
      },
    }),

    // --- SmartServers (docs/protocol.md; contract: CLOUD_ROUTES) -------------------------------------
    route({
      method: CLOUD_ROUTES.register.method,
      path: CLOUD_ROUTES.register.path,
      summary:
        'Registers the calling SmartServer’s key in a customer account (the assertion carries the key and is signed with it). Same key again: 200. Another key holds the id: 409 KEY_CONFLICT.',
      access: 'registration',
      body: CLOUD_ROUTES.register.body,
      response: CLOUD_ROUTES.register.answer,
      handler: async ({ body, principal }) => {
        if (principal.kind !== 'registering')
          throw new ApiError('UNAUTHENTICATED', 'A signed registration is required.');
        if (body.customerId.toLowerCase() !== principal.customerId.toLowerCase()) {
          throw new ApiError(
            'INVALID_INPUT',
            'body.customerId: must be the account the request is signed for (acct).',
          );
        }
        if (body.installCode !== principal.installCode) {
          throw new ApiError(
            'INVALID_INPUT',
            `body.installCode: ${body.installCode} is not the Install Code of the key that signed the request (${principal.installCode}).`,
          );
        }
        const registration = await registerKey(db, {
          customerId: body.customerId,
          smartServerId: principal.smartServerId,
          publicKey: principal.publicKey,
          thumbprint: principal.thumbprint,
          now: cloud.now(),
        });
        return {
          status: 200,
          body: {
            smartServerId: registration.smartServerId,
            customerId: registration.customerId,
            installCode: registration.installCode,
            registeredAt: registration.registeredAt,
          },
        };
      },
    }),
    route({
      method: CLOUD_ROUTES.listLicenses.method,
      path: CLOUD_ROUTES.listLicenses.path,
      summary: 'The account’s licenses and where each is activated, for the Manage Licenses dialog (R19).',
      access: 'smartserver',
      params: CLOUD_ROUTES.listLicenses.params,
      response: CLOUD_ROUTES.listLicenses.answer,
      handler: async ({ params, principal }) => {
        smartServerIn(principal, params.customerId);
        const licenses = (await accountLicenses(db, params.customerId)).map((l) => ({
          licenseId: l.licenseId,
          model: l.model,
          kind: l.kind,
          capacity: l.capacity,
          termYears: l.termYears as 1 | 3 | null,
          boundTo: l.boundTo,
        }));
        return { status: 200, body: { licenses } };
      },
    }),
    route({
      method: CLOUD_ROUTES.download.method,
      path: CLOUD_ROUTES.download.path,
      summary:
        'Activates chosen licenses on the calling SmartServer and its key; one result per license (R19). Asking again returns the same activation.',
      access: 'smartserver',
      params: CLOUD_ROUTES.download.params,
      body: CLOUD_ROUTES.download.body,
      response: CLOUD_ROUTES.download.answer,
      handler: async ({ body, params, principal }) => {
        const caller = smartServerIn(principal, params.customerId);
        const results = await downloadLicenses(db, signerFor(cloud), {
          customerId: params.customerId,
          licenseIds: body.licenseIds,
          smartServerId: caller.smartServerId,
          key: { thumbprint: caller.thumbprint, publicKey: caller.publicKey },
          now: cloud.now(),
        });
        return {
          status: 200,
          body: {
            results: results.map((r) =>
              r.ok
                ? { licenseId: r.licenseId, ok: true, token: r.token }
                : { licenseId: r.licenseId, ok: false, code: r.code, message: r.message },
            ),
          },
        };
      },
    }),
    route({
      method: CLOUD_ROUTES.returnLicense.method,
      path: CLOUD_ROUTES.returnLicense.path,
      summary:
        'Delivers a return receipt signed by the key the activation is bound to; ends the activation (R19). Idempotent by activation id.',
      access: 'smartserver',
      body: CLOUD_ROUTES.returnLicense.body,
      response: CLOUD_ROUTES.returnLicense.answer,
      handler: async ({ body, principal }) => {
        const caller = smartServerIn(principal);
        const outcome = await returnWithReceipt(db, body.receipt, {
          smartServerId: caller.smartServerId,
          actor: `smartserver:${caller.smartServerId}`,
          now: cloud.now(),
        });
        return { status: 200, body: outcome };
      },
    }),
    route({
      method: CLOUD_ROUTES.revocations.method,
      path: CLOUD_ROUTES.revocations.path,
      summary:
        'The force-released activation ids of the calling SmartServer key, as a signed activation file with no tokens.',
      access: 'smartserver',
      params: CLOUD_ROUTES.revocations.params,
      response: CLOUD_ROUTES.revocations.answer,
      handler: async ({ params, principal }) => {
        const caller = smartServerIn(principal, params.customerId);
        const file = await signedFile(cloud, {
          tokens: [],
          smartServerId: caller.smartServerId,
          keyThumbprint: caller.thumbprint,
          revoked: await revokedActivations(db, caller.smartServerId, caller.thumbprint),
          now: cloud.now(),
        });
        return { status: 200, body: { file: file.text } };
      },
    }),
    route({
      method: CLOUD_ROUTES.notifications.method,
      path: CLOUD_ROUTES.notifications.path,
      summary:
        'Stores the owner’s maintenance reminder days and recipients for the calling SmartServer (R18).',
      access: 'smartserver',
      params: CLOUD_ROUTES.notifications.params,
      body: CLOUD_ROUTES.notifications.body,
      handler: async ({ body, params, principal }) => {
        const caller = smartServerIn(principal, params.customerId);
        await db.query(
          `INSERT INTO notification_settings (smart_server_id, days_before_expiry, recipients, updated_at)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (smart_server_id) DO UPDATE SET days_before_expiry = $2, recipients = $3, updated_at = $4`,
          [caller.smartServerId, body.daysBeforeExpiry, body.recipients, cloud.now()],
        );
        return { status: 204 };
      },
    }),
  ];
}
