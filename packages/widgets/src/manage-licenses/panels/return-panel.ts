// Return to Cloud (R19): the licenses ticked in the table stop counting here at once; the cloud
// frees them when it receives the return. A return the cloud has not heard of yet is said in plain
// words, and listed with the other pending returns.
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { LicenseActionResult } from '@smartserver-licensing/client';
import { LicRequestReturnEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { ManagePanel } from './panel.js';
import './pending-returns.js';
import type { LicManagePending } from './pending-returns.js';

/** @internal The Return to Cloud panel of `<lic-manage-licenses>`. */
export class LicManageReturn extends ManagePanel {
  @state() private results: LicenseActionResult[] = [];
  @query('lic-manage-pending') private pending?: LicManagePending;

  override render() {
    const t = this.t;
    const state = this.state;
    const chosen = state.licenses.filter((l) => this.selected.has(l.licenseId));
    const capacity = state.licenses.filter((l) => l.kind === 'capacity' && l.status === 'active');
    const all = capacity.length > 0 && capacity.every((l) => this.selected.has(l.licenseId));
    const waiting = this.results.some((r) => r.ok && r.delivered === false);
    return html`${this.renderProblem()}
      ${
        chosen.length === 0
          ? html`<p class="message">${t.returnSelectFirst}</p>`
          : html`<ul>
                ${chosen.map(
                  (l) =>
                    html`<li>
                      ${t.describe(l.kind, l.capacity, l.termYears, l.trial)} — <code>${l.licenseId}</code>
                    </li>`,
                )}
              </ul>
              <p class="warning" id="return-warning">${t.returnWarning}</p>
              ${
                all
                  ? html`<p class="warning danger" id="return-all" role="alert">${t.returnAllWarning}</p>`
                  : nothing
              }
              <p>
                <button
                  type="button"
                  class="danger"
                  aria-describedby=${all ? 'return-warning return-all' : 'return-warning'}
                  ?disabled=${this.busy}
                  @click=${() => this.#return(chosen.map((l) => l.licenseId))}
                >
                  ${this.busy ? t.working : t.confirmReturn(chosen.length)}
                </button>
              </p>`
      }
      ${this.renderResults(
        this.results.map((r) => ({
          ...r,
          label: r.licenseId,
          ...(r.ok && r.delivered === false ? { text: t.returnWaiting } : {}),
        })),
      )}
      ${waiting ? html`<p class="warning" id="not-delivered" role="alert">${t.returnNotDelivered}</p>` : nothing}
      <lic-manage-pending
        level="4"
        .strings=${this.strings}
        .source=${this.source}
        .state=${this.state}
        .announce=${this.announce}
      ></lic-manage-pending>`;
  }

  async #return(ids: string[]): Promise<void> {
    if (!this.request(new LicRequestReturnEvent({ licenseIds: ids }))) return;
    this.problem = '';
    this.busy = true;
    const result = await this.source!.returnLicenses(ids);
    this.busy = false;
    if (!result.ok) {
      this.problem = this.say(result.error);
      return;
    }
    this.results = result.value;
    this.deselect(new Set(result.value.filter((r) => r.ok).map((r) => r.licenseId)));
    await this.pending?.reload();
  }
}

defineElement('lic-manage-return', LicManageReturn);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-return': LicManageReturn;
  }
}
