import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { demoActivationFileText } from '@smartserver-licensing/client';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import '../define/lic-manage-licenses.js';
import { loadStrings } from '../strings/index.js';
import { $, $$, deepActive, expectInert, has, settle, shadowText, until } from '../../test/helpers.js';
import { CUSTOMER_ID, HOSTILE, scenarioSource } from '../../test/story-data.js';
import type { LicRequestCloseEvent } from '../events.js';
import type { LicRequestDownloadEvent, LicRequestNotificationsEvent } from '../request-events.js';
import type { LicManageLicenses } from './manage-licenses.js';
import { template } from './manage-licenses.stories.js';
import { action, dialog, openOn, pickFile, source } from '../../test/manage.js';

describe('<lic-manage-licenses>', () => {
  // German loads on demand; tests that are not about that load it up front.
  before(() => loadStrings('de'));

  describe('rendering', () => {
    it('R23: lists each license with segment controller, description, status, date, License ID and note', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      expect(dialog(el).open).to.equal(true);
      const cells = $$(el, 'tbody tr')[1]!.querySelectorAll('td');
      expect([...cells].slice(1, 6).map((c) => c.textContent!.trim())).to.deep.equal([
        'Building 1 SmartServer',
        '50-device capacity, 3-year maintenance',
        'Active',
        '2026-01-12',
        licenseIdOf(2),
      ]);
      expect(($$(el, 'tbody tr')[0]!.querySelector('input[type="text"]') as HTMLInputElement).value).to.equal(
        'Bought with the building',
      );
    });

    it('R23: offers the five actions', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      expect($$(el, '[part="action"]').map((b) => b.textContent!.trim())).to.deep.equal([
        'Manage Customer Accounts',
        'Download Licenses from the Cloud',
        'Add License',
        'Edit Notifications',
        'Return to Cloud',
      ]);
    });

    it('R14: shows the red badge on the Manage Licenses button', async () => {
      const el = await fixture<LicManageLicenses>(template({ scenario: 'badge' }));
      expect($(el, '[part="trigger"]').querySelector('[part="badge"]')).to.not.equal(null);
      expect($(el, '[part="trigger"]').textContent).to.contain('Capacity is below the devices defined');
      const calm = await fixture<LicManageLicenses>(template());
      expect($(calm, '[part="trigger"]').querySelector('[part="badge"]')).to.equal(null);
    });

    it('R22: a non-Owner sees why the dialog is unavailable and cannot open it', async () => {
      const el = await fixture<LicManageLicenses>(template({ scenario: 'nonOwner' }));
      const trigger = $(el, '[part="trigger"]');
      expect(trigger.getAttribute('aria-disabled')).to.equal('true');
      expect($(el, '#unavailable').textContent).to.equal('Only the SmartServer Owner can manage licenses.');
      trigger.click();
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
    });

    it('R22: opened by a host for a non-Owner, it shows the reason and no actions', async () => {
      const el = await fixture<LicManageLicenses>(template({ scenario: 'nonOwner', open: true }));
      expect($(el, '.body').textContent).to.contain('Only the SmartServer Owner');
      expect($$(el, '[part="action"]').length).to.equal(0);
    });

    it('R22: opens by itself for an Owner when the state says so, once, and closes without a license', async () => {
      const wrapper = await fixture(html`<div></div>`);
      const el = document.createElement('lic-manage-licenses');
      el.source = scenarioSource('autoOpen');
      setTimeout(() => wrapper.append(el));
      const opened = await oneEvent(wrapper, 'lic-open');
      expect(opened.detail).to.deep.equal({ auto: true });
      expect(dialog(el).open).to.equal(true);
      $(el, '[part="close"]').click();
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      source(el).setState({ ...source(el).snapshot.state! });
      await el.updateComplete;
      expect(el.open).to.equal(false);
    });

    it('R22: does not open by itself for other user types, nor with no-auto-open', async () => {
      const admin = await fixture<LicManageLicenses>(
        html`<lic-manage-licenses
          .source=${scenarioSource('autoOpen', { userType: 'Admin' })}
        ></lic-manage-licenses>`,
      );
      expect(admin.open).to.equal(false);
      const opted = await fixture<LicManageLicenses>(
        html`<lic-manage-licenses no-auto-open .source=${scenarioSource('autoOpen')}></lic-manage-licenses>`,
      );
      expect(opted.open).to.equal(false);
    });

    it('shows empty, loading and error states', async () => {
      expect(shadowText(await fixture(template({ scenario: 'empty', open: true })))).to.contain(
        'No license is activated',
      );
      expect(shadowText(await fixture(template({ scenario: 'loading', open: true })))).to.contain('Loading');
      expect(shadowText(await fixture(template({ scenario: 'error', open: true })))).to.contain(
        'Connection refused',
      );
    });

    it('renders hostile notes and names as text', async () => {
      const el = await fixture<LicManageLicenses>(template({ scenario: 'hostile', open: true }));
      const row = $$(el, 'tbody tr')[0]!;
      expect(row.querySelectorAll('td')[1]!.textContent!.trim()).to.equal(HOSTILE);
      expect((row.querySelector('input[type="text"]') as HTMLInputElement).value).to.equal(HOSTILE);
      expectInert(el);
    });

    it('speaks German', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true, locale: 'de' }));
      expect($(el, '#title').textContent).to.equal('Lizenzen verwalten');
      expect(shadowText(el)).to.contain('Kapazität 50 Geräte, 3 Jahre Wartung');
    });
  });

  describe('actions and events', () => {
    it('R19: Manage Customer Accounts refuses a bad Customer ID and saves a good one', async () => {
      const el = await openOn('account', { options: { customerId: null } });
      await until(() => shadowText(el).includes('None yet'));
      const input = $<HTMLInputElement>(el, '#customer-id');
      let requests = 0;
      el.addEventListener('lic-request-account', () => requests++);
      input.value = '<img src=x onerror=alert(1)>';
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await el.updateComplete;
      expect($(el, '[role="alert"]').textContent).to.contain('Enter a Customer ID');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(requests).to.equal(0);
      input.value = ` ${CUSTOMER_ID} `;
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await until(() => $(el, '.notice').textContent === 'Saved.');
      expect(shadowText(el)).to.contain(`Customer ID ${CUSTOMER_ID}`);
      expect(requests).to.equal(1);
      expect((await source(el).getCustomerAccount()).ok).to.equal(true);
    });

    it('a canceled request event leaves the action to the host', async () => {
      const el = await openOn('account', { options: { customerId: null } });
      el.addEventListener('lic-request-account', (e) => e.preventDefault());
      $<HTMLInputElement>(el, '#customer-id').value = CUSTOMER_ID;
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await settle(el, 10);
      const account = await source(el).getCustomerAccount();
      expect(account.ok && account.value).to.equal(null);
    });

    it('R19: downloads chosen cloud licenses with progress and a result per license', async () => {
      const el = await openOn('download');
      const boxes = $$<HTMLInputElement>(el, 'fieldset input[type="checkbox"]');
      expect(boxes.map((b) => b.disabled)).to.deep.equal([false, false, true]);
      expect(shadowText(el)).to.contain('Activated on Building 2');
      boxes[0]!.click();
      boxes[1]!.click();
      await el.updateComplete;
      setTimeout(() =>
        $$<HTMLButtonElement>(el, 'button')
          .find((b) => b.textContent!.includes('Download selected'))!
          .click(),
      );
      const request = (await oneEvent(el, 'lic-request-download')) as LicRequestDownloadEvent;
      expect(request.detail.licenseIds).to.deep.equal([licenseIdOf(101), licenseIdOf(102)]);
      expect(request.cancelable).to.equal(true);
      await until(() => shadowText(el).includes('Downloaded 2 of 2'));
      expect($$(el, '.results li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        `${licenseIdOf(101)}: Done`,
        `${licenseIdOf(102)}: Done`,
      ]);
      expect(source(el).snapshot.state!.licenses.length).to.equal(4);
    });

    it('R19: shows the error when the cloud cannot be reached', async () => {
      const el = await openOn('download', { options: { failures: { listCloudLicenses: 'Cloud down' } } });
      expect($(el, '[role="alert"]').textContent).to.contain('Cloud down');
    });

    it('R20: adds a picked activation file and shows each token result in words', async () => {
      const el = await openOn('add', {
        options: {
          activateFile: () => [
            { index: 0, ok: true, licenseId: licenseIdOf(9) },
            { index: 1, ok: false, code: 'BAD_SIGNATURE', message: 'signature does not verify' },
            { index: 2, ok: false, code: 'SOMETHING_NEW', message: HOSTILE },
          ],
        },
      });
      let detail: { fileName: string } | undefined;
      el.addEventListener('lic-request-add-file', (e) => (detail = e.detail));
      pickFile(el, demoActivationFileText({ tokens: 3 }));
      await until(() => $$(el, '.results li').length === 3);
      expect(detail?.fileName).to.equal('licenses.json');
      const items = $$(el, '.results li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(items).to.deep.equal([
        `Token 1 (${licenseIdOf(9)}): Done`,
        'Token 2: Failed: This license is not signed by the license cloud.',
        `Token 3: Failed: ${HOSTILE}`,
      ]);
      expectInert(el);
    });

    it('R21: refuses a file that is not an activation file before sending it, and accepts a dropped one', async () => {
      const el = await openOn('add');
      let requests = 0;
      el.addEventListener('lic-request-add-file', () => requests++);
      pickFile(el, '{"format":"something else"}');
      await until(() => has(el, '[role="alert"]'));
      expect($(el, '[role="alert"]').textContent).to.equal('This is not an activation file.');
      expect(requests).to.equal(0);
      const transfer = new DataTransfer();
      transfer.items.add(new File([demoActivationFileText()], 'maintenance.json'));
      $(el, '.drop').dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      await until(() => $$(el, '.results li').length === 1);
      expect(requests).to.equal(1);
    });

    it('R18: edits notification days and recipients', async () => {
      const el = await openOn('notifications');
      expect($<HTMLInputElement>(el, '#days').value).to.equal('60, 30, 7');
      $<HTMLInputElement>(el, '#days').value = '30, 30';
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await el.updateComplete;
      expect($(el, '[role="alert"]').textContent).to.contain('each day once');
      $<HTMLInputElement>(el, '#days').value = '90, 14';
      $<HTMLTextAreaElement>(el, '#recipients').value = 'ops@example.com, owner@example.com';
      setTimeout(() => $<HTMLButtonElement>(el, 'form button[type="submit"]').click());
      const event = (await oneEvent(el, 'lic-request-notifications')) as LicRequestNotificationsEvent;
      expect(event.detail.settings).to.deep.equal({
        daysBeforeExpiry: [90, 14],
        recipients: ['ops@example.com', 'owner@example.com'],
      });
      await until(() => $(el, '.notice').textContent === 'Saved.');
    });

    it('R19: returning asks for a selection, warns what stops working, and returns the chosen licenses', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      action(el, 'return').click();
      await until(() => shadowText(el).includes('Select the licenses to return'));
      $(el, 'section > p:last-child button').click(); // Back
      await until(() => el.shadowRoot!.querySelector('tbody') !== null);
      ($$(el, 'tbody tr')[0]!.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
      await el.updateComplete;
      action(el, 'return').click();
      await until(() => shadowText(el).includes('stop counting on this SmartServer'));
      expect($(el, '#return-all').textContent).to.contain('device access, scheduling and data logging stop');
      let ids: string[] = [];
      el.addEventListener('lic-request-return', (e) => (ids = e.detail.licenseIds));
      $<HTMLButtonElement>(el, 'button.danger').click();
      await until(() => $$(el, '.results li').length === 1);
      expect(ids).to.deep.equal([licenseIdOf(1)]);
      expect(source(el).snapshot.state!.licenses.map((l) => l.licenseId)).to.deep.equal([licenseIdOf(2)]);
    });

    it('R23: saves an edited note', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      const input = $$(el, 'tbody tr')[1]!.querySelector('input[type="text"]') as HTMLInputElement;
      input.value = 'Renew with the D200 pass';
      setTimeout(() => input.dispatchEvent(new Event('change')));
      const event = await oneEvent(el, 'lic-request-note');
      expect(event.detail).to.deep.equal({ licenseId: licenseIdOf(2), note: 'Renew with the D200 pass' });
      await until(() => $(el, '.notice').textContent === 'Note saved.');
      expect(source(el).snapshot.state!.licenses[1]!.note).to.equal('Renew with the D200 pass');
    });
  });

  describe('keyboard and focus', () => {
    it('Enter on the trigger opens the dialog and focus moves into it', async () => {
      const el = await fixture<LicManageLicenses>(template());
      $(el, '[part="trigger"]').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      expect(deepActive()).to.equal($(el, '[part="close"]'));
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(action(el, 'account'));
    });

    it('Escape closes (lic-request-close, lic-close) and focus returns to the trigger', async () => {
      const el = await fixture<LicManageLicenses>(template());
      $(el, '[part="trigger"]').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const reasons: string[] = [];
      el.addEventListener('lic-request-close', (e) => reasons.push(e.detail.reason));
      setTimeout(() => sendKeys({ press: 'Escape' }));
      await oneEvent(el, 'lic-close');
      expect(reasons).to.deep.equal(['escape']);
      expect(el.open).to.equal(false);
      expect(el.hasAttribute('open')).to.equal(false);
      expect(deepActive()).to.equal($(el, '[part="trigger"]'));
    });

    it('a canceled lic-request-close keeps the dialog open', async () => {
      const el = await fixture<LicManageLicenses>(template());
      $(el, '[part="trigger"]').click();
      await el.updateComplete;
      el.addEventListener('lic-request-close', (e: LicRequestCloseEvent) => e.preventDefault());
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      expect(el.close()).to.equal(false);
    });

    it('Escape in an action panel goes back to the table and to the action button', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      action(el, 'notifications').click();
      await until(
        () => deepActive() === el.shadowRoot!.querySelector('#view-title'),
        'focus on the panel title',
      );
      await sendKeys({ press: 'Escape' });
      await until(() => el.shadowRoot!.querySelector('[data-view]') !== null);
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      expect(deepActive()).to.equal(action(el, 'notifications'));
    });

    it('the close button returns focus to the trigger', async () => {
      const el = await fixture<LicManageLicenses>(template());
      $(el, '[part="trigger"]').click();
      await el.updateComplete;
      setTimeout(() => $(el, '[part="close"]').click());
      await oneEvent(el, 'lic-close');
      expect(deepActive()).to.equal($(el, '[part="trigger"]'));
    });

    it('show() and open reflect each other', async () => {
      const el = await fixture<LicManageLicenses>(template());
      el.show();
      await el.updateComplete;
      expect(el.hasAttribute('open') && dialog(el).open).to.equal(true);
      el.open = false;
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
    });
  });

  describe('accessibility', () => {
    for (const [name, args] of [
      ['closed', {}],
      ['closed, badge', { scenario: 'badge' }],
      ['non-Owner', { scenario: 'nonOwner' }],
      ['open', { open: true }],
      ['open, empty', { scenario: 'empty', open: true }],
      ['open, non-Owner', { scenario: 'nonOwner', open: true }],
      ['open, loading', { scenario: 'loading', open: true }],
      ['open, error', { scenario: 'error', open: true }],
      ['open, German', { open: true, locale: 'de' }],
    ] as const) {
      it(`passes axe (${name})`, async () => {
        const el = await fixture<LicManageLicenses>(template(args));
        await expect(el).to.be.accessible();
      });
    }
    for (const view of ['account', 'download', 'add', 'notifications', 'return']) {
      it(`passes axe (${view} panel)`, async () => {
        const el = await openOn(view);
        await expect(el).to.be.accessible();
      });
    }
  });
});
