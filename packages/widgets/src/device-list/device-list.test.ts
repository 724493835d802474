import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { situationState } from '@smartserver-licensing/policy/testing';
import '../define/lic-device-list.js';
import { loadStrings } from '../strings/index.js';
import { $, $$, deepActive, expectInert, settle, shadowText } from '../../test/helpers.js';
import { HOSTILE, LONG, RTL } from '../../test/story-data.js';
import type { LicDeviceOperationEvent } from '../events.js';
import type { LicDeviceList } from './device-list.js';
import { template } from './device-list.stories.js';

const rows = (el: Element) => $$(el, '.body [role="row"]');
const names = (el: Element) => rows(el).map((r) => r.querySelector('.name')!.textContent!.trim());

describe('<lic-device-list>', () => {
  // German loads on demand; tests that are not about that load it up front.
  before(() => loadStrings('de'));

  describe('rendering', () => {
    it('R11: lists devices with their licence status and marks unlicensed ones purple', async () => {
      const el = await fixture<LicDeviceList>(template({ scenario: 'badge' }));
      const table = $(el, '[role="table"]');
      expect(table.getAttribute('aria-rowcount')).to.equal('61');
      expect(rows(el)[0]!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal('Licensed');
      el.sortDirection = 'descending';
      await el.updateComplete;
      expect(rows(el)[0]!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal('Unlicensed');
    });

    it('keeps at most 100 rows in the DOM for 10,000 devices, and renders what is scrolled to', async () => {
      const el = await fixture<LicDeviceList>(template({ scenario: 'big' }));
      expect($(el, '[role="table"]').getAttribute('aria-rowcount')).to.equal('10001');
      expect(rows(el).length).to.be.within(5, 100);
      const viewport = $(el, '.viewport');
      viewport.scrollTop = 40 * 5000;
      viewport.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      const indexes = rows(el).map((r) => Number(r.getAttribute('aria-rowindex')));
      expect(indexes).to.include(5002);
      expect(rows(el).length).to.be.at.most(100);
    });

    it('filters by text and by status', async () => {
      const el = await fixture<LicDeviceList>(template({ scenario: 'badge', filter: 'ahu' }));
      expect(names(el).every((n) => n.startsWith('AHU'))).to.equal(true);
      expect(shadowText(el)).to.contain('14 of 60 devices');
      el.filter = '';
      el.statusFilter = 'unlicensed';
      await el.updateComplete;
      expect(rows(el).length).to.equal(10);
    });

    it('sorts by a column and says so with aria-sort', async () => {
      const el = await fixture<LicDeviceList>(template());
      const nameHeader = $$(el, '[role="columnheader"]')[0]!;
      nameHeader.querySelector('button')!.click();
      await el.updateComplete;
      expect(nameHeader.getAttribute('aria-sort')).to.equal('ascending');
      const ascending = names(el);
      nameHeader.querySelector('button')!.click();
      await el.updateComplete;
      expect(nameHeader.getAttribute('aria-sort')).to.equal('descending');
      expect(names(el)).to.deep.equal([...ascending].reverse());
    });

    it('shows empty, no-match, loading and error states', async () => {
      // A SmartServer always lists itself; an empty inventory is what a broken back end might send.
      const empty = { ...situationState('noDevices'), devices: [] };
      expect(shadowText(await fixture(html`<lic-device-list .state=${empty}></lic-device-list>`))).to.contain(
        'No devices are defined.',
      );
      expect(shadowText(await fixture(template({ filter: 'zzz' })))).to.contain(
        'No device matches the filter.',
      );
      expect(shadowText(await fixture(template({ scenario: 'loading' })))).to.contain('Loading');
      expect(shadowText(await fixture(template({ scenario: 'error' })))).to.contain('Connection refused');
    });

    it('renders hostile, RTL and very long names as text', async () => {
      for (const [scenario, text] of [
        ['hostile', HOSTILE],
        ['rtl', RTL],
        ['long', LONG],
      ] as const) {
        const el = await fixture<LicDeviceList>(template({ scenario }));
        expect(names(el)).to.include(text);
        expectInert(el);
      }
    });

    it('speaks German', async () => {
      const el = await fixture<LicDeviceList>(template({ scenario: 'badge', locale: 'de' }));
      expect(shadowText(el)).to.contain('60 von 60 Geräten');
    });
  });

  describe('operations and events', () => {
    it('R11: refused operations stay focusable, are aria-disabled and say why', async () => {
      const el = await fixture<LicDeviceList>(template({ scenario: 'badge', statusFilter: 'unlicensed' }));
      const button = rows(el)[0]!.querySelector<HTMLButtonElement>('[data-operation="provision"]')!;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(button.disabled).to.equal(false);
      const reason = el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
      expect(reason.textContent).to.contain('unlicensed');
      let fired = false;
      el.addEventListener('lic-device-operation', () => (fired = true));
      button.click();
      expect(fired).to.equal(false);
    });

    it('R11: an allowed operation raises lic-device-operation (bubbling, composed, cancelable)', async () => {
      const wrapper = await fixture(html`<div>${template({ scenario: 'badge' })}</div>`);
      const el = wrapper.querySelector('lic-device-list')!;
      await el.updateComplete;
      const button = rows(el)[1]!.querySelector<HTMLButtonElement>('[data-operation="write-datapoints"]')!;
      setTimeout(() => button.click());
      const event = (await oneEvent(wrapper, 'lic-device-operation')) as LicDeviceOperationEvent;
      expect(event.detail).to.deep.equal({ deviceId: 'dev-000001', operation: 'write-datapoints' });
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    });

    it('offers the operations given in the operations property', async () => {
      const el = await fixture<LicDeviceList>(template());
      el.operations = ['define-connections'];
      await el.updateComplete;
      expect(rows(el)[0]!.querySelectorAll('[part="operation"]').length).to.equal(1);
    });
  });

  describe('keyboard', () => {
    it('Tab goes filter, status, sort buttons, the scrolling body, then the operations; Enter runs one', async () => {
      const el = await fixture<LicDeviceList>(template());
      $(el, 'input[type="search"]').focus();
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive() as HTMLElement;
        order.push(
          active.dataset.operation ??
            active.localName + (active.classList.contains('viewport') ? '.viewport' : ''),
        );
      }
      expect(order).to.deep.equal([
        'select',
        'button',
        'button',
        'button',
        'button',
        'div.viewport',
        'provision',
      ]);
      setTimeout(() => sendKeys({ press: 'Enter' }));
      const event = (await oneEvent(el, 'lic-device-operation')) as LicDeviceOperationEvent;
      expect(event.detail.operation).to.equal('provision');
    });
  });

  describe('accessibility', () => {
    for (const scenario of ['ok', 'badge', 'noDevices', 'loading', 'error', 'hostile', 'rtl'] as const) {
      it(`passes axe (${scenario})`, async () => {
        const el = await fixture<LicDeviceList>(template({ scenario }));
        await settle(el);
        await expect(el).to.be.accessible();
      });
    }
  });
});
