// @smartserver-licensing/policy/testing: LicenseStates for named situations, each computed by
// computeLicenseState over the shared claims and devices of @smartserver-licensing/schemas/testing.
// For tests, stories and demos; not part of the production entry.
import type { LicenseClaims, LicenseState } from '@smartserver-licensing/schemas';
import {
  MAINTENANCE_TERMS,
  SEGMENT_CONTROLLER,
  TESTING_NOW,
  capacityOf,
  inventory,
  licenseIdOf,
  maintenanceOf,
  trialClaims,
} from '@smartserver-licensing/schemas/testing';
import { computeLicenseState, type PolicyInput } from './license-state.js';

export const SITUATIONS = [
  /** D50 capacity (noted "Bought with the building") and an active D50 maintenance term; 11 field devices. */
  'licensed',
  /** Nothing ever activated: the dialog opens by itself for the Owner (R22). */
  'noLicense',
  /** Licenses were activated once and all returned: no capacity, but no automatic opening. */
  'allReturned',
  /** Licensed, and the SmartServer is the only device. */
  'noDevices',
  /** 59 field devices and the SmartServer on a D50 license: 10 unlicensed, the badge shows (R14). */
  'overCapacity',
  /** The maintenance term ends 2026-03-31, within 60 days (R16). */
  'maintenanceExpiring',
  /** The maintenance term ended 2026-01-31. */
  'maintenanceExpired',
  /** Only the 5-device trial, ending 2026-04-12. */
  'trial',
  /** 1000 D10 licenses and 9 999 field devices: every list at scale. */
  'big',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface SituationOptions {
  /** Field devices, the SmartServer not counted (each situation has its own default). */
  devices?: number;
  /** Replaces every field device's name and every license note (e.g. a hostile string). */
  text?: string;
  /** This SmartServer's name (default {@link SEGMENT_CONTROLLER}). */
  segmentController?: string;
  /** Default {@link TESTING_NOW}. */
  now?: string;
  /** Default UTC. */
  timeZone?: string;
}

function licensesFor(situation: Situation): LicenseClaims[] {
  const { active, expiring, expired } = MAINTENANCE_TERMS;
  switch (situation) {
    case 'noLicense':
    case 'allReturned':
      return [];
    case 'noDevices':
      return [capacityOf(1, 10)];
    case 'maintenanceExpiring':
      return [capacityOf(1, 50), maintenanceOf(2, expiring.termStart, expiring.termEnd, 50)];
    case 'maintenanceExpired':
      return [capacityOf(1, 50), maintenanceOf(2, expired.termStart, expired.termEnd, 50)];
    case 'trial':
      return [trialClaims({ licenseId: licenseIdOf(1) })];
    case 'big':
      return Array.from({ length: 1000 }, (_, i) => capacityOf(i + 1, 10));
    default:
      return [
        capacityOf(1, 50, { note: 'Bought with the building' }),
        maintenanceOf(2, active.termStart, active.termEnd, 50),
      ];
  }
}

const DEFAULT_DEVICES: Partial<Record<Situation, number>> = {
  noLicense: 0,
  allReturned: 0,
  noDevices: 0,
  overCapacity: 59,
  trial: 3,
  big: 9_999,
};

/** The policy input of a situation: shared claims and devices, evaluated at {@link TESTING_NOW}. */
export function situationInput(situation: Situation, options: SituationOptions = {}): PolicyInput {
  const segmentController = options.segmentController ?? SEGMENT_CONTROLLER;
  const licenses = licensesFor(situation).map((claims) =>
    options.text === undefined ? claims : { ...claims, note: options.text },
  );
  const count = options.devices ?? DEFAULT_DEVICES[situation] ?? 11;
  return {
    product: { edition: 'SmartServer', version: '4.2' },
    segmentController,
    licenses,
    devices: inventory(count, {
      smartServerName: segmentController,
      ...(options.text === undefined ? {} : { name: options.text }),
    }),
    now: options.now ?? TESTING_NOW,
    timeZone: options.timeZone ?? 'UTC',
    ...(situation === 'allReturned' ? { everActivated: true } : {}),
  };
}

/** The LicenseState computeLicenseState gives for a situation; throws if the policy refuses it. */
export function situationState(situation: Situation, options: SituationOptions = {}): LicenseState {
  const result = computeLicenseState(situationInput(situation, options));
  if (!result.ok) throw result.error;
  return result.value;
}
