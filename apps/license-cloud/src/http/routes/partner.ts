// Partner Portal (R24, R25): customer/project accounts, inventories, purchases and transfers,
// the SmartServers registered in a customer's account, and force releases.
import * as z from 'zod/mini';
import { CustomerIdSchema, ModelNumberSchema } from '@smartserver-licensing/schemas';
import type { Route } from '@smartserver-licensing/server-kit';
import { forceRelease } from '../../activation/release.js';
import type { Cloud } from '../../cloud.js';
import {
  addCustomerEmail,
  addPurchasedLicense,
  createCustomer,
  customerInventory,
  listCustomers,
  myInventory,
  ownCustomer,
  transferLicense,
} from '../../inventory.js';
import {
  AccountRegistrationsSchema,
  ForceReleaseSchema,
  PortalLicenseSchema,
  RegisteredSmartServerSchema,
} from '../../records.js';
import { accountRegistrations, resetRegistration } from '../../registration.js';
import type { Access, Principal } from '../auth.js';
import {
  accountId,
  CustomerIdParams,
  email,
  LicenseIdParams,
  name,
  portalLicense,
  PortalLicenses,
  reason,
  RegistrationParams,
  route,
} from './shared.js';

export function partnerRoutes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  return [
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
      response: PortalLicenses,
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await myInventory(db, accountId(principal))).map(portalLicense) },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/partner/customer-inventory',
      summary: 'Customer Inventory: licenses transferred to the partner’s customers (R24).',
      access: 'partner',
      response: PortalLicenses,
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await customerInventory(db, accountId(principal))).map(portalLicense) },
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
      response: PortalLicenseSchema,
      handler: async ({ body, principal }) => ({
        status: 201,
        body: portalLicense(await addPurchasedLicense(db, accountId(principal), body)),
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
      response: z.object({ old: PortalLicenseSchema, created: PortalLicenseSchema }),
      handler: async ({ body, params, principal }) => {
        const partnerId = accountId(principal);
        const { old, created } = await transferLicense(db, partnerId, params.licenseId, body.customerId);
        return { status: 201, body: { old: portalLicense(old), created: portalLicense(created) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/partner/customers/:customerId/smartservers',
      summary:
        'The SmartServers registered in a customer account (id, Install Code, registered at), and what happened to the registrations and force releases lately.',
      access: 'partner',
      params: CustomerIdParams,
      response: AccountRegistrationsSchema,
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
      response: RegisteredSmartServerSchema,
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
      response: ForceReleaseSchema,
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
  ];
}
