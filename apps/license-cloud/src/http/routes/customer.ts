// Customer Portal (R20): the account's licenses, offline activation files for SmartServers
// without Internet access, returns with a receipt file, and the account's registrations.
import * as z from 'zod/mini';
import { ReturnAnswerSchema } from '@smartserver-licensing/schemas';
import type { Route } from '@smartserver-licensing/server-kit';
import { receiptOfFile, returnWithReceipt } from '../../activation/returns.js';
import type { Cloud } from '../../cloud.js';
import { accountLicenses } from '../../inventory.js';
import { offlineFileFor } from '../../offline.js';
import { AccountRegistrationsSchema, RegisteredSmartServerSchema } from '../../records.js';
import { accountRegistrations, resetRegistration } from '../../registration.js';
import type { Access, Principal } from '../auth.js';
import {
  activationFileDownload,
  customerOf,
  fileText,
  licenseIds,
  portalLicense,
  PortalLicenses,
  reason,
  route,
  SmartServerIdParams,
} from './shared.js';

export function customerRoutes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  return [
    route({
      method: 'get',
      path: '/api/v1/customer/licenses',
      summary: 'The licenses of the logged-in customer account.',
      access: 'customer',
      response: PortalLicenses,
      handler: async ({ principal }) => ({
        status: 200,
        body: { licenses: (await accountLicenses(db, customerOf(principal))).map(portalLicense) },
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
        return activationFileDownload('license', file);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/customer/returns',
      summary:
        'Returns a license with the return receipt file of the SmartServer it was activated on (for a SmartServer without Internet access); same effect as its online return.',
      access: 'customer',
      body: z.strictObject({ receiptFile: fileText }),
      response: ReturnAnswerSchema,
      handler: async ({ body, principal }) => {
        const customerId = customerOf(principal);
        const outcome = await returnWithReceipt(db, receiptOfFile(body.receiptFile), {
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
      response: AccountRegistrationsSchema,
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
      response: RegisteredSmartServerSchema,
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
  ];
}
