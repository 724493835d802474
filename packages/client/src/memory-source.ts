// A LicenseSource held in memory, for stories, tests, demos and hosts that compute the state themselves.
// It behaves as a SmartServer does (returns wait while the cloud is offline; a file applies once, and
// only to its SmartServer), but signs and verifies nothing: its files are demo files (demo-files.ts).
import {
  parseCustomerId,
  parseLicenseId,
  parseNotificationSettings,
  type ActivationFile,
  type LicenseEntry,
  type LicenseState,
  type NotificationSettings,
  type UserType,
} from '@smartserver-licensing/schemas';
import {
  MAX_NOTE_CHARS,
  type AccountResponse,
  type CloudLicense,
  type LicenseActionResult,
  type PendingReturn,
  type TokenResult,
} from './api.js';
import {
  DEMO_INSTALL_CODE,
  demoActivationId,
  demoActivationRequestFile,
  demoReceiptFile,
  readDemoActivationFile,
} from './demo-files.js';
import { failWith, SourceError, succeed, type SourceResult } from './errors.js';
import { ReturnLedger } from './memory-returns.js';
import {
  SnapshotStore,
  type LicenseSource,
  type ProgressListener,
  type SourceFile,
  type SourcePhase,
} from './license-source.js';

/** The actions of a source, for {@link MemorySourceOptions.failures}. */
export type SourceAction =
  | 'refresh'
  | 'getAccount'
  | 'setCustomerAccount'
  | 'listCloudLicenses'
  | 'downloadLicenses'
  | 'returnLicenses'
  | 'pendingReturns'
  | 'deliverReturns'
  | 'receiptFile'
  | 'createActivationRequest'
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
  /** This SmartServer's id (default `SID-17q2d6x`). */
  smartServerId?: string;
  /** This SmartServer's Install Code (default {@link DEMO_INSTALL_CODE}). */
  installCode?: string;
  /** Segment controller name of this SmartServer, given to downloaded licenses (default `SmartServer`). */
  segmentController?: string;
  /** Licenses the pretend cloud holds for the account. */
  cloudLicenses?: CloudLicense[];
  /** Whether the pretend cloud can be reached (default true); see {@link MemoryLicenseSource.setCloudOnline}. */
  cloudOnline?: boolean;
  /** Returns made before, still waiting for the cloud. */
  pendingReturns?: PendingReturn[];
  notifications?: NotificationSettings;
  /** Delay of every action, to show progress and busy states. */
  latencyMs?: number;
  /** Actions that fail with this error (a string becomes an `HTTP` error with that message). */
  failures?: Partial<Record<SourceAction, SourceError | string>>;
  /**
   * The per-token outcome of an activation file, given the envelope and its (unverified) signed
   * claims; by default every token is accepted.
   */
  activateFile?: (file: ActivationFile, claims: { tokens: unknown[] }) => TokenResult[];
  /**
   * Recomputes the state after licenses were added or returned. A host that has the policy
   * package passes its state computation here; by default the license list changes and the
   * figures stay as they were (this source knows no licensing rules).
   */
  recompute?: (state: LicenseState) => LicenseState;
  /** The clock, for activation and return dates. */
  now?: () => Date;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const CLOUD_OFFLINE = 'The license cloud cannot be reached.';
const offline = <T>(): SourceResult<T> => failWith('HTTP', CLOUD_OFFLINE, 503, 'UNAVAILABLE');

export class MemoryLicenseSource extends SnapshotStore implements LicenseSource {
  readonly #options: MemorySourceOptions;
  #customerId: string | null;
  #cloud: CloudLicense[];
  #cloudOnline: boolean;
  #notifications: NotificationSettings;
  readonly #returns: ReturnLedger;
  readonly #activations = new Map<string, string>();
  readonly #appliedFiles = new Set<string>();
  #serial = 0;

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
    this.#cloudOnline = options.cloudOnline ?? true;
    this.#notifications = options.notifications ?? { daysBeforeExpiry: [60, 30, 7], recipients: [] };
    this.#returns = new ReturnLedger(options.pendingReturns);
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

  /** Takes the pretend cloud off line or back: cloud actions then fail with `UNAVAILABLE` (503). */
  setCloudOnline(online: boolean): void {
    this.#cloudOnline = online;
  }

  get #smartServerId(): string {
    return this.#options.smartServerId ?? 'SID-17q2d6x';
  }

  get #segmentController(): string {
    return this.#options.segmentController ?? 'SmartServer';
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
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

  getAccount() {
    return this.#step('getAccount', (): SourceResult<AccountResponse> =>
      succeed({
        customerId: this.#customerId,
        smartServerId: this.#smartServerId,
        segmentController: this.#segmentController,
        installCode: this.#options.installCode ?? DEMO_INSTALL_CODE,
      }),
    );
  }

  async getCustomerAccount(): Promise<SourceResult<string | null>> {
    const result = await this.getAccount();
    return result.ok ? succeed(result.value.customerId) : result;
  }

  setCustomerAccount(customerId: string) {
    return this.#step('setCustomerAccount', () => {
      const parsed = parseCustomerId(customerId);
      if (!parsed.ok) return failWith<string>('INVALID_INPUT', parsed.error.message);
      // Linking registers this SmartServer's key with the cloud: it has to be reachable.
      if (!this.#cloudOnline) return offline<string>();
      this.#customerId = parsed.value;
      this.#deliver();
      return succeed(parsed.value);
    });
  }

  /** What the SmartServer does before every cloud call: owed receipts go out first. */
  #cloudCall<T>(body: () => SourceResult<T>): SourceResult<T> {
    if (!this.#cloudOnline) return offline<T>();
    if (this.#customerId === null) return failWith('HTTP', 'No customer account is set.', 409, 'NO_ACCOUNT');
    this.#deliver();
    return body();
  }

  listCloudLicenses() {
    return this.#step('listCloudLicenses', () =>
      this.#cloudCall(() => succeed(this.#cloud.map((license) => ({ ...license })))),
    );
  }

  async downloadLicenses(licenseIds: string[], onProgress?: ProgressListener) {
    const results: LicenseActionResult[] = [];
    for (const licenseId of licenseIds) {
      const step = await this.#step('downloadLicenses', () =>
        this.#cloudCall(() => succeed(this.#downloadOne(licenseId))),
      );
      if (!step.ok) return step;
      results.push(step.value);
      onProgress?.(results.length, licenseIds.length, step.value);
    }
    return succeed(results);
  }

  #downloadOne(licenseId: string): LicenseActionResult {
    const license = this.#cloud.find((l) => l.licenseId === licenseId);
    if (!license) return { licenseId, ok: false, code: 'NOT_FOUND', message: 'Not in this account.' };
    const segmentController = this.#segmentController;
    // Asking again for a license this SmartServer holds is harmless: the same activation.
    if (license.activatedOn === segmentController && this.#activations.has(licenseId)) {
      return { licenseId, ok: true };
    }
    if (license.activatedOn !== null) {
      return {
        licenseId,
        ok: false,
        code: 'BOUND_ELSEWHERE',
        message: `Already activated on ${license.activatedOn}.`,
      };
    }
    license.activatedOn = segmentController;
    this.#activations.set(licenseId, demoActivationId(++this.#serial));
    const entry: LicenseEntry = {
      licenseId,
      kind: license.kind,
      model: license.model,
      capacity: license.capacity,
      trial: license.trial,
      status: 'active',
      segmentController,
      activatedAt: this.#now(),
      note: '',
      ...(license.termYears === 1 || license.termYears === 3 ? { termYears: license.termYears } : {}),
    };
    this.#changeLicenses((licenses) => [...licenses, entry]);
    return { licenseId, ok: true };
  }

  returnLicenses(licenseIds: string[]) {
    return this.#step('returnLicenses', () => {
      const present = new Set(this.snapshot.state?.licenses.map((l) => l.licenseId));
      const ended = new Map<string, string>();
      // Stop using first: each license stops counting here, and its receipt waits for the cloud…
      for (const licenseId of new Set(licenseIds)) {
        if (!present.has(licenseId)) continue;
        const activationId = this.#activations.get(licenseId) ?? demoActivationId(++this.#serial);
        this.#activations.delete(licenseId);
        this.#returns.add(licenseId, activationId, this.#now());
        ended.set(licenseId, activationId);
      }
      this.#changeLicenses((licenses) => licenses.filter((l) => !ended.has(l.licenseId)));
      // …then tell the cloud.
      this.#deliver();
      return succeed(
        licenseIds.map((licenseId): LicenseActionResult => {
          const activationId = ended.get(licenseId);
          if (!activationId) {
            return { licenseId, ok: false, code: 'NOT_HERE', message: 'Not on this SmartServer.' };
          }
          if (!this.#returns.isPending(activationId)) return { licenseId, ok: true, delivered: true };
          return {
            licenseId,
            ok: true,
            delivered: false,
            code: 'RETURN_PENDING',
            message: 'The license no longer counts here; the cloud has not confirmed the return yet.',
          };
        }),
      );
    });
  }

  /** Sends every pending receipt, if the cloud can be reached; frees those licenses in the cloud. */
  #deliver(): void {
    const obstacle = !this.#cloudOnline
      ? CLOUD_OFFLINE
      : this.#customerId === null
        ? 'No customer account is set.'
        : undefined;
    for (const licenseId of this.#returns.deliver(obstacle)) {
      const cloud = this.#cloud.find((l) => l.licenseId === licenseId);
      if (cloud) cloud.activatedOn = null;
    }
  }

  pendingReturns() {
    return this.#step('pendingReturns', () => succeed(this.#returns.pending()));
  }

  deliverReturns() {
    return this.#step('deliverReturns', () => {
      this.#deliver();
      return succeed(this.#returns.pending());
    });
  }

  receiptFile(activationId: string) {
    return this.#step('receiptFile', (): SourceResult<SourceFile> => {
      const id = parseLicenseId(activationId);
      if (!id.ok) return failWith('INVALID_INPUT', 'An activation id is a UUID.');
      const record = this.#returns.find(id.value);
      if (!record) {
        return failWith('HTTP', `No return of activation ${id.value} was made here.`, 404, 'NOT_FOUND');
      }
      return succeed(demoReceiptFile(this.#smartServerId, record));
    });
  }

  createActivationRequest() {
    return this.#step('createActivationRequest', (): SourceResult<SourceFile> => {
      return succeed(
        demoActivationRequestFile({
          requestId: demoActivationId(++this.#serial),
          smartServerId: this.#smartServerId,
          segmentController: this.#segmentController,
          installCode: this.#options.installCode ?? DEMO_INSTALL_CODE,
          createdAt: this.#now(),
        }),
      );
    });
  }

  addLicenseFile(fileText: string) {
    return this.#step('addLicenseFile', (): SourceResult<TokenResult[]> => {
      const read = readDemoActivationFile(fileText, this.#smartServerId, this.#appliedFiles);
      if (!read.ok) return failWith('HTTP', read.message, read.status, read.code);
      const { file, fileId, tokens } = read;
      this.#appliedFiles.add(fileId);
      const activate = this.#options.activateFile ?? (() => tokens.map((_, index) => ({ index, ok: true })));
      return succeed(activate(file, { tokens }));
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
      // The cloud sends the mails: the SmartServer tells it first.
      if (!this.#cloudOnline) return offline<NotificationSettings>();
      this.#notifications = parsed.value;
      return succeed(parsed.value);
    });
  }
}
