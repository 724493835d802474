import { css } from 'lit';

export const deviceListStyles = css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
    margin-block-end: 0.5rem;
  }
  .toolbar label {
    display: grid;
    gap: 0.15rem;
    font-size: 0.9em;
  }
  .count {
    color: var(--_muted);
    margin-inline-start: auto;
  }
  .table {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .row {
    display: grid;
    grid-template-columns: var(--lic-device-columns, minmax(8rem, 2fr) 6rem 8rem 7rem minmax(14rem, 3fr));
    align-items: center;
    gap: 0 0.5rem;
    padding-inline: 0.5rem;
    block-size: var(--_row-height);
    border-block-end: 1px solid color-mix(in srgb, currentColor 10%, transparent);
  }
  .head .row {
    font-weight: 600;
    border-block-end-color: var(--_border);
  }
  .head button {
    border: 0;
    padding: 0.1rem 0.25rem;
    font-weight: inherit;
  }
  .viewport {
    position: relative;
    overflow: auto;
    block-size: var(--lic-device-list-height, 24rem);
    contain: strict;
  }
  .spacer {
    position: relative;
  }
  .body .row {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
  }
  [role='cell'] {
    min-inline-size: 0;
    display: flex;
    align-items: center;
    gap: 0.35em;
  }
  .name .text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .ops {
    gap: 0.25rem;
  }
  .ops button {
    font-size: 0.85em;
    padding: 0.1em 0.4em;
    white-space: nowrap;
  }
  .unlicensed-text {
    color: var(--_unlicensed);
  }
  .empty {
    padding: 1rem;
  }
`;
