import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { LicElement } from '../internal/lic-element.js';
import { baseStyles } from '../internal/styles.js';
import { capacityStyles } from './capacity-indicator.styles.js';

/**
 * Licensed against used device capacity (R10), as a meter, with the red exclamation badge when
 * the state says capacity is zero or below the devices defined (R14).
 *
 * @tagname lic-capacity-indicator
 * @summary Device capacity: licensed vs used, with the R14 badge.
 *
 * @csspart base - The wrapper of the whole indicator.
 * @csspart label - The "Device capacity" caption (visually hidden in the compact variant).
 * @csspart meter - The meter track (`role="meter"`).
 * @csspart fill - The used part of the track.
 * @csspart value - The "used / licensed" figures.
 * @csspart badge - The red exclamation badge (R14).
 * @csspart detail - The line that counts unlicensed devices (full variant).
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--lic-meter-height=0.5rem] - Thickness of the meter.
 * @cssproperty [--lic-meter-track] - Colour of the empty track.
 * @cssproperty [--lic-meter-fill] - Colour of the used part (the danger colour once over capacity).
 * @cssproperty [--lic-color-danger] - Colour of an exceeded meter.
 * @cssproperty [--lic-badge-background=#b3261e] - Badge colour.
 * @cssproperty [--lic-badge-color=#fff] - Badge text colour.
 */
export class LicCapacityIndicator extends LicElement {
  static override styles = [baseStyles, capacityStyles];

  /** `full` shows the caption and the unlicensed count; `compact` only the meter, figures and badge. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  override render() {
    return this.renderPhase((state) => this.#renderCapacity(state));
  }

  #renderCapacity(state: LicenseState) {
    const t = this.t;
    if (!state.licensingRequired) {
      return html`<div part="base" class="message">${t.notRequired}</div>`;
    }
    const { licensed, used, unlicensed, badge } = state.capacity;
    const max = Math.max(licensed, 1);
    const fill = Math.min(100, (used / max) * 100);
    const over = used > licensed;
    return html`<div part="base" class="base ${this.variant} ${over ? 'over' : ''}">
      <span part="label" class="label" id="label">${t.capacity}</span>
      <div
        part="meter"
        class="meter"
        role="meter"
        aria-labelledby="label"
        aria-valuemin="0"
        aria-valuemax=${max}
        aria-valuenow=${Math.min(used, max)}
        aria-valuetext=${t.capacityValue(used, licensed)}
        style=${`--_fill:${fill}%`}
      >
        <div part="fill" class="fill"></div>
      </div>
      <span part="value" class="value" aria-hidden="true">${t.capacityShort(used, licensed)}</span>
      ${
        badge
          ? html`<span
              part="badge"
              class="badge"
              role="img"
              aria-label=${t.capacityBadge}
              title=${t.capacityBadge}
              >!</span
            >`
          : html`<span></span>`
      }
      ${
        this.variant === 'full' && (unlicensed > 0 || licensed === 0)
          ? html`<span part="detail" class="detail"
              >${licensed === 0 ? t.capacityNone : t.unlicensedCount(unlicensed)}</span
            >`
          : nothing
      }
    </div>`;
  }
}
