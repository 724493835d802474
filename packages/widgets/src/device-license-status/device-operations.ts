// The helper a host calls before running a device operation: allowed or not, and why not.
export { checkOperation, type OperationVerdict } from '../internal/rules.js';
export {
  DEVICE_OPERATIONS,
  DEVICE_FACING_OPERATIONS,
  type DeviceOperation,
} from '@smartserver-licensing/policy';
