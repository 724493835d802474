// The dialog's request/response and receipt steps, clicked through in Chromium: this SmartServer's
// Install Code, a key conflict, the activation request (a real download), activation files, and a
// return while the cloud cannot be reached.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  DEMO_INSTALL_CODE,
  SourceError,
  demoActivationFileText,
  readDemoSigned,
} from '@smartserver-licensing/client';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import { licenseStateFor } from '@smartserver-licensing/policy';
import { parseActivationRequestFile, parseReturnReceiptFile } from '@smartserver-licensing/schemas';
import '../define/all.js';
import { loadStrings } from '../strings/index.js';
import {
  $,
  $$,
  deepActive,
  grantClipboard,
  has,
  nextDownload,
  shadowText,
  startDownloads,
  until,
} from '../../test/helpers.js';
import { action, openOn, pickFile, source } from '../../test/manage.js';
import { CUSTOMER_ID, scenarioState } from '../../test/story-data.js';
import type { LicManageLicenses } from './manage-licenses.js';
import { template } from './manage-licenses.stories.js';

const button = (el: Element, text: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};
const notice = (el: Element) => $(el, '.notice').textContent ?? '';
const alertText = (el: Element) => $(el, '[role="alert"]').textContent!.replace(/\s+/g, ' ').trim();
const pendingReturn = {
  licenseId: licenseIdOf(7),
  activationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  returnedAt: '2026-02-27T09:30:00Z',
  lastError: 'The license cloud cannot be reached.',
};

describe('<lic-manage-licenses>: request, response and receipts', () => {
  before(async () => {
    await loadStrings('de');
    await startDownloads();
  });

  describe('Manage Customer Accounts', () => {
    it('R19: shows segment controller, SmartServer ID, Install Code and Customer ID', async () => {
      const el = await openOn('account', { options: { segmentController: 'Building 1 SmartServer' } });
      await until(() => has(el, 'dl'));
      const rows = $$(el, 'dt').map((dt) => [
        dt.textContent!.trim(),
        (dt.nextElementSibling as HTMLElement).innerText.split('\n')[0]!.trim(),
      ]);
      expect(rows).to.deep.equal([
        ['Segment controller', 'Building 1 SmartServer'],
        ['SmartServer ID', 'SID-17q2d6x'],
        ['Install Code', DEMO_INSTALL_CODE],
        ['Customer ID', CUSTOMER_ID],
      ]);
      expect(getComputedStyle($(el, '.install-code')).fontFamily).to.match(/mono/i);
    });

    it('R19: copies the Install Code with its button and says so', async () => {
      await grantClipboard();
      const el = await openOn('account');
      await until(() => has(el, 'dl'));
      button(el, 'Copy Install Code').click();
      await until(() => notice(el) !== '');
      expect(notice(el)).to.equal('Install Code copied.');
      expect(await navigator.clipboard.readText()).to.equal(DEMO_INSTALL_CODE);
    });

    it('R19: a KEY_CONFLICT says who resets the registration where, with this Install Code to compare', async () => {
      const el = await openOn('account', {
        options: {
          failures: {
            setCustomerAccount: new SourceError('HTTP', 'key conflict', 409, 'KEY_CONFLICT'),
          },
        },
      });
      await until(() => has(el, 'dl'));
      $<HTMLInputElement>(el, '#customer-id').value = CUSTOMER_ID;
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await until(() => has(el, '[role="alert"]'));
      const text = alertText(el);
      expect(text).to.contain('A partner (in the License Partner Portal) or the customer');
      expect(text).to.contain('reset');
      expect(text).to.contain(DEMO_INSTALL_CODE);
      expect(text).not.to.contain('key conflict');
    });

    it('R19: in German too', async () => {
      const el = await openOn('account', {
        locale: 'de',
        options: {
          failures: { setCustomerAccount: new SourceError('HTTP', 'x', 409, 'KEY_CONFLICT') },
        },
      });
      await until(() => has(el, 'dl'));
      expect($$(el, 'dt').map((dt) => dt.textContent!.trim())).to.deep.equal([
        'Segment-Controller',
        'SmartServer-ID',
        'Installationscode',
        'Kunden-ID',
      ]);
      $<HTMLInputElement>(el, '#customer-id').value = CUSTOMER_ID;
      $<HTMLButtonElement>(el, 'form button[type="submit"]').click();
      await until(() => has(el, '[role="alert"]'));
      expect(alertText(el)).to.contain('Registrierung');
      expect(alertText(el)).to.contain(DEMO_INSTALL_CODE);
    });
  });

  describe('Add License in two steps', () => {
    it('R20: step 1 downloads an activation request file named for this SmartServer', async () => {
      const el = await openOn('add');
      expect($$(el, 'h4').map((h) => h.textContent!.trim())).to.deep.equal([
        '1. Create an activation request',
        '2. Add the activation file',
      ]);
      expect(shadowText(el)).to.contain('License Customer Portal');
      const requests: Event[] = [];
      el.addEventListener('lic-request-activation-request', (e) => requests.push(e));
      button(el, 'Create activation request').click();
      const file = await nextDownload();
      expect(file.filename).to.equal('activation-request-SID-17q2d6x.json');
      const parsed = parseActivationRequestFile(file.text);
      expect(parsed.ok).to.equal(true);
      const claims = parsed.ok ? readDemoSigned(parsed.value.signed) : undefined;
      expect(claims?.['installCode']).to.equal(DEMO_INSTALL_CODE);
      expect(requests.length).to.equal(1);
      await until(() => shadowText(el).includes('Saved activation-request-SID-17q2d6x.json'));
    });

    it('R20: step 2 adds the activation file; the same file again is refused in words', async () => {
      const el = await openOn('add');
      pickFile(el, demoActivationFileText({ tokens: 1 }));
      await until(() => $$(el, '.results li').length === 1);
      pickFile(el, demoActivationFileText({ tokens: 1 }));
      await until(() => has(el, '[role="alert"]'));
      expect(alertText(el)).to.equal(
        'This activation file was added before, so nothing was changed. For more licenses, create a new activation request.',
      );
    });

    for (const [what, text, expected] of [
      [
        'a version 1 file',
        JSON.stringify({ format: 'smartserver-license-activation', version: 1, tokens: ['a.b.c'] }),
        'This activation file is of an older kind that is no longer accepted. Create an activation request and ask for a new file.',
      ],
      [
        'the activation request itself',
        JSON.stringify({ format: 'smartserver-activation-request', version: 2, signed: 'a.b.c' }),
        'This is the activation request, not an activation file.',
      ],
      [
        'a return receipt',
        JSON.stringify({ format: 'smartserver-return-receipt', version: 2, signed: 'a.b.c' }),
        'This is a return receipt.',
      ],
      ['a picture', '\u0089PNG\r\n', 'This is not an activation file.'],
    ] as const) {
      it(`R21: refuses ${what} before sending it, in words`, async () => {
        const el = await openOn('add');
        let requests = 0;
        el.addEventListener('lic-request-add-file', () => requests++);
        pickFile(el, text);
        await until(() => has(el, '[role="alert"]'));
        expect(alertText(el)).to.contain(expected);
        expect(alertText(el)).not.to.match(/version: |format: |must be/);
        expect(requests).to.equal(0);
      });
    }

    it('R20: a file for another SmartServer gets the words for FILE_WRONG_SMARTSERVER, in German too', async () => {
      const el = await openOn('add', { locale: 'de' });
      pickFile(el, demoActivationFileText({ smartServerId: 'SID-other' }));
      await until(() => has(el, '[role="alert"]'));
      expect(alertText(el)).to.contain('für einen anderen SmartServer');
    });
  });

  describe('Return while the cloud cannot be reached', () => {
    it('R19: the license stops counting, the receipt waits; its file downloads, and trying again delivers it', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true, options: { cloudOnline: false } }));
      ($$(el, 'tbody tr')[0]!.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
      await el.updateComplete;
      action(el, 'return').click();
      await until(() => has(el, 'button.danger'));
      $<HTMLButtonElement>(el, 'button.danger').click();
      await until(() => has(el, '#not-delivered'));
      expect($(el, '#not-delivered').textContent).to.contain('no longer counts on this SmartServer');
      expect($(el, '#not-delivered').textContent).to.contain('as soon as it can be reached');
      expect($$(el, '.results li')[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        `${licenseIdOf(1)}: No longer counts here; the cloud has not been told yet`,
      );
      expect(source(el).snapshot.state!.licenses.map((l) => l.licenseId)).to.deep.equal([licenseIdOf(2)]);

      // The pending list, with its receipt for the Customer Portal.
      await until(() => shadowText(el).includes('Returns the cloud has not heard of yet'));
      const receipts: string[] = [];
      el.addEventListener('lic-request-receipt', (e) => receipts.push(e.detail.licenseId));
      $<HTMLButtonElement>(
        el,
        `button[aria-label="Download return receipt (license ${licenseIdOf(1)})"]`,
      ).click();
      const file = await nextDownload();
      expect(file.filename).to.equal(`return-${licenseIdOf(1)}.json`);
      const receipt = parseReturnReceiptFile(file.text);
      expect(receipt.ok && readDemoSigned(receipt.value.signed)?.['licenseId']).to.equal(licenseIdOf(1));
      expect(receipts).to.deep.equal([licenseIdOf(1)]);
      await until(() => notice(el).startsWith(`Saved return-${licenseIdOf(1)}.json`));

      // Still offline: the return keeps waiting.
      button(el, 'Try again').click();
      await until(() => notice(el).includes('1 return is waiting'));
      expect(shadowText(el)).to.contain(licenseIdOf(1));

      // The cloud is back: trying again delivers it, and the list gives way to a sentence that has focus.
      source(el).setCloudOnline(true);
      button(el, 'Try again').click();
      await until(() => has(el, '#delivered'));
      expect($(el, '#delivered').textContent).to.equal('The cloud has heard of every return.');
      expect(shadowText(el)).not.to.contain('Returns the cloud has not heard of yet');
      expect(await source(el).pendingReturns()).to.deep.equal({ ok: true, value: [] });
    });

    it('R19: a return the cloud hears of at once says Done and leaves no pending list', async () => {
      const el = await fixture<LicManageLicenses>(template({ open: true }));
      ($$(el, 'tbody tr')[0]!.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
      await el.updateComplete;
      action(el, 'return').click();
      await until(() => has(el, 'button.danger'));
      $<HTMLButtonElement>(el, 'button.danger').click();
      await until(() => $$(el, '.results li').length === 1);
      expect($$(el, '.results li')[0]!.textContent).to.contain('Done');
      expect(has(el, '#not-delivered')).to.equal(false);
      expect(shadowText(el)).not.to.contain('Returns the cloud has not heard of yet');
    });

    it('R19: the license list shows pending returns whenever there are some', async () => {
      const el = await fixture<LicManageLicenses>(
        template({ open: true, options: { cloudOnline: false, pendingReturns: [pendingReturn] } }),
      );
      await until(() => shadowText(el).includes('Returns the cloud has not heard of yet'));
      expect(shadowText(el)).to.contain(`${licenseIdOf(7)} returned 2026-02-27`);
      expect(shadowText(el)).to.contain('Last try: The license cloud cannot be reached.');
      await expect(el).to.be.accessible();
      const calm = await fixture<LicManageLicenses>(template({ open: true }));
      await until(() => has(calm, 'lic-manage-pending'));
      await calm.updateComplete;
      expect($(calm, 'lic-manage-pending').hidden).to.equal(true);
    });

    it('R19: the Return panel passes axe with a pending return', async () => {
      const el = await openOn('return', { options: { cloudOnline: false, pendingReturns: [pendingReturn] } });
      await until(() => shadowText(el).includes(`${licenseIdOf(7)} returned`));
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    it('R20: Tab from the panel title reaches "Create activation request"; Enter downloads the request', async () => {
      const el = await openOn('add');
      await until(() => deepActive() === $(el, '#view-title'), 'focus on the panel title');
      await sendKeys({ press: 'Tab' });
      expect(deepActive()?.textContent?.trim()).to.equal('Create activation request');
      await sendKeys({ press: 'Enter' });
      expect((await nextDownload()).filename).to.equal('activation-request-SID-17q2d6x.json');
    });

    it('R19: the pending list is reached with Tab, and Enter downloads a receipt', async () => {
      const el = await fixture<LicManageLicenses>(
        template({ options: { cloudOnline: false, pendingReturns: [pendingReturn] } }),
      );
      $(el, '[part="trigger"]').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => has(el, '#pending-title'));
      const receipt = $<HTMLButtonElement>(el, 'button[aria-label^="Download return receipt"]');
      for (let i = 0; i < 10 && deepActive() !== receipt; i++) await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(receipt);
      await sendKeys({ press: 'Enter' });
      expect((await nextDownload()).filename).to.equal(`return-${licenseIdOf(7)}.json`);
    });
  });

  describe('other user types', () => {
    it('R22: a non-Owner state (no licenses, no License IDs) renders every widget without a License ID', async () => {
      const state = licenseStateFor('Admin', scenarioState('badge')!);
      const el = await fixture(
        html`<div>
          <lic-capacity-indicator .state=${state}></lic-capacity-indicator>
          <lic-maintenance-indicator .state=${state}></lic-maintenance-indicator>
          <lic-device-list .state=${state} user-type="Admin"></lic-device-list>
          <lic-manage-licenses .state=${state} user-type="Admin"></lic-manage-licenses>
        </div>`,
      );
      const [capacity, maintenance, list, manage] = [...el.children] as HTMLElement[];
      await until(() => shadowText(list!).includes('AHU'));
      expect(shadowText(capacity!)).to.contain('60');
      expect(shadowText(maintenance!)).to.contain('Active');
      expect(shadowText(manage!)).to.contain('Only the SmartServer Owner can manage licenses.');
      for (const widget of [capacity, maintenance, list, manage]) {
        expect(shadowText(widget!)).not.to.match(/5e0c0de0-/);
      }
    });
  });
});
