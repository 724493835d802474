// Returns the cloud has not heard of yet (R19): the licenses no longer count on this SmartServer,
// and each receipt waits to be delivered. "Try again" delivers them now; a receipt can also go to
// the License Customer Portal as a file. Renders nothing while there is none.
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PendingReturn } from '@smartserver-licensing/client';
import { LicRequestDeliverReturnsEvent, LicRequestReceiptEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { isoDay } from '../../internal/format.js';
import { saveFile } from '../../internal/save-file.js';
import { ManagePanel } from './panel.js';

/** @internal The pending returns of `<lic-manage-licenses>`, on its license list and Return panel. */
export class LicManagePending extends ManagePanel {
  static override styles = [
    ...ManagePanel.styles,
    css`
      :host(:not([hidden])) {
        border-inline-start: 3px solid var(--_warning);
        padding-inline-start: 0.75rem;
      }
      .heading {
        font-weight: 600;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
        margin-block: 0.25rem;
      }
    `,
  ];

  /** The level of its heading: 3 on the license list, 4 inside a panel. */
  @property({ type: Number }) level = 3;

  @state() private returns: PendingReturn[] = [];
  /** True once "Try again" delivered the last one: says so where the list was. */
  @state() private delivered = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** Loads the pending returns again (after a return was made). */
  async reload(): Promise<void> {
    const result = await this.source?.pendingReturns();
    if (!result) return;
    if (result.ok) {
      this.returns = result.value;
      this.delivered = false;
    } else this.problem = this.say(result.error);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.hidden = this.returns.length === 0 && !this.delivered && !this.problem;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The list and its button are gone: focus the sentence that replaced them.
    if (changed.has('delivered') && this.delivered)
      this.renderRoot.querySelector<HTMLElement>('#delivered')?.focus();
  }

  override render() {
    const t = this.t;
    if (this.delivered) return html`<p class="ok" id="delivered" tabindex="-1">${t.allDelivered}</p>`;
    if (this.returns.length === 0) return this.renderProblem();
    return html`<p role="heading" aria-level=${this.level} id="pending-title" class="heading">
        ${t.pendingTitle}
      </p>
      <p id="pending-intro">${t.pendingIntro}</p>
      ${this.renderProblem()}
      <ul aria-labelledby="pending-title">
        ${this.returns.map(
          (r) =>
            html`<li>
              <code>${r.licenseId}</code>
              <span>${t.returnedOn(isoDay(r.returnedAt, this.state?.timeZone ?? 'UTC'))}</span>
              ${r.lastError ? html`<span class="hint text">${t.lastTry(r.lastError)}</span>` : nothing}
              <button
                type="button"
                aria-label=${t.downloadReceiptFor(r.licenseId)}
                @click=${() => this.#receipt(r)}
              >
                ${t.downloadReceipt}
              </button>
            </li>`,
        )}
      </ul>
      <p>
        <button type="button" aria-describedby="pending-intro" ?disabled=${this.busy} @click=${this.#deliver}>
          ${this.busy ? t.working : t.retry}
        </button>
      </p>`;
  }

  #deliver = async (): Promise<void> => {
    if (!this.request(new LicRequestDeliverReturnsEvent())) return;
    const t = this.t;
    this.problem = '';
    this.busy = true;
    const result = await this.source!.deliverReturns();
    this.busy = false;
    if (!result.ok) {
      this.problem = this.say(result.error);
      return;
    }
    this.returns = result.value;
    this.delivered = result.value.length === 0;
    this.announce(this.delivered ? t.allDelivered : t.stillWaiting(result.value.length));
  };

  async #receipt(pending: PendingReturn): Promise<void> {
    const { activationId, licenseId } = pending;
    if (!this.request(new LicRequestReceiptEvent({ activationId, licenseId }))) return;
    this.problem = '';
    const result = await this.source!.receiptFile(activationId);
    if (!result.ok) {
      this.problem = this.say(result.error);
      return;
    }
    saveFile(result.value);
    this.announce(this.t.receiptSaved(result.value.filename));
  }
}

defineElement('lic-manage-pending', LicManagePending);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-pending': LicManagePending;
  }
}
