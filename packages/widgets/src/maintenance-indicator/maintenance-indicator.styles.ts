import { css } from 'lit';

export const maintenanceStyles = css`
  :host {
    display: inline-block;
    position: relative;
  }
  .label {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    border-radius: var(--_radius);
    padding: 0.1em 0.25em;
  }
  .dot {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--_muted);
  }
  .active .dot {
    background: var(--_ok);
  }
  .expiring .dot {
    background: var(--_warning);
  }
  .inactive .dot {
    background: var(--_danger);
  }
  .tooltip {
    position: absolute;
    inset-block-start: calc(100% + 0.25rem);
    inset-inline-start: 0;
    z-index: 1;
    inline-size: max-content;
    max-inline-size: 20rem;
    padding: 0.25rem 0.5rem;
    border-radius: var(--_radius);
    background: var(--lic-tooltip-background, light-dark(#222, #eee));
    color: var(--lic-tooltip-color, light-dark(#fff, #111));
    font-size: 0.9em;
    visibility: hidden;
  }
  /* Hover and keyboard focus both reach the date (R16); Escape hides it until focus leaves. */
  .label:hover + .tooltip,
  .label:focus-visible + .tooltip {
    visibility: visible;
  }
  .dismissed .tooltip {
    visibility: hidden !important;
  }
`;
