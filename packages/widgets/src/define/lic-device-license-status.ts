// Registers <lic-device-license-status>. Importing this module is the only side effect of the package.
import { LicDeviceLicenseStatus } from '../device-license-status/device-license-status.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-device-license-status', LicDeviceLicenseStatus);

declare global {
  interface HTMLElementTagNameMap {
    'lic-device-license-status': LicDeviceLicenseStatus;
  }
}

export { LicDeviceLicenseStatus };
