// Registers <lic-maintenance-indicator>. Importing this module is the only side effect of the package.
import { LicMaintenanceIndicator } from '../maintenance-indicator/maintenance-indicator.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-maintenance-indicator', LicMaintenanceIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'lic-maintenance-indicator': LicMaintenanceIndicator;
  }
}

export { LicMaintenanceIndicator };
