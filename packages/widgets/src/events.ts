// Every event the components raise: one class each, all bubbling and composed so a host page
// hears them through the shadow roots. Request events are cancelable: cancel one to carry out the
// action yourself instead of the component's source.
import type { DeviceOperation } from '@smartserver-licensing/policy';
import type { NotificationSettings } from '@smartserver-licensing/schemas';

abstract class LicEvent<D> extends Event {
  constructor(
    type: string,
    readonly detail: D,
    cancelable: boolean,
  ) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}

export interface DeviceOperationDetail {
  deviceId: string;
  operation: DeviceOperation;
}
/** An allowed operation was chosen for a device; the host carries it out. */
export class LicDeviceOperationEvent extends LicEvent<DeviceOperationDetail> {
  static readonly type = 'lic-device-operation';
  constructor(detail: DeviceOperationDetail) {
    super(LicDeviceOperationEvent.type, detail, true);
  }
}

/** The Manage Licenses dialog opened. */
export class LicOpenEvent extends LicEvent<{ auto: boolean }> {
  static readonly type = 'lic-open';
  constructor(detail: { auto: boolean }) {
    super(LicOpenEvent.type, detail, false);
  }
}

export interface RequestCloseDetail {
  reason: 'escape' | 'close-button' | 'method';
}
/** The dialog is about to close; cancel to keep it open. */
export class LicRequestCloseEvent extends LicEvent<RequestCloseDetail> {
  static readonly type = 'lic-request-close';
  constructor(detail: RequestCloseDetail) {
    super(LicRequestCloseEvent.type, detail, true);
  }
}

/** The dialog closed. */
export class LicCloseEvent extends LicEvent<Record<string, never>> {
  static readonly type = 'lic-close';
  constructor() {
    super(LicCloseEvent.type, {}, false);
  }
}

/** The owner saves a Customer ID (R19). */
export class LicRequestAccountEvent extends LicEvent<{ customerId: string }> {
  static readonly type = 'lic-request-account';
  constructor(detail: { customerId: string }) {
    super(LicRequestAccountEvent.type, detail, true);
  }
}

/** The owner downloads cloud licenses (R19). */
export class LicRequestDownloadEvent extends LicEvent<{ licenseIds: string[] }> {
  static readonly type = 'lic-request-download';
  constructor(detail: { licenseIds: string[] }) {
    super(LicRequestDownloadEvent.type, detail, true);
  }
}

/** The owner adds an offline activation file (R20, R21). */
export class LicRequestAddFileEvent extends LicEvent<{ fileName: string; text: string }> {
  static readonly type = 'lic-request-add-file';
  constructor(detail: { fileName: string; text: string }) {
    super(LicRequestAddFileEvent.type, detail, true);
  }
}

/** The owner confirmed returning licenses to the cloud (R19). */
export class LicRequestReturnEvent extends LicEvent<{ licenseIds: string[] }> {
  static readonly type = 'lic-request-return';
  constructor(detail: { licenseIds: string[] }) {
    super(LicRequestReturnEvent.type, detail, true);
  }
}

/** The owner changed the note of a license (R23). */
export class LicRequestNoteEvent extends LicEvent<{ licenseId: string; note: string }> {
  static readonly type = 'lic-request-note';
  constructor(detail: { licenseId: string; note: string }) {
    super(LicRequestNoteEvent.type, detail, true);
  }
}

/** The owner saves the maintenance reminders (R18). */
export class LicRequestNotificationsEvent extends LicEvent<{ settings: NotificationSettings }> {
  static readonly type = 'lic-request-notifications';
  constructor(detail: { settings: NotificationSettings }) {
    super(LicRequestNotificationsEvent.type, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lic-device-operation': LicDeviceOperationEvent;
    'lic-open': LicOpenEvent;
    'lic-request-close': LicRequestCloseEvent;
    'lic-close': LicCloseEvent;
    'lic-request-account': LicRequestAccountEvent;
    'lic-request-download': LicRequestDownloadEvent;
    'lic-request-add-file': LicRequestAddFileEvent;
    'lic-request-return': LicRequestReturnEvent;
    'lic-request-note': LicRequestNoteEvent;
    'lic-request-notifications': LicRequestNotificationsEvent;
  }
}
