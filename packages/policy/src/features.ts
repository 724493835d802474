// Features of a SmartServer and what each needs: capacity, a Core license, or nothing (R2, R5).
import type { LicenseState } from '@smartserver-licensing/schemas';
import { ALLOWED, refused, type OperationCheck } from './devices.js';

export const FEATURES = [
  'lon-rni',
  'lon-routing',
  'bacnet-routing',
  'device-discovery',
  'device-import',
  'device-creation',
  'device-access',
  'scheduling',
  'data-logging',
] as const;
export type Feature = (typeof FEATURES)[number];

/** R5: these run without any capacity license. */
export const CAPACITY_FREE_FEATURES: ReadonlySet<Feature> = new Set([
  'lon-rni',
  'lon-routing',
  'bacnet-routing',
  // R11: creating devices never needs capacity; the new device is simply unlicensed.
  'device-discovery',
  'device-import',
  'device-creation',
]);

/**
 * R5, R2, R19: may `feature` run? On 3.2 and older everything may (R1). SmartServer Pi refuses
 * everything without its Core license (R2: Core carries the core functions). Otherwise the
 * capacity-free features always run, and the rest (device access, scheduling, data logging)
 * stop when capacity is zero, as after returning every license (R19).
 */
export function checkFeature(state: LicenseState, feature: Feature): OperationCheck {
  if (!(FEATURES as readonly string[]).includes(feature)) {
    return refused('UNKNOWN_OPERATION', `"${String(feature).slice(0, 40)}" is not a feature.`);
  }
  if (!state.licensingRequired) return ALLOWED;
  if (state.core.required && !state.core.licensed) {
    return refused(
      'CORE_LICENSE_MISSING',
      'SmartServer Pi needs a Core license. Add one in Manage Licenses.',
    );
  }
  if (CAPACITY_FREE_FEATURES.has(feature) || state.capacity.licensed > 0) return ALLOWED;
  return refused('NO_CAPACITY', 'No device capacity is licensed. Add a capacity license in Manage Licenses.');
}
