// The portal pages in real Chromium (Debian's, driven by puppeteer-core; nothing is downloaded):
// a partner clicks through R24/R25, a customer logs in with the new License ID (R20).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer, { type Browser } from 'puppeteer-core';
import { engines } from './engines.js';
import { addAccount, startTestCloud, type TestCloud } from './harness.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

describe('portal pages in Chromium', () => {
  let t: TestCloud;
  let browser: Browser;
  before(async () => {
    // A real browser drops cookies whose expiry lies in its past: this cloud runs on the real clock.
    t = await startTestCloud(engines()[0]!, { now: () => new Date() });
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('R24, R25, R20: a partner adds a customer and a license, transfers it, and the customer logs in with the new ID', async () => {
    const account = await addAccount(t.cloud, 'partner');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('dialog', async (d) => {
      problems.push(`a dialog opened: ${d.message()}`);
      await d.dismiss();
    });
    await page.goto(`${t.url}/partner`);
    await page.type('#login input[name=email]', account.email);
    await page.type('#login input[name=password]', account.password);
    await page.click('#login button');
    await page.waitForSelector('#app:not([hidden])');

    const hostile = '<img src=x onerror=alert(1)> P-Building 1';
    await page.type('#new-customer input[name=name]', hostile);
    await page.click('#new-customer button');
    await page.waitForFunction(() => document.querySelector('#customers tbody tr'));
    assert.equal(await page.$eval('#customers tbody td', (td) => td.textContent), hostile);
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0, 'markup in a name must stay text');

    await page.select('#new-license select[name=model]', '72220-200');
    await page.click('#new-license button');
    await page.waitForFunction(() => document.querySelector('#my-inventory tbody tr'));
    await page.click('#transfer button');
    await page.waitForFunction(() => document.querySelector('#customer-inventory tbody tr'));
    const newId = await page.$eval('#customer-inventory tbody td:nth-child(2)', (td) => td.textContent ?? '');
    const oldId = await page.$eval('#customer-inventory tbody td:nth-child(4)', (td) => td.textContent ?? '');
    assert.match(newId, /^[0-9a-f-]{36}$/);
    assert.notEqual(newId, oldId);

    const customer = await browser.newPage();
    await customer.goto(`${t.url}/customer`);
    await customer.type('#login input[name=licenseId]', oldId);
    await customer.click('#login button');
    await customer.waitForFunction(
      () => document.querySelector('#message')?.getAttribute('role') === 'alert',
    );
    await customer.$eval('#login input[name=licenseId]', (input) => ((input as HTMLInputElement).value = ''));
    await customer.type('#login input[name=licenseId]', newId);
    await customer.click('#login button');
    await customer.waitForSelector('#app:not([hidden])');
    await customer.waitForFunction(() => document.querySelector('#licenses tbody tr'));
    assert.equal(await customer.$eval('#licenses tbody td', (td) => td.textContent), newId);
    assert.deepEqual(problems, []);
  });
});
