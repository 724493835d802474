import { css } from 'lit';

export const manageStyles = css`
  :host {
    display: inline-block;
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .unavailable {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  dialog {
    inline-size: min(var(--lic-dialog-width, 72rem), calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_surface);
    color: var(--lic-color-text, CanvasText);
  }
  dialog::backdrop {
    background: var(--lic-backdrop, rgb(0 0 0 / 0.45));
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--_border);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.15em;
  }
  h3 {
    font-size: 1.05em;
    margin-block-end: 0.5rem;
  }
  .body {
    padding: 1rem;
    display: grid;
    gap: 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .table-wrap {
    overflow: auto;
    max-block-size: 60vh;
  }
  /* Fixed layout: column widths come from the header row, so 1,000 rows lay out in one pass. */
  table {
    border-collapse: collapse;
    inline-size: 100%;
    table-layout: fixed;
    min-inline-size: 56rem;
  }
  th:nth-child(1) {
    inline-size: 2.5rem;
  }
  th:nth-child(4),
  th:nth-child(5) {
    inline-size: 6.5rem;
  }
  th:nth-child(6) {
    inline-size: 19rem;
  }
  td {
    overflow-wrap: anywhere;
  }
  th,
  td {
    text-align: start;
    padding: 0.3rem 0.5rem;
    border-block-end: 1px solid color-mix(in srgb, currentColor 12%, transparent);
    vertical-align: middle;
  }
  th {
    position: sticky;
    inset-block-start: 0;
    background: var(--_surface);
  }
  code {
    font-size: 0.85em;
    white-space: nowrap;
  }
  td input[type='text'] {
    inline-size: 100%;
  }
  .notice:empty {
    display: none;
  }
  .notice {
    margin: 0;
    padding: 0 1rem 1rem;
  }
`;
