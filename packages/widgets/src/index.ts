// Public entry of @smartserver-licensing/widgets. Importing it registers nothing: import the
// define modules (`@smartserver-licensing/widgets/define/lic-….js`) for that.
export { LicCapacityIndicator } from './capacity-indicator/capacity-indicator.js';
export { LicMaintenanceIndicator } from './maintenance-indicator/maintenance-indicator.js';
export { LicDeviceLicenseStatus } from './device-license-status/device-license-status.js';
export {
  checkOperation,
  DEVICE_OPERATIONS,
  DEVICE_FACING_OPERATIONS,
  type DeviceOperation,
  type OperationVerdict,
} from './device-license-status/device-operations.js';
export { LicDeviceList, type DeviceSortKey, type DeviceStatusFilter } from './device-list/device-list.js';
export { LicManageLicenses, type ManageView } from './manage-licenses/manage-licenses.js';
export { LicLicenseProvider } from './license-provider/license-provider.js';
export { LicElement } from './internal/lic-element.js';
export { defineElement, WIDGETS_VERSION } from './internal/define-element.js';
export { licenseSourceContext } from './context.js';
export * from './events.js';
export * from './request-events.js';
export { LicEvent } from './internal/lic-event.js';
export { enPanels } from './strings/en-panels.js';
export {
  en,
  loadStrings,
  registerStrings,
  stringsFor,
  type CoreStrings,
  type LicStrings,
  type MaintenanceWording,
  type PanelStrings,
} from './strings/index.js';
