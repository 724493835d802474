// The request events of the Manage Licenses dialog's action panels, apart from events.ts so that
// they load with the panels. Each is cancelable: cancel one to carry the action out yourself.
import type { NotificationSettings } from '@smartserver-licensing/schemas';
import { LicEvent } from './internal/lic-event.js';

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

/** The owner creates an offline activation request, to download it as a file (R20, R21). */
export class LicRequestActivationRequestEvent extends LicEvent<Record<string, never>> {
  static readonly type = 'lic-request-activation-request';
  constructor() {
    super(LicRequestActivationRequestEvent.type, {}, true);
  }
}

/** The owner asks to deliver the pending return receipts to the cloud now (R19). */
export class LicRequestDeliverReturnsEvent extends LicEvent<Record<string, never>> {
  static readonly type = 'lic-request-deliver-returns';
  constructor() {
    super(LicRequestDeliverReturnsEvent.type, {}, true);
  }
}

/** The owner downloads the receipt of a pending return, for the License Customer Portal (R19). */
export class LicRequestReceiptEvent extends LicEvent<{ activationId: string; licenseId: string }> {
  static readonly type = 'lic-request-receipt';
  constructor(detail: { activationId: string; licenseId: string }) {
    super(LicRequestReceiptEvent.type, detail, true);
  }
}

/** The owner confirmed returning licenses to the cloud (R19). */
export class LicRequestReturnEvent extends LicEvent<{ licenseIds: string[] }> {
  static readonly type = 'lic-request-return';
  constructor(detail: { licenseIds: string[] }) {
    super(LicRequestReturnEvent.type, detail, true);
  }
}

/** The owner saves the maintenance reminders (R18). */
export class LicRequestNotificationsEvent extends LicEvent<{ settings: NotificationSettings }> {
  static readonly type = 'lic-request-notifications';
  constructor(detail: { settings: NotificationSettings }) {
    super(LicRequestNotificationsEvent.type, detail, true);
  }
}
