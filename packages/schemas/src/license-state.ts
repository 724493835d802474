// LicenseState: the one contract between policy (which computes it) and every UI (which renders it).
import * as z from 'zod/mini';
import { LicenseKindSchema, MAX_CAPACITY, ModelNumberSchema, MAINTENANCE_TERMS_YEARS } from './catalog.js';
import { DEVICE_PROTOCOLS, MAX_DEVICES } from './device.js';
import { DeviceIdSchema, LicenseIdSchema, SegmentControllerNameSchema } from './ids.js';
import { EDITIONS, VersionTextSchema } from './product.js';
import { crossCheck, freeText, intIn, isoDate, isoDateTime, lineText, safeRecord } from './primitives.js';
import { parseWith, type Result } from './result.js';

/** Maintenance indicator states (R16). */
export const MAINTENANCE_STATUSES = ['active', 'expiring', 'inactive'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/**
 * Where a license stands on this SmartServer:
 * - `active`: counts now;
 * - `scheduled`: a maintenance extension whose term starts later (R15);
 * - `expired`: a trial past its expiry, or a maintenance term that has ended;
 * - `superseded`: replaced by a transfer (R25); counts for nothing.
 */
export const LICENSE_STATUSES = ['active', 'scheduled', 'expired', 'superseded'] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Stable finding codes; the policy package documents when each is raised. */
export const FINDING_CODES = [
  'CORE_LICENSE_MISSING',
  'CAPACITY_ZERO',
  'CAPACITY_EXCEEDED',
  'NO_LICENSE_ACTIVATED',
  'MAINTENANCE_BELOW_CAPACITY',
  'MAINTENANCE_INACTIVE',
  'MAINTENANCE_EXPIRING',
  'TRIAL_EXPIRED',
  'TRIAL_EXPIRING',
  'LICENSE_REJECTED',
  'LICENSING_NOT_REQUIRED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

const ParamKeySchema = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, 'must be a short identifier'));

export const FindingSchema = z.strictObject({
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  /** English text for logs; UIs translate by `code` and `params`. */
  message: lineText(500),
  /** Values a translated message fills in (dates, counts, License IDs). */
  params: z.optional(safeRecord(ParamKeySchema, z.union([lineText(200), z.number()]))),
});
export type Finding = z.output<typeof FindingSchema>;

export const LicenseEntrySchema = z.strictObject({
  licenseId: LicenseIdSchema,
  kind: LicenseKindSchema,
  model: ModelNumberSchema,
  /** Devices granted (capacity) or covered (maintenance); 0 for Core. */
  capacity: intIn(0, MAX_CAPACITY),
  trial: z.boolean(),
  /** Maintenance only. */
  termYears: z.optional(z.literal(MAINTENANCE_TERMS_YEARS)),
  status: z.enum(LICENSE_STATUSES),
  /** The SmartServer (segment controller) the license is activated on (R23). */
  segmentController: SegmentControllerNameSchema,
  activatedAt: isoDateTime,
  /** Maintenance: last covered day. */
  termEnd: z.optional(isoDate),
  /** Trial: when it stops counting. */
  expiresAt: z.optional(isoDateTime),
  note: freeText(500),
});
export type LicenseEntry = z.output<typeof LicenseEntrySchema>;

export const DeviceStatusSchema = z.strictObject({
  id: DeviceIdSchema,
  name: lineText(256),
  createdAt: isoDateTime,
  protocol: z.enum(DEVICE_PROTOCOLS),
  isSmartServer: z.boolean(),
  /** False: shown purple, device-facing operations refused (R11). */
  licensed: z.boolean(),
});
export type DeviceStatus = z.output<typeof DeviceStatusSchema>;

export const LicenseStateSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** The `now` the state was computed for. */
    computedAt: isoDateTime,
    /** The SmartServer's IANA time zone, in which dates are shown (R16). */
    timeZone: lineText(64),
    product: z.strictObject({ edition: z.enum(EDITIONS), version: VersionTextSchema }),
    /** False on 3.2 and older (R1): nothing below restricts anything. */
    licensingRequired: z.boolean(),
    /** SmartServer Pi 4.2+ needs a Core license (R2). */
    core: z.strictObject({ required: z.boolean(), licensed: z.boolean() }),
    capacity: z.strictObject({
      /** Sum of active capacity licenses (R6, decision: they add up). */
      licensed: intIn(0, MAX_CAPACITY * 100),
      /** Devices defined, the SmartServer included (R9, R10). */
      used: intIn(0, MAX_DEVICES),
      /** Devices beyond capacity (R11). */
      unlicensed: intIn(0, MAX_DEVICES),
      /** The red exclamation badge (R14). */
      badge: z.boolean(),
    }),
    maintenance: z.strictObject({
      status: z.enum(MAINTENANCE_STATUSES),
      /** Last covered day of the current term, extensions included; null when there is none. */
      endDate: z.nullable(isoDate),
      /** Whole days from today to endDate in the SmartServer's zone; null without a term. */
      daysLeft: z.nullable(z.int()),
      /** Devices covered by current maintenance (R8). */
      coveredDevices: intIn(0, MAX_CAPACITY * 100),
    }),
    licenses: z.array(LicenseEntrySchema).check(z.maxLength(10_000)),
    devices: z.array(DeviceStatusSchema).check(z.maxLength(MAX_DEVICES)),
    /** Ordered by severity, then by code (a fixed order every UI keeps). */
    findings: z.array(FindingSchema).check(z.maxLength(1_000)),
    /** R22: the Manage Licenses dialog opens by itself for an Owner when this is true. */
    manageLicenses: z.strictObject({
      autoOpen: z.boolean(),
      everActivated: z.boolean(),
    }),
  })
  .check(
    crossCheck((state) => {
      const problems: Array<[PropertyKey[], string]> = [];
      if (state.capacity.unlicensed > state.capacity.used) {
        problems.push([['capacity', 'unlicensed'], 'cannot exceed used']);
      }
      if (state.devices.length > 0 && state.devices.length !== state.capacity.used) {
        problems.push([
          ['devices'],
          `lists ${state.devices.length} devices but capacity.used is ${state.capacity.used}`,
        ]);
      }
      return problems;
    }),
  );
export type LicenseState = z.output<typeof LicenseStateSchema>;

export const parseLicenseState = (input: unknown): Result<LicenseState> =>
  parseWith(LicenseStateSchema, input, 'license state');
