// Registers every element of the package.
import './lic-license-provider.js';
import './lic-capacity-indicator.js';
import './lic-maintenance-indicator.js';
import './lic-device-license-status.js';
import './lic-device-list.js';
import './lic-manage-licenses.js';
