// The records the cloud shows, each named once: its schema is the OpenAPI answer and its type is
// what the services return. A service maps a database row once, to its record; a route shows a
// record through its schema (`shown`), which keeps the fields the schema names and nothing else.
import * as z from 'zod/mini';

/** A license as the portals show it (the cloud's record, `CloudLicense`, adds what stays inside). */
export const PortalLicenseSchema = z.object({
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

/** A SmartServer registered in a customer account. */
export const RegisteredSmartServerSchema = z.object({
  smartServerId: z.string(),
  installCode: z.string(),
  registeredAt: z.string(),
});
export type RegisteredSmartServer = z.output<typeof RegisteredSmartServerSchema>;

/** What happened to an account's registrations (registered, reset, force released). */
export const AccountEventSchema = z.object({
  event: z.string(),
  smartServerId: z.string(),
  installCode: z.nullable(z.string()),
  licenseId: z.nullable(z.string()),
  actor: z.string(),
  reason: z.nullable(z.string()),
  at: z.string(),
});
export type AccountEvent = z.output<typeof AccountEventSchema>;

export const AccountRegistrationsSchema = z.object({
  smartServers: z.array(RegisteredSmartServerSchema),
  events: z.array(AccountEventSchema),
});
export type AccountRegistrations = z.output<typeof AccountRegistrationsSchema>;

/** A license freed without a receipt; its activation id is revoked. */
export const ForceReleaseSchema = z.object({
  licenseId: z.string(),
  activationId: z.string(),
  smartServerId: z.string(),
  installCode: z.nullable(z.string()),
  releasedAt: z.string(),
});
export type ForceRelease = z.output<typeof ForceReleaseSchema>;

/** The fields of `record` that `schema` names, in its order: what a route shows of a record. */
export function shown<S extends z.ZodMiniObject>(schema: S, record: z.output<S>): z.output<S> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(Object.keys(schema.shape).map((key) => [key, source[key]])) as z.output<S>;
}
