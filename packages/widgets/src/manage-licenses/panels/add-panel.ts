// Add License offline, in two steps (R20, R21): 1. create an activation request (a file this
// SmartServer signs, for the License Customer Portal or support), 2. add the activation file that
// comes back.
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { TokenResult } from '@smartserver-licensing/client';
import {
  FILE_FORMATS,
  MAX_ACTIVATION_FILE_CHARS,
  parseActivationFileText,
} from '@smartserver-licensing/schemas';
import { LicRequestActivationRequestEvent, LicRequestAddFileEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { saveFile } from '../../internal/save-file.js';
import { ManagePanel } from './panel.js';

/** @internal The Add License panel of `<lic-manage-licenses>`. */
export class LicManageAdd extends ManagePanel {
  static override styles = [
    ...ManagePanel.styles,
    css`
      .step {
        border-inline-start: 3px solid var(--_border);
        padding-inline-start: 0.75rem;
      }
    `,
  ];

  @state() private tokens: TokenResult[] = [];
  @state() private dragging = false;
  @state() private creating = false;
  /** What became of the last activation request. */
  @state() private requestNote = '';

  override render() {
    const t = this.t;
    return html`${this.renderProblem()}
      <section class="step" aria-labelledby="request-step">
        <h4 id="request-step">${t.requestStep}</h4>
        <p class="hint" id="request-hint">${t.requestHint}</p>
        <button
          type="button"
          aria-describedby="request-hint"
          ?disabled=${this.creating}
          @click=${this.#createRequest}
        >
          ${this.creating ? t.working : t.createRequest}
        </button>
        <p role="status">${this.requestNote}</p>
      </section>
      <section class="step" aria-labelledby="file-step">
        <h4 id="file-step">${t.fileStep}</h4>
        <div
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
            aria-describedby="drop-hint"
            @change=${this.#onFilePicked}
            ?disabled=${this.busy}
          />
          <p class="hint" id="drop-hint">${t.dropHint}</p>
        </div>
        ${this.busy ? html`<p role="status">${t.working}</p>` : nothing}
        ${this.renderResults(
          this.tokens.map((r) => ({
            ...r,
            label: `${t.token(r.index + 1)}${r.licenseId ? ` (${r.licenseId})` : ''}`,
          })),
        )}
      </section>`;
  }

  #createRequest = async (): Promise<void> => {
    this.problem = this.requestNote = '';
    if (!this.request(new LicRequestActivationRequestEvent())) return;
    this.creating = true;
    const result = await this.source!.createActivationRequest();
    this.creating = false;
    if (!result.ok) {
      this.problem = this.say(result.error);
      return;
    }
    saveFile(result.value);
    this.requestNote = this.t.requestSaved(result.value.filename);
  };

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

  /** Why a text cannot be an activation file, in words; undefined when it may be one. */
  #refusal(text: string): string | undefined {
    const parsed = parseActivationFileText(text);
    if (parsed.ok) return undefined;
    const t = this.t;
    let format: unknown;
    try {
      format = (JSON.parse(text) as { format?: unknown } | null)?.format;
    } catch {
      // Not JSON: not an activation file either.
    }
    if (format === FILE_FORMATS.activationRequest) return t.fileIsRequest;
    if (format === FILE_FORMATS.returnReceipt) return t.fileIsReceipt;
    if (parsed.error.code === 'TOO_LARGE') return t.fileTooLarge;
    return this.wordsFor(
      parsed.error.issues[0]?.path === 'version' ? 'FILE_UNSUPPORTED_VERSION' : 'FILE_MALFORMED',
    );
  }

  async #addFile(file: File): Promise<void> {
    this.problem = '';
    this.tokens = [];
    // A UTF-8 file has at least as many bytes as characters: the size alone can refuse it unread.
    const text = file.size > MAX_ACTIVATION_FILE_CHARS * 4 ? null : await file.text();
    const refusal = text === null ? this.t.fileTooLarge : this.#refusal(text);
    if (refusal !== undefined || text === null) {
      this.problem = refusal ?? '';
      return;
    }
    if (!this.request(new LicRequestAddFileEvent({ fileName: file.name, text }))) return;
    this.busy = true;
    const result = await this.source!.addLicenseFile(text);
    this.busy = false;
    if (result.ok) this.tokens = result.value;
    else this.problem = this.say(result.error);
  }
}

defineElement('lic-manage-add', LicManageAdd);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-add': LicManageAdd;
  }
}
