// Scenarios shared by stories, tests and the bench: each one is an in-memory source.
import {
  MemoryLicenseSource,
  demoLicenseId,
  demoLicenseState,
  type CloudLicense,
  type MemorySourceOptions,
} from '@smartserver-licensing/client';
import type { LicenseState } from '@smartserver-licensing/schemas';

/** The clock of every scenario: maintenance labels depend on it (R16). */
export const NOW = new Date('2026-03-01T12:00:00Z');
export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
export const HOSTILE = '<img src=x onerror="globalThis.__licXss=1">';
export const RTL = 'وحدة التكييف الرئيسية ‏— מזגן ראשי';
export const LONG = 'Very long device name '.repeat(11).trim();

export const SCENARIOS = [
  'ok',
  'loading',
  'error',
  'empty',
  'noDevices',
  'badge',
  'expiring',
  'inactive',
  'nonOwner',
  'autoOpen',
  'hostile',
  'rtl',
  'long',
  'big',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const cloudLicenses = (): CloudLicense[] => [
  {
    licenseId: demoLicenseId(101),
    kind: 'capacity',
    model: '72220-200',
    capacity: 200,
    trial: false,
    activatedOn: null,
  },
  {
    licenseId: demoLicenseId(102),
    kind: 'maintenance',
    model: '92201R-P-200',
    capacity: 200,
    trial: false,
    termYears: 3,
    activatedOn: null,
  },
  {
    licenseId: demoLicenseId(103),
    kind: 'capacity',
    model: '72220-50',
    capacity: 50,
    trial: false,
    activatedOn: 'Building 2',
  },
];

export function scenarioState(scenario: Scenario): LicenseState | null {
  switch (scenario) {
    case 'loading':
    case 'error':
      return null;
    case 'empty':
    case 'autoOpen':
      return demoLicenseState({
        devices: 1,
        capacity: 0,
        maintenance: { status: 'inactive', endDate: null, daysLeft: null },
        autoOpen: scenario === 'autoOpen',
      });
    case 'noDevices':
      return demoLicenseState({ devices: 0, capacity: 10 });
    case 'badge':
      return demoLicenseState({ devices: 60, capacity: 50 });
    case 'expiring':
      return demoLicenseState({ maintenance: { status: 'expiring', endDate: '2026-03-31', daysLeft: 30 } });
    case 'inactive':
      return demoLicenseState({ maintenance: { status: 'inactive', endDate: '2026-01-31', daysLeft: -29 } });
    case 'hostile':
      return demoLicenseState({ devices: 12, capacity: 10, text: HOSTILE, segmentController: HOSTILE });
    case 'rtl':
      return demoLicenseState({ devices: 12, capacity: 10, text: RTL, segmentController: 'خادم المبنى ١' });
    case 'long':
      return demoLicenseState({ devices: 12, capacity: 10, text: LONG, segmentController: 'S'.repeat(64) });
    case 'big':
      return demoLicenseState({ devices: 10_000, capacity: 1000, licenses: 1000 });
    default:
      return demoLicenseState();
  }
}

/** A fresh source for a scenario; `options` adds to or replaces the scenario's own. */
export function scenarioSource(scenario: Scenario, options: MemorySourceOptions = {}): MemoryLicenseSource {
  return new MemoryLicenseSource({
    state: scenarioState(scenario),
    userType: scenario === 'nonOwner' ? 'Admin' : 'Owner',
    customerId: CUSTOMER_ID,
    segmentController: 'Building 1 SmartServer',
    now: () => NOW,
    cloudLicenses: cloudLicenses(),
    notifications: { daysBeforeExpiry: [60, 30, 7], recipients: ['facility@example.com'] },
    ...(scenario === 'error' ? { error: 'Connection refused' } : {}),
    ...options,
  });
}
