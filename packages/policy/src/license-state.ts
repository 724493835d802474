// computeLicenseState: every deciding rule, applied once, into the LicenseState contract.
import {
  MAX_CAPACITY,
  type DeviceInventory,
  type Finding,
  type LicenseClaims,
  type LicenseEntry,
  type LicenseState,
  type Product,
} from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';
import { assertTimeZone, toInstant, zonedDayNumber } from './dates.js';
import { assign } from './devices.js';
import { compareFindings, finding } from './findings.js';
import { evaluateLicenses, termSpans, type EvaluatedLicense } from './licenses.js';
import { coverageOf, statusFromDays } from './maintenance.js';
import { gateOf } from './version-gate.js';

/** A trial that ends within this many days raises `TRIAL_EXPIRING`. */
export const TRIAL_WARNING_DAYS = 14;

/** A token the store refused (bad signature, wrong SmartServer…), shown as `LICENSE_REJECTED`. */
export interface RejectedLicense {
  /** The License ID when the token was readable enough to name it. */
  licenseId?: string;
  /** The verifier's stable code, e.g. `BAD_SIGNATURE`. */
  code: string;
  /** Why, in one English sentence. */
  message: string;
}

export interface PolicyInput {
  /** The SmartServer's edition and release (R1, R2). */
  product: Product;
  /** This SmartServer's name, shown per license (R23). */
  segmentController: string;
  /** Verified license claims activated on this SmartServer. */
  licenses: readonly LicenseClaims[];
  /** Every device defined, the SmartServer itself included exactly once (R9). */
  devices: DeviceInventory;
  /** The moment to evaluate at: policy never reads a clock. */
  now: Date | string | number;
  /** The SmartServer's IANA zone, in which days begin and end (R16); default UTC. */
  timeZone?: string;
  /** R12: devices licensed in the previous state; they keep their licence while capacity allows. */
  licensedDeviceIds?: Iterable<string>;
  /** R22: whether a license was ever activated here (returned ones included). Default: any license given. */
  everActivated?: boolean;
  /** Tokens the store refused, so the owner sees why a license is missing. */
  rejected?: readonly RejectedLicense[];
}

function entryOf(license: EvaluatedLicense, segmentController: string): LicenseEntry {
  const { claims, status } = license;
  const entry: LicenseEntry = {
    licenseId: claims.licenseId,
    kind: claims.kind,
    model: claims.model,
    capacity: claims.capacity,
    trial: claims.kind === 'capacity' && claims.trial,
    status,
    segmentController,
    activatedAt: claims.activatedAt,
    note: claims.note ?? '',
  };
  if (claims.kind === 'maintenance') {
    entry.termYears = claims.termYears;
    entry.termEnd = claims.termEnd;
  }
  if (claims.kind === 'capacity' && claims.expiresAt !== undefined) entry.expiresAt = claims.expiresAt;
  return entry;
}

const SEGMENT_CONTROLLER = /^[^\u0000-\u001f\u007f-\u009f]{1,64}$/u; // eslint-disable-line no-control-regex

/**
 * Computes the one `LicenseState` every UI renders. Pure: the same input gives the same output,
 * whatever the order of devices and licenses. Bad input is a `PolicyError` with a stable code;
 * nothing is thrown.
 */
export function computeLicenseState(input: PolicyInput): PolicyResult<LicenseState> {
  return guarded('license state', () => {
    if (typeof input !== 'object' || input === null) {
      throw new PolicyError('INVALID_INPUT', 'input: expected an object');
    }
    const gate = gateOf(input.product);
    const timeZone = input.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    if (typeof input.segmentController !== 'string' || !SEGMENT_CONTROLLER.test(input.segmentController)) {
      throw new PolicyError('INVALID_INPUT', 'segmentController: expected a name of 1 to 64 characters');
    }
    const nowMs = toInstant(input.now, 'now');
    const today = zonedDayNumber(nowMs, timeZone);
    const licenses = evaluateLicenses(input.licenses, nowMs, today);

    // R6 and the Decision: active capacity licenses add up; an expired trial adds nothing.
    let licensedCapacity = 0;
    let purchasedCapacity = 0;
    let coreLicensed = false;
    for (const { claims, status } of licenses) {
      if (status !== 'active') continue;
      if (claims.kind === 'capacity') {
        licensedCapacity += claims.capacity;
        if (!claims.trial) purchasedCapacity += claims.capacity;
      } else if (claims.kind === 'core') {
        coreLicensed = true;
      }
    }
    licensedCapacity = Math.min(licensedCapacity, MAX_CAPACITY * 100);

    // R9, R11–R13: the SmartServer is one of the devices and is licensed first.
    const assignment = assign(
      input.devices,
      licensedCapacity,
      input.licensedDeviceIds,
      !gate.licensingRequired,
    );
    const used = assignment.devices.length;
    const unlicensed = used - assignment.licensedCount;
    // R14: zero capacity, or fewer licensed than defined devices.
    const badge = gate.licensingRequired && (licensedCapacity === 0 || licensedCapacity < used);

    // R8, R15, R16: the current maintenance term, extensions followed.
    const coverage = coverageOf(termSpans(licenses), today);
    const maintenance = statusFromDays(coverage.endDay, today);

    const everActivated = input.everActivated === true || licenses.length > 0;
    const findings = gate.licensingRequired
      ? findingsFor({
          licenses,
          nowMs,
          coreRequired: gate.coreRequired,
          coreLicensed,
          licensedCapacity,
          purchasedCapacity,
          used,
          unlicensed,
          covered: coverage.coveredDevices,
          maintenance,
          everActivated,
          rejected: input.rejected ?? [],
        })
      : [
          finding(
            'LICENSING_NOT_REQUIRED',
            `Release ${input.product.version} predates license management (3.3): nothing is restricted.`,
            { version: input.product.version },
          ),
        ];

    return ok({
      schemaVersion: 1,
      computedAt: new Date(nowMs).toISOString(),
      timeZone,
      product: { edition: gate.edition, version: input.product.version },
      licensingRequired: gate.licensingRequired,
      core: { required: gate.coreRequired, licensed: coreLicensed },
      capacity: { licensed: licensedCapacity, used, unlicensed, badge },
      maintenance: { ...maintenance, coveredDevices: coverage.coveredDevices },
      licenses: licenses.map((license) => entryOf(license, input.segmentController)),
      devices: assignment.devices,
      findings,
      manageLicenses: {
        // R22: the dialog opens by itself (for an Owner) on a badge or when nothing was ever activated.
        autoOpen: gate.licensingRequired && (badge || !everActivated),
        everActivated,
      },
    });
  });
}

interface FindingFacts {
  licenses: readonly EvaluatedLicense[];
  nowMs: number;
  coreRequired: boolean;
  coreLicensed: boolean;
  licensedCapacity: number;
  purchasedCapacity: number;
  used: number;
  unlicensed: number;
  covered: number;
  maintenance: ReturnType<typeof statusFromDays>;
  everActivated: boolean;
  rejected: readonly RejectedLicense[];
}

const DAY_MS = 86_400_000;

function findingsFor(facts: FindingFacts): Finding[] {
  const out: Finding[] = [];
  if (facts.coreRequired && !facts.coreLicensed) {
    out.push(
      finding(
        'CORE_LICENSE_MISSING',
        'SmartServer Pi needs a Core license for discovery, import, device creation and BACnet routing.',
      ),
    );
  }
  if (facts.licensedCapacity === 0) {
    out.push(
      finding('CAPACITY_ZERO', `No device capacity is licensed; all ${facts.used} devices are unlicensed.`, {
        used: facts.used,
      }),
    );
  } else if (facts.licensedCapacity < facts.used) {
    out.push(
      finding(
        'CAPACITY_EXCEEDED',
        `${facts.used} devices are defined for a capacity of ${facts.licensedCapacity}: ` +
          `${facts.unlicensed} are unlicensed.`,
        { used: facts.used, licensed: facts.licensedCapacity, unlicensed: facts.unlicensed },
      ),
    );
  }
  if (!facts.everActivated) {
    out.push(finding('NO_LICENSE_ACTIVATED', 'No license has been activated on this SmartServer.'));
  }
  // R8 only bites where maintenance exists: without any, MAINTENANCE_INACTIVE says it all.
  if (facts.covered > 0 && facts.covered < facts.purchasedCapacity) {
    out.push(
      finding(
        'MAINTENANCE_BELOW_CAPACITY',
        `Maintenance covers ${facts.covered} devices but ${facts.purchasedCapacity} are licensed: ` +
          `add maintenance for ${facts.purchasedCapacity - facts.covered} more.`,
        { covered: facts.covered, capacity: facts.purchasedCapacity },
      ),
    );
  }
  const { status, endDate, daysLeft } = facts.maintenance;
  if (status === 'inactive') {
    out.push(
      endDate === null
        ? finding('MAINTENANCE_INACTIVE', 'No maintenance license is active: upgrades cannot be installed.')
        : finding('MAINTENANCE_INACTIVE', `Maintenance ended on ${endDate}: upgrades cannot be installed.`, {
            endDate,
          }),
    );
  } else if (status === 'expiring' && endDate !== null && daysLeft !== null) {
    out.push(
      finding('MAINTENANCE_EXPIRING', `Maintenance expires on ${endDate} (${daysLeft} days left).`, {
        endDate,
        daysLeft,
      }),
    );
  }
  for (const { claims, status: licenseStatus } of facts.licenses) {
    if (claims.kind !== 'capacity' || !claims.trial || claims.expiresAt === undefined) continue;
    if (licenseStatus === 'expired') {
      out.push(
        finding('TRIAL_EXPIRED', `Trial license ${claims.licenseId} expired at ${claims.expiresAt}.`, {
          licenseId: claims.licenseId,
          expiresAt: claims.expiresAt,
        }),
      );
    } else if (licenseStatus === 'active') {
      const left = Date.parse(claims.expiresAt) - facts.nowMs;
      if (left <= TRIAL_WARNING_DAYS * DAY_MS) {
        out.push(
          finding('TRIAL_EXPIRING', `Trial license ${claims.licenseId} expires at ${claims.expiresAt}.`, {
            licenseId: claims.licenseId,
            expiresAt: claims.expiresAt,
          }),
        );
      }
    }
  }
  for (const rejected of facts.rejected.slice(0, MAX_REJECTED_SHOWN)) {
    const reason = clean(rejected.code, 40) || 'UNKNOWN';
    const params: Record<string, string> = { reason };
    const licenseId = clean(rejected.licenseId, 64);
    if (licenseId) params['licenseId'] = licenseId;
    out.push(
      finding(
        'LICENSE_REJECTED',
        `A license was refused (${reason}): ${clean(rejected.message, 300) || reason}`,
        params,
      ),
    );
  }
  // The contract lists at most 1,000 findings; the most severe ones come first and stay.
  return out.sort(compareFindings).slice(0, 1_000);
}

/** A caller's rejected-token list is shown, not trusted: a bounded number of entries. */
const MAX_REJECTED_SHOWN = 100;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

/** Text from outside, made safe for a one-line finding: a string, no control characters, bounded. */
function clean(value: unknown, max: number): string {
  return typeof value === 'string' ? value.replace(CONTROL, ' ').trim().slice(0, max) : '';
}
