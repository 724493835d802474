// Maintenance: the status indicator (R16), terms and extensions (R15), the covered chain (R8).
import { MAINTENANCE_TERMS_YEARS, type MaintenanceStatus } from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';
import {
  addYears,
  assertTimeZone,
  dayNumber,
  formatDay,
  startOfDay,
  toInstant,
  zonedDay,
  zonedDayNumber,
} from './dates.js';

/** R16: within this many days of the end (inclusive) the indicator reads "Expires <date>". */
export const EXPIRING_WINDOW_DAYS = 60;

export interface MaintenanceStatusInfo {
  status: MaintenanceStatus;
  /** Last covered day (`YYYY-MM-DD`), or null without any term. */
  endDate: string | null;
  /** Whole days from today (in the zone) to `endDate`: 0 on the last day, negative once ended. */
  daysLeft: number | null;
}

export function statusFromDays(endDay: number | null, today: number): MaintenanceStatusInfo {
  if (endDay === null) return { status: 'inactive', endDate: null, daysLeft: null };
  const daysLeft = endDay - today;
  const status: MaintenanceStatus =
    daysLeft > EXPIRING_WINDOW_DAYS ? 'active' : daysLeft >= 0 ? 'expiring' : 'inactive';
  return { status, endDate: formatDay(endDay), daysLeft };
}

/**
 * R16 as a small pure helper a widget can call again as the clock passes midnight: the
 * maintenance status at `now` for a term whose last covered day is `endDate`. The end day counts
 * as covered until it ends in `timeZone` (the SmartServer's; default UTC).
 */
export function maintenanceStatusAt(
  endDate: string | null,
  now: Date | string | number,
  timeZone = 'UTC',
): PolicyResult<MaintenanceStatusInfo> {
  return guarded('maintenance status', () => {
    const instant = toInstant(now, 'now');
    const endDay = endDate === null ? null : dayNumber(endDate, 'endDate');
    return ok(statusFromDays(endDay, zonedDayNumber(instant, timeZone)));
  });
}

/**
 * When the indicator changes next (ISO instant): the start of the 60-day window while active,
 * the end of the last covered day while expiring; null once inactive. Lets a widget set one timer
 * instead of polling.
 */
export function nextMaintenanceChangeAt(
  endDate: string | null,
  now: Date | string | number,
  timeZone = 'UTC',
): PolicyResult<string | null> {
  return guarded('maintenance status', () => {
    const instant = toInstant(now, 'now');
    if (endDate === null) return ok(null);
    const endDay = dayNumber(endDate, 'endDate');
    const { status } = statusFromDays(endDay, zonedDayNumber(instant, timeZone));
    if (status === 'inactive') return ok(null);
    const day = status === 'active' ? endDay - EXPIRING_WINDOW_DAYS : endDay + 1;
    return ok(new Date(startOfDay(day, timeZone)).toISOString());
  });
}

/** Words for the three indicator states; replace them for another release's wording or a language. */
export interface MaintenanceLabels {
  active: (endDate: string) => string;
  expiring: (endDate: string) => string;
  inactive: (endDate: string | null) => string;
}

/** The wording of the vendor page: Active, Expires <date>, Inactive. */
export const DEFAULT_MAINTENANCE_LABELS: MaintenanceLabels = {
  active: () => 'Active',
  expiring: (endDate) => `Expires ${endDate}`,
  inactive: () => 'Inactive',
};

/** The wording seen in other releases: Expiring <date>, Expired <date>. */
export const DATED_MAINTENANCE_LABELS: MaintenanceLabels = {
  active: () => 'Active',
  expiring: (endDate) => `Expiring ${endDate}`,
  inactive: (endDate) => (endDate === null ? 'Inactive' : `Expired ${endDate}`),
};

/** The indicator text for a status. */
export function maintenanceLabel(
  info: Pick<MaintenanceStatusInfo, 'status' | 'endDate'>,
  labels: MaintenanceLabels = DEFAULT_MAINTENANCE_LABELS,
): string {
  if (info.status === 'inactive' || info.endDate === null) return labels.inactive(info.endDate);
  return info.status === 'active' ? labels.active(info.endDate) : labels.expiring(info.endDate);
}

export interface MaintenanceTermDates {
  /** First covered day, `YYYY-MM-DD`. */
  termStart: string;
  /** Last covered day, `YYYY-MM-DD`. */
  termEnd: string;
}

function termYearsOf(value: unknown): number {
  if (!(MAINTENANCE_TERMS_YEARS as readonly unknown[]).includes(value)) {
    throw new PolicyError('INVALID_INPUT', `termYears: must be ${MAINTENANCE_TERMS_YEARS.join(' or ')}`);
  }
  return value as number;
}

/**
 * R15: a term runs one or three years from the day of activation (in the SmartServer's zone):
 * activated 2026-01-12 for 3 years, it covers 2026-01-12 through 2029-01-11.
 */
export function maintenanceTerm(
  activatedAt: Date | string | number,
  termYears: number,
  timeZone = 'UTC',
): PolicyResult<MaintenanceTermDates> {
  return guarded('maintenance term', () => {
    const years = termYearsOf(termYears);
    const start = zonedDayNumber(toInstant(activatedAt, 'activatedAt'), timeZone);
    return ok({ termStart: formatDay(start), termEnd: formatDay(addYears(start, years) - 1) });
  });
}

export interface ExtensionRequest {
  /** Last covered day of the current term, extensions included (`LicenseState.maintenance.endDate`). */
  currentEndDate: string | null;
  termYears: number;
  now: Date | string | number;
  timeZone?: string;
}

/**
 * R15: an extension bought before the term ends starts the day after it and ends `termYears`
 * after the old end (new end = old end + term). On or after the day after the end it is refused
 * with `MAINTENANCE_EXPIRED`: a lapsed term is replaced by a new one, not extended.
 */
export function extendMaintenance(request: ExtensionRequest): PolicyResult<MaintenanceTermDates> {
  return guarded('maintenance extension', () => {
    const timeZone = request.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const years = termYearsOf(request.termYears);
    const today = zonedDayNumber(toInstant(request.now, 'now'), timeZone);
    if (request.currentEndDate === null) {
      throw new PolicyError('MAINTENANCE_EXPIRED', 'there is no maintenance term to extend');
    }
    const end = dayNumber(request.currentEndDate, 'currentEndDate');
    if (today > end) {
      throw new PolicyError(
        'MAINTENANCE_EXPIRED',
        `maintenance ended on ${formatDay(end)} (today is ${formatDay(today)} in ${timeZone}): ` +
          'an expired term cannot be extended',
      );
    }
    return ok({ termStart: formatDay(end + 1), termEnd: formatDay(addYears(end, years)) });
  });
}

/** A maintenance term as the chain logic sees it (day numbers). */
export interface TermSpan {
  start: number;
  end: number;
  capacity: number;
}

export interface Coverage {
  /** End of the chain that covers today; else the most recent past end; else null. */
  endDay: number | null;
  /** Devices covered by terms active today (R8). */
  coveredDevices: number;
}

/**
 * Follows extensions: from the terms active today, any term starting on or before the day after
 * the current end carries the end further (R15). Scheduled terms add no devices until they start.
 */
export function coverageOf(terms: readonly TermSpan[], today: number): Coverage {
  let endDay: number | null = null;
  let coveredDevices = 0;
  let pastEnd: number | null = null;
  for (const term of terms) {
    if (term.start <= today && today <= term.end) {
      coveredDevices += term.capacity;
      endDay = endDay === null ? term.end : Math.max(endDay, term.end);
    } else if (term.end < today) {
      pastEnd = pastEnd === null ? term.end : Math.max(pastEnd, term.end);
    }
  }
  if (endDay === null) return { endDay: pastEnd, coveredDevices: 0 };
  const byStart = [...terms].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const term of byStart) {
    if (term.start <= endDay + 1 && term.end > endDay) endDay = term.end;
  }
  return { endDay, coveredDevices };
}

/** `YYYY-MM-DD` of `now` in `timeZone`: the day the rules above compare against. */
export function todayIn(now: Date | string | number, timeZone = 'UTC'): PolicyResult<string> {
  return guarded('today', () => ok(zonedDay(toInstant(now, 'now'), timeZone)));
}
