// React components for the license elements (@smartserver-licensing/widgets/react). React passes
// unknown props to a custom element as attributes and cannot listen to its events; these wrappers
// set properties (`state`, `source`, …) and map each `lic-*` event to an `onLic…` prop.
//
// Importing this module registers all six elements, through the same define modules a
// bundler user imports, so the tags exist before React renders them.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { LicCapacityIndicator as CapacityIndicatorElement } from '../define/lic-capacity-indicator.js';
import { LicMaintenanceIndicator as MaintenanceIndicatorElement } from '../define/lic-maintenance-indicator.js';
import { LicDeviceLicenseStatus as DeviceLicenseStatusElement } from '../define/lic-device-license-status.js';
import { LicDeviceList as DeviceListElement } from '../define/lic-device-list.js';
import { LicManageLicenses as ManageLicensesElement } from '../define/lic-manage-licenses.js';
import { LicLicenseProvider as LicenseProviderElement } from '../define/lic-license-provider.js';
import {
  LicCloseEvent,
  LicDeviceOperationEvent,
  LicOpenEvent,
  LicRequestCloseEvent,
  LicRequestNoteEvent,
} from '../events.js';
import {
  LicRequestAccountEvent,
  LicRequestActivationRequestEvent,
  LicRequestAddFileEvent,
  LicRequestDeliverReturnsEvent,
  LicRequestDownloadEvent,
  LicRequestNotificationsEvent,
  LicRequestReceiptEvent,
  LicRequestReturnEvent,
} from '../request-events.js';

/** An event name typed with its class, so a handler receives that class rather than `Event`. */
const eventName = <E extends Event>(event: { type: string } & (abstract new (...args: never[]) => E)) =>
  event.type as EventName<E>;

export const LicCapacityIndicator = createComponent({
  react: React,
  tagName: 'lic-capacity-indicator',
  elementClass: CapacityIndicatorElement,
  displayName: 'LicCapacityIndicator',
});

export const LicMaintenanceIndicator = createComponent({
  react: React,
  tagName: 'lic-maintenance-indicator',
  elementClass: MaintenanceIndicatorElement,
  displayName: 'LicMaintenanceIndicator',
});

export const LicDeviceLicenseStatus = createComponent({
  react: React,
  tagName: 'lic-device-license-status',
  elementClass: DeviceLicenseStatusElement,
  displayName: 'LicDeviceLicenseStatus',
});

export const LicDeviceList = createComponent({
  react: React,
  tagName: 'lic-device-list',
  elementClass: DeviceListElement,
  displayName: 'LicDeviceList',
  events: { onLicDeviceOperation: eventName(LicDeviceOperationEvent) },
});

export const LicManageLicenses = createComponent({
  react: React,
  tagName: 'lic-manage-licenses',
  elementClass: ManageLicensesElement,
  displayName: 'LicManageLicenses',
  events: {
    onLicOpen: eventName(LicOpenEvent),
    onLicRequestClose: eventName(LicRequestCloseEvent),
    onLicClose: eventName(LicCloseEvent),
    onLicRequestAccount: eventName(LicRequestAccountEvent),
    onLicRequestDownload: eventName(LicRequestDownloadEvent),
    onLicRequestActivationRequest: eventName(LicRequestActivationRequestEvent),
    onLicRequestAddFile: eventName(LicRequestAddFileEvent),
    onLicRequestReturn: eventName(LicRequestReturnEvent),
    onLicRequestDeliverReturns: eventName(LicRequestDeliverReturnsEvent),
    onLicRequestReceipt: eventName(LicRequestReceiptEvent),
    onLicRequestNote: eventName(LicRequestNoteEvent),
    onLicRequestNotifications: eventName(LicRequestNotificationsEvent),
  },
});

export const LicLicenseProvider = createComponent({
  react: React,
  tagName: 'lic-license-provider',
  elementClass: LicenseProviderElement,
  displayName: 'LicLicenseProvider',
});

/** The props of a wrapper, e.g. `LicProps<typeof LicDeviceList>`. */
export type LicProps<C extends React.ElementType> = React.ComponentProps<C>;
