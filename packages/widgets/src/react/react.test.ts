// The React wrappers as a React app uses them: rendered by react-dom into the page.
import { expect, fixture, html } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryLicenseSource } from '@smartserver-licensing/client';
import { situationState } from '@smartserver-licensing/policy/testing';
import { LicOpenEvent, LicRequestCloseEvent } from '../events.js';
import type { LicLicenseProvider as ProviderElement } from '../license-provider/license-provider.js';
import type { LicManageLicenses as ManageElement } from '../manage-licenses/manage-licenses.js';
import { $, until } from '../../test/helpers.js';
import { LicLicenseProvider, LicManageLicenses, type LicProps } from './index.js';

describe('React wrappers', () => {
  let root: Root | undefined;
  afterEach(() => {
    root?.unmount();
    root = undefined;
  });

  async function render(props: LicProps<typeof LicManageLicenses>) {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const source = new MemoryLicenseSource({ state: situationState('licensed'), userType: 'Owner' });
    root = createRoot(host);
    root.render(createElement(LicLicenseProvider, { source }, createElement(LicManageLicenses, props)));
    await until(() => host.querySelector('lic-manage-licenses') !== null, 'React rendered');
    const provider = host.querySelector<ProviderElement>('lic-license-provider')!;
    const manage = host.querySelector<ManageElement>('lic-manage-licenses')!;
    await manage.updateComplete;
    return { source, provider, manage };
  }

  it('registers the elements it wraps', () => {
    expect(customElements.get('lic-manage-licenses')).to.not.equal(undefined);
    expect(customElements.get('lic-license-provider')).to.not.equal(undefined);
  });

  it('sets props as properties: an object source and a boolean reach the elements', async () => {
    const { source, provider, manage } = await render({ noAutoOpen: true, userType: 'Owner' });
    expect(provider.source).to.equal(source);
    expect(manage.noAutoOpen).to.equal(true);
    expect(manage.userType).to.equal('Owner');
    // The source came through the provider: the Owner's trigger is rendered, not a loading line.
    expect(manage.shadowRoot!.querySelector('[part~="trigger"]')).to.not.equal(null);
  });

  it('calls onLicOpen with the LicOpenEvent, and onLicRequestClose can keep the dialog open', async () => {
    const opened: LicOpenEvent[] = [];
    const closing: LicRequestCloseEvent[] = [];
    const { manage } = await render({
      noAutoOpen: true,
      onLicOpen: (event) => opened.push(event),
      onLicRequestClose: (event) => {
        closing.push(event);
        event.preventDefault();
      },
    });
    $(manage, '[part~="trigger"]').click();
    await until(() => opened.length === 1, 'lic-open');
    expect(opened[0]).to.be.instanceOf(LicOpenEvent);
    expect(opened[0]!.detail.auto).to.equal(false);

    $(manage, '[part~="close"]').click();
    await until(() => closing.length === 1, 'lic-request-close');
    expect(closing[0]).to.be.instanceOf(LicRequestCloseEvent);
    expect(closing[0]!.detail.reason).to.equal('close-button');
    await manage.updateComplete;
    expect(manage.open).to.equal(true);
  });
});
