// The base of the Manage Licenses dialog's action panels: internal elements that the dialog loads
// on first use and hands its strings, source and state. A panel raises the dialog's cancelable
// `lic-request-*` events itself (they bubble out through the dialog) and says outcomes through
// the dialog's live region.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LicenseSource, SourceError } from '@smartserver-licensing/client';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { emit } from '../../internal/emit.js';
import { baseStyles } from '../../internal/styles.js';
import { enPanels } from '../../strings/en-panels.js';
import type { LicStrings } from '../../strings/index.js';
import { panelStyles } from './panel.styles.js';

/** What the dialog gives every panel. */
export interface PanelProps {
  strings: LicStrings;
  source: LicenseSource | undefined;
  state: LicenseState;
  /** Licenses ticked in the dialog's table (for a return). */
  selected: ReadonlySet<string>;
  /** Says an outcome in the dialog's polite live region. */
  announce: (text: string) => void;
  /** Unticks licenses in the dialog's table (after they were returned). */
  deselect: (licenseIds: ReadonlySet<string>) => void;
}

export interface ResultRow {
  label: string;
  ok: boolean;
  /** Shown instead of the "Done" / "Failed: …" wording. */
  text?: string;
  code?: string;
  message?: string;
}

export abstract class ManagePanel extends LitElement implements PanelProps {
  static override styles = [baseStyles, panelStyles];

  @property({ attribute: false }) strings!: LicStrings;
  @property({ attribute: false }) source: LicenseSource | undefined;
  @property({ attribute: false }) state!: LicenseState;
  @property({ attribute: false }) selected: ReadonlySet<string> = new Set();
  @property({ attribute: false }) announce: (text: string) => void = () => undefined;
  @property({ attribute: false }) deselect: (licenseIds: ReadonlySet<string>) => void = () => undefined;

  /** What went wrong last, in words; shown as an alert. */
  @state() protected problem = '';
  @state() protected busy = false;

  /** The dialog's strings, with the English panel strings (which load with the panels) beneath. */
  protected get t(): LicStrings {
    return { ...enPanels, ...this.strings };
  }

  /** Raises a request event; true when the panel should carry the action out itself. */
  protected request(event: Event): boolean {
    return emit(this, event) && this.source !== undefined;
  }

  /** Words for a code, or the message that came with it when the table has none. */
  protected wordsFor(code: string | undefined, message = ''): string {
    return (
      (code && Object.hasOwn(this.t.codes, code) ? this.t.codes[code] : undefined) ?? (message || code || '')
    );
  }

  /** A failed action in words: by the server's code, else the source's; `words` overrides the table. */
  protected say(error: SourceError, words: Record<string, string> = {}): string {
    const code = error.serverCode ?? error.code;
    return words[code] ?? this.wordsFor(code, error.message);
  }

  protected renderProblem(): TemplateResult | typeof nothing {
    return this.problem ? html`<p class="invalid" role="alert">${this.problem}</p>` : nothing;
  }

  protected renderResults(rows: ResultRow[]): TemplateResult | typeof nothing {
    const t = this.t;
    return rows.length === 0
      ? nothing
      : html`<ul class="results">
          ${rows.map(
            (row) =>
              html`<li>
                <code>${row.label}</code>:
                <span class="text ${row.ok ? 'ok' : 'failed'}"
                  >${row.text ?? (row.ok ? t.resultOk : t.resultFailed(this.wordsFor(row.code, row.message)))}</span
                >
              </li>`,
          )}
        </ul>`;
  }
}
