import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { DeviceStatus } from '@smartserver-licensing/schemas';
import { deviceIcon, deviceIconStyles } from '../internal/device-icon.js';
import { LicElement } from '../internal/lic-element.js';
import { baseStyles } from '../internal/styles.js';

/**
 * The licence icon of one device: purple for an unlicensed device (R11), with an accessible name.
 * Give it a `device` object, or a `device-id` to look up in the state. To ask whether an operation
 * is allowed for a device (and why not), use the exported `checkOperation` helper.
 *
 * @tagname lic-device-license-status
 * @summary Per-device licence icon (R11).
 *
 * @csspart base - The wrapper.
 * @csspart icon - The icon (`role="img"`).
 * @csspart label - The visible text, with `show-label`.
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--lic-color-unlicensed] - Colour of an unlicensed device (purple).
 * @cssproperty [--lic-color-licensed] - Colour of a licensed device.
 * @cssproperty [--lic-device-icon-size=1.25em] - Icon size.
 */
export class LicDeviceLicenseStatus extends LicElement {
  static override styles = [
    baseStyles,
    deviceIconStyles,
    css`
      :host {
        display: inline-block;
      }
      .base {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
      }
    `,
  ];

  /** The device to show; takes precedence over `device-id`. */
  @property({ attribute: false }) device?: DeviceStatus;

  /** Id of a device in the state. */
  @property({ attribute: 'device-id' }) deviceId?: string;

  /** Also write "Licensed" / "Unlicensed" next to the icon. */
  @property({ type: Boolean, attribute: 'show-label' }) showLabel = false;

  override render() {
    const t = this.t;
    if (this.device) return this.#renderDevice(this.device);
    return this.renderPhase((state) => {
      const device = state.devices.find((d) => d.id === this.deviceId);
      return device
        ? this.#renderDevice(device)
        : html`<span part="base" class="message">${t.unknownDevice}</span>`;
    });
  }

  #renderDevice(device: DeviceStatus) {
    const t = this.t;
    return html`<span part="base" class="base"
      >${deviceIcon(device, t)}${
        this.showLabel
          ? html`<span part="label" aria-hidden="true">${device.licensed ? t.licensed : t.unlicensed}</span>`
          : ''
      }</span
    >`;
  }
}
