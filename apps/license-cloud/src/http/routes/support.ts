// Support (R21): maintenance activation files for licenses of any account, force releases.
import * as z from 'zod/mini';
import type { Route } from '@smartserver-licensing/server-kit';
import { forceRelease } from '../../activation/release.js';
import type { Cloud } from '../../cloud.js';
import { offlineFileFor } from '../../offline.js';
import { ForceReleaseSchema } from '../../records.js';
import type { Access, Principal } from '../auth.js';
import {
  accountId,
  activationFileDownload,
  fileText,
  LicenseIdParams,
  licenseIds,
  reason,
  route,
} from './shared.js';

export function supportRoutes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  return [
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
        return activationFileDownload('maintenance', file);
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
      response: ForceReleaseSchema,
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
  ];
}
