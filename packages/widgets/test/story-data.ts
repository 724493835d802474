// Scenarios shared by stories, tests and the bench: each one is an in-memory source.
import {
  MemoryLicenseSource,
  type CloudLicense,
  type MemorySourceOptions,
} from '@smartserver-licensing/client';
import type { LicenseState } from '@smartserver-licensing/schemas';
import {
  CUSTOMER_ID,
  SEGMENT_CONTROLLER,
  TESTING_NOW,
  licenseIdOf,
} from '@smartserver-licensing/schemas/testing';
import { situationState } from '@smartserver-licensing/policy/testing';

/** The clock of every scenario: maintenance labels depend on it (R16). */
export const NOW = new Date(TESTING_NOW);
export { CUSTOMER_ID };
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
    licenseId: licenseIdOf(101),
    kind: 'capacity',
    model: '72220-200',
    capacity: 200,
    trial: false,
    activatedOn: null,
  },
  {
    licenseId: licenseIdOf(102),
    kind: 'maintenance',
    model: '92201R-P-200',
    capacity: 200,
    trial: false,
    termYears: 3,
    activatedOn: null,
  },
  {
    licenseId: licenseIdOf(103),
    kind: 'capacity',
    model: '72220-50',
    capacity: 50,
    trial: false,
    activatedOn: 'Building 2',
  },
];

/** Each scenario's state, computed by the licensing rules over the shared claims (policy/testing). */
export function scenarioState(scenario: Scenario): LicenseState | null {
  switch (scenario) {
    case 'loading':
    case 'error':
      return null;
    case 'empty':
      return situationState('allReturned');
    case 'autoOpen':
      return situationState('noLicense');
    case 'noDevices':
      return situationState('noDevices');
    case 'badge':
      return situationState('overCapacity');
    case 'expiring':
      return situationState('maintenanceExpiring');
    case 'inactive':
      return situationState('maintenanceExpired');
    case 'hostile':
      return situationState('licensed', { text: HOSTILE, segmentController: HOSTILE });
    case 'rtl':
      return situationState('licensed', { text: RTL, segmentController: 'خادم المبنى ١' });
    case 'long':
      return situationState('licensed', { text: LONG, segmentController: 'S'.repeat(64) });
    case 'big':
      return situationState('big');
    default:
      return situationState('licensed');
  }
}

/** A fresh source for a scenario; `options` adds to or replaces the scenario's own. */
export function scenarioSource(scenario: Scenario, options: MemorySourceOptions = {}): MemoryLicenseSource {
  return new MemoryLicenseSource({
    state: scenarioState(scenario),
    userType: scenario === 'nonOwner' ? 'Admin' : 'Owner',
    customerId: CUSTOMER_ID,
    segmentController: SEGMENT_CONTROLLER,
    now: () => NOW,
    cloudLicenses: cloudLicenses(),
    notifications: { daysBeforeExpiry: [60, 30, 7], recipients: ['facility@example.com'] },
    ...(scenario === 'error' ? { error: 'Connection refused' } : {}),
    ...options,
  });
}
