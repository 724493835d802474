// Returns (R19): giving licenses back, the receipts still pending, delivering them now, and a
// receipt as a file for the Customer Portal.
import * as z from 'zod/mini';
import { LicenseIdSchema } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type { SmartServer } from '../../context.js';
import { returnLicenses } from '../../licensing.js';
import type { ReturnRecord } from '../../returns.js';
import { LicenseIdsBody, method, path, route, type SmartServerRoute } from './common.js';

const pendingView = (r: ReturnRecord) => ({
  licenseId: r.licenseId,
  activationId: r.activationId,
  returnedAt: r.returnedAt,
  ...(r.lastError ? { lastError: r.lastError } : {}),
});

export function returnRoutes(s: SmartServer): SmartServerRoute[] {
  const { receipts } = s.store;
  return [
    route({
      method: method('upload'),
      path: path('upload'),
      summary:
        'Returns licenses (R19): each stops counting here at once (tombstone, token dropped, signed receipt queued, one transaction), then the receipts go to the cloud. delivered: false keeps a receipt pending.',
      access: 'owner',
      body: LicenseIdsBody,
      handler: async ({ body }) => ({
        status: 200,
        body: { results: await returnLicenses(s, body.licenseIds) },
      }),
    }),
    route({
      method: method('pendingReturns'),
      path: path('pendingReturns'),
      summary: 'Returns made here that the cloud has not acknowledged yet, with the last delivery error.',
      access: 'owner',
      handler: async () => ({
        status: 200,
        body: { returns: (await receipts.pending()).map(pendingView) },
      }),
    }),
    route({
      method: method('deliverReturns'),
      path: path('deliverReturns'),
      summary: 'Delivers every pending return receipt now; answers the returns still pending.',
      access: 'owner',
      handler: async () => ({ status: 200, body: { returns: (await s.returns.deliver()).map(pendingView) } }),
    }),
    route({
      method: method('receiptFile'),
      path: path('receiptFile'),
      summary:
        'The signed receipt of a return as a file, for the Customer Portal when this SmartServer cannot reach the cloud.',
      access: 'owner',
      params: z.strictObject({ activationId: LicenseIdSchema }),
      handler: async ({ params }) => {
        const record = await receipts.record(params.activationId);
        if (!record)
          throw new ApiError('NOT_FOUND', `No return of activation ${params.activationId} was made here.`);
        return {
          status: 200,
          text: {
            contentType: 'application/json; charset=utf-8',
            filename: `return-${record.licenseId}.json`,
            content: receipts.fileText(record),
          },
        };
      },
    }),
  ];
}
