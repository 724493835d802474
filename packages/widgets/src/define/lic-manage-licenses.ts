// Registers <lic-manage-licenses>. Importing this module is the only side effect of the package.
import { LicManageLicenses } from '../manage-licenses/manage-licenses.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-manage-licenses', LicManageLicenses);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-licenses': LicManageLicenses;
  }
}

export { LicManageLicenses };
