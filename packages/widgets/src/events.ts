// Every event the components raise: one class each, all bubbling and composed so a host page
// hears them through the shadow roots. Request events are cancelable: cancel one to carry out the
// action yourself instead of the component's source.
import type { DeviceOperation } from '@smartserver-licensing/policy';
import { LicEvent } from './internal/lic-event.js';

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

/** The owner changed the note of a license (R23). */
export class LicRequestNoteEvent extends LicEvent<{ licenseId: string; note: string }> {
  static readonly type = 'lic-request-note';
  constructor(detail: { licenseId: string; note: string }) {
    super(LicRequestNoteEvent.type, detail, true);
  }
}

import type {
  LicRequestAccountEvent,
  LicRequestActivationRequestEvent,
  LicRequestAddFileEvent,
  LicRequestDeliverReturnsEvent,
  LicRequestDownloadEvent,
  LicRequestNotificationsEvent,
  LicRequestReceiptEvent,
  LicRequestReturnEvent,
} from './request-events.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'lic-device-operation': LicDeviceOperationEvent;
    'lic-open': LicOpenEvent;
    'lic-request-close': LicRequestCloseEvent;
    'lic-close': LicCloseEvent;
    'lic-request-account': LicRequestAccountEvent;
    'lic-request-download': LicRequestDownloadEvent;
    'lic-request-add-file': LicRequestAddFileEvent;
    'lic-request-activation-request': LicRequestActivationRequestEvent;
    'lic-request-deliver-returns': LicRequestDeliverReturnsEvent;
    'lic-request-receipt': LicRequestReceiptEvent;
    'lic-request-return': LicRequestReturnEvent;
    'lic-request-note': LicRequestNoteEvent;
    'lic-request-notifications': LicRequestNotificationsEvent;
  }
}
