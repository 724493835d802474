// The license API the widgets' HTTP source calls (R19-R23): the state, offline files and
// requests, notes, the linked account, the account's licenses in the cloud, downloads, and the
// maintenance reminder settings.
import * as z from 'zod/mini';
import { MAX_NOTE_CHARS } from '@smartserver-licensing/client';
import { licenseStateFor } from '@smartserver-licensing/policy';
import {
  CustomerIdSchema,
  FILE_FORMATS,
  LicenseIdSchema,
  NotificationSettingsSchema,
} from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type { SmartServer } from '../../context.js';
import {
  accountResponse,
  activationRequestFile,
  cloudLicenses,
  downloadLicenses,
  linkAccount,
} from '../../licensing.js';
import { accountOf, beforeCloudCall } from '../../online.js';
import { LicenseIdsBody, method, path, route, user, type SmartServerRoute } from './common.js';

export function licenseRoutes(s: SmartServer): SmartServerRoute[] {
  const { store } = s;
  return [
    route({
      method: method('status'),
      path: path('status'),
      summary:
        'The license state of now and the caller’s user type (the dashboard reads it; R10, R14, R16). License IDs only for the Owner.',
      access: 'user',
      handler: async ({ principal }) => {
        const { userType } = user(principal);
        return { status: 200, body: { userType, state: licenseStateFor(userType, await store.state()) } };
      },
    }),
    route({
      method: method('addFile'),
      path: path('addFile'),
      summary:
        'Adds a signed offline activation file (version 2; R20, R21): one result per token. A refused file changes nothing and answers { error: { code: FILE_… } }.',
      access: 'owner',
      rawBody: true,
      body: z.object({
        format: z.literal(FILE_FORMATS.activationFile),
        version: z.literal(2),
        signed: z.string(),
      }),
      handler: async ({ body }) => {
        const outcomes = await store.addFile(body as unknown as string);
        return { status: 200, body: { results: outcomes.map((o, index) => ({ index, ...o })) } };
      },
    }),
    route({
      method: method('activationRequest'),
      path: path('activationRequest'),
      summary:
        'A new offline activation request of this SmartServer, signed with its key: a file for the Customer Portal or support (R20, R21).',
      access: 'owner',
      handler: async () => ({
        status: 200,
        text: { contentType: 'application/json; charset=utf-8', ...(await activationRequestFile(s)) },
      }),
    }),
    route({
      method: method('saveNote'),
      path: path('saveNote'),
      summary: 'Saves the owner’s note of one license (R23).',
      access: 'owner',
      params: z.strictObject({ licenseId: LicenseIdSchema }),
      body: z.strictObject({ note: z.string().check(z.maxLength(MAX_NOTE_CHARS)) }),
      handler: async ({ params, body }) => {
        if (!(await store.saveNote(params.licenseId, body.note))) {
          throw new ApiError('NOT_FOUND', `License ${params.licenseId} is not on this SmartServer.`);
        }
        return { status: 200, body: { licenseId: params.licenseId, note: body.note } };
      },
    }),
    route({
      method: method('getAccount'),
      path: path('getAccount'),
      summary:
        'This SmartServer (id, segment controller, Install Code) and the customer licensing account it uses (R19).',
      access: 'owner',
      handler: async () => ({ status: 200, body: await accountResponse(s) }),
    }),
    route({
      method: method('setAccount'),
      path: path('setAccount'),
      summary:
        'Links this SmartServer to a customer account: registers its key with the cloud, then keeps the Customer ID (R19). KEY_CONFLICT (409) when the account holds another key for this id.',
      access: 'owner',
      body: z.strictObject({ customerId: CustomerIdSchema }),
      handler: async ({ body }) => ({
        status: 200,
        body: await linkAccount(s, body.customerId.toLowerCase()),
      }),
    }),
    route({
      method: method('listCloud'),
      path: path('listCloud'),
      summary: 'The account’s licenses in the cloud, and where each is activated (R19).',
      access: 'owner',
      handler: async () => ({ status: 200, body: await cloudLicenses(s) }),
    }),
    route({
      method: method('download'),
      path: path('download'),
      summary:
        'Downloads (activates) chosen licenses from the cloud onto this SmartServer (R19); owed return receipts go out first.',
      access: 'owner',
      body: LicenseIdsBody,
      handler: async ({ body }) => ({
        status: 200,
        body: { results: await downloadLicenses(s, body.licenseIds) },
      }),
    }),
  ];
}

/** The maintenance reminder settings (R18), kept here and in the cloud. */
export function notificationRoutes(s: SmartServer): SmartServerRoute[] {
  const { store } = s;
  return [
    route({
      method: method('getNotifications'),
      path: path('getNotifications'),
      summary: 'The owner’s maintenance reminder settings (R18).',
      access: 'owner',
      handler: async () => ({ status: 200, body: await store.settings.notificationSettings() }),
    }),
    route({
      method: method('saveNotifications'),
      path: path('saveNotifications'),
      summary: 'Saves the reminder settings here and in the cloud, which sends the mails (R18).',
      access: 'owner',
      body: NotificationSettingsSchema,
      handler: async ({ body }) => {
        // The cloud sends the mails: tell it first, so a failure changes nothing here either.
        const customerId = await accountOf(s);
        await beforeCloudCall(s);
        await s.cloud.saveNotifications(customerId, body);
        await store.settings.set('notifications', body);
        return { status: 200, body };
      },
    }),
  ];
}
