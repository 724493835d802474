// Registers <lic-capacity-indicator>. Importing this module is the only side effect of the package.
import { LicCapacityIndicator } from '../capacity-indicator/capacity-indicator.js';
import { defineElement } from '../internal/define-element.js';

defineElement('lic-capacity-indicator', LicCapacityIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'lic-capacity-indicator': LicCapacityIndicator;
  }
}

export { LicCapacityIndicator };
