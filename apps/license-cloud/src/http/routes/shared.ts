// What the cloud's route modules share: the route helper, input schemas, and who is calling.
import * as z from 'zod/mini';
import {
  CustomerIdSchema,
  LicenseIdSchema,
  MAX_FILE_TOKENS,
  MAX_PROTOCOL_FILE_CHARS,
  SmartServerIdSchema,
} from '@smartserver-licensing/schemas';
import { ApiError, routeFor, type RouteResult } from '@smartserver-licensing/server-kit';
import { PortalLicenseSchema, shown } from '../../records.js';
import type { Access, Principal, SmartServerCaller } from '../auth.js';

export const route = routeFor<Access, Principal>();

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
export const name = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL, 'must not contain control characters'));
export const email = z.email({ message: 'must be an email address' }).check(z.maxLength(254));
export const licenseIds = z
  .array(LicenseIdSchema)
  .check(z.minLength(1), z.maxLength(MAX_FILE_TOKENS, `must name at most ${MAX_FILE_TOKENS} licenses`));
/** The text of a file the portal user uploads (an activation request or a return receipt). */
export const fileText = z.string().check(z.minLength(1), z.maxLength(MAX_PROTOCOL_FILE_CHARS));
export const reason = z
  .string()
  .check(z.minLength(3), z.maxLength(500), z.regex(NO_CONTROL, 'must not contain control characters'));

export const CustomerIdParams = z.strictObject({ customerId: CustomerIdSchema });
export const LicenseIdParams = z.strictObject({ licenseId: LicenseIdSchema });
export const RegistrationParams = z.strictObject({
  customerId: CustomerIdSchema,
  smartServerId: SmartServerIdSchema,
});
export const SmartServerIdParams = z.strictObject({ smartServerId: SmartServerIdSchema });

/** A list of licenses as the portals show them. */
export const PortalLicenses = z.object({ licenses: z.array(PortalLicenseSchema) });
export const portalLicense = (license: z.output<typeof PortalLicenseSchema>) =>
  shown(PortalLicenseSchema, license);

/** The logged-in partner or support account. */
export function accountId(p: Principal): string {
  if (p.kind !== 'account') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.accountId;
}

/** The logged-in customer account. */
export function customerOf(p: Principal): string {
  if (p.kind !== 'customer') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
  return p.customerId;
}

/** The SmartServer calling, registered in the account the path names. */
export function smartServerIn(p: Principal, customerId?: string): SmartServerCaller {
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

/** A signed activation file as a download (Customer Portal and support). */
export function activationFileDownload(
  prefix: 'license' | 'maintenance',
  file: { smartServerId: string; fileId: string; text: string },
): RouteResult {
  return {
    status: 201,
    text: {
      contentType: 'application/json',
      filename: `${prefix}-${file.smartServerId}-${file.fileId}.json`,
      content: file.text,
    },
  };
}
