import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { LicenseSource } from '@smartserver-licensing/client';
import { licenseSourceContext } from '../context.js';
import { WIDGETS_VERSION } from '../internal/define-element.js';

/**
 * Hands one `LicenseSource` to every license component inside it, so each needs no `source` of its own.
 *
 * @tagname lic-license-provider
 * @summary Provides a LicenseSource to the components it contains.
 * @slot - The components (and any other content).
 */
export class LicLicenseProvider extends LitElement {
  /** @internal */
  static widgetsVersion = WIDGETS_VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The source the contained components read from. */
  @property({ attribute: false }) source?: LicenseSource;

  #provider = new ContextProvider(this, { context: licenseSourceContext });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.#provider.setValue(this.source);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
