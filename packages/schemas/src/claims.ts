// What a signed entitlement says about its license: the namespaced claim of the token.
import * as z from 'zod/mini';
import { LICENSE_MODELS, MAX_CAPACITY, ModelNumberSchema, MAINTENANCE_TERMS_YEARS } from './catalog.js';
import { CustomerIdSchema, LicenseIdSchema } from './ids.js';
import { crossCheck, freeText, intIn, isoDate, isoDateTime } from './primitives.js';
import { parseWith, type Result } from './result.js';

const common = {
  licenseId: LicenseIdSchema,
  customerId: CustomerIdSchema,
  model: ModelNumberSchema,
  /** When the cloud created this License ID (a partner purchase or a transfer, R25). */
  issuedAt: isoDateTime,
  /** When the license was activated on the SmartServer the token is bound to. */
  activatedAt: isoDateTime,
  /** The owner's free-text note (R23). */
  note: z.optional(freeText(500)),
  /** The License ID this one replaced by a transfer (R25). */
  supersedes: z.optional(LicenseIdSchema),
  /** The License ID that replaced this one by a transfer (R25): such a license is refused. */
  supersededBy: z.optional(LicenseIdSchema),
};

export const CapacityClaimsSchema = z.strictObject({
  kind: z.literal('capacity'),
  ...common,
  capacity: intIn(0, MAX_CAPACITY),
  /** A trial key (model 72220-00). */
  trial: z.boolean(),
  /** When a trial stops adding capacity. Absent on a purchased capacity license, which never ends. */
  expiresAt: z.optional(isoDateTime),
});

export const MaintenanceClaimsSchema = z.strictObject({
  kind: z.literal('maintenance'),
  ...common,
  /** Devices this maintenance covers (R8). */
  capacity: intIn(1, MAX_CAPACITY),
  termYears: z.literal(MAINTENANCE_TERMS_YEARS),
  /** First covered day, `YYYY-MM-DD`. */
  termStart: isoDate,
  /** Last covered day, `YYYY-MM-DD`; covered until that day ends (R16). */
  termEnd: isoDate,
});

export const CoreClaimsSchema = z.strictObject({
  kind: z.literal('core'),
  ...common,
  capacity: z.literal(0),
});

type LicenseClaimsInput =
  | z.output<typeof CapacityClaimsSchema>
  | z.output<typeof MaintenanceClaimsSchema>
  | z.output<typeof CoreClaimsSchema>;

/**
 * The license carried in an entitlement token. The claims must agree with the
 * catalog: the model's kind, its capacity, a trial's expiry, a term's order.
 */
export const LicenseClaimsSchema = z
  .discriminatedUnion('kind', [CapacityClaimsSchema, MaintenanceClaimsSchema, CoreClaimsSchema])
  .check(
    crossCheck<LicenseClaimsInput>((claims) => {
      const model = LICENSE_MODELS[claims.model];
      if (model.kind !== claims.kind) {
        return [[['model'], `model ${claims.model} is a ${model.kind} license, not ${claims.kind}`]];
      }
      const problems: Array<[PropertyKey[], string]> = [];
      if (claims.capacity !== model.capacity) {
        problems.push([
          ['capacity'],
          `model ${claims.model} grants ${model.capacity} devices, not ${claims.capacity}`,
        ]);
      }
      if (claims.kind === 'capacity' && model.kind === 'capacity') {
        if (claims.trial !== model.trial) {
          problems.push([['trial'], `model ${claims.model} is ${model.trial ? '' : 'not '}a trial`]);
        } else if (claims.trial && claims.expiresAt === undefined) {
          problems.push([['expiresAt'], 'a trial must carry its expiry']);
        } else if (!claims.trial && claims.expiresAt !== undefined) {
          problems.push([['expiresAt'], 'a purchased capacity license does not expire']);
        }
      }
      if (claims.kind === 'maintenance' && claims.termEnd < claims.termStart) {
        problems.push([['termEnd'], 'must not be before termStart']);
      }
      if (
        claims.supersedes !== undefined &&
        claims.supersedes.toLowerCase() === claims.licenseId.toLowerCase()
      ) {
        problems.push([['supersedes'], 'a license cannot supersede itself']);
      }
      return problems;
    }),
  );

export type CapacityClaims = z.output<typeof CapacityClaimsSchema>;
export type MaintenanceClaims = z.output<typeof MaintenanceClaimsSchema>;
export type CoreClaims = z.output<typeof CoreClaimsSchema>;
export type LicenseClaims = z.output<typeof LicenseClaimsSchema>;

export const parseLicenseClaims = (input: unknown): Result<LicenseClaims> =>
  parseWith(LicenseClaimsSchema, input, 'license claims');
