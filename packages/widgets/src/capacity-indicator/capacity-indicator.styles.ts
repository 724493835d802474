import { css } from 'lit';

export const capacityStyles = css`
  :host {
    display: inline-block;
    min-inline-size: 10rem;
  }
  .base {
    display: grid;
    grid-template-columns: 1fr auto auto;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  .label {
    grid-column: 1 / -1;
    font-weight: 600;
  }
  .meter {
    block-size: var(--lic-meter-height, 0.5rem);
    border-radius: 999px;
    background: var(--lic-meter-track, color-mix(in srgb, currentColor 15%, transparent));
    overflow: hidden;
  }
  .fill {
    block-size: 100%;
    inline-size: var(--_fill);
    background: var(--lic-meter-fill, var(--_accent));
  }
  .over .fill {
    background: var(--_danger);
  }
  .value {
    font-variant-numeric: tabular-nums;
  }
  .detail {
    grid-column: 1 / -1;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .compact .label {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .compact .meter {
    min-inline-size: 4rem;
  }
`;
