// Inputs to start each test from; a test changes what its case is about.
import type {
  CapacityClaims,
  Device,
  LicenseClaims,
  MaintenanceClaims,
} from '@smartserver-licensing/schemas';
import {
  capacityOf,
  coreClaims,
  licenseIdOf,
  TESTING_NOW,
  maintenanceOf,
  trialClaims,
  type CapacitySize,
} from '@smartserver-licensing/schemas/testing';
import type { PolicyInput } from '@smartserver-licensing/policy';

export { CUSTOMER_ID } from '@smartserver-licensing/schemas/testing';

/** A distinct, valid License ID per number. */
export const licenseId = licenseIdOf;

/** The shared claims (schemas/testing) under the short names these tests use. */
export function capacity(
  n: number,
  devices: CapacitySize = 10,
  over: Partial<LicenseClaims> = {},
): LicenseClaims {
  return capacityOf(n, devices, over as Partial<CapacityClaims>);
}

export function trial(n: number, expiresAt: string, over: Partial<LicenseClaims> = {}): LicenseClaims {
  return trialClaims({ licenseId: licenseIdOf(n), expiresAt, ...(over as Partial<CapacityClaims>) });
}

export function maintenance(
  n: number,
  termStart: string,
  termEnd: string,
  devices: CapacitySize = 10,
  over: Partial<LicenseClaims> = {},
): LicenseClaims {
  return maintenanceOf(n, termStart, termEnd, devices, over as Partial<MaintenanceClaims>);
}

export function core(n: number): LicenseClaims {
  return coreClaims({ licenseId: licenseIdOf(n) });
}

export const SMARTSERVER: Device = {
  id: 'sid-self',
  name: 'SmartServer',
  createdAt: '2026-01-01T00:00:00Z',
  protocol: 'iap',
  isSmartServer: true,
};

/** Field device `n`, created `n` minutes after 2026-02-01T00:00Z unless told otherwise. */
export function device(n: number, over: Partial<Device> = {}): Device {
  return {
    id: `dev-${String(n).padStart(6, '0')}`,
    name: `Device ${n}`,
    createdAt: new Date(Date.UTC(2026, 1, 1) + n * 60_000).toISOString(),
    protocol: 'bacnet',
    isSmartServer: false,
    ...over,
  };
}

/** The SmartServer plus `count` field devices. */
export function inventory(count: number): Device[] {
  return [SMARTSERVER, ...Array.from({ length: count }, (_, i) => device(i + 1))];
}

export const NOW = TESTING_NOW;

export function input(over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    product: { edition: 'SmartServer', version: '4.2' },
    segmentController: 'Building 1 SmartServer',
    licenses: [capacity(1, 10)],
    devices: inventory(3),
    now: NOW,
    timeZone: 'UTC',
    ...over,
  };
}
