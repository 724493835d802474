// Manage Customer Accounts (R19): this SmartServer as the portals know it (segment controller,
// SmartServer ID, Install Code, Customer ID), and linking it to a customer account.
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { AccountResponse } from '@smartserver-licensing/client';
import { parseCustomerId } from '@smartserver-licensing/schemas';
import { LicRequestAccountEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { ManagePanel } from './panel.js';

/** @internal The Manage Customer Accounts panel of `<lic-manage-licenses>`. */
export class LicManageAccount extends ManagePanel {
  static override styles = [
    ...ManagePanel.styles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.4rem 1rem;
        margin: 0;
        align-items: baseline;
      }
      dd {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .install-code {
        font-family: var(--lic-font-mono, ui-monospace, monospace);
        font-size: 1.15em;
        letter-spacing: 0.08em;
        white-space: nowrap;
      }
      .install-code b {
        font-weight: inherit;
        color: var(--_muted);
        padding-inline: 0.1em;
      }
      dd .hint {
        flex-basis: 100%;
      }
    `,
  ];

  /** Undefined while loading; null when it could not be loaded. */
  @state() private account: AccountResponse | null | undefined;
  @state() private invalid = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const result = await this.source?.getAccount();
    if (!result) return;
    this.account = result.ok ? result.value : null;
    if (!result.ok) this.problem = this.say(result.error);
  }

  override render() {
    const t = this.t;
    const account = this.account;
    return html`${this.renderProblem()}
      ${
        account
          ? html`<dl>
              <dt>${t.segmentController}</dt>
              <dd class="text">${account.segmentController}</dd>
              <dt>${t.smartServerId}</dt>
              <dd><code>${account.smartServerId}</code></dd>
              <dt>${t.installCode}</dt>
              <dd>
                <code class="install-code"
                  >${account.installCode.split('-').map((group, i) => html`${i ? html`<b>-</b>` : nothing}${group}`)}</code
                >
                <button type="button" @click=${() => this.#copy(account.installCode)}>
                  ${t.copyInstallCode}
                </button>
                <span class="hint">${t.installCodeHint}</span>
              </dd>
              <dt>${t.customerId}</dt>
              <dd>${account.customerId ? html`<code>${account.customerId}</code>` : t.noAccount}</dd>
            </dl>`
          : account === undefined && this.source
            ? html`<p class="message" role="status">${t.loading}</p>`
            : nothing
      }
      <form @submit=${this.#save} novalidate>
        <h4>${t.linkAccount}</h4>
        <label for="customer-id">${t.customerId}</label>
        <input
          id="customer-id"
          name="customerId"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="customer-id-hint"
          aria-invalid=${this.invalid ? 'true' : 'false'}
        />
        <p class="hint" id="customer-id-hint">${t.customerIdHint}</p>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.save}</button>
      </form>`;
  }

  #copy(installCode: string): void {
    const t = this.t;
    const copied = navigator.clipboard?.writeText(installCode) ?? Promise.reject(new Error('no clipboard'));
    copied.then(
      () => this.announce(t.copied),
      () => this.announce(t.copyFailed),
    );
  }

  #save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const t = this.t;
    const input = (event.target as HTMLFormElement).elements.namedItem('customerId') as HTMLInputElement;
    const parsed = parseCustomerId(input.value.trim());
    this.invalid = !parsed.ok;
    if (!parsed.ok) {
      this.problem = t.customerIdInvalid;
      input.focus();
      return;
    }
    this.problem = '';
    if (!this.request(new LicRequestAccountEvent({ customerId: parsed.value }))) return;
    this.busy = true;
    const result = await this.source!.setCustomerAccount(parsed.value);
    this.busy = false;
    if (!result.ok) {
      this.problem = this.say(result.error, {
        KEY_CONFLICT: t.keyConflict(this.account?.installCode ?? '?'),
        NOT_FOUND: t.accountUnknown,
      });
      return;
    }
    if (this.account) this.account = { ...this.account, customerId: result.value };
    else void this.#load();
    this.announce(t.saved);
  };
}

defineElement('lic-manage-account', LicManageAccount);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-account': LicManageAccount;
  }
}
