// The base of every component: where the data comes from (a source, the nearest provider, or plain
// properties), which locale speaks, and the loading / error states they all share.
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { SourceError, type LicenseSnapshot, type LicenseSource } from '@smartserver-licensing/client';
import type { LicenseState, UserType } from '@smartserver-licensing/schemas';
import { licenseSourceContext } from '../context.js';
import { loadStrings, stringsFor, stringsReady, type LicStrings } from '../strings/index.js';
import { WIDGETS_VERSION } from './define-element.js';

export abstract class LicElement extends LitElement {
  /** Lets a guarded define tell this version from another one on the same page. @internal */
  static widgetsVersion = WIDGETS_VERSION;

  /** Where the state comes from; without it the nearest `<lic-license-provider>` is used. */
  @property({ attribute: false }) source?: LicenseSource;

  /** A state to render without any source (static use). */
  @property({ attribute: false }) state?: LicenseState | null;

  /** The signed-in CMS user's type, when no source says it (or to override it). */
  @property({ attribute: 'user-type' }) userType?: UserType;

  /** Shows this error message instead of the state (static use). */
  @property() error?: string;

  /** Language of the strings (`en`, `de`); by default the closest `lang` attribute. */
  @property() locale?: string;

  /** Replaces some of the strings of the locale's table. */
  @property({ attribute: false }) strings?: Partial<LicStrings>;

  /** The source of the nearest `<lic-license-provider>` (or any @lit/context provider of the context). @internal */
  @state() protected contextSource?: LicenseSource;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: licenseSourceContext,
      subscribe: true,
      callback: (source) => (this.contextSource = source),
    });
  }

  #subscribed?: LicenseSource;
  #unsubscribe?: () => void;

  /** @internal */
  protected get activeSource(): LicenseSource | undefined {
    return this.source ?? this.contextSource;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resubscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = this.#subscribed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('source') || changed.has('contextSource')) this.#resubscribe();
  }

  #resubscribe(): void {
    const source = this.activeSource;
    if (source === this.#subscribed && (this.#unsubscribe || !source)) return;
    this.#unsubscribe?.();
    this.#subscribed = source;
    this.#unsubscribe = source?.subscribe(() => this.requestUpdate());
  }

  /** What to render now. @internal */
  protected get snapshot(): LicenseSnapshot {
    const source = this.activeSource;
    if (source) {
      const snap = source.snapshot;
      return this.userType ? { ...snap, userType: this.userType } : snap;
    }
    return {
      phase: this.error ? 'error' : this.state ? 'ready' : 'loading',
      state: this.state ?? null,
      userType: this.userType ?? null,
      error: this.error ? new SourceError('HTTP', this.error) : null,
    };
  }

  /** @internal */
  protected get resolvedLocale(): string {
    return (
      this.locale ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? 'en'
    );
  }

  /** The strings of the current locale. @internal */
  protected get t(): LicStrings {
    const locale = this.resolvedLocale;
    // Until another language's table has loaded, English stands in; the table re-renders us.
    if (!stringsReady(locale)) void loadStrings(locale).then(() => this.requestUpdate());
    const table = stringsFor(locale);
    return this.strings ? { ...table, ...this.strings } : table;
  }

  /**
   * @internal
   * Renders the shared loading and error states, and `ready(state)` otherwise. An error with a
   * state still on hand shows the error: what is on screen must not look current when it is not.
   */
  protected renderPhase(ready: (state: LicenseState) => TemplateResult | string): TemplateResult | string {
    const snap = this.snapshot;
    const t = this.t;
    if (snap.phase === 'error') {
      return html`<div part="error" class="message error" role="alert">
        <span>${t.error} ${snap.error?.message ?? ''}</span>
        ${
          this.activeSource
            ? html`<button part="retry" type="button" @click=${() => this.activeSource?.refresh()}>
                ${t.retry}
              </button>`
            : ''
        }
      </div>`;
    }
    if (snap.phase === 'loading' || !snap.state) {
      return html`<div part="loading" class="message" role="status" aria-live="polite">${t.loading}</div>`;
    }
    return ready(snap.state);
  }
}
