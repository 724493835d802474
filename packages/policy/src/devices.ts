// Which devices are licensed (R11–R13) and what may be done with each (R11).
import {
  DEVICE_PROTOCOLS,
  MAX_DEVICES,
  type DeviceInventory,
  type DeviceStatus,
  type LicenseState,
} from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';
import { parseInstant } from './dates.js';

const PROTOCOLS: ReadonlySet<string> = new Set(DEVICE_PROTOCOLS);

export interface AssignmentOptions {
  /**
   * R12: the devices licensed in the previous state. They keep their licence while capacity
   * allows, even if a device created earlier is added later.
   */
  licensedDeviceIds?: Iterable<string>;
}

export interface Assignment {
  /** Every device in licensing order, with its status. */
  devices: DeviceStatus[];
  licensedCount: number;
}

/**
 * The core of R11–R13, shared by `assignDeviceLicenses` and `computeLicenseState`.
 * Licensing order (the Decision of DOMAIN.md): the SmartServer, then oldest first, ties by id.
 * Devices named in `keep` go before the others, still in licensing order among themselves.
 * When `everyone` is set (licensing not required, R1) every device is licensed.
 */
export function assign(
  devices: DeviceInventory,
  capacity: number,
  keep: Iterable<string> | undefined,
  everyone = false,
): Assignment {
  if (!Array.isArray(devices)) throw new PolicyError('INVALID_INPUT', 'devices: expected an array');
  const count = devices.length;
  if (count > MAX_DEVICES) {
    throw new PolicyError('TOO_MANY_DEVICES', `devices: ${count} given, at most ${MAX_DEVICES} allowed`);
  }
  // Parsed once per device: sorting compares numbers, never re-reads the ISO text.
  const times = new Float64Array(count);
  const ids = new IdTable(devices, count);
  let server = -1;
  for (let i = 0; i < count; i++) {
    const device = devices[i]!;
    const id = device.id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new PolicyError('INVALID_INPUT', `devices[${i}].id: expected a device id`);
    }
    const time = parseInstant(device.createdAt);
    if (Number.isNaN(time)) {
      throw new PolicyError('INVALID_TIME', `devices[${i}].createdAt: not an ISO 8601 date-time`);
    }
    times[i] = time;
    if (!ids.add(i, id)) {
      throw new PolicyError('DUPLICATE_DEVICE', `devices[${i}].id: duplicate device id ${id.slice(0, 128)}`);
    }
    if (device.isSmartServer === true) {
      if (server >= 0) {
        throw new PolicyError(
          'SMARTSERVER_MISSING',
          'devices: only one device can be the SmartServer itself',
        );
      }
      server = i;
    }
  }
  if (server < 0) {
    throw new PolicyError(
      'SMARTSERVER_MISSING',
      'devices: the inventory must hold the SmartServer itself (isSmartServer: true); it counts as one device (R9)',
    );
  }

  const order = licensingOrder(devices, times, server);

  const slots = everyone ? count : Math.max(0, Math.min(Math.floor(capacity), count));
  const licensed = new Uint8Array(count);
  let given = 0;
  // The SmartServer comes first in `order`, so it takes the first slot whatever `keep` says.
  if (slots > 0) {
    licensed[server] = 1;
    given = 1;
  }
  if (keep !== undefined && given < slots) {
    const kept = keep instanceof Set ? (keep as Set<string>) : new Set(keep);
    for (let k = 1; k < count && given < slots; k++) {
      const index = order[k]!;
      if (kept.has(devices[index]!.id)) {
        licensed[index] = 1;
        given++;
      }
    }
  }
  for (let k = 1; k < count && given < slots; k++) {
    const index = order[k]!;
    if (licensed[index] === 0) {
      licensed[index] = 1;
      given++;
    }
  }

  const statuses = new Array<DeviceStatus>(count);
  for (let k = 0; k < count; k++) {
    const index = order[k]!;
    const device = devices[index]!;
    const { name, protocol } = device;
    if (typeof name !== 'string' || name.length === 0 || name.length > 256 || !PROTOCOLS.has(protocol)) {
      throw new PolicyError(
        'INVALID_INPUT',
        `devices[${index}]: needs a name (1 to 256 characters) and a known protocol`,
      );
    }
    statuses[k] = {
      id: device.id,
      name,
      createdAt: device.createdAt,
      protocol,
      isSmartServer: device.isSmartServer,
      licensed: licensed[index] === 1,
    };
  }
  return { devices: statuses, licensedCount: given };
}

/**
 * Ids seen so far, as an open-addressing table of device indexes in one typed array: a `Set` of
 * 100,000 ids cost more than the sort, mostly in growing and collecting its heap table.
 */
class IdTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(
    private readonly devices: DeviceInventory,
    count: number,
  ) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
  }
  /** Adds device `index`; false when an earlier device has the same id. */
  add(index: number, id: string): boolean {
    // FNV-1a over UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let c = 0; c < id.length; c++) hash = Math.imul(hash ^ id.charCodeAt(c), 0x01000193);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const other = this.slots[slot]!;
      if (other === -1) {
        this.slots[slot] = index;
        return true;
      }
      if (this.devices[other]!.id === id) return false;
    }
  }
}

/** Radix digits of 11 bits: 4 passes cover creation times spread over 557 years. */
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const RADIX_LIMIT = 2 ** (4 * DIGIT_BITS);

/**
 * Device indexes in licensing order: the SmartServer, then by creation time, ties by id.
 * A stable radix sort on the parsed times keeps this linear in the device count (a comparison
 * sort made 100,000 devices cost 20x what 10,000 did); only runs of equal times are then
 * sorted by id, and those runs are short.
 */
function licensingOrder(devices: DeviceInventory, times: Float64Array, server: number): Uint32Array {
  const count = devices.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    if (i === server) continue;
    const time = times[i]!;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  let order = new Uint32Array(count);
  order[0] = server;
  for (let i = 0, k = 1; i < count; i++) if (i !== server) order[k++] = i;
  const byId = (a: number, b: number) => {
    const idA = devices[a]!.id;
    const idB = devices[b]!.id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
  if (count <= 64 || !(max - min < RADIX_LIMIT)) {
    order.subarray(1).sort((a, b) => times[a]! - times[b]! || byId(a, b));
    return order;
  }
  // Keys travel with their indexes, so every pass reads memory in order.
  let keys = new Float64Array(count);
  for (let k = 1; k < count; k++) keys[k] = times[order[k]!]! - min;
  let spareOrder = new Uint32Array(count);
  let spareKeys = new Float64Array(count);
  spareOrder[0] = server;
  const buckets = new Uint32Array(DIGITS);
  for (let scale = 1; scale <= max - min; scale *= DIGITS) {
    buckets.fill(0);
    for (let k = 1; k < count; k++) buckets[(keys[k]! / scale) & (DIGITS - 1)]!++;
    let position = 1;
    for (let d = 0; d < DIGITS; d++) {
      const size = buckets[d]!;
      buckets[d] = position;
      position += size;
    }
    for (let k = 1; k < count; k++) {
      const key = keys[k]!;
      const to = buckets[(key / scale) & (DIGITS - 1)]!++;
      spareOrder[to] = order[k]!;
      spareKeys[to] = key;
    }
    [order, spareOrder] = [spareOrder, order];
    [keys, spareKeys] = [spareKeys, keys];
  }
  for (let k = 1; k < count;) {
    let end = k + 1;
    while (end < count && keys[end] === keys[k]) end++;
    if (end - k > 16) {
      order.subarray(k, end).sort(byId);
    } else {
      // Runs of equal times are short: an in-place insertion sort beats a sort call per run.
      for (let i = k + 1; i < end; i++) {
        const index = order[i]!;
        const id = devices[index]!.id;
        let j = i - 1;
        while (j >= k && devices[order[j]!]!.id > id) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = index;
      }
    }
    k = end;
  }
  return order;
}

/**
 * R11–R13 on their own: licenses up to `capacity` devices (the SmartServer first, then oldest
 * first, ties by id; devices licensed before keep their licence), and returns every device in that
 * order with its status. The inventory must hold the SmartServer exactly once.
 */
export function assignDeviceLicenses(
  devices: DeviceInventory,
  capacity: number,
  options: AssignmentOptions = {},
): PolicyResult<Assignment> {
  return guarded('device licensing', () => {
    if (!Number.isFinite(capacity) || capacity < 0) {
      throw new PolicyError('INVALID_INPUT', 'capacity: expected a whole number, 0 or more');
    }
    return ok(assign(devices, capacity, options.licensedDeviceIds));
  });
}

/** Device operations of the CMS (R11). */
export const DEVICE_OPERATIONS = [
  'provision',
  'read-datapoints',
  'write-datapoints',
  'create-device',
  'define-datapoint-properties',
  'define-connections',
  'define-bacnet-server',
  'set-up-schedules',
  'define-sequences',
] as const;
export type DeviceOperation = (typeof DEVICE_OPERATIONS)[number];

/** R11: these talk to the physical device, so an unlicensed device refuses them. */
export const DEVICE_FACING_OPERATIONS: ReadonlySet<DeviceOperation> = new Set([
  'provision',
  'read-datapoints',
  'write-datapoints',
]);

/** Why an operation or feature is refused; a UI translates by `code` and may show `reason`. */
export type RefusalCode =
  | 'DEVICE_UNLICENSED'
  | 'CORE_LICENSE_MISSING'
  | 'NO_CAPACITY'
  | 'NOT_OWNER'
  | 'UNKNOWN_DEVICE'
  | 'UNKNOWN_OPERATION';

export type OperationCheck =
  | { allowed: true }
  | {
      allowed: false;
      code: RefusalCode;
      /** One English sentence a UI can show as is. */
      reason: string;
    };

export const ALLOWED: OperationCheck = Object.freeze({ allowed: true });

export function refused(code: RefusalCode, reason: string): OperationCheck {
  return { allowed: false, code, reason };
}

// Looking a device up by id in a 100,000-device state should not scan the list on every click.
const indexes = new WeakMap<LicenseState, Map<string, DeviceStatus>>();

function deviceIn(state: LicenseState, id: string): DeviceStatus | undefined {
  let index = indexes.get(state);
  if (index === undefined) {
    index = new Map(state.devices.map((device) => [device.id, device]));
    indexes.set(state, index);
  }
  return index.get(id);
}

/**
 * R11 (and R2 on SmartServer Pi): may `operation` run on the device `deviceId` in `state`?
 * Operations that do not talk to the device need no device id.
 */
export function checkDeviceOperation(
  state: LicenseState,
  operation: DeviceOperation,
  deviceId?: string,
): OperationCheck {
  if (!(DEVICE_OPERATIONS as readonly string[]).includes(operation)) {
    return refused('UNKNOWN_OPERATION', `"${String(operation).slice(0, 40)}" is not a device operation.`);
  }
  if (!state.licensingRequired) return ALLOWED;
  if (state.core.required && !state.core.licensed) {
    return refused(
      'CORE_LICENSE_MISSING',
      'SmartServer Pi needs a Core license for device operations. Add one in Manage Licenses.',
    );
  }
  if (!DEVICE_FACING_OPERATIONS.has(operation)) return ALLOWED;
  const device = deviceId === undefined ? undefined : deviceIn(state, deviceId);
  if (device === undefined) {
    return refused('UNKNOWN_DEVICE', `No device "${String(deviceId).slice(0, 128)}" is defined.`);
  }
  if (device.licensed) return ALLOWED;
  return refused(
    'DEVICE_UNLICENSED',
    `${device.name} is unlicensed: ${state.capacity.used} devices are defined for a capacity of ` +
      `${state.capacity.licensed}. Add a capacity license to ${operationWords[operation]} it.`,
  );
}

const operationWords: Record<DeviceOperation, string> = {
  provision: 'provision',
  'read-datapoints': 'read datapoints of',
  'write-datapoints': 'write datapoints of',
  'create-device': 'create',
  'define-datapoint-properties': 'define datapoint properties of',
  'define-connections': 'define connections of',
  'define-bacnet-server': 'define the BACnet server configuration of',
  'set-up-schedules': 'set up schedules for',
  'define-sequences': 'define sequences for',
};
