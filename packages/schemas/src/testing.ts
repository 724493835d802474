// @smartserver-licensing/schemas/testing: one shared set of made-up license claims and devices for
// tests, stories and demos. Every builder returns a record the schemas accept unless an override
// makes it otherwise (test/testing.test.ts checks each default). Not part of the production entry.
import type { CapacityClaims, CoreClaims, LicenseClaims, MaintenanceClaims } from './claims.js';
import type { Device, DeviceProtocol } from './device.js';
import { isoSeconds } from './time.js';

/** The clock the shared data is written for: trials and maintenance terms are judged at it. */
export const TESTING_NOW = '2026-03-01T12:00:00Z';
export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
export const LICENSE_ID = 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2';
export const OTHER_LICENSE_ID = '7d4f2c1e-9a8b-4c3d-8e7f-6a5b4c3d2e1f';
export const SEGMENT_CONTROLLER = 'Building 1 SmartServer';

/** A valid License ID that is a pure function of `n`, so tests can name licenses by number. */
export const licenseIdOf = (n: number): string =>
  `5e0c0de0-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The capacity sizes with a purchasable model, and their models. */
export type CapacitySize = 10 | 50 | 200 | 1000;
export const CAPACITY_MODELS = {
  10: '72220-10',
  50: '72220-50',
  200: '72220-200',
  1000: '72220-1000',
} as const satisfies Record<CapacitySize, string>;
export const MAINTENANCE_MODELS = {
  10: '92201R-P-10',
  50: '92201R-P-50',
  200: '92201R-P-200',
  1000: '92201R-P-1000',
} as const satisfies Record<CapacitySize, string>;

const issued = { issuedAt: '2026-01-10T08:00:00Z', activatedAt: '2026-01-12T09:30:00Z' };

/** A purchased D200 capacity license (R5), activated 2026-01-12. */
export const capacityClaims = (over: Partial<CapacityClaims> = {}): CapacityClaims => ({
  kind: 'capacity',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: CAPACITY_MODELS[200],
  ...issued,
  capacity: 200,
  trial: false,
  ...over,
});

/** A capacity license of `size` devices with License ID {@link licenseIdOf}(n). */
export const capacityOf = (n: number, size: CapacitySize = 10, over: Partial<CapacityClaims> = {}) =>
  capacityClaims({ licenseId: licenseIdOf(n), model: CAPACITY_MODELS[size], capacity: size, ...over });

/** A 5-device trial (model 72220-00) that ends 2026-04-12, six weeks after {@link TESTING_NOW}. */
export const trialClaims = (over: Partial<CapacityClaims> = {}): CapacityClaims =>
  capacityClaims({ model: '72220-00', capacity: 5, trial: true, expiresAt: '2026-04-12T09:30:00Z', ...over });

/** A 3-year D200 maintenance term from 2026-01-12 to 2029-01-11 (R8). */
export const maintenanceClaims = (over: Partial<MaintenanceClaims> = {}): MaintenanceClaims => ({
  kind: 'maintenance',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: MAINTENANCE_MODELS[200],
  ...issued,
  capacity: 200,
  termYears: 3,
  termStart: '2026-01-12',
  termEnd: '2029-01-11',
  ...over,
});

/** A maintenance term for `size` devices with License ID {@link licenseIdOf}(n). */
export const maintenanceOf = (
  n: number,
  termStart: string,
  termEnd: string,
  size: CapacitySize = 10,
  over: Partial<MaintenanceClaims> = {},
) =>
  maintenanceClaims({
    licenseId: licenseIdOf(n),
    model: MAINTENANCE_MODELS[size],
    capacity: size,
    activatedAt: `${termStart}T09:30:00Z`,
    termStart,
    termEnd,
    ...over,
  });

/** A SmartServer Pi Core license (R2). */
export const coreClaims = (over: Partial<CoreClaims> = {}): CoreClaims => ({
  kind: 'core',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: 'SSPI-CORE',
  ...issued,
  capacity: 0,
  ...over,
});

/** Named maintenance terms, judged at {@link TESTING_NOW} (R16: expiring within 60 days). */
export const MAINTENANCE_TERMS = {
  active: { termStart: '2026-01-12', termEnd: '2029-01-11' },
  expiring: { termStart: '2023-04-01', termEnd: '2026-03-31' },
  expired: { termStart: '2023-02-01', termEnd: '2026-01-31' },
} as const;

/** One of each kind, valid as they are. */
export const SAMPLE_CLAIMS: readonly LicenseClaims[] = [
  capacityClaims(),
  trialClaims({ licenseId: OTHER_LICENSE_ID }),
  maintenanceClaims(),
  coreClaims(),
];

/** The SmartServer itself, which counts as one device (R9). */
export const SMARTSERVER_DEVICE: Device = {
  id: 'smartserver',
  name: SEGMENT_CONTROLLER,
  createdAt: '2025-01-01T00:00:00Z',
  protocol: 'iap',
  isSmartServer: true,
};

const NAMES = ['AHU', 'VAV', 'Meter', 'Lamp'] as const;
const PROTOCOLS: readonly DeviceProtocol[] = ['lon', 'bacnet', 'modbus', 'mbus'];

/** Field device `n`, created `n` minutes after 2025-01-01T00:00Z: lower numbers are older (R12). */
export const fieldDevice = (n: number, over: Partial<Device> = {}): Device => ({
  id: `dev-${String(n).padStart(6, '0')}`,
  name: `${NAMES[n % 4]} ${n}`,
  createdAt: isoSeconds(Date.UTC(2025, 0, 1) + n * 60_000),
  protocol: PROTOCOLS[n % 4]!,
  isSmartServer: false,
  ...over,
});

export interface InventoryOptions {
  /** Replaces every field device's name (e.g. with a hostile or right-to-left string). */
  name?: string;
  /** The SmartServer's own name (default {@link SEGMENT_CONTROLLER}). */
  smartServerName?: string;
}

/** The SmartServer plus `count` field devices. */
export const inventory = (count: number, options: InventoryOptions = {}): Device[] => [
  { ...SMARTSERVER_DEVICE, name: options.smartServerName ?? SMARTSERVER_DEVICE.name },
  ...Array.from({ length: count }, (_, i) =>
    fieldDevice(i + 1, options.name === undefined ? {} : { name: options.name }),
  ),
];
