// Styles of the action panels, loaded with them: a <style> in the panel's own template.
import { html } from 'lit';

export const panelStyles = html`<style>
  form,
  fieldset {
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
    margin: 0;
  }
  .invalid {
    color: inherit;
    border-inline-start: 3px solid var(--_danger);
    padding-inline-start: 0.5rem;
    margin: 0;
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
  .warning {
    border-inline-start: 3px solid var(--_warning);
    padding-inline-start: 0.5rem;
    margin: 0;
  }
  .danger {
    border-color: var(--_danger);
  }
  progress {
    inline-size: min(100%, 20rem);
  }
</style>`;
