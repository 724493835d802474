// Download Licenses from the Cloud (R19): the account's licenses, chosen ones activated one by one
// with progress and a result each.
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { CloudLicense, LicenseActionResult } from '@smartserver-licensing/client';
import { LicRequestDownloadEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { ManagePanel } from './panel.js';

/** @internal The Download Licenses from the Cloud panel of `<lic-manage-licenses>`. */
export class LicManageDownload extends ManagePanel {
  /** Undefined while loading; null when the list could not be loaded. */
  @state() private cloud: CloudLicense[] | null | undefined;
  @state() private chosen: ReadonlySet<string> = new Set();
  @state() private progress?: { done: number; total: number };
  @state() private results: LicenseActionResult[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#list();
  }

  async #list(): Promise<void> {
    const source = this.source;
    if (!source) return;
    this.cloud = undefined;
    this.problem = '';
    const result = await source.listCloudLicenses();
    this.cloud = result.ok ? result.value : null;
    if (!result.ok) this.problem = this.say(result.error);
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  override render() {
    const t = this.t;
    const cloud = this.cloud;
    const working = this.progress !== undefined && this.progress.done < this.progress.total;
    return html`${this.renderProblem()}
      <p><button type="button" @click=${() => this.#list()}>${t.listCloud}</button></p>
      ${
        cloud === undefined && this.source
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
                              this.#toggle(license.licenseId, (e.target as HTMLInputElement).checked)}
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
      ${this.renderResults(this.results.map((r) => ({ label: r.licenseId, ...r })))}`;
  }

  #download = async (): Promise<void> => {
    const ids = [...this.chosen];
    if (ids.length === 0 || !this.request(new LicRequestDownloadEvent({ licenseIds: ids }))) return;
    this.results = [];
    this.progress = { done: 0, total: ids.length };
    const result = await this.source!.downloadLicenses(ids, (done, total, last) => {
      this.progress = { done, total };
      this.results = [...this.results, last];
    });
    this.chosen = new Set();
    await this.#list();
    if (!result.ok) this.problem = this.say(result.error);
  };
}

defineElement('lic-manage-download', LicManageDownload);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-download': LicManageDownload;
  }
}
