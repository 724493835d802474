// Registers <lic-device-list>. Importing this module is the only side effect of the package.
import { LicDeviceList } from '../device-list/device-list.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-device-list', LicDeviceList);

declare global {
  interface HTMLElementTagNameMap {
    'lic-device-list': LicDeviceList;
  }
}

export { LicDeviceList };
