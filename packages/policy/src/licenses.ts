// Each verified license's standing at `now`: active, scheduled, expired or superseded.
import {
  LICENSE_KINDS,
  parseLicenseClaims,
  type LicenseClaims,
  type LicenseStatus,
} from '@smartserver-licensing/schemas';
import { PolicyError } from './errors.js';
import { dayNumber } from './dates.js';

/** Most licenses one state may list (the LicenseState contract's bound). */
export const MAX_LICENSES = 10_000;

export interface EvaluatedLicense {
  claims: LicenseClaims;
  status: LicenseStatus;
  activatedMs: number;
  /** Maintenance: first and last covered day numbers. */
  start: number;
  end: number;
}

const kindRank = new Map<string, number>(LICENSE_KINDS.map((kind, i) => [kind, i]));

/**
 * Re-checks every claim against the schema (cheap next to the devices, and it catches a caller
 * that skipped verification), refuses a License ID given twice, and sorts into one canonical
 * order (kind, activation, License ID) so the result does not depend on the input's order.
 */
export function evaluateLicenses(
  licenses: readonly LicenseClaims[],
  nowMs: number,
  today: number,
): EvaluatedLicense[] {
  if (!Array.isArray(licenses)) throw new PolicyError('INVALID_INPUT', 'licenses: expected an array');
  if (licenses.length > MAX_LICENSES) {
    throw new PolicyError(
      'TOO_MANY_LICENSES',
      `licenses: ${licenses.length} given, at most ${MAX_LICENSES} allowed`,
    );
  }
  const parsed: LicenseClaims[] = licenses.map((input, i) => {
    const result = parseLicenseClaims(input);
    if (!result.ok) throw new PolicyError('INVALID_INPUT', `licenses[${i}]: ${result.error.message}`);
    return result.value;
  });
  const seen = new Set<string>();
  const replaced = new Set<string>();
  for (const claims of parsed) {
    const id = claims.licenseId.toLowerCase();
    if (seen.has(id)) throw new PolicyError('DUPLICATE_LICENSE', `licenses: License ID ${id} is given twice`);
    seen.add(id);
    if (claims.supersedes !== undefined) replaced.add(claims.supersedes.toLowerCase());
  }
  const evaluated = parsed.map((claims): EvaluatedLicense => {
    const activatedMs = Date.parse(claims.activatedAt);
    let start = 0;
    let end = 0;
    let status: LicenseStatus = 'active';
    if (claims.kind === 'maintenance') {
      start = dayNumber(claims.termStart, 'termStart');
      end = dayNumber(claims.termEnd, 'termEnd');
      status = today < start ? 'scheduled' : today > end ? 'expired' : 'active';
    } else if (claims.kind === 'capacity' && claims.trial && claims.expiresAt !== undefined) {
      status = nowMs >= Date.parse(claims.expiresAt) ? 'expired' : 'active';
    }
    // R25: a license replaced by a transfer counts for nothing, whichever side says so.
    if (claims.supersededBy !== undefined || replaced.has(claims.licenseId.toLowerCase())) {
      status = 'superseded';
    }
    return { claims, status, activatedMs, start, end };
  });
  return evaluated.sort((a, b) => {
    const byKind = (kindRank.get(a.claims.kind) ?? 9) - (kindRank.get(b.claims.kind) ?? 9);
    if (byKind !== 0) return byKind;
    if (a.activatedMs !== b.activatedMs) return a.activatedMs - b.activatedMs;
    const idA = a.claims.licenseId.toLowerCase();
    const idB = b.claims.licenseId.toLowerCase();
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
}

/** Maintenance terms that still count (not replaced by a transfer), as day spans. */
export function termSpans(evaluated: readonly EvaluatedLicense[]) {
  return evaluated
    .filter((license) => license.claims.kind === 'maintenance' && license.status !== 'superseded')
    .map((license) => ({
      start: license.start,
      end: license.end,
      capacity: license.claims.capacity,
      license,
    }));
}
