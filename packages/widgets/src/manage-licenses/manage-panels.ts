// The five action panels of the Manage Licenses dialog (R18–R21). They load on first use: a page
// that only shows license status never downloads them.
import { html, nothing, type TemplateResult } from 'lit';
import {
  MAX_ACTIVATION_FILE_CHARS,
  parseActivationFileText,
  parseCustomerId,
  parseNotificationSettings,
  type LicenseState,
} from '@smartserver-licensing/schemas';
import type {
  CloudLicense,
  LicenseActionResult,
  LicenseSource,
  TokenResult,
} from '@smartserver-licensing/client';
import {
  LicRequestAccountEvent,
  LicRequestAddFileEvent,
  LicRequestDownloadEvent,
  LicRequestNotificationsEvent,
  LicRequestReturnEvent,
} from '../events.js';
import { enPanels } from '../strings/en-panels.js';
import type { LicStrings } from '../strings/index.js';
import { panelStyles } from './manage-panels.styles.js';

/** What the panels need from the dialog. */
export interface PanelHost {
  readonly t: LicStrings;
  readonly source: LicenseSource | undefined;
  /** Licenses ticked in the table (for a return). */
  selected: ReadonlySet<string>;
  /** Raises a request event; true when the dialog should carry the action out itself. */
  request(event: Event): boolean;
  /** Says an outcome in the dialog's polite live region. */
  announce(text: string): void;
  update(): void;
}

export type PanelView = 'account' | 'download' | 'add' | 'notifications' | 'return';

const splitList = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

const FIELDS = [
  'problem',
  'busy',
  'account',
  'cloud',
  'chosen',
  'progress',
  'results',
  'tokens',
  'dragging',
  'settings',
] as const;

export class ManagePanels {
  problem = '';
  busy = false;
  account?: string | null;
  cloud?: CloudLicense[] | null;
  chosen: ReadonlySet<string> = new Set();
  progress?: { done: number; total: number };
  results: LicenseActionResult[] = [];
  tokens: TokenResult[] = [];
  dragging = false;
  settings?: { days: string; recipients: string };

  constructor(readonly host: PanelHost) {
    // Every field re-renders the dialog when it changes, as a reactive property would.
    for (const field of FIELDS) {
      let value: unknown = this[field];
      Object.defineProperty(this, field, {
        get: () => value,
        set: (next: unknown) => {
          value = next;
          host.update();
        },
      });
    }
  }

  /** The dialog's strings, with the English panel strings (which load with this module) beneath. */
  get t(): LicStrings {
    return { ...enPanels, ...this.host.t };
  }

  /** Clears what a previous visit left, and starts the loads a panel needs. */
  enter(view: PanelView | 'list'): void {
    this.problem = '';
    this.busy = this.dragging = false;
    this.progress = undefined;
    this.results = [];
    this.tokens = [];
    this.cloud = this.account = this.settings = undefined;
    this.chosen = new Set();
    const source = this.host.source;
    if (!source) return;
    if (view === 'account')
      void source.getCustomerAccount().then((r) => (this.account = r.ok ? r.value : null));
    if (view === 'download') void this.listCloud();
    if (view === 'notifications') {
      void source.getNotificationSettings().then((r) => {
        if (r.ok) {
          this.settings = {
            days: r.value.daysBeforeExpiry.join(', '),
            recipients: r.value.recipients.join(', '),
          };
        } else this.problem = r.error.message;
      });
    }
  }

  render(view: PanelView, state: LicenseState): TemplateResult {
    const body =
      view === 'account'
        ? this.renderAccount()
        : view === 'download'
          ? this.renderDownload()
          : view === 'add'
            ? this.renderAdd()
            : view === 'notifications'
              ? this.renderNotifications()
              : this.renderReturn(state);
    return html`${panelStyles}${this.problem ? html`<p class="invalid" role="alert">${this.problem}</p>` : nothing}
    ${body}`;
  }

  #toggleChosen(id: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  // ---- Manage Customer Accounts (R19) ----

  renderAccount(): TemplateResult {
    const t = this.t;
    return html`<p>
        ${this.account ? t.currentAccount(this.account) : this.account === null ? t.noAccount : ''}
      </p>
      <form @submit=${(e: SubmitEvent) => this.#saveAccount(e)} novalidate>
        <label for="customer-id">${t.customerId}</label>
        <input
          id="customer-id"
          name="customerId"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="customer-id-hint"
          aria-invalid=${this.problem ? 'true' : 'false'}
        />
        <p class="hint" id="customer-id-hint">${t.customerIdHint}</p>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.save}</button>
      </form>`;
  }

  async #saveAccount(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('customerId') as HTMLInputElement;
    const parsed = parseCustomerId(input.value.trim());
    if (!parsed.ok) {
      this.problem = this.t.customerIdInvalid;
      input.focus();
      return;
    }
    this.problem = '';
    if (!this.host.request(new LicRequestAccountEvent({ customerId: parsed.value }))) return;
    this.busy = true;
    const result = await this.host.source!.setCustomerAccount(parsed.value);
    this.busy = false;
    if (result.ok) {
      this.account = result.value;
      this.host.announce(this.t.saved);
    } else this.problem = result.error.message;
  }

  // ---- Download Licenses from the Cloud (R19) ----

  async listCloud(): Promise<void> {
    const source = this.host.source;
    if (!source) return;
    this.cloud = undefined;
    this.problem = '';
    const result = await source.listCloudLicenses();
    this.cloud = result.ok ? result.value : null;
    if (!result.ok) this.problem = result.error.message;
  }

  renderDownload(): TemplateResult {
    const t = this.t;
    const cloud = this.cloud;
    const working = this.progress !== undefined && this.progress.done < this.progress.total;
    return html`<p><button type="button" @click=${() => this.listCloud()}>${t.listCloud}</button></p>
      ${
        cloud === undefined && this.host.source
          ? html`<p class="message" role="status">${t.loading}</p>`
          : cloud?.length === 0
            ? html`<p part="empty" class="message">${t.cloudEmpty}</p>`
            : cloud
              ? html`<fieldset>
                    <legend>${t.download}</legend>
                    ${cloud.map(
                      (license) =>
                        html`<label class="check"
                          ><input
                            type="checkbox"
                            .checked=${this.chosen.has(license.licenseId)}
                            ?disabled=${license.activatedOn !== null || working}
                            @change=${(e: Event) =>
                              this.#toggleChosen(license.licenseId, (e.target as HTMLInputElement).checked)}
                          /><span
                            >${t.describe(license.kind, license.capacity, license.termYears, license.trial)} —
                            <code>${license.licenseId}</code>${
                              license.activatedOn === null
                                ? nothing
                                : html` (<span class="text">${t.activatedOn(license.activatedOn)}</span>)`
                            }</span
                          ></label
                        >`,
                    )}
                  </fieldset>
                  <p>
                    <button
                      type="button"
                      ?disabled=${this.chosen.size === 0 || working}
                      @click=${this.#download}
                    >
                      ${t.downloadSelected}
                    </button>
                  </p>`
              : nothing
      }
      ${
        this.progress
          ? html`<progress
                max=${this.progress.total}
                .value=${this.progress.done}
                aria-label=${t.progress(this.progress.done, this.progress.total)}
              ></progress>
              <p role="status">${t.progress(this.progress.done, this.progress.total)}</p>`
          : nothing
      }
      ${this.#renderResults(
        this.results.map((r) => ({ label: r.licenseId, ok: r.ok, message: r.message ?? r.code ?? '' })),
      )}`;
  }

  #renderResults(
    rows: Array<{ label: string; ok: boolean; message: string }>,
  ): TemplateResult | typeof nothing {
    const t = this.t;
    return rows.length === 0
      ? nothing
      : html`<ul class="results">
          ${rows.map(
            (row) =>
              html`<li>
                <code>${row.label}</code>:
                <span class="text ${row.ok ? 'ok' : 'failed'}"
                  >${row.ok ? t.resultOk : t.resultFailed(row.message)}</span
                >
              </li>`,
          )}
        </ul>`;
  }

  #download = async (): Promise<void> => {
    const ids = [...this.chosen];
    if (ids.length === 0 || !this.host.request(new LicRequestDownloadEvent({ licenseIds: ids }))) return;
    this.results = [];
    this.progress = { done: 0, total: ids.length };
    const result = await this.host.source!.downloadLicenses(ids, (done, total, last) => {
      this.progress = { done, total };
      this.results = [...this.results, last];
    });
    if (!result.ok) this.problem = result.error.message;
    this.chosen = new Set();
    await this.listCloud();
  };

  // ---- Add License: an offline activation file (R20, R21) ----

  renderAdd(): TemplateResult {
    const t = this.t;
    return html`<div
        class="drop ${this.dragging ? 'over' : ''}"
        part="drop-zone"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.#onDrop}
      >
        <label for="file">${t.chooseFile}</label>
        <input
          id="file"
          type="file"
          accept=".json,.lic,application/json"
          @change=${this.#onFilePicked}
          ?disabled=${this.busy}
        />
        <p class="hint">${t.dropHint}</p>
      </div>
      ${this.busy ? html`<p role="status">${t.working}</p>` : nothing}
      ${this.#renderResults(
        this.tokens.map((r) => ({
          label: `${t.token(r.index + 1)}${r.licenseId ? ` (${r.licenseId})` : ''}`,
          ok: r.ok,
          message: [r.code, r.message].filter(Boolean).join(': '),
        })),
      )}`;
  }

  #onFilePicked = (event: Event): void => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void this.#addFile(file);
  };

  #onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.dragging = false;
    const file = event.dataTransfer?.files[0];
    if (file) void this.#addFile(file);
  };

  async #addFile(file: File): Promise<void> {
    this.problem = '';
    this.tokens = [];
    // A UTF-8 file has at least as many bytes as characters: the size alone can refuse it unread.
    const text = file.size > MAX_ACTIVATION_FILE_CHARS * 4 ? null : await file.text();
    if (text === null || text.length > MAX_ACTIVATION_FILE_CHARS) {
      this.problem = this.t.fileTooLarge;
      return;
    }
    const parsed = parseActivationFileText(text);
    if (!parsed.ok) {
      this.problem = parsed.error.message;
      return;
    }
    if (!this.host.request(new LicRequestAddFileEvent({ fileName: file.name, text }))) return;
    this.busy = true;
    const result = await this.host.source!.addLicenseFile(text);
    this.busy = false;
    if (result.ok) this.tokens = result.value;
    else this.problem = result.error.message;
  }

  // ---- Edit Notifications (R18) ----

  renderNotifications(): TemplateResult {
    const t = this.t;
    const settings = this.settings ?? { days: '', recipients: '' };
    return html`<form @submit=${(e: SubmitEvent) => this.#saveNotifications(e)} novalidate>
      <label for="days">${t.days}</label>
      <input id="days" name="days" inputmode="numeric" .value=${settings.days} aria-describedby="days-hint" />
      <p class="hint" id="days-hint">${t.daysHint}</p>
      <label for="recipients">${t.recipients}</label>
      <textarea
        id="recipients"
        name="recipients"
        rows="3"
        .value=${settings.recipients}
        aria-describedby="recipients-hint"
      ></textarea>
      <p class="hint" id="recipients-hint">${t.recipientsHint}</p>
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.save}</button>
    </form>`;
  }

  async #saveNotifications(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const days = (form.elements.namedItem('days') as HTMLInputElement).value;
    const recipients = (form.elements.namedItem('recipients') as HTMLTextAreaElement).value;
    this.settings = { days, recipients };
    const parsed = parseNotificationSettings({
      daysBeforeExpiry: splitList(days).map(Number),
      recipients: splitList(recipients),
    });
    if (!parsed.ok) {
      this.problem = parsed.error.message;
      return;
    }
    this.problem = '';
    if (!this.host.request(new LicRequestNotificationsEvent({ settings: parsed.value }))) return;
    this.busy = true;
    const result = await this.host.source!.saveNotificationSettings(parsed.value);
    this.busy = false;
    if (result.ok) this.host.announce(this.t.saved);
    else this.problem = result.error.message;
  }

  // ---- Return to Cloud (R19) ----

  renderReturn(state: LicenseState): TemplateResult {
    const t = this.t;
    const chosen = state.licenses.filter((l) => this.host.selected.has(l.licenseId));
    const results = this.#renderResults(
      this.results.map((r) => ({ label: r.licenseId, ok: r.ok, message: r.message ?? r.code ?? '' })),
    );
    if (chosen.length === 0)
      return html`<p class="message">${t.returnSelectFirst}</p>
        ${results}`;
    const capacity = state.licenses.filter((l) => l.kind === 'capacity' && l.status === 'active');
    const all = capacity.length > 0 && capacity.every((l) => this.host.selected.has(l.licenseId));
    return html`<ul>
        ${chosen.map(
          (l) =>
            html`<li>
              ${t.describe(l.kind, l.capacity, l.termYears, l.trial)} — <code>${l.licenseId}</code>
            </li>`,
        )}
      </ul>
      <p class="warning" id="return-warning">${t.returnWarning}</p>
      ${all ? html`<p class="warning danger" id="return-all" role="alert">${t.returnAllWarning}</p>` : nothing}
      <p>
        <button
          type="button"
          class="danger"
          aria-describedby=${all ? 'return-warning return-all' : 'return-warning'}
          ?disabled=${this.busy}
          @click=${() => this.#returnLicenses(chosen.map((l) => l.licenseId))}
        >
          ${this.busy ? t.working : t.confirmReturn(chosen.length)}
        </button>
      </p>
      ${results}`;
  }

  async #returnLicenses(ids: string[]): Promise<void> {
    if (!this.host.request(new LicRequestReturnEvent({ licenseIds: ids }))) return;
    this.busy = true;
    const result = await this.host.source!.returnLicenses(ids);
    this.busy = false;
    if (!result.ok) {
      this.problem = result.error.message;
      return;
    }
    const results = result.value;
    const returned = new Set(results.filter((r) => r.ok).map((r) => r.licenseId));
    this.host.selected = new Set([...this.host.selected].filter((id) => !returned.has(id)));
    this.results = results;
  }
}
