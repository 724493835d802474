// Valid records to start each test from; a test changes one field to make its case.
import type { LicenseState } from '@smartserver-licensing/schemas';

export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
export const LICENSE_ID = 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2';
export const OTHER_LICENSE_ID = '7d4f2c1e-9a8b-4c3d-8e7f-6a5b4c3d2e1f';

export const capacityClaims = (over: Record<string, unknown> = {}) => ({
  kind: 'capacity',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: '72220-200',
  issuedAt: '2026-01-10T08:00:00Z',
  activatedAt: '2026-01-12T09:30:00Z',
  capacity: 200,
  trial: false,
  ...over,
});

export const trialClaims = (over: Record<string, unknown> = {}) =>
  capacityClaims({ model: '72220-00', capacity: 5, trial: true, expiresAt: '2026-04-12T09:30:00Z', ...over });

export const maintenanceClaims = (over: Record<string, unknown> = {}) => ({
  kind: 'maintenance',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: '92201R-P-200',
  issuedAt: '2026-01-10T08:00:00Z',
  activatedAt: '2026-01-12T09:30:00Z',
  capacity: 200,
  termYears: 3,
  termStart: '2026-01-12',
  termEnd: '2029-01-11',
  ...over,
});

export const coreClaims = (over: Record<string, unknown> = {}) => ({
  kind: 'core',
  licenseId: LICENSE_ID,
  customerId: CUSTOMER_ID,
  model: 'SSPI-CORE',
  issuedAt: '2026-01-10T08:00:00Z',
  activatedAt: '2026-01-12T09:30:00Z',
  capacity: 0,
  ...over,
});

export const device = (over: Record<string, unknown> = {}) => ({
  id: 'dev-1',
  name: 'AHU 1 controller',
  createdAt: '2026-02-01T10:00:00Z',
  protocol: 'bacnet',
  isSmartServer: false,
  ...over,
});

/** A version 2 envelope: its signed part is only shape-checked by the schemas. */
export const activationFile = (over: Record<string, unknown> = {}) => ({
  format: 'smartserver-license-activation',
  version: 2,
  signed: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
  ...over,
});

export const licenseState = (over: Partial<LicenseState> = {}): LicenseState => ({
  schemaVersion: 1,
  computedAt: '2026-03-01T12:00:00Z',
  timeZone: 'UTC',
  product: { edition: 'SmartServer', version: '4.2' },
  licensingRequired: true,
  core: { required: false, licensed: false },
  capacity: { licensed: 10, used: 2, unlicensed: 0, badge: false },
  maintenance: { status: 'active', endDate: '2029-01-11', daysLeft: 1047, coveredDevices: 10 },
  licenses: [
    {
      licenseId: LICENSE_ID,
      kind: 'capacity',
      model: '72220-10',
      capacity: 10,
      trial: false,
      status: 'active',
      segmentController: 'Building 1 SmartServer',
      activatedAt: '2026-01-12T09:30:00Z',
      note: '',
    },
  ],
  devices: [
    {
      id: 'sid-self',
      name: 'SmartServer',
      createdAt: '2026-01-01T00:00:00Z',
      protocol: 'iap',
      isSmartServer: true,
      licensed: true,
    },
    {
      ...(device() as { id: string; name: string; createdAt: string; protocol: 'bacnet' }),
      isSmartServer: false,
      licensed: true,
    },
  ],
  findings: [],
  manageLicenses: { autoOpen: false, everActivated: true },
  ...over,
});

/** Values of the wrong type for any field. */
export const WRONG_TYPES: unknown[] = [null, 42, true, [], {}, Number.NaN, Infinity, -1, '', undefined];
