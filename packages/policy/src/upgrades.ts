// Upgrade eligibility (R4, R17): which release changes need maintenance, in two readings.
import { compareVersions, formatVersion, type ReleaseVersion } from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';
import { dayNumber, formatDay, toInstant, zonedDayNumber, assertTimeZone } from './dates.js';
import { statusFromDays } from './maintenance.js';
import { FIRST_LICENSED_RELEASE, releaseOf } from './version-gate.js';

/**
 * How the target release relates to the installed one:
 * - `same`, `older`: re-imaging to the same or an older release;
 * - `update`: same major.minor, a later `Update n` (3.3 → 3.3 Update 1);
 * - `minor`: same major, later minor (3.3 → 3.4); `major`: later major (3.3 → 4.0).
 */
export const RELEASE_CHANGES = ['same', 'older', 'update', 'minor', 'major'] as const;
export type ReleaseChange = (typeof RELEASE_CHANGES)[number];

/**
 * - `NO_MAINTENANCE_NEEDED`: an update, a re-image to the same or an older release, or a target
 *   up to 3.3 (R4 speaks of upgrades *after* 3.3);
 * - `MAINTENANCE_ACTIVE` / `MAINTENANCE_INACTIVE`: the install-time rule's answer;
 * - `RELEASED_WITHIN_MAINTENANCE` / `RELEASED_AFTER_MAINTENANCE`: the release-date rule's answer.
 */
export type UpgradeCode =
  | 'NO_MAINTENANCE_NEEDED'
  | 'MAINTENANCE_ACTIVE'
  | 'MAINTENANCE_INACTIVE'
  | 'RELEASED_WITHIN_MAINTENANCE'
  | 'RELEASED_AFTER_MAINTENANCE';

export interface UpgradeDecision {
  allowed: boolean;
  change: ReleaseChange;
  maintenanceRequired: boolean;
  code: UpgradeCode;
  /** One English sentence a UI can show. */
  reason: string;
}

function changeBetween(installed: ReleaseVersion, target: ReleaseVersion): ReleaseChange {
  const order = compareVersions(target, installed);
  if (order === 0) return 'same';
  if (order < 0) return 'older';
  if (target.major !== installed.major) return 'major';
  return target.minor !== installed.minor ? 'minor' : 'update';
}

/** R17: how `target` relates to `installed` (both release texts such as `3.3 Update 1`). */
export function classifyRelease(installed: string, target: string): PolicyResult<ReleaseChange> {
  return guarded('release change', () =>
    ok(changeBetween(releaseOf(installed, 'installed'), releaseOf(target, 'target'))),
  );
}

interface Classified {
  change: ReleaseChange;
  required: boolean;
  words: string;
}

function classify(installedText: string, targetText: string): Classified {
  const installed = releaseOf(installedText, 'installed');
  const target = releaseOf(targetText, 'target');
  const change = changeBetween(installed, target);
  const required =
    (change === 'minor' || change === 'major') && compareVersions(target, FIRST_LICENSED_RELEASE) > 0;
  return { change, required, words: `${formatVersion(installed)} → ${formatVersion(target)}` };
}

function noneNeeded({ change, words }: Classified): UpgradeDecision {
  const why =
    change === 'update'
      ? 'an update needs no maintenance license'
      : change === 'same' || change === 'older'
        ? 're-imaging to the same or an older release needs no maintenance license'
        : 'releases up to 3.3 need no maintenance license';
  return {
    allowed: true,
    change,
    maintenanceRequired: false,
    code: 'NO_MAINTENANCE_NEEDED',
    reason: `${words}: ${why}.`,
  };
}

export interface UpgradeRequest {
  /** The release running now, e.g. `3.3 Update 1`. */
  installed: string;
  /** The release to install (an upgrade, an update, or a re-image). */
  target: string;
  /** Last covered maintenance day (`LicenseState.maintenance.endDate`), or null. */
  maintenanceEndDate: string | null;
  /** The moment of installation. */
  now: Date | string | number;
  /** The SmartServer's zone, in which the end day is covered until it ends; default UTC. */
  timeZone?: string;
}

/**
 * R17 as the SmartServer applies it: a major or minor upgrade (and re-imaging to a newer
 * release) installs only while maintenance is active at install time, "Expires <date>" included.
 * Updates and re-imaging to the same or an older release never need maintenance.
 */
export function checkUpgrade(request: UpgradeRequest): PolicyResult<UpgradeDecision> {
  return guarded('upgrade', () => {
    const timeZone = request.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const classified = classify(request.installed, request.target);
    const today = zonedDayNumber(toInstant(request.now, 'now'), timeZone);
    const endDay =
      request.maintenanceEndDate === null
        ? null
        : dayNumber(request.maintenanceEndDate, 'maintenanceEndDate');
    if (!classified.required) return ok(noneNeeded(classified));
    const { status } = statusFromDays(endDay, today);
    const active = status !== 'inactive';
    return ok({
      allowed: active,
      change: classified.change,
      maintenanceRequired: true,
      code: active ? 'MAINTENANCE_ACTIVE' : 'MAINTENANCE_INACTIVE',
      reason: active
        ? `${classified.words}: maintenance is active until ${formatDay(endDay!)}.`
        : `${classified.words} is a ${classified.change} upgrade and needs an active maintenance license` +
          (endDay === null ? '.' : `; maintenance ended on ${formatDay(endDay)}.`),
    });
  });
}

export interface ReleaseDateUpgradeRequest {
  installed: string;
  target: string;
  /** Last day maintenance ever covered, or null when there never was any. */
  maintenanceEndDate: string | null;
  /** The target build's release date, `YYYY-MM-DD`. */
  releaseDate: string;
}

/**
 * R17 in the release-date reading (the "perpetual fallback" of Keygen and MUI): an upgrade
 * released on or before the last maintenance day may be installed at any time, even after the
 * term ended. Not what the SmartServer does (see `checkUpgrade`); offered for products that want it.
 */
export function checkUpgradeByReleaseDate(request: ReleaseDateUpgradeRequest): PolicyResult<UpgradeDecision> {
  return guarded('upgrade', () => {
    const classified = classify(request.installed, request.target);
    if (typeof request.releaseDate !== 'string') {
      throw new PolicyError(
        'RELEASE_DATE_REQUIRED',
        'releaseDate: the target build’s release date is required',
      );
    }
    const released = dayNumber(request.releaseDate, 'releaseDate');
    const endDay =
      request.maintenanceEndDate === null
        ? null
        : dayNumber(request.maintenanceEndDate, 'maintenanceEndDate');
    if (!classified.required) return ok(noneNeeded(classified));
    const within = endDay !== null && released <= endDay;
    return ok({
      allowed: within,
      change: classified.change,
      maintenanceRequired: true,
      code: within ? 'RELEASED_WITHIN_MAINTENANCE' : 'RELEASED_AFTER_MAINTENANCE',
      reason: within
        ? `${classified.words}: released ${formatDay(released)}, within maintenance that ran to ${formatDay(endDay!)}.`
        : `${classified.words}: released ${formatDay(released)}, ` +
          (endDay === null
            ? 'and there was never a maintenance license.'
            : `after maintenance ended on ${formatDay(endDay)}.`),
    });
  });
}
