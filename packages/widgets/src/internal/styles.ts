// Shared styles: the --lic-* tokens with their defaults, and the few patterns every component uses.
// Colours default to system colours and light-dark() pairs, so a dark host gets dark widgets.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_text: var(--lic-color-text, inherit);
    --_surface: var(--lic-color-surface, Canvas);
    --_muted: var(--lic-color-muted, color-mix(in srgb, currentColor 65%, transparent));
    --_border: var(--lic-color-border, color-mix(in srgb, currentColor 30%, transparent));
    --_accent: var(--lic-color-accent, light-dark(#0b62b3, #6cb4ff));
    --_ok: var(--lic-color-ok, light-dark(#1b7f3b, #5bd58a));
    --_warning: var(--lic-color-warning, light-dark(#a35c00, #ffb74d));
    --_danger: var(--lic-color-danger, light-dark(#b3261e, #ff8a80));
    --_unlicensed: var(--lic-color-unlicensed, light-dark(#7b1fa2, #ce93d8));
    --_radius: var(--lic-radius, 4px);
    --_focus: var(--lic-focus-ring, 2px solid var(--_accent));
    color: var(--_text);
    font-family: var(--lic-font-family, inherit);
    font-size: var(--lic-font-size, inherit);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--lic-button-background, transparent);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 0.75em;
    cursor: pointer;
  }
  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 0.5em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .message {
    display: flex;
    gap: 0.5em;
    align-items: center;
    color: var(--_muted);
  }
  .message.error {
    color: inherit;
    border-inline-start: 3px solid var(--_danger);
    padding-inline-start: 0.5em;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    inline-size: 1.25em;
    block-size: 1.25em;
    border-radius: 50%;
    background: var(--lic-badge-background, #b3261e);
    color: var(--lic-badge-color, #fff);
    font-weight: 700;
    font-size: 0.85em;
    line-height: 1;
  }
  .text {
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
  }
`;
