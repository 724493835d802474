// What an activation carries: the license's own terms, fixed at its first activation and never
// restarted (R6 trial end, R15 maintenance term), and the claims a token signs. The cloud and the
// CLI both build claims here, so no service decides a term by itself.
import {
  isoSeconds,
  lookupModel,
  parseLicenseClaims,
  type LicenseClaims,
  type UserType,
  type LicenseState,
} from '@smartserver-licensing/schemas';
import {
  addYears,
  dayNumber,
  formatDay,
  startOfDay,
  toInstant,
  zonedDayNumber,
  assertTimeZone,
} from './dates.js';
import { guarded, ok, PolicyError, type PolicyResult } from './errors.js';

/** A license's own terms. Fixed at its first activation; every later activation reuses them. */
export interface LicenseTerms {
  /** When the license was first activated anywhere. */
  firstActivatedAt: string;
  /** Maintenance: first and last covered day (R15). */
  termStart?: string;
  termEnd?: string;
  /** Trial: when it stops adding capacity (R6). */
  trialEndsAt?: string;
}

export interface FirstActivation {
  model: string;
  /** Maintenance: 1 or 3 years; default the model's. */
  termYears?: number;
  /** Trial: its length in days; default the model's. */
  trialDays?: number;
  /** The moment of this first activation. */
  now: Date | string | number;
  /**
   * Maintenance: the last covered day of the term running on the SmartServer it is activated on
   * (`LicenseState.maintenance.endDate`, or the cloud's record). A term bought while one runs
   * extends it (R15): it starts the day after that end.
   */
  currentMaintenanceEnd?: string | null;
  /** The zone in which days begin; default UTC. */
  timeZone?: string;
}

/**
 * The terms a license gets at its first activation. R15: a maintenance term runs one or three
 * years from that day, or from the day after a running term ends (an extension). R6: a trial
 * ends its trial days after it. Capacity and Core licenses have no term.
 */
export function firstActivationTerms(input: FirstActivation): PolicyResult<LicenseTerms> {
  return guarded('activation terms', () => {
    const model = lookupModel(input.model);
    if (!model.ok) throw new PolicyError('INVALID_INPUT', model.error.message);
    const timeZone = input.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const now = toInstant(input.now, 'now');
    const terms: LicenseTerms = { firstActivatedAt: isoSeconds(now) };
    const entry = model.value;
    if (entry.kind === 'maintenance') {
      const years = input.termYears ?? entry.termYears;
      if (years !== 1 && years !== 3) throw new PolicyError('INVALID_INPUT', 'termYears: must be 1 or 3');
      const today = zonedDayNumber(now, timeZone);
      const end = input.currentMaintenanceEnd
        ? dayNumber(input.currentMaintenanceEnd, 'currentMaintenanceEnd')
        : null;
      const start = end !== null && end >= today ? end + 1 : today;
      terms.termStart = formatDay(start);
      terms.termEnd = formatDay(addYears(start, years) - 1);
    } else if (entry.kind === 'capacity' && entry.trial) {
      const days = input.trialDays ?? entry.trialDays;
      if (days === undefined || !Number.isInteger(days) || days < 1 || days > 3650) {
        throw new PolicyError('INVALID_INPUT', 'trialDays: must be a whole number of days from 1 to 3650');
      }
      terms.trialEndsAt = isoSeconds(now + days * 86_400_000);
    }
    return ok(terms);
  });
}

/** The license record an activation signs, as the issuer keeps it. */
export interface LicenseRecord {
  licenseId: string;
  customerId: string;
  model: string;
  /** When this License ID was created (purchase or transfer, R25). */
  issuedAt: string;
  termYears?: number | null;
  note?: string;
  supersedes?: string | null;
}

/**
 * The claims of one activation's token: the license record, its fixed terms, and the moment of
 * this activation. Checked against the claims schema: a record that cannot be signed is refused.
 */
export function activationClaims(
  license: LicenseRecord,
  terms: LicenseTerms,
  activatedAt: Date | string | number,
): PolicyResult<LicenseClaims> {
  return guarded('activation claims', () => {
    const model = lookupModel(license.model);
    if (!model.ok) throw new PolicyError('INVALID_INPUT', model.error.message);
    const entry = model.value;
    const common = {
      licenseId: license.licenseId,
      customerId: license.customerId,
      model: model.value.model,
      issuedAt: license.issuedAt,
      activatedAt: isoSeconds(toInstant(activatedAt, 'activatedAt')),
      capacity: entry.capacity,
      ...(license.note ? { note: license.note } : {}),
      ...(license.supersedes ? { supersedes: license.supersedes } : {}),
    };
    const candidate =
      entry.kind === 'maintenance'
        ? {
            kind: 'maintenance',
            ...common,
            termYears: license.termYears ?? entry.termYears,
            termStart: terms.termStart,
            termEnd: terms.termEnd,
          }
        : entry.kind === 'capacity'
          ? {
              kind: 'capacity',
              ...common,
              trial: entry.trial,
              ...(terms.trialEndsAt ? { expiresAt: terms.trialEndsAt } : {}),
            }
          : { kind: 'core', ...common };
    const parsed = parseLicenseClaims(candidate);
    if (!parsed.ok) throw new PolicyError('INVALID_INPUT', parsed.error.message);
    return ok(parsed.value);
  });
}

/**
 * The next moment at which the license state of these licenses changes by the clock alone:
 * the next midnight in the SmartServer's zone (maintenance days left, Active → Expires →
 * Inactive, a scheduled term starting), or a trial ending sooner. Epoch milliseconds.
 */
export function nextStateChangeAt(
  licenses: readonly LicenseClaims[],
  now: Date | string | number,
  timeZone = 'UTC',
): PolicyResult<number> {
  return guarded('next state change', () => {
    assertTimeZone(timeZone);
    const at = toInstant(now, 'now');
    let next = startOfDay(zonedDayNumber(at, timeZone) + 1, timeZone);
    for (const license of licenses) {
      if (license.kind === 'capacity' && license.expiresAt !== undefined) {
        const end = toInstant(license.expiresAt, 'expiresAt');
        if (end > at && end < next) next = end;
      }
    }
    return ok(next);
  });
}

/**
 * What a CMS user may see of the state. A License ID is a Customer Portal login: only the Owner
 * sees License IDs (R22); every other user type gets the same counts and findings without them.
 */
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

export function licenseStateFor(userType: UserType, state: LicenseState): LicenseState {
  if (userType === 'Owner') return state;
  const hide = (text: string) => text.replace(UUID, '(hidden)');
  return {
    ...state,
    licenses: [],
    findings: state.findings.map((f) => {
      if (!f.params) return { ...f, message: hide(f.message) };
      const { licenseId: _hidden, ...params } = f.params;
      return { ...f, message: hide(f.message), params };
    }),
  };
}
