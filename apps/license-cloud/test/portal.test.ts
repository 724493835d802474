// The portal pages in real Chromium (Debian's, driven by puppeteer-core; nothing is downloaded):
// a partner clicks through R24/R25, a customer logs in with the new License ID (R20).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engines } from './engines.js';
import {
  activationIdOf,
  addAccount,
  Client,
  registeredSmartServer,
  startTestCloud,
  TestSmartServer,
  type TestCloud,
} from './harness.js';

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
  let files: string;
  before(async () => {
    files = await mkdtemp(join(tmpdir(), 'portal-files-'));
    // A real browser drops cookies whose expiry lies in its past: this cloud runs on the real clock.
    t = await startTestCloud(engines()[0]!, { now: () => new Date() });
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await rm(files, { recursive: true, force: true });
  });

  /** A partner with a customer account and one license of `model` transferred to it (over the API). */
  async function customerWith(models: string[]) {
    const account = await addAccount(t.cloud, 'partner');
    const partner = new Client(t.url);
    await partner.loginAccount(account.email, account.password);
    const customerId = (await partner.post('/api/v1/partner/customers', { name: `Site ${Date.now()}` })).body
      .customerId as string;
    const licenseIds: string[] = [];
    for (const model of models) {
      const bought = await partner.post('/api/v1/partner/licenses', { model });
      const moved = await partner.post(`/api/v1/partner/licenses/${bought.body.licenseId}/transfer`, {
        customerId,
      });
      licenseIds.push(moved.body.created.licenseId);
    }
    return { account, customerId, licenseIds };
  }

  async function newPage() {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('dialog', async (d) => {
      problems.push(`a dialog opened: ${d.message()}`);
      await d.dismiss();
    });
    return { page, problems };
  }
  const messageOf = (page: Page) =>
    page.$eval('#message', (m) => ({ text: m.textContent ?? '', role: m.getAttribute('role') }));

  it('R20: a customer answers an activation request file, returns with a receipt file, and resets a registration', async () => {
    const { customerId, licenseIds } = await customerWith(['72220-50', '72220-10']);
    const [first, second] = licenseIds as [string, string];
    const offline = await TestSmartServer.create(t, 'SID-portal-offline', customerId);
    const requestPath = join(files, 'request.json');
    await writeFile(requestPath, await offline.requestFile());
    const { page, problems } = await newPage();
    await page.goto(`${t.url}/customer`);
    await page.type('#login input[name=licenseId]', first);
    await page.click('#login button');
    await page.waitForSelector('#app:not([hidden])');
    await page.waitForFunction(
      () => document.querySelectorAll('#file-licenses input[type=checkbox]').length === 2,
    );

    const upload = await page.$('#offline-file input[name=requestFile]');
    await upload!.uploadFile(requestPath);
    await page.waitForFunction(() => !document.querySelector('#request-summary')?.hasAttribute('hidden'));
    assert.match(
      await page.$eval('#request-summary', (p) => p.textContent ?? ''),
      new RegExp(`SmartServer SID-portal-offline .*Install Code ${offline.key.installCode}`),
    );
    await page.click(`#file-licenses input[value="${first}"]`);
    await page.click('#offline-file button');
    await page.waitForFunction(() =>
      /Created license-/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    assert.match((await messageOf(page)).text, /Created license-SID-portal-offline-[0-9a-f-]{36}\.json/);
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('#licenses tbody tr')].some(
          (tr) => tr.textContent?.includes(id) && tr.textContent.includes('SID-portal-offline'),
        ),
      {},
      first,
    );

    // The SmartServer (offline) gives it back: its receipt file goes through the same page.
    const activationId = (
      await t.cloud.db.query<{ token_id: string }>('SELECT token_id FROM activations WHERE license_id = $1', [
        first,
      ])
    )[0]!.token_id;
    const receiptPath = join(files, 'receipt.json');
    await writeFile(receiptPath, await offline.receiptFile(first, activationId));
    await (await page.$('#return-file input[name=receiptFile]'))!.uploadFile(receiptPath);
    await page.click('#return-file button');
    await page.waitForFunction(() =>
      /is returned/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    assert.equal(
      (await t.cloud.db.query('SELECT 1 FROM activations WHERE license_id = $1', [first])).length,
      0,
    );

    // A SmartServer linked online shows with its Install Code; the customer resets it (recorded).
    const linked = await registeredSmartServer(t, 'SID-portal-linked', customerId);
    await page.reload();
    await page.waitForFunction(
      (code) => document.querySelector('#smartservers tbody')?.textContent?.includes(code),
      {},
      linked.key.installCode,
    );
    await page.select('#reset-smartserver', 'SID-portal-linked');
    await page.type('#reset-registration input[name=reason]', 'replaced the unit');
    await page.click('#reset-registration button');
    await page.waitForFunction(() =>
      /Reset the registration of SID-portal-linked/.test(
        document.querySelector('#message')?.textContent ?? '',
      ),
    );
    await page.waitForFunction(() =>
      document.querySelector('#account-events tbody')?.textContent?.includes('registration reset'),
    );
    assert.equal((await linked.list()).status, 401);
    assert.ok(second);
    assert.deepEqual(problems, []);
  });

  it('R21: support issues a maintenance file from a request file and force-releases; a partner force-releases and resets a registration', async () => {
    const { account, customerId, licenseIds } = await customerWith(['72220-200', '92201R-P-200']);
    const [capacity, maintenance] = licenseIds as [string, string];
    const sid = await registeredSmartServer(t, 'SID-portal-dead', customerId);
    const token = (await sid.download([capacity])).body.results[0].token as string;

    const { page, problems } = await newPage();
    await page.goto(`${t.url}/partner`);
    await page.type('#login input[name=email]', account.email);
    await page.type('#login input[name=password]', account.password);
    await page.click('#login button');
    await page.waitForFunction(() => document.querySelectorAll('#release-license option').length === 1);
    await page.type('#force-release input[name=reason]', 'unit destroyed by water');
    await page.click('#force-release button');
    await page.waitForFunction(() =>
      /Released .* from SmartServer SID-portal-dead/.test(
        document.querySelector('#message')?.textContent ?? '',
      ),
    );
    const ended = await t.cloud.db.query<{ how: string; reason: string }>(
      'SELECT how, reason FROM ended_activations WHERE activation_id = $1',
      [activationIdOf(token)],
    );
    assert.deepEqual(ended, [{ how: 'revoked', reason: 'unit destroyed by water' }]);

    await page.select('#smartservers-customer', customerId);
    await page.click('#show-smartservers button');
    await page.waitForFunction(
      (code) => document.querySelector('#smartservers tbody')?.textContent?.includes(code),
      {},
      sid.key.installCode,
    );
    assert.match(
      await page.$eval('#account-events tbody', (b) => b.textContent ?? ''),
      /license force-released/,
    );
    await page.click('#reset-registration button');
    await page.waitForFunction(() =>
      /Reset the registration of SID-portal-dead/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    assert.equal((await sid.list()).status, 401);
    assert.deepEqual(problems, []);

    const support = await addAccount(t.cloud, 'support');
    const offline = await TestSmartServer.create(t, 'SID-portal-maint', customerId);
    const requestPath = join(files, 'maintenance-request.json');
    await writeFile(requestPath, await offline.requestFile());
    const desk = await newPage();
    await desk.page.goto(`${t.url}/support`);
    await desk.page.type('#login input[name=email]', support.email);
    await desk.page.type('#login input[name=password]', support.password);
    await desk.page.click('#login button');
    await desk.page.waitForSelector('#app:not([hidden])');
    await (await desk.page.$('#offline-file input[name=requestFile]'))!.uploadFile(requestPath);
    await desk.page.type('#offline-file textarea[name=licenseIds]', maintenance);
    await desk.page.click('#offline-file button');
    await desk.page.waitForFunction(() =>
      /Created maintenance-SID-portal-maint-/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    await desk.page.type('#force-release input[name=licenseId]', maintenance);
    await desk.page.type('#force-release input[name=reason]', 'customer asked to move it');
    await desk.page.click('#force-release button');
    await desk.page.waitForFunction(() =>
      /Released .* from SmartServer SID-portal-maint/.test(
        document.querySelector('#message')?.textContent ?? '',
      ),
    );
    assert.deepEqual(desk.problems, []);
  });

  it('R24, R25, R20: a partner adds a customer and a license, transfers it, and the customer logs in with the new ID', async () => {
    const account = await addAccount(t.cloud, 'partner');
    const { page, problems } = await newPage();
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
