// SmartServers (docs/protocol.md; the contract is CLOUD_ROUTES): registration of their own key,
// the account's licenses, downloads, returns, revocations and reminder settings (R18, R19).
import { AccountLicenseSchema, CLOUD_ROUTES } from '@smartserver-licensing/schemas';
import { ApiError, type Route } from '@smartserver-licensing/server-kit';
import { downloadLicenses } from '../../activation/bind.js';
import { revokedActivations } from '../../activation/release.js';
import { returnWithReceipt } from '../../activation/returns.js';
import type { Cloud } from '../../cloud.js';
import { accountLicenses } from '../../inventory.js';
import { saveNotificationSettings } from '../../notifications.js';
import { shown } from '../../records.js';
import { registerKey } from '../../registration.js';
import { signedFile, signerFor } from '../../signing.js';
import type { Access, Principal } from '../auth.js';
import { route, smartServerIn } from './shared.js';

export function smartServerRoutes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  return [
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
        return { status: 200, body: shown(CLOUD_ROUTES.register.answer, registration) };
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
        const licenses = await accountLicenses(db, params.customerId);
        return {
          status: 200,
          body: { licenses: licenses.map((license) => shown(AccountLicenseSchema, license)) },
        };
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
        return { status: 200, body: { results } };
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
        await saveNotificationSettings(db, caller.smartServerId, body, cloud.now());
        return { status: 204 };
      },
    }),
  ];
}
