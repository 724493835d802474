// Styles shared by the action panels of the Manage Licenses dialog; they load with the panels.
import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }
  h4,
  p {
    margin: 0;
  }
  h4 {
    font-size: 1em;
  }
  form,
  fieldset,
  .step {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  label {
    display: grid;
    gap: 0.2rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .invalid,
  .warning {
    border-inline-start: 3px solid var(--_warning);
    padding-inline-start: 0.5rem;
  }
  .invalid,
  .danger {
    border-color: var(--_danger);
  }
  .drop {
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
    inline-size: 100%;
  }
  .drop.over {
    border-color: var(--_accent);
  }
  .ok {
    color: var(--_ok);
  }
  .failed {
    color: var(--_danger);
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  code {
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  progress {
    inline-size: min(100%, 20rem);
  }
`;
