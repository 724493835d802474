import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { computeLicenseState } from '@smartserver-licensing/policy';
import { situationInput } from '@smartserver-licensing/policy/testing';
import { capacityOf, maintenanceOf } from '@smartserver-licensing/schemas/testing';
import '../define/lic-maintenance-indicator.js';
import { loadStrings } from '../strings/index.js';
import { $, deepActive, shadowText } from '../../test/helpers.js';
import type { LicMaintenanceIndicator } from './maintenance-indicator.js';
import { template } from './maintenance-indicator.stories.js';

const label = (el: Element) => $(el, '[part="label"]').textContent!.replace(/\s+/g, ' ').trim();
/** The shared D50 situation with its maintenance term moved to end on `termEnd`. */
function termEndingOn(termStart: string, termEnd: string, timeZone = 'UTC', now?: string) {
  const input = situationInput('licensed', { timeZone, ...(now ? { now } : {}) });
  const result = computeLicenseState({
    ...input,
    licenses: [capacityOf(1, 50), maintenanceOf(2, termStart, termEnd, 50)],
  });
  if (!result.ok) throw result.error;
  return result.value;
}
const tooltipShown = (el: Element) => getComputedStyle($(el, '[role="tooltip"]')).visibility === 'visible';

describe('<lic-maintenance-indicator>', () => {
  // German loads on demand; tests that are not about that load it up front.
  before(() => loadStrings('de'));

  describe('rendering', () => {
    it('R16: reads Active when the end is more than 60 days ahead', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template());
      expect(label(el)).to.equal('Maintenance: Active');
      expect($(el, '[role="tooltip"]').textContent).to.equal('Maintenance ends on 2029-01-11');
    });

    it('R16: reads Expires <date> within 60 days of the end', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template({ scenario: 'expiring' }));
      expect(label(el)).to.equal('Maintenance: Expires 2026-03-31');
    });

    it('R16: reads Inactive after the end, and without any maintenance', async () => {
      const ended = await fixture<LicMaintenanceIndicator>(template({ scenario: 'inactive' }));
      expect(label(ended)).to.equal('Maintenance: Inactive');
      expect($(ended, '[role="tooltip"]').textContent).to.equal('Maintenance ended on 2026-01-31');
      const none = await fixture<LicMaintenanceIndicator>(template({ scenario: 'empty' }));
      expect(label(none)).to.equal('Maintenance: Inactive');
      expect($(none, '[role="tooltip"]').textContent).to.equal('No maintenance license');
    });

    it('R16: the 60th day before the end still reads Expires (inclusive), the 61st Active', async () => {
      const state = termEndingOn('2023-05-01', '2026-04-30');
      const el = await fixture<LicMaintenanceIndicator>(
        html`<lic-maintenance-indicator
          .state=${state}
          .now=${new Date('2026-03-01T12:00:00Z')}
        ></lic-maintenance-indicator>`,
      );
      expect(label(el)).to.equal('Maintenance: Expires 2026-04-30');
      el.now = new Date('2026-02-28T12:00:00Z');
      await el.updateComplete;
      expect(label(el)).to.equal('Maintenance: Active');
    });

    it('R16: follows the clock, not the stored status', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template());
      el.now = new Date('2029-01-12T00:00:00Z');
      await el.updateComplete;
      expect(label(el)).to.equal('Maintenance: Inactive');
    });

    it('R16: uses the SmartServer time zone for the end day', async () => {
      const state = termEndingOn('2023-03-02', '2026-03-01', 'Pacific/Auckland', '2026-03-01T10:00:00Z');
      const el = await fixture<LicMaintenanceIndicator>(
        html`<lic-maintenance-indicator
          .state=${state}
          .now=${new Date('2026-03-01T10:59:00Z')}
        ></lic-maintenance-indicator>`,
      );
      // 10:59Z is 23:59 on 1 March in Auckland: still the last covered day.
      expect(label(el)).to.equal('Maintenance: Expires 2026-03-01');
      el.now = new Date('2026-03-01T11:01:00Z');
      await el.updateComplete;
      expect(label(el)).to.equal('Maintenance: Inactive');
    });

    it('shows loading and error states', async () => {
      const loading = await fixture<LicMaintenanceIndicator>(template({ scenario: 'loading' }));
      expect(shadowText(loading)).to.contain('Loading');
      const failed = await fixture<LicMaintenanceIndicator>(template({ scenario: 'error' }));
      expect($(failed, '[role="alert"]').textContent).to.contain('Connection refused');
    });

    it('speaks German', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template({ scenario: 'expiring', locale: 'de' }));
      expect(label(el)).to.equal('Wartung: Läuft ab am 2026-03-31');
    });
  });

  describe('properties', () => {
    it('R16: wording="dated" reads Expiring <date> / Expired <date>', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template({ scenario: 'inactive', wording: 'dated' }));
      expect(label(el)).to.equal('Maintenance: Expired 2026-01-31');
      const soon = await fixture<LicMaintenanceIndicator>(
        template({ scenario: 'expiring', wording: 'dated' }),
      );
      expect(label(soon)).to.equal('Maintenance: Expiring 2026-03-31');
    });

    it('R16: labels replace the words entirely', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template({ scenario: 'expiring' }));
      el.labels = { active: () => 'OK', expiring: (d) => `Renew by ${d}`, inactive: () => 'Lapsed' };
      await el.updateComplete;
      expect(label(el)).to.equal('Maintenance: Renew by 2026-03-31');
    });
  });

  describe('accessibility', () => {
    for (const scenario of ['ok', 'expiring', 'inactive', 'empty', 'loading', 'error'] as const) {
      it(`passes axe (${scenario})`, async () => {
        const el = await fixture<LicMaintenanceIndicator>(template({ scenario }));
        await expect(el).to.be.accessible();
      });
    }

    it('is a polite status region whose label is described by the tooltip', async () => {
      const el = await fixture<LicMaintenanceIndicator>(template());
      expect($(el, '[part="base"]').getAttribute('role')).to.equal('status');
      expect($(el, '[part="label"]').getAttribute('aria-describedby')).to.equal('tip');
    });
  });

  describe('keyboard', () => {
    it('R16: Tab reaches the label and shows the date; Escape hides it', async () => {
      const el = await fixture<LicMaintenanceIndicator>(
        html`<div><button>before</button>${template({ scenario: 'expiring' })}</div>`,
      ).then((div) => div.querySelector('lic-maintenance-indicator')!);
      await el.updateComplete;
      (el.previousElementSibling as HTMLElement).focus();
      expect(tooltipShown(el)).to.equal(false);
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal($(el, '[part="label"]'));
      expect(tooltipShown(el)).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(tooltipShown(el)).to.equal(false);
    });
  });
});
