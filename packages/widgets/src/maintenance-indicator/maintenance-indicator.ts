import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { maintenanceLabel } from '@smartserver-licensing/policy';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { LicElement } from '../internal/lic-element.js';
import { maintenanceAt, nextMaintenanceChange } from '../internal/rules.js';
import { baseStyles } from '../internal/styles.js';
import type { MaintenanceWording } from '../strings/index.js';
import { maintenanceStyles } from './maintenance-indicator.styles.js';

/** setTimeout holds at most about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The maintenance indicator (R16): Active, Expires <date>, or Inactive, with the end date in a
 * tooltip that opens on hover and on keyboard focus. The status follows the clock: it turns from
 * Active to Expires and to Inactive as dates pass, without a new state.
 *
 * @tagname lic-maintenance-indicator
 * @summary Maintenance status (R16) with the end date on hover and focus.
 *
 * @csspart base - The live region holding the indicator.
 * @csspart label - The focusable status text.
 * @csspart tooltip - The end-date tooltip.
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--lic-color-ok] - Dot colour while active.
 * @cssproperty [--lic-color-warning] - Dot colour while expiring.
 * @cssproperty [--lic-color-danger] - Dot colour while inactive.
 * @cssproperty [--lic-tooltip-background] - Tooltip background.
 * @cssproperty [--lic-tooltip-color] - Tooltip text colour.
 */
export class LicMaintenanceIndicator extends LicElement {
  static override styles = [baseStyles, maintenanceStyles];

  /** `default`: Active / Expires / Inactive; `dated`: Active / Expiring / Expired (other releases). */
  @property() wording: 'default' | 'dated' = 'default';

  /** Replaces the words of the three states entirely (takes precedence over `wording`). */
  @property({ attribute: false }) labels?: MaintenanceWording;

  /** The clock, for stories and tests; the real time when unset. */
  @property({ attribute: false }) now?: Date;

  @state() private dismissed = false;
  #timer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    clearTimeout(this.#timer);
    const state = this.snapshot.state;
    if (!state || this.now || !this.isConnected) return;
    const wait = nextMaintenanceChange(state, new Date());
    // Re-render when the status changes; long waits are split into timer-sized steps.
    if (wait !== undefined)
      this.#timer = setTimeout(() => this.requestUpdate(), Math.min(MAX_TIMER_MS, wait + 1000));
  }

  override render() {
    return this.renderPhase((state) => this.#renderStatus(state));
  }

  #renderStatus(state: LicenseState) {
    const t = this.t;
    const info = maintenanceAt(state, this.now ?? new Date());
    const words =
      this.labels ?? (this.wording === 'dated' ? t.maintenanceWordingDated : t.maintenanceWording);
    const text = maintenanceLabel(info, words);
    const tip =
      info.endDate === null
        ? t.maintenanceNone
        : info.status === 'inactive'
          ? t.maintenanceEnded(info.endDate)
          : t.maintenanceEnds(info.endDate);
    return html`<span
      part="base"
      class="base ${info.status} ${this.dismissed ? 'dismissed' : ''}"
      role="status"
    >
      <span
        part="label"
        class="label"
        tabindex="0"
        aria-describedby="tip"
        @keydown=${this.#onKeydown}
        @blur=${() => (this.dismissed = false)}
        @mouseleave=${() => (this.dismissed = false)}
        ><span class="dot" aria-hidden="true"></span
        ><span class="visually-hidden">${t.maintenance}: </span>${text}</span
      >
      <span part="tooltip" class="tooltip" id="tip" role="tooltip" aria-label=${tip}>${tip}</span>
    </span>`;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this.dismissed) {
      this.dismissed = true;
      event.stopPropagation();
    }
  }
}
