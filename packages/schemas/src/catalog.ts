// The license model catalog: which model numbers exist and what each one grants.
import * as z from 'zod/mini';
import { fail, type Result } from './result.js';

export const LICENSE_KINDS = ['capacity', 'maintenance', 'core'] as const;
/** capacity: devices a SmartServer may manage (R3); maintenance: upgrades (R4); core: SmartServer Pi (R2). */
export type LicenseKind = (typeof LICENSE_KINDS)[number];
export const LicenseKindSchema = z.enum(LICENSE_KINDS);

/** Largest device count any claim or state may carry. */
export const MAX_CAPACITY = 100_000;

/** Maintenance is sold in 1-year and 3-year terms (R7). */
export const MAINTENANCE_TERMS_YEARS = [1, 3] as const;
export type MaintenanceTermYears = (typeof MAINTENANCE_TERMS_YEARS)[number];

interface ModelBase {
  /** The vendor's product name. */
  readonly title: string;
}
export interface CapacityModel extends ModelBase {
  readonly kind: 'capacity';
  /** Devices this license adds, the SmartServer itself included (R9). */
  readonly capacity: number;
  /** A trial key: it expires, and once expired adds nothing. */
  readonly trial: boolean;
  /** For a trial: the default days from activation to expiry. */
  readonly trialDays?: number;
}
export interface MaintenanceModel extends ModelBase {
  readonly kind: 'maintenance';
  /** Devices covered by this maintenance (R8). */
  readonly capacity: number;
  /** The term the model is sold with; a claim may carry 1 or 3 years (R7). */
  readonly termYears: MaintenanceTermYears;
}
export interface CoreModel extends ModelBase {
  readonly kind: 'core';
  readonly capacity: 0;
}
export type LicenseModel = CapacityModel | MaintenanceModel | CoreModel;

/**
 * Every model number the SDK knows (R6 capacity, R7 maintenance, R2 Core).
 * The Core license's number is the project's own (the vendor page names none): see docs/decisions.md.
 */
export const LICENSE_MODELS = {
  '72220-00': {
    kind: 'capacity',
    title: 'SmartServer Trial License',
    capacity: 5,
    trial: true,
    trialDays: 90,
  },
  '72220-10': { kind: 'capacity', title: 'SmartServer D10 License', capacity: 10, trial: false },
  '72220-50': { kind: 'capacity', title: 'SmartServer D50 License', capacity: 50, trial: false },
  '72220-200': { kind: 'capacity', title: 'SmartServer D200 License', capacity: 200, trial: false },
  '72220-1000': { kind: 'capacity', title: 'SmartServer D1000 License', capacity: 1000, trial: false },
  '92201R-P-10': { kind: 'maintenance', title: 'SmartServer D10 Premium Pass', capacity: 10, termYears: 3 },
  '92201R-P-50': { kind: 'maintenance', title: 'SmartServer D50 Premium Pass', capacity: 50, termYears: 3 },
  '92201R-P-200': {
    kind: 'maintenance',
    title: 'SmartServer D200 Premium Pass',
    capacity: 200,
    termYears: 3,
  },
  '92201R-P-1000': {
    kind: 'maintenance',
    title: 'SmartServer D1000 Premium Pass',
    capacity: 1000,
    termYears: 3,
  },
  'SSPI-CORE': { kind: 'core', title: 'SmartServer Pi Core License', capacity: 0 },
} as const satisfies Record<string, LicenseModel>;

export type ModelNumber = keyof typeof LICENSE_MODELS;
export const MODEL_NUMBERS = Object.keys(LICENSE_MODELS) as ModelNumber[];
export const ModelNumberSchema = z.enum(MODEL_NUMBERS as [ModelNumber, ...ModelNumber[]], {
  error: () => `must be a known model number (${MODEL_NUMBERS.join(', ')})`,
});

/** Looks a model number up; an unknown one is an `UNKNOWN_MODEL` error, never `undefined`. */
export function lookupModel(modelNumber: unknown): Result<LicenseModel & { model: ModelNumber }> {
  if (typeof modelNumber === 'string' && Object.hasOwn(LICENSE_MODELS, modelNumber)) {
    const model = modelNumber as ModelNumber;
    return { ok: true, value: { ...LICENSE_MODELS[model], model } };
  }
  const shown =
    typeof modelNumber === 'string' ? JSON.stringify(modelNumber.slice(0, 40)) : typeof modelNumber;
  return fail('UNKNOWN_MODEL', 'license model', [
    { path: '', message: `${shown} is not a known model number (${MODEL_NUMBERS.join(', ')})` },
  ]);
}
