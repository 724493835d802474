// A LicenseSource backed by a SmartServer's license API (see API_ROUTES and the README).
import {
  parseCustomerId,
  parseLicenseId,
  parseNotificationSettings,
  type NotificationSettings,
} from '@smartserver-licensing/schemas';
import {
  API_ROUTES,
  MAX_FILE_CHARS,
  MAX_NOTE_CHARS,
  checkAccountResponse,
  checkActivationRequestFile,
  checkAddFileResponse,
  checkCloudListResponse,
  checkErrorResponse,
  checkLicenseActionResponse,
  checkLicenseIdsRequest,
  checkNoteResponse,
  checkNotificationSettings,
  checkPendingReturnsResponse,
  checkReturnReceiptFile,
  checkStatusResponse,
  runCheck,
  type AccountResponse,
  type ApiRoute,
  type CloudLicense,
  type LicenseActionResult,
  type PendingReturn,
  type StatusResponse,
  type TokenResult,
} from './api.js';
import { failWith, SourceError, succeed, type SourceResult } from './errors.js';
import {
  SnapshotStore,
  type LicenseSource,
  type ProgressListener,
  type SourceFile,
} from './license-source.js';
import { fileNameOf, NOT_JSON, parseJson, readText, TooLarge, unreachable } from './http-read.js';
import { readEvents } from './sse.js';

export interface HttpSourceOptions {
  /** Where the API lives, e.g. `https://smartserver.local` or `/` for the page's own origin. */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Keep a live-update stream open while anyone subscribes (default true). */
  live?: boolean;
  /** Time limit of one request (default 15 s). */
  timeoutMs?: number;
  /** Wait before reconnecting a broken live stream (default 3 s). */
  reconnectMs?: number;
  /** Longest response (or live event) accepted, in characters (default 64 Mi). */
  maxResponseChars?: number;
  /** Extra request headers, e.g. an authorization header. */
  headers?: Record<string, string>;
}

interface RequestOptions {
  params?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Longest answer read, in characters (default: the source's limit). */
  max?: number;
}

export class HttpLicenseSource extends SnapshotStore implements LicenseSource {
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #live: boolean;
  readonly #timeoutMs: number;
  readonly #reconnectMs: number;
  readonly #max: number;
  readonly #headers: Record<string, string>;
  #stream: AbortController | null = null;
  #reconnect: ReturnType<typeof setTimeout> | undefined;
  #refreshes = 0;

  constructor(options: HttpSourceOptions) {
    super({ phase: 'loading', state: null, userType: null, error: null });
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#live = options.live ?? true;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#reconnectMs = options.reconnectMs ?? 3_000;
    this.#max = options.maxResponseChars ?? 64 * 1024 * 1024;
    this.#headers = options.headers ?? {};
  }

  #url(route: ApiRoute, params: Record<string, string> = {}): string {
    const path = API_ROUTES[route].path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    return this.#base + path;
  }

  /** Sends one request and reads the whole answer; a non-2xx answer becomes an `HTTP` error. */
  async #send(
    route: ApiRoute,
    options: RequestOptions,
  ): Promise<SourceResult<{ response: Response; text: string }>> {
    const { method } = API_ROUTES[route];
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.#timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
      let body: string | undefined;
      if (options.json !== undefined) body = JSON.stringify(options.json);
      if (options.text !== undefined) body = options.text;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await this.#fetch(this.#url(route, options.params), {
          method,
          headers,
          body,
          signal: abort.signal,
        });
      } catch {
        return unreachable(timedOut, this.#timeoutMs, 'The SmartServer could not be reached.');
      }
      let text: string;
      try {
        text = await readText(response.body, options.max ?? this.#max);
      } catch (cause) {
        if (cause instanceof TooLarge)
          return failWith('BAD_RESPONSE', 'The answer is too large.', response.status);
        return unreachable(timedOut, this.#timeoutMs, 'The connection broke while reading the answer.');
      }
      if (response.ok) return succeed({ response, text });
      const error = runCheck(checkErrorResponse, parseJson(text));
      return error.ok
        ? failWith('HTTP', error.value.error.message, response.status, error.value.error.code)
        : failWith('HTTP', `The SmartServer answered with status ${response.status}.`, response.status);
    } finally {
      clearTimeout(timer);
    }
  }

  async #request<T>(
    route: ApiRoute,
    check: (value: unknown) => { ok: true; value: T } | { ok: false; message: string },
    options: RequestOptions = {},
  ): Promise<SourceResult<T>> {
    const sent = await this.#send(route, options);
    if (!sent.ok) return sent;
    const { response, text } = sent.value;
    const value = parseJson(text);
    if (value === NOT_JSON) return failWith('BAD_RESPONSE', 'The answer is not JSON.', response.status);
    const checked = check(value);
    return checked.ok
      ? succeed(checked.value)
      : failWith('BAD_RESPONSE', `Unexpected answer: ${checked.message}`.slice(0, 300), response.status);
  }

  /** A file answer: its text, checked to be a protocol file, and a safe name from Content-Disposition. */
  async #file(
    route: ApiRoute,
    check: typeof checkActivationRequestFile,
    fallbackName: string,
    params?: Record<string, string>,
  ): Promise<SourceResult<SourceFile>> {
    const sent = await this.#send(route, { params, max: Math.min(this.#max, MAX_FILE_CHARS) });
    if (!sent.ok) return sent;
    const { response, text } = sent.value;
    const checked = runCheck(check, parseJson(text));
    const filename = fileNameOf(response.headers.get('content-disposition'), fallbackName);
    return checked.ok
      ? succeed({ filename, text })
      : failWith('BAD_RESPONSE', `Unexpected file: ${checked.message}`.slice(0, 300), response.status);
  }

  #accept(status: StatusResponse): void {
    this.publish({ phase: 'ready', state: status.state, userType: status.userType, error: null });
  }

  async refresh(): Promise<void> {
    const ticket = ++this.#refreshes;
    const result = await this.#request('status', (v) => runCheck(checkStatusResponse, v));
    // An older refresh that answers late must not overwrite a newer one.
    if (ticket !== this.#refreshes) return;
    if (result.ok) this.#accept(result.value);
    else this.publish({ phase: 'error', error: result.error });
  }

  protected override firstSubscriber(): void {
    void this.refresh();
    if (this.#live) this.#connect();
  }

  protected override lastUnsubscribed(): void {
    this.close();
  }

  /** Stops the live stream (it starts again with the next subscriber). */
  close(): void {
    clearTimeout(this.#reconnect);
    this.#reconnect = undefined;
    this.#stream?.abort();
    this.#stream = null;
  }

  #connect(): void {
    const abort = new AbortController();
    this.#stream = abort;
    void this.#listen(abort).finally(() => {
      if (this.#stream !== abort) return;
      this.#stream = null;
      if (this.listenerCount > 0) this.#reconnect = setTimeout(() => this.#connect(), this.#reconnectMs);
    });
  }

  async #listen(abort: AbortController): Promise<void> {
    let response: Response;
    try {
      response = await this.#fetch(this.#url('events'), {
        headers: { accept: 'text/event-stream', ...this.#headers },
        signal: abort.signal,
      });
    } catch {
      return;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    try {
      await readEvents(response.body, this.#max, abort.signal, (event) => {
        if (event.event === 'state') this.#onStateEvent(event.data);
      });
    } catch (cause) {
      if (cause instanceof RangeError) {
        this.publish({
          phase: 'error',
          error: new SourceError('BAD_RESPONSE', 'A live update is too large.'),
        });
      }
    }
  }

  #onStateEvent(data: string): void {
    const value = parseJson(data);
    if (value === NOT_JSON) {
      this.publish({ phase: 'error', error: new SourceError('BAD_RESPONSE', 'A live update is not JSON.') });
      return;
    }
    const checked = runCheck(checkStatusResponse, value);
    if (checked.ok) {
      // A pushed state is newer than any refresh still on its way.
      this.#refreshes++;
      this.#accept(checked.value);
    } else {
      const message = `Unexpected live update: ${checked.message}`.slice(0, 300);
      this.publish({ phase: 'error', error: new SourceError('BAD_RESPONSE', message) });
    }
  }

  #afterChange<T>(result: SourceResult<T>): SourceResult<T> {
    // The live stream brings the new state too; a refresh covers a host without one.
    if (result.ok && this.listenerCount > 0) void this.refresh();
    return result;
  }

  getAccount(): Promise<SourceResult<AccountResponse>> {
    return this.#request('getAccount', (v) => runCheck(checkAccountResponse, v));
  }

  async getCustomerAccount(): Promise<SourceResult<string | null>> {
    const result = await this.getAccount();
    return result.ok ? succeed(result.value.customerId) : result;
  }

  async setCustomerAccount(customerId: string): Promise<SourceResult<string>> {
    const parsed = parseCustomerId(customerId);
    if (!parsed.ok) return failWith('INVALID_INPUT', parsed.error.message);
    const result = await this.#request('setAccount', (v) => runCheck(checkAccountResponse, v), {
      json: { customerId: parsed.value },
    });
    if (!result.ok) return result;
    return result.value.customerId === null
      ? failWith('BAD_RESPONSE', 'The SmartServer did not keep the Customer ID.')
      : succeed(result.value.customerId);
  }

  async listCloudLicenses(): Promise<SourceResult<CloudLicense[]>> {
    const result = await this.#request('listCloud', (v) => runCheck(checkCloudListResponse, v));
    return result.ok ? succeed(result.value.licenses) : result;
  }

  async downloadLicenses(
    licenseIds: string[],
    onProgress?: ProgressListener,
  ): Promise<SourceResult<LicenseActionResult[]>> {
    const ids = runCheck(checkLicenseIdsRequest, { licenseIds });
    if (!ids.ok) return failWith('INVALID_INPUT', ids.message);
    const results: LicenseActionResult[] = [];
    // One request per license: progress is real, and one refusal does not hide the others.
    for (const licenseId of ids.value.licenseIds) {
      const answer = await this.#request('download', (v) => runCheck(checkLicenseActionResponse, v), {
        json: { licenseIds: [licenseId] },
      });
      const result: LicenseActionResult = answer.ok
        ? (answer.value.results.find((r) => r.licenseId.toLowerCase() === licenseId.toLowerCase()) ?? {
            licenseId,
            ok: false,
            code: 'BAD_RESPONSE',
            message: 'The SmartServer did not report on this license.',
          })
        : {
            licenseId,
            ok: false,
            code: answer.error.serverCode ?? answer.error.code,
            message: answer.error.message,
          };
      results.push(result);
      onProgress?.(results.length, licenseIds.length, result);
    }
    return this.#afterChange(succeed(results));
  }

  async returnLicenses(licenseIds: string[]): Promise<SourceResult<LicenseActionResult[]>> {
    const ids = runCheck(checkLicenseIdsRequest, { licenseIds });
    if (!ids.ok) return failWith('INVALID_INPUT', ids.message);
    const result = await this.#request('upload', (v) => runCheck(checkLicenseActionResponse, v), {
      json: ids.value,
    });
    return this.#afterChange(result.ok ? succeed(result.value.results) : result);
  }

  async #returns(route: 'pendingReturns' | 'deliverReturns'): Promise<SourceResult<PendingReturn[]>> {
    const result = await this.#request(route, (v) => runCheck(checkPendingReturnsResponse, v));
    return result.ok ? succeed(result.value.returns) : result;
  }

  pendingReturns(): Promise<SourceResult<PendingReturn[]>> {
    return this.#returns('pendingReturns');
  }

  deliverReturns(): Promise<SourceResult<PendingReturn[]>> {
    return this.#returns('deliverReturns');
  }

  async receiptFile(activationId: string): Promise<SourceResult<SourceFile>> {
    const id = parseLicenseId(activationId);
    if (!id.ok) return failWith('INVALID_INPUT', 'An activation id is a UUID.');
    return this.#file('receiptFile', checkReturnReceiptFile, `return-receipt-${id.value}.json`, {
      activationId: id.value,
    });
  }

  createActivationRequest(): Promise<SourceResult<SourceFile>> {
    return this.#file('activationRequest', checkActivationRequestFile, 'activation-request.json');
  }

  async addLicenseFile(fileText: string): Promise<SourceResult<TokenResult[]>> {
    if (typeof fileText !== 'string' || fileText.length === 0) {
      return failWith('INVALID_INPUT', 'The file is empty.');
    }
    const result = await this.#request('addFile', (v) => runCheck(checkAddFileResponse, v), {
      text: fileText,
    });
    return this.#afterChange(result.ok ? succeed(result.value.results) : result);
  }

  async saveNote(licenseId: string, note: string): Promise<SourceResult<string>> {
    if (typeof note !== 'string' || note.length > MAX_NOTE_CHARS) {
      return failWith('INVALID_INPUT', `A note holds at most ${MAX_NOTE_CHARS} characters.`);
    }
    const ids = runCheck(checkLicenseIdsRequest, { licenseIds: [licenseId] });
    if (!ids.ok) return failWith('INVALID_INPUT', ids.message);
    const result = await this.#request('saveNote', (v) => runCheck(checkNoteResponse, v), {
      params: { licenseId },
      json: { note },
    });
    return this.#afterChange(result.ok ? succeed(result.value.note) : result);
  }

  getNotificationSettings(): Promise<SourceResult<NotificationSettings>> {
    return this.#request('getNotifications', (v) => runCheck(checkNotificationSettings, v));
  }

  async saveNotificationSettings(
    settings: NotificationSettings,
  ): Promise<SourceResult<NotificationSettings>> {
    const parsed = parseNotificationSettings(settings);
    if (!parsed.ok) return failWith('INVALID_INPUT', parsed.error.message);
    return this.#request('saveNotifications', (v) => runCheck(checkNotificationSettings, v), {
      json: parsed.value,
    });
  }
}
