// The single-file build for a <script type="module"> tag: every element registered, lit and the
// client bundled in, and the HTTP source exported so a page can connect one without a bundler.
// The action panels of the dialog and the German strings load on first use, as files next to
// this one. (Imports name modules, not the index, so those stay out of the first file.)
import './define/all.js';

export { LicCapacityIndicator } from './capacity-indicator/capacity-indicator.js';
export { LicMaintenanceIndicator } from './maintenance-indicator/maintenance-indicator.js';
export { LicDeviceLicenseStatus } from './device-license-status/device-license-status.js';
export { checkOperation } from './device-license-status/device-operations.js';
export { LicDeviceList } from './device-list/device-list.js';
export { LicManageLicenses } from './manage-licenses/manage-licenses.js';
export { LicLicenseProvider } from './license-provider/license-provider.js';
export { LicElement } from './internal/lic-element.js';
export { defineElement, WIDGETS_VERSION } from './internal/define-element.js';
export { licenseSourceContext } from './context.js';
export { en, loadStrings, registerStrings, stringsFor } from './strings/index.js';
export { HttpLicenseSource } from '@smartserver-licensing/client';
