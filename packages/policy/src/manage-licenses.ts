// Who may manage licenses, and when the Manage Licenses dialog opens by itself (R22).
import type { LicenseState, UserType } from '@smartserver-licensing/schemas';
import { ALLOWED, refused, type OperationCheck } from './devices.js';

/** R22: only the CMS Owner may open the Manage Licenses dialog or use its actions. */
export function canManageLicenses(userType: UserType): OperationCheck {
  return userType === 'Owner'
    ? ALLOWED
    : refused('NOT_OWNER', 'Only the SmartServer Owner can manage licenses.');
}

/**
 * R22: after an Owner logs in, the dialog opens by itself when capacity is zero or below the
 * devices defined, or when no license was ever activated (`state.manageLicenses.autoOpen`).
 * Other user types never see it. Closing it without adding a license is the UI's business.
 */
export function shouldAutoOpenManageLicenses(state: LicenseState, userType: UserType): boolean {
  return userType === 'Owner' && state.manageLicenses.autoOpen;
}
