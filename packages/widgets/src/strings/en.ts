// English strings of every component. A component never writes user-facing text inline.
import type { DeviceOperation, RefusalCode } from '@smartserver-licensing/policy';
import type { LicenseKind, LicenseStatus } from '@smartserver-licensing/schemas';
import type { PanelStrings } from './en-panels.js';

export interface MaintenanceWording {
  active: (endDate: string) => string;
  expiring: (endDate: string) => string;
  inactive: (endDate: string | null) => string;
}

export const en = {
  loading: 'Loading license status…',
  error: 'The license status could not be loaded.',
  retry: 'Try again',
  close: 'Close',
  back: 'Back',
  notRequired: 'This release needs no license.',

  capacity: 'Device capacity',
  capacityValue: (used: number, licensed: number) => `${used} of ${licensed} devices`,
  capacityShort: (used: number, licensed: number) => `${used} / ${licensed}`,
  capacityNone: 'No device capacity is licensed.',
  capacityBadge: 'Capacity is below the devices defined',
  unlicensedCount: (n: number) => (n === 1 ? '1 device is unlicensed' : `${n} devices are unlicensed`),

  maintenance: 'Maintenance',
  maintenanceWording: {
    active: () => 'Active',
    expiring: (d) => `Expires ${d}`,
    inactive: () => 'Inactive',
  } as MaintenanceWording,
  maintenanceWordingDated: {
    active: () => 'Active',
    expiring: (d) => `Expiring ${d}`,
    inactive: (d) => (d === null ? 'Inactive' : `Expired ${d}`),
  } as MaintenanceWording,
  maintenanceEnds: (d: string) => `Maintenance ends on ${d}`,
  maintenanceEnded: (d: string) => `Maintenance ended on ${d}`,
  maintenanceNone: 'No maintenance license',

  licensed: 'Licensed',
  unlicensed: 'Unlicensed',
  unknownDevice: 'Unknown device',
  operations: {
    provision: 'Provision',
    'read-datapoints': 'Read datapoints',
    'write-datapoints': 'Write datapoints',
    'create-device': 'Create device',
    'define-datapoint-properties': 'Define datapoint properties',
    'define-connections': 'Define connections',
    'define-bacnet-server': 'Define BACnet server',
    'set-up-schedules': 'Set up schedules',
    'define-sequences': 'Define sequences',
  } as Record<DeviceOperation, string>,
  refusals: {
    DEVICE_UNLICENSED: 'This device is unlicensed: add device capacity in Manage Licenses.',
    CORE_LICENSE_MISSING: 'SmartServer Pi needs a Core license for this: add one in Manage Licenses.',
    NO_CAPACITY: 'No device capacity is licensed.',
    NOT_OWNER: 'Only the SmartServer Owner can manage licenses.',
    UNKNOWN_DEVICE: 'This device is not defined.',
    UNKNOWN_OPERATION: 'This operation is not known.',
  } as Record<RefusalCode, string>,

  devices: 'Devices',
  filter: 'Filter by name or id',
  statusFilter: 'Licence status',
  all: 'All',
  name: 'Name',
  protocol: 'Protocol',
  status: 'Status',
  created: 'Created',
  actions: 'Operations',
  noDevices: 'No devices are defined.',
  noMatches: 'No device matches the filter.',
  shown: (n: number, total: number) => `${n} of ${total} devices`,

  manageLicenses: 'Manage Licenses',
  ownerOnly: 'Only the SmartServer Owner can manage licenses.',
  licensesTable: 'Licenses on this SmartServer',
  select: (id: string) => `Select license ${id}`,
  segmentController: 'Segment controller',
  description: 'Description',
  activated: 'Activated',
  licenseId: 'License ID',
  note: 'Note',
  noteFor: (id: string) => `Note for license ${id}`,
  noteSaved: 'Note saved.',
  noLicenses: 'No license is activated on this SmartServer yet.',
  licenseStatus: {
    active: 'Active',
    scheduled: 'Scheduled',
    expired: 'Expired',
    superseded: 'Superseded',
  } as Record<LicenseStatus, string>,
  describe: (kind: LicenseKind, capacity: number, termYears: number | undefined, trial: boolean) =>
    kind === 'core'
      ? 'Core license'
      : kind === 'maintenance'
        ? `${capacity}-device capacity, ${termYears ?? 1}-year maintenance`
        : `${capacity}-device capacity${trial ? ', trial' : ''}`,

  accounts: 'Manage Customer Accounts',
  download: 'Download Licenses from the Cloud',
  addLicense: 'Add License',
  notifications: 'Edit Notifications',
  returnToCloud: 'Return to Cloud',
};

/** Strings of every component but the dialog's action panels (those load with the panels). */
export type CoreStrings = typeof en;
export type LicStrings = CoreStrings & PanelStrings;
