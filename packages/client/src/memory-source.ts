// A LicenseSource held in memory: for stories, tests, demos and hosts that compute the state themselves.
import {
  parseActivationFileText,
  parseCustomerId,
  parseNotificationSettings,
  type ActivationFile,
  type LicenseEntry,
  type LicenseState,
  type NotificationSettings,
  type UserType,
} from '@smartserver-licensing/schemas';
import { MAX_NOTE_CHARS, type CloudLicense, type LicenseActionResult, type TokenResult } from './api.js';
import { failWith, SourceError, succeed, type SourceResult } from './errors.js';
import {
  SnapshotStore,
  type LicenseSource,
  type ProgressListener,
  type SourcePhase,
} from './license-source.js';

/** The actions of a source, for {@link MemorySourceOptions.failures}. */
export type SourceAction =
  | 'refresh'
  | 'getCustomerAccount'
  | 'setCustomerAccount'
  | 'listCloudLicenses'
  | 'downloadLicenses'
  | 'returnLicenses'
  | 'addLicenseFile'
  | 'saveNote'
  | 'getNotificationSettings'
  | 'saveNotificationSettings';

export interface MemorySourceOptions {
  /** The state to start from; null (the default) starts in the `loading` phase. */
  state?: LicenseState | null;
  userType?: UserType;
  /** Start in the `error` phase with this message. */
  error?: string;
  customerId?: string | null;
  /** Licenses the pretend cloud holds for the account. */
  cloudLicenses?: CloudLicense[];
  notifications?: NotificationSettings;
  /** Delay of every action, to show progress and busy states. */
  latencyMs?: number;
  /** Actions that fail with this error (a string becomes an `HTTP` error with that message). */
  failures?: Partial<Record<SourceAction, SourceError | string>>;
  /** The per-token outcome of an activation file; by default every token is accepted. */
  activateFile?: (file: ActivationFile) => TokenResult[];
  /**
   * Recomputes the state after licenses were added or returned. A host that has the policy
   * package passes its state computation here; by default the license list changes and the
   * figures stay as they were (this source knows no licensing rules).
   */
  recompute?: (state: LicenseState) => LicenseState;
  /** Segment controller name given to downloaded licenses. */
  segmentController?: string;
  /** The clock, for activation dates. */
  now?: () => Date;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class MemoryLicenseSource extends SnapshotStore implements LicenseSource {
  readonly #options: MemorySourceOptions;
  #customerId: string | null;
  #cloud: CloudLicense[];
  #notifications: NotificationSettings;

  constructor(options: MemorySourceOptions = {}) {
    const state = options.state ?? null;
    const phase: SourcePhase = options.error ? 'error' : state ? 'ready' : 'loading';
    super({
      phase,
      state,
      userType: options.userType ?? 'Owner',
      error: options.error ? new SourceError('HTTP', options.error, 500) : null,
    });
    this.#options = options;
    this.#customerId = options.customerId ?? null;
    this.#cloud = [...(options.cloudLicenses ?? [])];
    this.#notifications = options.notifications ?? { daysBeforeExpiry: [60, 30, 7], recipients: [] };
  }

  /** Replaces the state, as a SmartServer push would. */
  setState(state: LicenseState): void {
    this.publish({ phase: 'ready', state, error: null });
  }

  setUserType(userType: UserType): void {
    this.publish({ userType });
  }

  /** Puts the source in the `error` phase, keeping the last state. */
  setError(message: string): void {
    this.publish({ phase: 'error', error: new SourceError('HTTP', message, 500) });
  }

  setLoading(): void {
    this.publish({ phase: 'loading', error: null });
  }

  async #step<T>(action: SourceAction, body: () => SourceResult<T>): Promise<SourceResult<T>> {
    if (this.#options.latencyMs) await pause(this.#options.latencyMs);
    const failure = this.#options.failures?.[action];
    if (failure !== undefined) {
      return {
        ok: false,
        error: typeof failure === 'string' ? new SourceError('HTTP', failure, 500, 'FAILED') : failure,
      };
    }
    return body();
  }

  #changeLicenses(change: (licenses: LicenseEntry[]) => LicenseEntry[]): void {
    const state = this.snapshot.state;
    if (!state) return;
    const next = { ...state, licenses: change([...state.licenses]) };
    this.setState(this.#options.recompute ? this.#options.recompute(next) : next);
  }

  async refresh(): Promise<void> {
    const result = await this.#step('refresh', () => succeed(undefined));
    if (!result.ok) this.publish({ phase: 'error', error: result.error });
    else if (this.snapshot.state) this.publish({ phase: 'ready', error: null });
  }

  getCustomerAccount() {
    return this.#step('getCustomerAccount', () => succeed(this.#customerId));
  }

  setCustomerAccount(customerId: string) {
    return this.#step('setCustomerAccount', () => {
      const parsed = parseCustomerId(customerId);
      if (!parsed.ok) return failWith<string>('INVALID_INPUT', parsed.error.message);
      this.#customerId = parsed.value;
      return succeed(parsed.value);
    });
  }

  listCloudLicenses() {
    return this.#step('listCloudLicenses', () =>
      this.#customerId === null
        ? failWith<CloudLicense[]>('HTTP', 'No customer account is set.', 409, 'NO_ACCOUNT')
        : succeed(this.#cloud.map((license) => ({ ...license }))),
    );
  }

  async downloadLicenses(licenseIds: string[], onProgress?: ProgressListener) {
    const results: LicenseActionResult[] = [];
    for (const licenseId of licenseIds) {
      const step = await this.#step('downloadLicenses', () => succeed(this.#downloadOne(licenseId)));
      if (!step.ok) return step;
      results.push(step.value);
      onProgress?.(results.length, licenseIds.length, step.value);
    }
    return succeed(results);
  }

  #downloadOne(licenseId: string): LicenseActionResult {
    const license = this.#cloud.find((l) => l.licenseId === licenseId);
    if (!license) return { licenseId, ok: false, code: 'NOT_IN_ACCOUNT', message: 'Not in this account.' };
    if (license.activatedOn !== null) {
      return {
        licenseId,
        ok: false,
        code: 'ALREADY_ACTIVATED',
        message: `Already activated on ${license.activatedOn}.`,
      };
    }
    const segmentController = this.#options.segmentController ?? 'SmartServer';
    license.activatedOn = segmentController;
    const entry: LicenseEntry = {
      licenseId,
      kind: license.kind,
      model: license.model,
      capacity: license.capacity,
      trial: license.trial,
      status: 'active',
      segmentController,
      activatedAt: (this.#options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      note: '',
      ...(license.termYears === 1 || license.termYears === 3 ? { termYears: license.termYears } : {}),
    };
    this.#changeLicenses((licenses) => [...licenses, entry]);
    return { licenseId, ok: true };
  }

  returnLicenses(licenseIds: string[]) {
    return this.#step('returnLicenses', () => {
      const present = new Set(this.snapshot.state?.licenses.map((l) => l.licenseId));
      const results = licenseIds.map((licenseId): LicenseActionResult => {
        if (!present.has(licenseId)) {
          return { licenseId, ok: false, code: 'NOT_ACTIVATED', message: 'Not on this SmartServer.' };
        }
        const cloud = this.#cloud.find((l) => l.licenseId === licenseId);
        if (cloud) cloud.activatedOn = null;
        return { licenseId, ok: true };
      });
      const gone = new Set(results.filter((r) => r.ok).map((r) => r.licenseId));
      this.#changeLicenses((licenses) => licenses.filter((l) => !gone.has(l.licenseId)));
      return succeed(results);
    });
  }

  addLicenseFile(fileText: string) {
    return this.#step('addLicenseFile', () => {
      const parsed = parseActivationFileText(fileText);
      if (!parsed.ok) return failWith<TokenResult[]>('HTTP', parsed.error.message, 400, 'INVALID_FILE');
      const activate =
        this.#options.activateFile ?? ((file) => file.tokens.map((_, index) => ({ index, ok: true })));
      return succeed(activate(parsed.value));
    });
  }

  saveNote(licenseId: string, note: string) {
    return this.#step('saveNote', () => {
      if (note.length > MAX_NOTE_CHARS) {
        return failWith<string>('INVALID_INPUT', `A note holds at most ${MAX_NOTE_CHARS} characters.`);
      }
      if (!this.snapshot.state?.licenses.some((l) => l.licenseId === licenseId)) {
        return failWith<string>('HTTP', 'No such license on this SmartServer.', 404, 'UNKNOWN_LICENSE');
      }
      this.#changeLicenses((licenses) =>
        licenses.map((l) => (l.licenseId === licenseId ? { ...l, note } : l)),
      );
      return succeed(note);
    });
  }

  getNotificationSettings() {
    return this.#step('getNotificationSettings', () => succeed(this.#notifications));
  }

  saveNotificationSettings(settings: NotificationSettings) {
    return this.#step('saveNotificationSettings', () => {
      const parsed = parseNotificationSettings(settings);
      if (!parsed.ok) return failWith<NotificationSettings>('INVALID_INPUT', parsed.error.message);
      this.#notifications = parsed.value;
      return succeed(parsed.value);
    });
  }
}
