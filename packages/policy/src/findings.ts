// Findings: one severity per code and one fixed order, so every UI lists them the same way.
import {
  FINDING_CODES,
  SEVERITIES,
  type Finding,
  type FindingCode,
  type Severity,
} from '@smartserver-licensing/schemas';

/** The severity of each finding code; it never depends on the situation. */
export const FINDING_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  CORE_LICENSE_MISSING: 'error',
  CAPACITY_ZERO: 'error',
  CAPACITY_EXCEEDED: 'error',
  NO_LICENSE_ACTIVATED: 'warning',
  MAINTENANCE_BELOW_CAPACITY: 'warning',
  MAINTENANCE_INACTIVE: 'warning',
  MAINTENANCE_EXPIRING: 'warning',
  TRIAL_EXPIRED: 'warning',
  TRIAL_EXPIRING: 'info',
  LICENSE_REJECTED: 'warning',
  LICENSING_NOT_REQUIRED: 'info',
};

const severityRank = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));
const codeRank = new Map<FindingCode, number>(FINDING_CODES.map((c, i) => [c, i]));

export function finding(code: FindingCode, message: string, params?: Finding['params']): Finding {
  return params === undefined
    ? { code, severity: FINDING_SEVERITY[code], message }
    : { code, severity: FINDING_SEVERITY[code], message, params };
}

/**
 * The fixed order: severity (error, warning, info), then the order of `FINDING_CODES`, then
 * the message, so two findings of one code (two expired trials) keep a stable place too.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
    (codeRank.get(a.code) ?? 99) - (codeRank.get(b.code) ?? 99) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** A sorted copy of `findings` in the fixed order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
