import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LicenseEntry, LicenseState } from '@smartserver-licensing/schemas';
import {
  LicCloseEvent,
  LicOpenEvent,
  LicRequestCloseEvent,
  LicRequestNoteEvent,
  type RequestCloseDetail,
} from '../events.js';
import { isoDay } from '../internal/format.js';
import { emit } from '../internal/emit.js';
import { LicElement } from '../internal/lic-element.js';
import { autoOpens, manageVerdict } from '../internal/rules.js';
import { baseStyles } from '../internal/styles.js';
import { manageStyles } from './manage-licenses.styles.js';
import type { PanelProps } from './panels/panel.js';

type PanelView = 'account' | 'download' | 'add' | 'notifications' | 'return';
/** The panels of the dialog: the license table, and one per action (R23). */
export type ManageView = 'list' | PanelView;

/** Each action panel is an element of its own, loaded on first use (`<lic-manage-${view}>`). */
const PANELS: Record<PanelView, () => Promise<unknown>> = {
  account: () => import('./panels/account-panel.js'),
  download: () => import('./panels/download-panel.js'),
  add: () => import('./panels/add-panel.js'),
  notifications: () => import('./panels/notifications-panel.js'),
  return: () => import('./panels/return-panel.js'),
};

type Panel = HTMLElement & PanelProps;

/** The element that has focus, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The Manage Licenses dialog (R19–R23): the licenses on this SmartServer with their notes, and the
 * actions Manage Customer Accounts (with this SmartServer's Install Code), Download Licenses from
 * the Cloud, Add License (an activation request to take to the portal, then the activation file),
 * Edit Notifications and Return to Cloud. Returns the cloud has not heard of yet are listed with
 * their receipts. Only the Owner may use it (R22); other user types see why. It opens by itself
 * when the state asks for it, and closes without a license being added.
 *
 * Every action first raises a cancelable `lic-request-*` event; unless a listener cancels it the
 * component calls its source and shows the result.
 *
 * @tagname lic-manage-licenses
 * @summary The Manage Licenses dialog (R19–R23).
 *
 * @event {LicOpenEvent} lic-open - The dialog opened; `detail.auto` is true when the state opened it.
 * @event {LicRequestCloseEvent} lic-request-close - The dialog is about to close (`detail.reason`); cancel to keep it open.
 * @event {LicCloseEvent} lic-close - The dialog closed.
 * @event {LicRequestAccountEvent} lic-request-account - Save a Customer ID: `detail.customerId`. Cancelable.
 * @event {LicRequestDownloadEvent} lic-request-download - Download cloud licenses: `detail.licenseIds`. Cancelable.
 * @event {LicRequestActivationRequestEvent} lic-request-activation-request - Create an offline activation request and download it as a file. Cancelable.
 * @event {LicRequestAddFileEvent} lic-request-add-file - Add an activation file: `detail.fileName`, `detail.text`. Cancelable.
 * @event {LicRequestReturnEvent} lic-request-return - Return licenses to the cloud: `detail.licenseIds`. Cancelable.
 * @event {LicRequestDeliverReturnsEvent} lic-request-deliver-returns - Try again to deliver the returns the cloud has not heard of. Cancelable.
 * @event {LicRequestReceiptEvent} lic-request-receipt - Download a pending return's receipt: `detail.activationId`, `detail.licenseId`. Cancelable.
 * @event {LicRequestNoteEvent} lic-request-note - Save a note: `detail.licenseId`, `detail.note`. Cancelable.
 * @event {LicRequestNotificationsEvent} lic-request-notifications - Save reminders: `detail.settings`. Cancelable.
 *
 * @csspart trigger - The Manage Licenses button.
 * @csspart badge - The red exclamation badge on the button (R14).
 * @csspart unavailable - Why a non-Owner cannot manage licenses (R22).
 * @csspart dialog - The native dialog.
 * @csspart header - The dialog's title bar.
 * @csspart close - The close button.
 * @csspart body - The dialog's content.
 * @csspart table - The license table.
 * @csspart action - Each action button.
 * @csspart empty - The "no license yet" message.
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--lic-dialog-width=72rem] - Widest the dialog grows.
 * @cssproperty [--lic-backdrop=rgb(0 0 0 / 0.45)] - The backdrop behind the dialog.
 * @cssproperty [--lic-color-surface=Canvas] - Dialog background.
 * @cssproperty [--lic-color-text] - Text colour.
 */
export class LicManageLicenses extends LicElement {
  static override styles = [baseStyles, manageStyles];

  /** Whether the dialog is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Render no button: the host opens the dialog with `show()` or `open`. */
  @property({ type: Boolean, attribute: 'no-trigger' }) noTrigger = false;

  /** Never open by itself, even when the state asks for it (R22). */
  @property({ type: Boolean, attribute: 'no-auto-open' }) noAutoOpen = false;

  @state() private view: ManageView = 'list';
  @state() private selected: ReadonlySet<string> = new Set();
  /** Polite announcement of the last outcome. */
  @state() private notice = '';
  /** The element of the open action panel. */
  @state() private panel?: Panel;
  /** The pending returns shown with the license list; made when the dialog first opens. */
  @state() private pending?: Panel;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>('dialog');
  }

  #returnFocus: HTMLElement | null = null;
  #autoOpened = false;
  #openedAuto = false;
  #previousView: ManageView = 'list';

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog, unless a `lic-request-close` listener cancels. Returns whether it closed. */
  close(reason: RequestCloseDetail['reason'] = 'method'): boolean {
    if (!this.open) return true;
    if (!emit(this, new LicRequestCloseEvent({ reason }))) return false;
    this.dialog?.close();
    this.open = false;
    return true;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const snap = this.snapshot;
    if (!this.#autoOpened && !this.noAutoOpen && snap.state && autoOpens(snap.state, snap.userType)) {
      this.#autoOpened = true;
      this.#openedAuto = !this.open;
      this.open = true;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (changed.has('open') && dialog) {
      if (this.open && !dialog.open) {
        this.#returnFocus = deepActiveElement();
        dialog.showModal();
        emit(this, new LicOpenEvent({ auto: this.#openedAuto }));
        if (!this.pending && this.activeSource) {
          void import('./panels/pending-returns.js').then(
            () => (this.pending = document.createElement('lic-manage-pending')),
          );
        }
        this.#openedAuto = false;
      } else if (!this.open && dialog.open) {
        dialog.close();
      }
    }
    if (changed.has('view') && this.open) {
      const target =
        this.view === 'list'
          ? this.renderRoot.querySelector<HTMLElement>(`[data-view="${this.#previousView}"]`)
          : this.renderRoot.querySelector<HTMLElement>('#view-title');
      target?.focus();
    }
  }

  #onDialogClose = (): void => {
    this.open = false;
    this.view = 'list';
    this.#reset();
    emit(this, new LicCloseEvent());
    const back =
      this.#returnFocus?.isConnected && this.#returnFocus !== document.body
        ? this.#returnFocus
        : this.renderRoot.querySelector<HTMLElement>('.trigger');
    this.#returnFocus = null;
    back?.focus();
  };

  #escape(event: Event): void {
    event.preventDefault();
    if (this.view !== 'list') this.#go('list');
    else this.close('escape');
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Handled here rather than by the dialog's own cancel: a sub-panel goes back first, and a
    // listener can keep the dialog open without the browser's limit on repeated cancels.
    event.stopPropagation();
    this.#escape(event);
  };

  #reset(): void {
    this.notice = '';
    this.panel = undefined;
  }

  #announce = (text: string): void => {
    this.notice = text;
  };

  #deselect = (ids: ReadonlySet<string>): void => {
    this.selected = new Set([...this.selected].filter((id) => !ids.has(id)));
  };

  /** Hands a panel what it shows and acts on; a changed property re-renders it. */
  #props(panel: Panel, state: LicenseState): Panel {
    return Object.assign(panel, {
      strings: this.t,
      source: this.activeSource,
      state,
      selected: this.selected,
      announce: this.#announce,
      deselect: this.#deselect,
    });
  }

  async #go(view: ManageView): Promise<void> {
    if (view === 'list') this.#previousView = this.view;
    this.notice = '';
    // A fresh element per visit: nothing a previous visit left shows again.
    if (view === 'list') this.panel = undefined;
    else {
      await PANELS[view]();
      this.panel = document.createElement(`lic-manage-${view}`) as Panel;
    }
    this.view = view;
  }

  override render() {
    const t = this.t;
    const snap = this.snapshot;
    const verdict = manageVerdict(snap.userType, t);
    const badge = snap.state?.capacity.badge ?? false;
    return html`${
        this.noTrigger
          ? nothing
          : html`<button
                type="button"
                part="trigger"
                class="trigger"
                aria-haspopup="dialog"
                aria-disabled=${verdict.allowed ? 'false' : 'true'}
                aria-describedby=${verdict.allowed ? nothing : 'unavailable'}
                @click=${() => verdict.allowed && this.show()}
              >
                ${t.manageLicenses}${
                  badge
                    ? html`<span part="badge" class="badge" aria-hidden="true">!</span
                        ><span class="visually-hidden">(${t.capacityBadge})</span>`
                    : nothing
                }
              </button>
              ${
                verdict.allowed
                  ? nothing
                  : html`<span part="unavailable" class="unavailable" id="unavailable"
                      >${verdict.reason}</span
                    >`
              }`
      }
      <dialog
        part="dialog"
        aria-labelledby="title"
        @close=${this.#onDialogClose}
        @cancel=${this.#escape}
        @keydown=${this.#onKeydown}
      >
        <header part="header">
          <h2 id="title">${t.manageLicenses}</h2>
          <button type="button" part="close" @click=${() => this.close('close-button')}>${t.close}</button>
        </header>
        <div part="body" class="body">
          ${
            !this.open
              ? nothing
              : verdict.allowed
                ? this.renderPhase((state) => this.#renderView(state))
                : html`<p part="unavailable" class="message">${verdict.reason}</p>`
          }
        </div>
        <p class="notice" role="status">${this.notice}</p>
      </dialog>`;
  }

  #renderView(state: LicenseState): TemplateResult {
    const t = this.t;
    if (this.view === 'list' || !this.panel) return this.#renderList(state);
    const titles: Record<PanelView, string> = {
      account: t.accounts,
      download: t.download,
      add: t.addLicense,
      notifications: t.notifications,
      return: t.returnToCloud,
    };
    return html`<section aria-labelledby="view-title">
      <h3 id="view-title" tabindex="-1">${titles[this.view]}</h3>
      ${this.#props(this.panel, state)}
      <p><button type="button" @click=${() => this.#go('list')}>${t.back}</button></p>
    </section>`;
  }

  #renderList(state: LicenseState): TemplateResult {
    const t = this.t;
    const action = (view: ManageView, label: string) =>
      html`<button type="button" part="action" data-view=${view} @click=${() => this.#go(view)}>
        ${label}
      </button>`;
    return html`<div class="actions" role="group" aria-label=${t.manageLicenses}>
        ${action('account', t.accounts)} ${action('download', t.download)} ${action('add', t.addLicense)}
        ${action('notifications', t.notifications)} ${action('return', t.returnToCloud)}
      </div>
      ${this.pending ? this.#props(this.pending, state) : nothing}
      ${
        state.licenses.length === 0
          ? html`<p part="empty" class="message">${t.noLicenses}</p>`
          : html`<div class="table-wrap">
              <table part="table">
                <caption class="visually-hidden">
                  ${t.licensesTable}
                </caption>
                <thead>
                  <tr>
                    <th scope="col"><span class="visually-hidden">${t.returnToCloud}</span></th>
                    <th scope="col">${t.segmentController}</th>
                    <th scope="col">${t.description}</th>
                    <th scope="col">${t.status}</th>
                    <th scope="col">${t.activated}</th>
                    <th scope="col">${t.licenseId}</th>
                    <th scope="col">${t.note}</th>
                  </tr>
                </thead>
                <tbody>
                  ${state.licenses.map((license) => this.#renderLicense(state, license))}
                </tbody>
              </table>
            </div>`
      }`;
  }

  #renderLicense(state: LicenseState, license: LicenseEntry): TemplateResult {
    const t = this.t;
    const id = license.licenseId;
    return html`<tr>
      <td>
        <input
          type="checkbox"
          aria-label=${t.select(id)}
          .checked=${this.selected.has(id)}
          @change=${(e: Event) => this.#toggle(id, (e.target as HTMLInputElement).checked)}
        />
      </td>
      <td class="text">${license.segmentController}</td>
      <td>${t.describe(license.kind, license.capacity, license.termYears, license.trial)}</td>
      <td>${t.licenseStatus[license.status]}</td>
      <td>${isoDay(license.activatedAt, state.timeZone)}</td>
      <td><code>${id}</code></td>
      <td>
        <input
          type="text"
          class="text"
          maxlength="500"
          aria-label=${t.noteFor(id)}
          .value=${license.note}
          @change=${(e: Event) => this.#saveNote(id, e.target as HTMLInputElement)}
        />
      </td>
    </tr>`;
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  /** Raises the request event; true when the component should carry the action out itself. */
  #request(event: Event): boolean {
    return emit(this, event) && this.activeSource !== undefined;
  }

  async #saveNote(licenseId: string, input: HTMLInputElement): Promise<void> {
    const note = input.value;
    if (!this.#request(new LicRequestNoteEvent({ licenseId, note }))) return;
    const result = await this.activeSource!.saveNote(licenseId, note);
    this.notice = result.ok ? this.t.noteSaved : result.error.message;
  }
}
