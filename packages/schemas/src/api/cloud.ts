// The contract between a SmartServer and the license cloud: one module both sides import.
// The cloud declares its routes from these descriptors; the SmartServer's client builds its
// requests from them and checks every answer against the `answer` schema before use.
import * as z from 'zod/mini';
import { LicenseKindSchema, ModelNumberSchema } from '../catalog.js';
import { CustomerIdSchema, LicenseIdSchema, SmartServerIdSchema } from '../ids.js';
import { NotificationSettingsSchema } from '../notifications.js';
import { InstallCodeSchema } from '../protocol.js';
import { isoDateTime, uuid } from '../primitives.js';

/** Every SmartServer request carries `Authorization: SmartServer <assertion JWS>`. */
export const SMARTSERVER_AUTH_SCHEME = 'SmartServer';

/** Most License IDs one download names. */
export const MAX_DOWNLOAD_IDS = 100;

const LicenseIdsSchema = z
  .array(LicenseIdSchema)
  .check(
    z.minLength(1, 'must name at least one license'),
    z.maxLength(MAX_DOWNLOAD_IDS, `must name at most ${MAX_DOWNLOAD_IDS} licenses`),
  );

/** A license of a customer account, as the cloud shows it to a SmartServer of that account. */
export const AccountLicenseSchema = z.object({
  licenseId: LicenseIdSchema,
  model: ModelNumberSchema,
  kind: LicenseKindSchema,
  capacity: z.int(),
  termYears: z.nullable(z.literal([1, 3])),
  /** The SmartServer id it is activated on, or null while it is free. */
  boundTo: z.nullable(SmartServerIdSchema),
});
export type AccountLicense = z.output<typeof AccountLicenseSchema>;

export const DownloadResultSchema = z.union([
  z.object({ licenseId: LicenseIdSchema, ok: z.literal(true), token: z.string().check(z.maxLength(8192)) }),
  z.object({
    licenseId: LicenseIdSchema,
    ok: z.literal(false),
    code: z.enum(['NOT_FOUND', 'SUPERSEDED', 'BOUND_ELSEWHERE']),
    message: z.string().check(z.maxLength(500)),
  }),
]);
export type DownloadResult = z.output<typeof DownloadResultSchema>;

export const ReturnAnswerSchema = z.object({
  licenseId: LicenseIdSchema,
  activationId: uuid,
  /** `already-returned`: the same receipt was acknowledged before (a retry after a lost answer). */
  status: z.enum(['returned', 'already-returned']),
});
export type ReturnAnswer = z.output<typeof ReturnAnswerSchema>;

const CustomerParams = z.strictObject({ customerId: CustomerIdSchema });

/**
 * The routes. `path` is in Hono's form (`:customerId`); `pathFor` fills it.
 * Error answers are `{ error: { code, message } }`; the codes each route may give are listed.
 */
export const CLOUD_ROUTES = {
  /** The issuer's public keys (public, unsigned). */
  jwks: { method: 'get', path: '/.well-known/jwks.json' },
  /**
   * Registers this SmartServer's key within a customer account (the Owner entered the Customer
   * ID). The assertion carries the key (`jwk`) and is signed with it. Same key again: 200.
   * Errors: `NOT_FOUND` (no such account), `KEY_CONFLICT` (409: another key holds this id in
   * the account; a partner or the customer resets it in the portal).
   */
  register: {
    method: 'post',
    path: '/api/v2/smartserver/register',
    body: z.strictObject({ customerId: CustomerIdSchema, installCode: InstallCodeSchema }),
    answer: z.object({
      smartServerId: SmartServerIdSchema,
      customerId: CustomerIdSchema,
      installCode: InstallCodeSchema,
      registeredAt: isoDateTime,
    }),
  },
  /** The account's licenses and where each is activated (R19). */
  listLicenses: {
    method: 'get',
    path: '/api/v2/smartserver/accounts/:customerId/licenses',
    params: CustomerParams,
    answer: z.object({ licenses: z.array(AccountLicenseSchema).check(z.maxLength(10_000)) }),
  },
  /** Activates chosen licenses on the calling SmartServer; one result per license (R19). */
  download: {
    method: 'post',
    path: '/api/v2/smartserver/accounts/:customerId/download',
    params: CustomerParams,
    body: z.strictObject({ licenseIds: LicenseIdsSchema }),
    answer: z.object({ results: z.array(DownloadResultSchema).check(z.maxLength(MAX_DOWNLOAD_IDS)) }),
  },
  /**
   * Delivers a return receipt; idempotent by activation id. Errors: `RECEIPT_INVALID`,
   * `NOT_FOUND` (no such activation of this SmartServer).
   */
  returnLicense: {
    method: 'post',
    path: '/api/v2/smartserver/returns',
    body: z.strictObject({ receipt: z.string().check(z.minLength(1), z.maxLength(4096)) }),
    answer: ReturnAnswerSchema,
  },
  /**
   * The activation ids of the calling SmartServer that a partner or support force-released,
   * as a signed activation file with no tokens (the SmartServer reads it like any file).
   */
  revocations: {
    method: 'get',
    path: '/api/v2/smartserver/accounts/:customerId/revocations',
    params: CustomerParams,
    answer: z.object({ file: z.string().check(z.maxLength(600 * 1024)) }),
  },
  /** The Owner's maintenance reminder days and recipients (R18). */
  notifications: {
    method: 'put',
    path: '/api/v2/smartserver/accounts/:customerId/notifications',
    params: CustomerParams,
    body: NotificationSettingsSchema,
  },
} as const;
export type CloudRoute = keyof typeof CLOUD_ROUTES;

/** Fills a route's `:name` parameters (each value URI-encoded). */
export function pathFor(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`pathFor: no value for :${name}`);
    return encodeURIComponent(value);
  });
}
