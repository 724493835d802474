// A LicenseState for the transport tests. The client may depend on schemas only (layer:client ->
// layer:base), so it cannot ask policy/testing for one; these tests move a state and never judge
// its figures. The claims and devices are the shared ones of @smartserver-licensing/schemas/testing.
import type { LicenseState } from '@smartserver-licensing/schemas';
import {
  MAINTENANCE_TERMS,
  SEGMENT_CONTROLLER,
  TESTING_NOW,
  capacityOf,
  inventory,
  maintenanceOf,
} from '@smartserver-licensing/schemas/testing';

/** D`size` capacity and an active maintenance term of the same size; 11 field devices. */
export function sampleState(size: 10 | 50 | 200 = 50): LicenseState {
  const capacity = capacityOf(1, size);
  const { termStart, termEnd } = MAINTENANCE_TERMS.active;
  const maintenance = maintenanceOf(2, termStart, termEnd, size);
  const devices = inventory(11);
  const entry = { segmentController: SEGMENT_CONTROLLER, note: '', status: 'active' as const };
  return {
    schemaVersion: 1,
    computedAt: TESTING_NOW,
    timeZone: 'UTC',
    product: { edition: 'SmartServer', version: '4.2' },
    licensingRequired: true,
    core: { required: false, licensed: false },
    capacity: {
      licensed: size,
      used: devices.length,
      unlicensed: Math.max(0, devices.length - size),
      badge: size < devices.length,
    },
    maintenance: { status: 'active', endDate: termEnd, daysLeft: 1047, coveredDevices: size },
    licenses: [
      {
        ...entry,
        licenseId: capacity.licenseId,
        kind: 'capacity',
        model: capacity.model,
        capacity: size,
        trial: false,
        activatedAt: capacity.activatedAt,
      },
      {
        ...entry,
        licenseId: maintenance.licenseId,
        kind: 'maintenance',
        model: maintenance.model,
        capacity: size,
        trial: false,
        activatedAt: maintenance.activatedAt,
        termYears: 3,
        termEnd,
      },
    ],
    devices: devices.map((d, i) => ({ ...d, licensed: i < size })),
    findings: [],
    manageLicenses: { autoOpen: false, everActivated: true },
  };
}
