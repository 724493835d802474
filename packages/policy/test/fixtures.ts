// Inputs to start each test from; a test changes what its case is about.
import type { Device, LicenseClaims } from '@smartserver-licensing/schemas';
import type { PolicyInput } from '@smartserver-licensing/policy';

export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';

/** A distinct, valid License ID per number. */
export const licenseId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const CAPACITY_MODELS = {
  5: '72220-00',
  10: '72220-10',
  50: '72220-50',
  200: '72220-200',
  1000: '72220-1000',
} as const;
const MAINTENANCE_MODELS = {
  10: '92201R-P-10',
  50: '92201R-P-50',
  200: '92201R-P-200',
  1000: '92201R-P-1000',
} as const;

export function capacity(
  n: number,
  devices: 10 | 50 | 200 | 1000 = 10,
  over: Partial<LicenseClaims> = {},
): LicenseClaims {
  return {
    kind: 'capacity',
    licenseId: licenseId(n),
    customerId: CUSTOMER_ID,
    model: CAPACITY_MODELS[devices],
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
    capacity: devices,
    trial: false,
    ...over,
  } as LicenseClaims;
}

export function trial(n: number, expiresAt: string, over: Partial<LicenseClaims> = {}): LicenseClaims {
  return capacity(n, 10, {
    model: '72220-00',
    capacity: 5,
    trial: true,
    expiresAt,
    ...over,
  } as Partial<LicenseClaims>);
}

export function maintenance(
  n: number,
  termStart: string,
  termEnd: string,
  devices: 10 | 50 | 200 | 1000 = 10,
  over: Partial<LicenseClaims> = {},
): LicenseClaims {
  return {
    kind: 'maintenance',
    licenseId: licenseId(n),
    customerId: CUSTOMER_ID,
    model: MAINTENANCE_MODELS[devices],
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: `${termStart}T09:30:00Z`,
    capacity: devices,
    termYears: 3,
    termStart,
    termEnd,
    ...over,
  } as LicenseClaims;
}

export function core(n: number): LicenseClaims {
  return {
    kind: 'core',
    licenseId: licenseId(n),
    customerId: CUSTOMER_ID,
    model: 'SSPI-CORE',
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
    capacity: 0,
  };
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

export const NOW = '2026-03-01T12:00:00Z';

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
