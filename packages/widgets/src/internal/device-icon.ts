// The per-device licence icon, shared by <lic-device-license-status> and the device list rows.
import { html, svg, css, type TemplateResult } from 'lit';
import type { DeviceStatus } from '@smartserver-licensing/schemas';
import type { LicStrings } from '../strings/index.js';

export function deviceIcon(device: DeviceStatus, t: LicStrings, part = 'icon'): TemplateResult {
  const label = device.licensed ? t.licensed : t.unlicensed;
  return html`<span
    part=${part}
    class="device-icon ${device.licensed ? 'licensed' : 'unlicensed'}"
    role="img"
    aria-label=${label}
    title=${label}
  >
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect
        x="1.5"
        y="3"
        width="13"
        height="10"
        rx="2"
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
      ></rect>
      ${
        device.licensed
          ? svg`<path d="M5 8.2l2 2 4-4.2" fill="none" stroke="currentColor" stroke-width="1.6"></path>`
          : svg`<path d="M8 5v3.6M8 10.4v.1" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"></path>`
      }
    </svg>
  </span>`;
}

export const deviceIconStyles = css`
  .device-icon {
    display: inline-grid;
    inline-size: var(--lic-device-icon-size, 1.25em);
    block-size: var(--lic-device-icon-size, 1.25em);
    flex: none;
  }
  .device-icon svg {
    inline-size: 100%;
    block-size: 100%;
  }
  .device-icon.licensed {
    color: var(--lic-color-licensed, var(--_ok));
  }
  /* R11: an unlicensed device is purple. */
  .device-icon.unlicensed {
    color: var(--_unlicensed);
  }
`;
