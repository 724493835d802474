// What every license widget reads from and acts through, whatever the back end.
import type { LicenseState, NotificationSettings, UserType } from '@smartserver-licensing/schemas';
import type {
  AccountResponse,
  CloudLicense,
  LicenseActionResult,
  PendingReturn,
  TokenResult,
} from './api.js';
import type { SourceError, SourceResult } from './errors.js';

/** `loading` until the first state arrives; `error` when the last attempt failed. */
export type SourcePhase = 'loading' | 'ready' | 'error';

/** Everything a widget renders from, replaced as a whole on every change. */
export interface LicenseSnapshot {
  readonly phase: SourcePhase;
  /** The last good state; kept while a later refresh fails, so a UI may still show it. */
  readonly state: LicenseState | null;
  /** The signed-in CMS user's type; only an Owner manages licenses (R22). */
  readonly userType: UserType | null;
  readonly error: SourceError | null;
}

/** A file the SmartServer handed over for the person to carry (to a portal, or to support). */
export interface SourceFile {
  /** A plain file name (letters, digits, `.`, `_`, `-`), safe to offer as a download. */
  readonly filename: string;
  /** The file's text, checked to be the kind of file that was asked for. */
  readonly text: string;
}

/** Called with `done` of `total` licenses after each one of a download. */
export type ProgressListener = (done: number, total: number, last: LicenseActionResult) => void;

/**
 * The data and actions of the license widgets. Actions never throw: they resolve to a
 * `Result` whose error is a {@link SourceError}. A successful action is followed by a new
 * snapshot once the SmartServer has recomputed its state.
 */
export interface LicenseSource {
  readonly snapshot: LicenseSnapshot;
  /** Calls `listener` on every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: LicenseSnapshot) => void): () => void;
  /** Loads the state again. */
  refresh(): Promise<void>;
  /**
   * This SmartServer as Manage Customer Accounts shows it: segment controller, SmartServer id,
   * Install Code, and the Customer ID it uses or null (R19). Owner only.
   */
  getAccount(): Promise<SourceResult<AccountResponse>>;
  /** The Customer ID this SmartServer uses, or null (R19): `getAccount()` in short. */
  getCustomerAccount(): Promise<SourceResult<string | null>>;
  /**
   * Links this SmartServer to a customer account (Manage Customer Accounts, R19): the SmartServer
   * registers its key with the cloud. `KEY_CONFLICT` (`serverCode`): the account holds another key
   * for this SmartServer id, which a partner or the customer resets in the portal.
   */
  setCustomerAccount(customerId: string): Promise<SourceResult<string>>;
  /** The licenses the cloud holds for the account (R19). */
  listCloudLicenses(): Promise<SourceResult<CloudLicense[]>>;
  /** Downloads (activates) cloud licenses one by one, reporting progress (R19). */
  downloadLicenses(
    licenseIds: string[],
    onProgress?: ProgressListener,
  ): Promise<SourceResult<LicenseActionResult[]>>;
  /**
   * Returns licenses to the cloud (R19). Each returned license stops counting here at once; its
   * result says `delivered: false` when the cloud has not acknowledged the receipt yet (it waits in
   * {@link pendingReturns}).
   */
  returnLicenses(licenseIds: string[]): Promise<SourceResult<LicenseActionResult[]>>;
  /** Returns the cloud has not acknowledged yet (the licenses no longer count here). */
  pendingReturns(): Promise<SourceResult<PendingReturn[]>>;
  /** Tries to deliver every pending return receipt now; resolves to the returns still pending. */
  deliverReturns(): Promise<SourceResult<PendingReturn[]>>;
  /** One return's signed receipt as a file, for the License Customer Portal when offline. */
  receiptFile(activationId: string): Promise<SourceResult<SourceFile>>;
  /**
   * A new offline activation request: a file signed by this SmartServer, taken to the License
   * Customer Portal (capacity, R20) or to support (maintenance, R21).
   */
  createActivationRequest(): Promise<SourceResult<SourceFile>>;
  /** Adds an offline activation file (its text); one result per token (R20, R21). */
  addLicenseFile(fileText: string): Promise<SourceResult<TokenResult[]>>;
  /** Saves the free-text note of a license (R23). */
  saveNote(licenseId: string, note: string): Promise<SourceResult<string>>;
  getNotificationSettings(): Promise<SourceResult<NotificationSettings>>;
  /** Saves the maintenance reminders (R18). */
  saveNotificationSettings(settings: NotificationSettings): Promise<SourceResult<NotificationSettings>>;
}

/** Keeps the snapshot and its listeners; both sources build on it. */
export abstract class SnapshotStore {
  #snapshot: LicenseSnapshot;
  readonly #listeners = new Set<(snapshot: LicenseSnapshot) => void>();

  constructor(initial: LicenseSnapshot) {
    this.#snapshot = initial;
  }

  get snapshot(): LicenseSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: LicenseSnapshot) => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.firstSubscriber();
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.lastUnsubscribed();
    };
  }

  protected get listenerCount(): number {
    return this.#listeners.size;
  }

  protected publish(next: Partial<LicenseSnapshot>): void {
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...next });
    for (const listener of [...this.#listeners]) {
      // One broken listener must not keep the others from hearing about the change.
      try {
        listener(this.#snapshot);
      } catch (cause) {
        console.error(cause);
      }
    }
  }

  protected firstSubscriber(): void {}
  protected lastUnsubscribed(): void {}
}
