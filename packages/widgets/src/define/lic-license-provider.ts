// Registers <lic-license-provider>. Importing this module is the only side effect of the package.
import { LicLicenseProvider } from '../license-provider/license-provider.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-license-provider', LicLicenseProvider);

declare global {
  interface HTMLElementTagNameMap {
    'lic-license-provider': LicLicenseProvider;
  }
}

export { LicLicenseProvider };
