// Public entry of @smartserver-licensing/policy: the licensing rules as pure functions.
export { PolicyError, type PolicyErrorCode, type PolicyResult } from './errors.js';
export {
  computeLicenseState,
  TRIAL_WARNING_DAYS,
  type PolicyInput,
  type RejectedLicense,
} from './license-state.js';
export { productGate, FIRST_LICENSED_RELEASE, FIRST_PI_RELEASE, type ProductGate } from './version-gate.js';
export {
  assignDeviceLicenses,
  checkDeviceOperation,
  DEVICE_OPERATIONS,
  DEVICE_FACING_OPERATIONS,
  type Assignment,
  type AssignmentOptions,
  type DeviceOperation,
  type OperationCheck,
  type RefusalCode,
} from './devices.js';
export { checkFeature, FEATURES, CAPACITY_FREE_FEATURES, type Feature } from './features.js';
export {
  maintenanceStatusAt,
  nextMaintenanceChangeAt,
  maintenanceLabel,
  maintenanceTerm,
  extendMaintenance,
  todayIn,
  EXPIRING_WINDOW_DAYS,
  DEFAULT_MAINTENANCE_LABELS,
  DATED_MAINTENANCE_LABELS,
  type MaintenanceStatusInfo,
  type MaintenanceLabels,
  type MaintenanceTermDates,
  type ExtensionRequest,
} from './maintenance.js';
export {
  checkUpgrade,
  checkUpgradeByReleaseDate,
  classifyRelease,
  RELEASE_CHANGES,
  type ReleaseChange,
  type UpgradeCode,
  type UpgradeDecision,
  type UpgradeRequest,
  type ReleaseDateUpgradeRequest,
} from './upgrades.js';
export { dueNotifications, type DueNotification, type NotificationRequest } from './notifications.js';
export { canManageLicenses, shouldAutoOpenManageLicenses } from './manage-licenses.js';
export { FINDING_SEVERITY, compareFindings, sortFindings } from './findings.js';
export { MAX_LICENSES } from './licenses.js';
export {
  firstActivationTerms,
  activationClaims,
  nextStateChangeAt,
  licenseStateFor,
  type LicenseTerms,
  type FirstActivation,
  type LicenseRecord,
} from './activation.js';
