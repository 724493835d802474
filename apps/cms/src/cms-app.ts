// The SmartServer CMS page: login, the license dashboard, the Devices widget and Manage Licenses.
// The widgets render the license state and decide nothing; this page only wires them to the
// SmartServer's endpoints and carries out the operations they ask for.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HttpLicenseSource, type LicenseSnapshot, type LicenseSource } from '@smartserver-licensing/client';
import type { LicDeviceOperationEvent } from '@smartserver-licensing/widgets';
import '@smartserver-licensing/widgets/define/lic-license-provider.js';
import '@smartserver-licensing/widgets/define/lic-capacity-indicator.js';
import '@smartserver-licensing/widgets/define/lic-maintenance-indicator.js';
import '@smartserver-licensing/widgets/define/lic-device-list.js';
import '@smartserver-licensing/widgets/define/lic-manage-licenses.js';
import { CmsApi, CSRF_HEADER, type ApiResult, type Session } from './cms-api.js';
import {
  LANGUAGES,
  NEW_DEVICE_PROTOCOLS,
  cmsStrings,
  isLanguage,
  type CmsStrings,
  type Language,
  type NewDeviceProtocol,
} from './strings.js';

/** Where a reload finds the session's CSRF token (sessionStorage: gone with the tab). */
export const CSRF_STORAGE_KEY = 'smartserver-cms:csrf';

/** Builds the license source of a session; the token goes along with every license API request. */
export type SourceFactory = (csrf: string, baseUrl: string) => LicenseSource;

const httpSource: SourceFactory = (csrf, baseUrl) =>
  new HttpLicenseSource({ baseUrl, headers: { [CSRF_HEADER]: csrf } });

type View = 'checking' | 'login' | 'dashboard';
interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * The whole CMS page. Renders into its own light DOM, so the page's stylesheet reaches it; the
 * widgets inside keep their shadow roots.
 *
 * @tagname cms-app
 * @summary SmartServer CMS: login, license dashboard, devices, Manage Licenses.
 */
export class CmsApp extends LitElement {
  /** Origin of the SmartServer; the page's own by default. */
  @property({ attribute: 'base-url' }) baseUrl = location.origin;

  /** Language of the page and of the widgets; reflected as `lang` for assistive technology. */
  @property({ attribute: 'lang', reflect: true }) language: Language = 'en';

  /** Replaces the global fetch for the session and device endpoints. */
  @property({ attribute: false }) fetchImpl?: typeof fetch;

  /** Replaces the HTTP license source (e.g. with an in-memory one). */
  @property({ attribute: false }) createSource: SourceFactory = httpSource;

  /** Where the CSRF token survives a reload. */
  @property({ attribute: false }) storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null =
    globalThis.sessionStorage ?? null;

  @state() private view: View = 'checking';
  @state() private session: Session | null = null;
  @state() private source: LicenseSource | null = null;
  @state() private snapshot: LicenseSnapshot | null = null;
  @state() private loginError = '';
  @state() private loggingIn = false;
  @state() private operationOutcome: Outcome | null = null;
  @state() private deviceOutcome: Outcome | null = null;
  @state() private headerError = '';

  #csrf = '';
  #unsubscribe?: () => void;
  #focusNext: 'login' | 'title' | null = null;
  #api?: CmsApi;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get t(): CmsStrings {
    return cmsStrings(isLanguage(this.language) ? this.language : 'en');
  }

  private get api(): CmsApi {
    this.#api ??= new CmsApi({ baseUrl: this.baseUrl, fetch: this.fetchImpl, csrf: () => this.#csrf });
    return this.#api;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.view === 'checking') void this.#checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopSource();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('fetchImpl')) this.#api = undefined;
  }

  protected override updated(): void {
    const focus = this.#focusNext;
    this.#focusNext = null;
    if (focus === 'login') this.querySelector<HTMLInputElement>('#cms-username')?.focus();
    // An auto-opened Manage Licenses dialog already holds the focus; leave it there (R22).
    if (focus === 'title' && !this.querySelector('lic-manage-licenses')?.open) {
      this.querySelector<HTMLElement>('#cms-title')?.focus();
    }
  }

  async #checkSession(): Promise<void> {
    const result = await this.api.getSession();
    if (result.ok) {
      const csrf = result.value.csrfToken ?? this.storage?.getItem(CSRF_STORAGE_KEY) ?? '';
      this.#startSession(result.value, csrf);
    } else {
      this.#showLogin(result.status === 401 ? '' : this.#failure(result));
    }
  }

  #showLogin(error: string): void {
    this.view = 'login';
    this.loginError = error;
    this.#focusNext = 'login';
  }

  #startSession(session: Session, csrf: string): void {
    this.#csrf = csrf;
    if (csrf) this.storage?.setItem(CSRF_STORAGE_KEY, csrf);
    this.session = session;
    this.loginError = '';
    this.operationOutcome = this.deviceOutcome = null;
    this.headerError = '';
    this.#stopSource();
    const source = this.createSource(csrf, this.baseUrl);
    this.source = source;
    this.snapshot = source.snapshot;
    this.#unsubscribe = source.subscribe((snapshot) => this.#onSnapshot(snapshot));
    this.view = 'dashboard';
    this.#focusNext = 'title';
  }

  #onSnapshot(snapshot: LicenseSnapshot): void {
    this.snapshot = snapshot;
    // The license API refusing the session means it ended elsewhere (expired, logged out).
    if (snapshot.phase === 'error' && snapshot.error?.status === 401) this.#endSession(this.t.sessionEnded);
  }

  #stopSource(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.source instanceof HttpLicenseSource) this.source.close();
  }

  #endSession(message = ''): void {
    this.#stopSource();
    this.source = this.snapshot = this.session = null;
    this.#csrf = '';
    this.storage?.removeItem(CSRF_STORAGE_KEY);
    this.#showLogin(message);
  }

  /** The words for a failed call: the server's own message when it sent one. */
  #failure(result: Extract<ApiResult<unknown>, { ok: false }>): string {
    if (result.message) return result.message;
    return result.status === 0 ? this.t.unreachable : this.t.unexpected(result.status);
  }

  /** Handles a failure of a call made within the session; true when the session is gone. */
  #sessionGone(result: ApiResult<unknown>): boolean {
    if (result.ok || result.status !== 401) return false;
    this.#endSession(this.t.sessionEnded);
    return true;
  }

  #onLogin = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.loggingIn) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.loggingIn = true;
    this.loginError = '';
    const result = await this.api.logIn(
      String(data.get('username') ?? ''),
      String(data.get('password') ?? ''),
    );
    this.loggingIn = false;
    if (result.ok) {
      this.#startSession(result.value, result.value.csrfToken ?? '');
    } else {
      this.loginError = this.#failure(result);
      const password = form.querySelector<HTMLInputElement>('#cms-password');
      if (password) password.value = '';
    }
  };

  #onLogout = async (): Promise<void> => {
    this.headerError = '';
    const result = await this.api.logOut();
    if (result.ok || result.status === 401) this.#endSession();
    else this.headerError = this.#failure(result);
  };

  #onLanguage = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (isLanguage(value)) this.language = value;
  };

  #onOperation = async (event: LicDeviceOperationEvent): Promise<void> => {
    // The page carries the operation out: the list only asked for it.
    event.preventDefault();
    const { deviceId, operation } = event.detail;
    this.operationOutcome = null;
    const result = await this.api.runOperation(deviceId, operation);
    if (this.#sessionGone(result)) return;
    this.operationOutcome = result.ok
      ? { ok: true, text: result.value || this.t.operationDone }
      : { ok: false, text: this.#failure(result) };
  };

  #onAddDevice = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const protocol = String(data.get('protocol') ?? 'other') as NewDeviceProtocol;
    this.deviceOutcome = null;
    const result = await this.api.createDevice(name, protocol);
    if (this.#sessionGone(result)) return;
    if (result.ok) {
      form.reset();
      // The new device reaches the list through the license source's live updates.
      this.deviceOutcome = { ok: true, text: this.t.deviceAdded(result.value) };
    } else {
      this.deviceOutcome = { ok: false, text: this.#failure(result) };
    }
  };

  override render() {
    const t = this.t;
    const title =
      this.view === 'dashboard'
        ? (this.snapshot?.state?.devices.find((d) => d.isSmartServer)?.name ?? t.smartServer)
        : t.appTitle;
    return html`<header class="cms-header">
        <h1 id="cms-title" tabindex="-1">${title}</h1>
        ${this.session ? html`<p class="cms-user">${t.signedInAs(this.session.username, this.session.userType)}</p>` : nothing}
        <label class="cms-language"
          >${t.language}
          <select id="cms-language" @change=${this.#onLanguage} .value=${this.language}>
            ${LANGUAGES.map(
              (lang) =>
                html`<option value=${lang} lang=${lang} ?selected=${lang === this.language}>
                  ${t.languageNames[lang]}
                </option>`,
            )}
          </select></label
        >
        ${this.session ? html`<button id="cms-logout" type="button" @click=${this.#onLogout}>${t.logOut}</button>` : nothing}
        ${this.headerError ? html`<p class="cms-error" role="alert">${this.headerError}</p>` : nothing}
      </header>
      <main class="cms-main">
        ${
          this.view === 'checking'
            ? html`<p role="status">${t.checkingSession}</p>`
            : this.view === 'login'
              ? this.#renderLogin(t)
              : this.#renderDashboard(t)
        }
      </main>`;
  }

  #renderLogin(t: CmsStrings) {
    return html`<section class="cms-panel cms-login" aria-labelledby="cms-login-title">
      <h2 id="cms-login-title">${t.loginTitle}</h2>
      <form @submit=${this.#onLogin} aria-busy=${this.loggingIn ? 'true' : 'false'}>
        <label for="cms-username">${t.username}</label>
        <input id="cms-username" name="username" autocomplete="username" required maxlength="256" />
        <label for="cms-password">${t.password}</label>
        <input
          id="cms-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="1024"
        />
        <button type="submit">${this.loggingIn ? t.loggingIn : t.logIn}</button>
        ${this.loginError ? html`<p class="cms-error" role="alert">${this.loginError}</p>` : nothing}
      </form>
    </section>`;
  }

  #renderDashboard(t: CmsStrings) {
    const lang = this.language;
    return html`<lic-license-provider .source=${this.source ?? undefined}>
      <section class="cms-panel cms-dashboard" aria-labelledby="cms-dashboard-title">
        <h2 id="cms-dashboard-title">${t.dashboard}</h2>
        <div class="cms-indicators">
          <lic-capacity-indicator variant="full" locale=${lang}></lic-capacity-indicator>
          <lic-maintenance-indicator locale=${lang}></lic-maintenance-indicator>
        </div>
      </section>
      <section class="cms-panel cms-devices" aria-labelledby="cms-devices-title">
        <div class="cms-panel-head">
          <h2 id="cms-devices-title">${t.devices}</h2>
          <lic-manage-licenses locale=${lang}></lic-manage-licenses>
        </div>
        <p class="cms-outcome" role="status">
          ${this.operationOutcome?.ok ? this.operationOutcome.text : ''}
        </p>
        ${
          this.operationOutcome && !this.operationOutcome.ok
            ? html`<p class="cms-outcome cms-error" role="alert">${this.operationOutcome.text}</p>`
            : nothing
        }
        <lic-device-list locale=${lang} @lic-device-operation=${this.#onOperation}></lic-device-list>
        ${this.#renderAddDevice(t)}
      </section>
    </lic-license-provider>`;
  }

  #renderAddDevice(t: CmsStrings) {
    return html`<form class="cms-add-device" aria-labelledby="cms-add-title" @submit=${this.#onAddDevice}>
      <h3 id="cms-add-title">${t.addDevice}</h3>
      <label for="cms-device-name">${t.deviceName}</label>
      <input id="cms-device-name" name="name" required maxlength="256" autocomplete="off" />
      <label for="cms-device-protocol">${t.deviceProtocol}</label>
      <select id="cms-device-protocol" name="protocol">
        ${NEW_DEVICE_PROTOCOLS.map((p) => html`<option value=${p}>${t.protocols[p]}</option>`)}
      </select>
      <button type="submit">${t.addDevice}</button>
      <p class="cms-outcome" role="status">${this.deviceOutcome?.ok ? this.deviceOutcome.text : ''}</p>
      ${
        this.deviceOutcome && !this.deviceOutcome.ok
          ? html`<p class="cms-outcome cms-error" role="alert">${this.deviceOutcome.text}</p>`
          : nothing
      }
    </form>`;
  }
}

/** Registers `<cms-app>` unless something already did. */
export function defineCmsApp(): void {
  if (!customElements.get('cms-app')) customElements.define('cms-app', CmsApp);
}

export interface CmsOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  createSource?: SourceFactory;
  storage?: CmsApp['storage'];
  lang?: Language;
}

/** Mounts the CMS page into `root`; returns the element (it starts by asking for the session). */
export function renderCms(root: Element, options: CmsOptions = {}): CmsApp {
  defineCmsApp();
  const app = document.createElement('cms-app') as CmsApp;
  if (options.baseUrl !== undefined) app.baseUrl = options.baseUrl;
  if (options.fetch) app.fetchImpl = options.fetch;
  if (options.createSource) app.createSource = options.createSource;
  if (options.storage !== undefined) app.storage = options.storage;
  if (options.lang) app.language = options.lang;
  root.append(app);
  return app;
}

declare global {
  interface HTMLElementTagNameMap {
    'cms-app': CmsApp;
  }
}
