// Field devices defined on a SmartServer, and the inventory a policy reads.
import * as z from 'zod/mini';
import { DeviceIdSchema } from './ids.js';
import { crossCheck, isoDateTime, lineText } from './primitives.js';
import { parseWith, type Result } from './result.js';

export const DEVICE_PROTOCOLS = ['lon', 'bacnet', 'modbus', 'mbus', 'iap', 'other'] as const;
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];

export const DeviceSchema = z.strictObject({
  id: DeviceIdSchema,
  name: lineText(256),
  /** Creation time: older devices are licensed first (R12 decision). */
  createdAt: isoDateTime,
  protocol: z.enum(DEVICE_PROTOCOLS),
  /** The SmartServer itself, which counts as one device (R9). */
  isSmartServer: z.boolean(),
});
export type Device = z.output<typeof DeviceSchema>;

/** Most devices one inventory may hold. */
export const MAX_DEVICES = 200_000;

/** All devices of one SmartServer: ids unique, at most one of them the SmartServer itself. */
export const DeviceInventorySchema = z.array(DeviceSchema).check(
  z.maxLength(MAX_DEVICES, `must hold at most ${MAX_DEVICES} devices`),
  crossCheck<Device[]>((devices) => {
    const problems: Array<[PropertyKey[], string]> = [];
    const seen = new Set<string>();
    let servers = 0;
    devices.forEach((device, index) => {
      if (seen.has(device.id)) problems.push([[index, 'id'], `duplicate device id ${device.id}`]);
      seen.add(device.id);
      if (device.isSmartServer && ++servers === 2) {
        problems.push([[index, 'isSmartServer'], 'only one device can be the SmartServer itself']);
      }
    });
    return problems.slice(0, 20);
  }),
);
export type DeviceInventory = z.output<typeof DeviceInventorySchema>;

export const parseDevice = (input: unknown): Result<Device> => parseWith(DeviceSchema, input, 'device');
export const parseDeviceInventory = (input: unknown): Result<DeviceInventory> =>
  parseWith(DeviceInventorySchema, input, 'device inventory');
