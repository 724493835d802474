// The widgets' only door to the licensing rules: thin calls into the policy package, never rules
// of their own. A policy error falls back to what the LicenseState already says.
import {
  canManageLicenses,
  checkDeviceOperation,
  maintenanceStatusAt,
  nextMaintenanceChangeAt,
  shouldAutoOpenManageLicenses,
  type DeviceOperation,
  type MaintenanceStatusInfo,
  type RefusalCode,
} from '@smartserver-licensing/policy';
import type { LicenseState, UserType } from '@smartserver-licensing/schemas';
import { stringsFor, type LicStrings } from '../strings/index.js';

const tableOf = (strings: LicStrings | string | undefined): LicStrings =>
  typeof strings === 'object' ? strings : stringsFor(strings);

/** R16 at `now`: the status moves on as the clock passes a date, without a new state. */
export function maintenanceAt(state: LicenseState, now: Date): MaintenanceStatusInfo {
  const result = maintenanceStatusAt(state.maintenance.endDate, now, state.timeZone);
  if (result.ok) return result.value;
  const { status, endDate, daysLeft } = state.maintenance;
  return { status, endDate, daysLeft };
}

/** When the maintenance status changes next (ms from now), or undefined. */
export function nextMaintenanceChange(state: LicenseState, now: Date): number | undefined {
  const result = nextMaintenanceChangeAt(state.maintenance.endDate, now, state.timeZone);
  return result.ok && result.value !== null ? Date.parse(result.value) - now.getTime() : undefined;
}

/** Whether an operation may run, and if not why, in the user's language. */
export type OperationVerdict =
  | { allowed: true }
  | {
      allowed: false;
      code: RefusalCode;
      /** Translated sentence for the UI. */
      reason: string;
      /** The policy's own English sentence, with figures (for logs or a details line). */
      detail: string;
    };

/**
 * R11: may `operation` run on device `deviceId`? For a host that builds its own buttons:
 * `checkOperation(state, 'provision', id, 'de')`.
 */
export function checkOperation(
  state: LicenseState,
  operation: DeviceOperation,
  deviceId?: string,
  locale?: LicStrings | string,
): OperationVerdict {
  const check = checkDeviceOperation(state, operation, deviceId);
  if (check.allowed) return { allowed: true };
  return {
    allowed: false,
    code: check.code,
    reason: tableOf(locale).refusals[check.code],
    detail: check.reason,
  };
}

/** R22: only an Owner manages licenses; an unknown user type is refused too. */
export function manageVerdict(userType: UserType | null, locale?: LicStrings | string): OperationVerdict {
  if (userType === null) {
    const reason = tableOf(locale).ownerOnly;
    return { allowed: false, code: 'NOT_OWNER', reason, detail: reason };
  }
  const check = canManageLicenses(userType);
  if (check.allowed) return { allowed: true };
  return {
    allowed: false,
    code: check.code,
    reason: tableOf(locale).refusals[check.code],
    detail: check.reason,
  };
}

export function autoOpens(state: LicenseState, userType: UserType | null): boolean {
  return userType !== null && shouldAutoOpenManageLicenses(state, userType);
}
