import { expect, fixture, html } from '@open-wc/testing';
import { situationState } from '@smartserver-licensing/policy/testing';
import '../define/lic-capacity-indicator.js';
import { loadStrings } from '../strings/index.js';
import { $, expectInert, shadowText } from '../../test/helpers.js';
import { scenarioSource } from '../../test/story-data.js';
import type { LicCapacityIndicator } from './capacity-indicator.js';
import { template } from './capacity-indicator.stories.js';

describe('<lic-capacity-indicator>', () => {
  // German loads on demand; tests that are not about that load it up front.
  before(() => loadStrings('de'));

  describe('rendering', () => {
    it('R10: shows licensed and used capacity as a meter', async () => {
      const el = await fixture<LicCapacityIndicator>(template());
      const meter = $(el, '[role="meter"]');
      expect(meter.getAttribute('aria-valuemax')).to.equal('50');
      expect(meter.getAttribute('aria-valuenow')).to.equal('12');
      expect(meter.getAttribute('aria-valuetext')).to.equal('12 of 50 devices');
      expect(el.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
    });

    it('R14: shows the red badge when capacity is below the device count', async () => {
      const el = await fixture<LicCapacityIndicator>(template({ scenario: 'badge' }));
      expect($(el, '[part="badge"]').getAttribute('aria-label')).to.equal(
        'Capacity is below the devices defined',
      );
      expect(shadowText(el)).to.contain('10 devices are unlicensed');
      expect($(el, '[role="meter"]').getAttribute('aria-valuenow')).to.equal('50');
    });

    it('R14: shows the badge when capacity is zero (empty state)', async () => {
      const el = await fixture<LicCapacityIndicator>(template({ scenario: 'empty' }));
      expect(el.shadowRoot!.querySelector('[part="badge"]')).to.not.equal(null);
      expect(shadowText(el)).to.contain('No device capacity is licensed.');
    });

    it('shows loading, then the state when the source delivers it', async () => {
      const source = scenarioSource('loading');
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator .source=${source}></lic-capacity-indicator>`,
      );
      expect($(el, '[role="status"]').textContent).to.contain('Loading');
      source.setState(situationState('licensed'));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="meter"]')).to.not.equal(null);
    });

    it('shows an error with a retry button', async () => {
      const el = await fixture<LicCapacityIndicator>(template({ scenario: 'error' }));
      expect($(el, '[role="alert"]').textContent).to.contain('Connection refused');
      expect($(el, '[part="retry"]').textContent).to.contain('Try again');
    });

    it('R1: says no license is needed when licensing is not required', async () => {
      const state = { ...situationState('licensed'), licensingRequired: false };
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator .state=${state}></lic-capacity-indicator>`,
      );
      expect(shadowText(el)).to.contain('needs no license');
    });

    it('speaks German', async () => {
      const el = await fixture<LicCapacityIndicator>(template({ scenario: 'badge', locale: 'de' }));
      expect(shadowText(el)).to.contain('Gerätekapazität');
      expect($(el, '[role="meter"]').getAttribute('aria-valuetext')).to.equal('60 von 50 Geräten');
    });

    it('takes its locale from the closest lang attribute', async () => {
      const wrapper = await fixture(
        html`<div lang="de-AT">
          <lic-capacity-indicator .state=${situationState('licensed')}></lic-capacity-indicator>
        </div>`,
      );
      const el = wrapper.querySelector('lic-capacity-indicator')!;
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Gerätekapazität');
    });

    it('loads a table on demand and falls back to English for a locale without one', async () => {
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator
          locale="fr"
          .state=${situationState('licensed')}
        ></lic-capacity-indicator>`,
      );
      expect(shadowText(el)).to.contain('Device capacity');
    });
  });

  describe('accessibility', () => {
    for (const scenario of ['ok', 'badge', 'empty', 'loading', 'error'] as const) {
      it(`passes axe (${scenario})`, async () => {
        const el = await fixture<LicCapacityIndicator>(template({ scenario }));
        await expect(el).to.be.accessible();
      });
    }
    it('passes axe (compact with badge)', async () => {
      const el = await fixture<LicCapacityIndicator>(template({ scenario: 'badge', variant: 'compact' }));
      await expect(el).to.be.accessible();
    });
  });

  describe('properties', () => {
    it('reflects variant and renders a static state without a source', async () => {
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator
          .state=${situationState('noDevices', { devices: 3 })}
        ></lic-capacity-indicator>`,
      );
      el.variant = 'compact';
      await el.updateComplete;
      expect(el.getAttribute('variant')).to.equal('compact');
      expect($(el, '[role="meter"]').getAttribute('aria-valuetext')).to.equal('4 of 10 devices');
    });

    it('shows the error attribute in static use', async () => {
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator error=${'Offline <b>x</b>'}></lic-capacity-indicator>`,
      );
      expect($(el, '[role="alert"]').textContent).to.contain('Offline <b>x</b>');
      expect(el.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
    });

    it('accepts replacement strings', async () => {
      const el = await fixture<LicCapacityIndicator>(template());
      el.strings = { capacity: 'Seats' };
      await el.updateComplete;
      expect($(el, '[part="label"]').textContent).to.equal('Seats');
    });

    it('renders a hostile error message as text', async () => {
      const el = await fixture<LicCapacityIndicator>(
        html`<lic-capacity-indicator
          error=${'<img src=x onerror="globalThis.__licXss=1">'}
        ></lic-capacity-indicator>`,
      );
      expectInert(el);
    });
  });
});
