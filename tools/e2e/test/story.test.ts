// The seed's story, walked once through the whole reference system: the license cloud and a
// SmartServer run as their own processes (exactly what `npm start` runs, on a fresh data dir),
// and a real Chromium clicks through the CMS page and the portal pages. The steps share one
// system and one browser, so they run in order and each starts where the previous one left off.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import puppeteer, { type Browser, type ElementHandle, type HTTPResponse, type Page } from 'puppeteer-core';
import { HttpTestClient } from '@smartserver-licensing/server-kit/testing';

interface Login {
  email: string;
  password: string;
}
interface DemoLicense {
  licenseId: string;
  model: string;
  /** The License ID the transfer to the customer retired. */
  replaced?: string;
}
/** What tools/scripts/demo-system.mjs returns (the part this story reads). */
interface DemoSystem {
  cloudUrl: string;
  cmsUrl: string;
  facts: {
    customerId: string;
    licenses: Record<'capacity' | 'bigCapacity' | 'maintenance' | 'inventory', DemoLicense>;
  };
  demo: {
    partner: Login;
    support: Login;
    users: Array<{ username: string; password: string; type: string }>;
    customerName: string;
    smartServerId: string;
    smartServerName: string;
    devices: string[];
  };
  stop(): Promise<void>;
  children: ChildProcess[];
}

// The demo system and the Chromium flags are the workspace's own scripts, not packages with a
// name to import by; loading them by URL keeps one copy of each (npm start and the browser
// tests use the same ones).
const workspace = new URL('../../../', import.meta.url);
const { startDemoSystem } = (await import(new URL('tools/scripts/demo-system.mjs', workspace).href)) as {
  startDemoSystem(options: {
    dataDir: string;
    cloudPort: number;
    smartServerPort: number;
    log: (line: string) => void;
  }): Promise<DemoSystem>;
};
const { chromiumArgs } = (await import(new URL('web-test-runner.config.mjs', workspace).href)) as {
  chromiumArgs: string[];
};

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Every wait: generous, because two service processes and Chromium share two cores. */
const WAIT = 30_000;
const ARTIFACTS = fileURLToPath(new URL('../dist/', import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A response the story provokes on purpose; any other 4xx/5xx or network failure is a problem. */
interface Expected {
  method: string;
  path: string;
  status: number;
  seen: number;
}

describe('the licensing story, end to end in Chromium', () => {
  let dataDir = '';
  let system: DemoSystem | undefined;
  let browser: Browser | undefined;
  let cms: Page;
  const serviceLog: string[] = [];
  const problems: string[] = [];
  const expected: Expected[] = [];
  const pages: Page[] = [];

  const expect = (method: string, path: string, status: number): Expected => {
    const entry = { method, path, status, seen: 0 };
    expected.push(entry);
    return entry;
  };

  // If the runner kills this process, the two service processes must not outlive it.
  const killChildren = () => system?.children.forEach((child) => child.exitCode === null && child.kill());
  process.once('exit', killChildren);

  async function newPage(): Promise<Page> {
    const page = await browser!.newPage();
    page.setDefaultTimeout(WAIT);
    pages.push(page);
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${String(error)}`));
    page.on('dialog', async (dialog) => {
      problems.push(`unexpected browser dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on('requestfailed', (request) => {
      // Leaving a page or logging out closes the live-update stream; that is not a failure.
      const closedStream =
        request.url().endsWith('/iap/lic/status/events') &&
        request.failure()?.errorText === 'net::ERR_ABORTED';
      if (closedStream) return;
      problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response: HTTPResponse) => {
      if (response.status() < 400) return;
      const method = response.request().method();
      const path = new URL(response.url()).pathname;
      const match = expected.find(
        (e) => e.method === method && e.path === path && e.status === response.status() && e.seen === 0,
      );
      if (match) match.seen += 1;
      else problems.push(`unexpected ${response.status()} for ${method} ${path}`);
    });
    return page;
  }

  /** An `it` that leaves a screenshot of every open page in dist/ when it fails. */
  function step(name: string, body: () => Promise<void>): void {
    it(name, { timeout: 120_000 }, async () => {
      try {
        await body();
      } catch (error) {
        await saveArtifacts(
          name
            .split(':')[0]!
            .slice(0, 40)
            .replace(/[^A-Za-z0-9]+/g, '-'),
        );
        throw error;
      }
    });
  }

  async function saveArtifacts(slug: string): Promise<void> {
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(join(ARTIFACTS, 'services.log'), serviceLog.join('\n'));
    for (const [i, page] of pages.entries()) {
      if (page.isClosed()) continue;
      // A page in a background tab never paints, so its screenshot would wait forever.
      const shot = page.bringToFront().then(() =>
        page.screenshot({
          path: join(ARTIFACTS, `${slug}-page${i + 1}.png`) as `${string}.png`,
          fullPage: true,
        }),
      );
      await Promise.race([shot, new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(
        () => undefined,
      );
    }
  }

  before(
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'smartserver-e2e-'));
      system = await startDemoSystem({
        dataDir,
        cloudPort: 0,
        smartServerPort: 0,
        log: (line) => void serviceLog.push(line),
      });
      browser = await puppeteer.launch({ executablePath: CHROMIUM, args: chromiumArgs });
      // The page's first question is whether a session exists; without a cookie that is a 401.
      expect('GET', '/api/session', 401);
      cms = await newPage();
      await cms.goto(system.cmsUrl);
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await browser?.close().catch(() => undefined);
    await system?.stop();
    process.removeListener('exit', killChildren);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // ---- page helpers: the widgets keep their DOM in shadow roots; `>>>` reaches into them ----

  const manage = (selector: string) => `lic-manage-licenses >>> ${selector}`;

  /**
   * Waits for a selector that reaches into a shadow root. Puppeteer's plain wait listens for DOM
   * mutations of the document, which never hears what changes inside a shadow root; waiting for
   * visibility polls every frame instead.
   */
  function shown(page: Page, selector: string) {
    return page.waitForSelector(selector, { visible: true });
  }

  /** Waits until `fn` (run in the page) returns something truthy, and returns it. */
  async function until<T>(page: Page, fn: (arg: string) => T, arg = ''): Promise<NonNullable<T>> {
    const handle = await page.waitForFunction(fn, { timeout: WAIT }, arg);
    return (await handle.jsonValue()) as NonNullable<T>;
  }

  async function logIn(username: string, password: string): Promise<void> {
    await cms.waitForSelector('#cms-username');
    await cms.type('#cms-username', username);
    await cms.type('#cms-password', password);
    await cms.click('form button[type=submit]');
    await cms.waitForSelector('#cms-logout');
  }

  /** The text of a shadow-DOM element of `host`, or null when it is not rendered. */
  function shadowText(page: Page, host: string, selector: string): Promise<string | null> {
    return page.evaluate(
      (h, s) => document.querySelector(h)?.shadowRoot?.querySelector(s)?.textContent?.trim() ?? null,
      host,
      selector,
    );
  }

  /** Opens one of the dialog's actions from its list view. */
  async function openAction(view: string): Promise<void> {
    await cms.locator(manage(`button[part=action][data-view=${view}]`)).click();
    await shown(cms, manage('#view-title'));
  }

  async function backToList(): Promise<void> {
    await (await dialogButton('Back')).click();
    await shown(cms, manage('button[part=action]'));
  }

  async function closeDialog(): Promise<void> {
    await cms.locator(manage('button[part=close]')).click();
    await until(cms, () => !document.querySelector('lic-manage-licenses')?.hasAttribute('open'));
  }

  /** A button inside the dialog, found by its text once it is enabled. */
  async function dialogButton(text: string): Promise<ElementHandle<HTMLButtonElement>> {
    const handle = await cms.waitForFunction(
      (label) =>
        [
          ...(document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelectorAll('button') ?? []),
        ].find((b) => b.textContent?.trim() === label && !b.disabled),
      { timeout: WAIT },
      text,
    );
    return handle as ElementHandle<HTMLButtonElement>;
  }

  // ---- the story ----

  step(
    'R22, R14, R11: the Owner logs in, the dialog opens by itself, the devices are unlicensed',
    async () => {
      const { demo } = system!;
      const owner = demo.users.find((u) => u.type === 'Owner')!;
      await logIn(owner.username, owner.password);

      // R22: nothing was ever activated and capacity is zero, so the dialog opens for the Owner.
      await cms.waitForSelector('lic-manage-licenses[open]');
      assert.equal(
        await cms.evaluate(
          () => document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelector('dialog')?.open,
        ),
        true,
        'the native dialog is shown modally',
      );
      assert.match(
        (await shadowText(cms, 'lic-manage-licenses', '[part=empty]')) ?? '',
        /No license is activated/,
      );

      // R14: the red badge on the dashboard and on the Manage Licenses action.
      await shown(cms, 'lic-capacity-indicator >>> [part=badge]');
      assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '9 / 0');
      assert.equal(
        await shadowText(cms, 'lic-capacity-indicator', '[part=detail]'),
        'No device capacity is licensed.',
      );
      assert.ok(await cms.$(manage('button[part=trigger] [part=badge]')), 'the trigger carries the badge');
      const badgeColour = await cms.$eval(
        'lic-capacity-indicator >>> [part=badge]',
        (b) => getComputedStyle(b).backgroundColor,
      );
      assert.match(
        badgeColour,
        /^rgb\(\s*(1[5-9]\d|2\d\d),\s*\d{1,2},\s*\d{1,2}\)$/,
        `badge is red (${badgeColour})`,
      );

      // R11: all nine devices (the SmartServer counts) are unlicensed and drawn in purple.
      const devices = await until(cms, () => {
        const rows = document.querySelector('lic-device-list')?.shadowRoot?.querySelectorAll('[part=row]');
        if (!rows || rows.length === 0) return null;
        return [...rows].map((row) => {
          const icon = row.querySelector('[part=icon]')!;
          return {
            name: row.querySelector('.name')!.textContent!.trim(),
            icon: icon.getAttribute('aria-label'),
            colour: getComputedStyle(icon).color,
          };
        });
      });
      assert.equal(devices.length, demo.devices.length + 1);
      assert.deepEqual(
        devices.map((d) => d.name),
        ['SmartServer', ...demo.devices],
      );
      for (const device of devices) {
        assert.equal(device.icon, 'Unlicensed', device.name);
        const [r, g, b] = device.colour.match(/\d+/g)!.map(Number);
        assert.ok(r! > g! + 40 && b! > g! + 40, `${device.name} is purple (${device.colour})`);
      }

      // R11: a device-facing operation is refused in the list with its reason…
      const provision = await cms.$eval(
        'lic-device-list >>> [part=row] button[data-operation=provision]',
        (b) => ({
          disabled: b.getAttribute('aria-disabled'),
          title: b.getAttribute('title'),
          why:
            b.getRootNode() instanceof ShadowRoot
              ? (b.getRootNode() as ShadowRoot).getElementById(b.getAttribute('aria-describedby') ?? '')
                  ?.textContent
              : null,
        }),
      );
      const reason = 'This device is unlicensed: add device capacity in Manage Licenses.';
      assert.deepEqual(provision, { disabled: 'true', title: reason, why: reason });

      // …and by the SmartServer itself, whoever asks.
      const api = new HttpTestClient(system!.cmsUrl);
      const login = await api.post('/api/session', { username: owner.username, password: owner.password });
      api.csrf = (login.body as { csrfToken: string }).csrfToken;
      const listed = await api.get('/api/devices');
      const first = (listed.body as { devices: Array<{ id: string; licensed: boolean }> }).devices[0]!;
      const refused = await api.post(
        `/api/devices/${encodeURIComponent(first.id)}/operations/read-datapoints`,
      );
      assert.equal(refused.status, 403, refused.text);
      assert.match(refused.text, /unlicensed/i);
      await api.request('DELETE', '/api/session');
    },
  );

  step(
    'R19: Manage Customer Accounts, then Download Licenses from the Cloud activates the 72220-10',
    async () => {
      const { facts } = system!;
      const capacity = facts.licenses.capacity.licenseId;

      await openAction('account');
      await until(cms, () =>
        document
          .querySelector('lic-manage-licenses')
          ?.shadowRoot?.textContent?.includes('No customer account is set.'),
      );
      await cms.type(manage('#customer-id'), facts.customerId);
      await (await dialogButton('Save')).click();
      await until(
        cms,
        () =>
          document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelector('.notice')?.textContent ===
          'Saved.',
      );
      assert.equal(
        await shadowText(cms, 'lic-manage-licenses', 'section[aria-labelledby=view-title] > p'),
        `This SmartServer uses customer account ${facts.customerId}.`,
      );
      await backToList();

      await openAction('download');
      const listed = await until(cms, () => {
        const labels = document
          .querySelector('lic-manage-licenses')
          ?.shadowRoot?.querySelectorAll('label.check');
        return labels && labels.length > 0
          ? [...labels].map((l) => l.textContent!.replace(/\s+/g, ' ').trim())
          : null;
      });
      // The customer's three licenses, not the one still in the partner's stock.
      assert.equal(listed.length, 3, listed.join('\n'));
      const line = (id: string) => listed.find((l) => l.includes(id));
      assert.match(line(capacity) ?? '', /^10-device capacity — /);
      assert.match(line(facts.licenses.bigCapacity.licenseId) ?? '', /^50-device capacity — /);
      assert.match(
        line(facts.licenses.maintenance.licenseId) ?? '',
        /^10-device capacity, 3-year maintenance — /,
      );
      assert.equal(line(facts.licenses.inventory.licenseId), undefined);

      const box = await cms.waitForFunction(
        (id) =>
          [
            ...(document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelectorAll('label.check') ??
              []),
          ]
            .find((l) => l.querySelector('code')?.textContent === id)
            ?.querySelector('input'),
        { timeout: WAIT },
        capacity,
      );
      await (box as ElementHandle<HTMLInputElement>).click();
      await (await dialogButton('Download selected')).click();

      const result = await until(cms, () => {
        const item = document
          .querySelector('lic-manage-licenses')
          ?.shadowRoot?.querySelector('ul.results li');
        return item ? item.textContent!.replace(/\s+/g, ' ').trim() : null;
      });
      assert.equal(result, `${capacity}: Done`);
      assert.ok(await cms.$(manage('ul.results li .ok')), 'the result is marked OK');
      // The refreshed list says where the license now lives.
      await until(cms, () =>
        document
          .querySelector('lic-manage-licenses')
          ?.shadowRoot?.textContent?.includes('Activated on Building 1 SmartServer'),
      );
    },
  );

  step('R13, R14: the devices become licensed (9 of 10) and the badge goes away', async () => {
    await until(
      cms,
      () =>
        document.querySelector('lic-capacity-indicator')?.shadowRoot?.querySelector('[part=value]')
          ?.textContent === '9 / 10',
    );
    assert.equal(await cms.$('lic-capacity-indicator >>> [part=badge]'), null, 'no badge on the dashboard');
    assert.equal(await cms.$(manage('button[part=trigger] [part=badge]')), null, 'no badge on the action');
    assert.equal(await cms.$('lic-capacity-indicator >>> [part=detail]'), null, 'nothing is unlicensed');

    const icons = await until(cms, () => {
      const list = document.querySelector('lic-device-list')?.shadowRoot;
      const labels = [...(list?.querySelectorAll('[part=icon]') ?? [])].map((i) =>
        i.getAttribute('aria-label'),
      );
      return labels.length > 0 && labels.every((l) => l === 'Licensed') ? labels : null;
    });
    assert.equal(icons.length, 9);

    await backToList();
    const row = await until(cms, () => {
      const cells = document
        .querySelector('lic-manage-licenses')
        ?.shadowRoot?.querySelectorAll('table[part=table] tbody tr td');
      return cells && cells.length > 0 ? [...cells].map((c) => c.textContent!.trim()) : null;
    });
    assert.deepEqual(row.slice(1, 4), ['Building 1 SmartServer', '10-device capacity', 'Active']);
    assert.equal(row[5], system!.facts.licenses.capacity.licenseId);
    await closeDialog();

    // A device-facing operation now runs; the page reports the SmartServer's answer.
    const button = await shown(
      cms,
      'lic-device-list >>> [part=row] button[data-operation=provision][aria-disabled=false]',
    );
    await button!.click();
    await until(cms, () =>
      [...document.querySelectorAll('.cms-devices > .cms-outcome[role=status]')].some((p) =>
        p.textContent?.includes('provision done for SmartServer.'),
      ),
    );
  });

  step(
    'R21, R16: an offline maintenance file from support, added in the dialog, makes maintenance Active',
    async () => {
      const { cloudUrl, demo, facts } = system!;
      assert.equal(
        await shadowText(cms, 'lic-maintenance-indicator', '[part=label]'),
        'Maintenance: Inactive',
      );

      const support = new HttpTestClient(cloudUrl);
      const login = await support.post('/api/v1/session/account', demo.support);
      assert.equal(login.status, 200, login.text);
      support.csrf = (login.body as { csrfToken: string }).csrfToken;
      const issued = await support.post('/api/v1/support/offline-files', {
        smartServerId: demo.smartServerId,
        licenseIds: [facts.licenses.maintenance.licenseId],
      });
      assert.equal(issued.status, 201, issued.text);
      const fileName = /filename="([^"]+)"/.exec(issued.headers.get('content-disposition') ?? '')?.[1];
      assert.ok(fileName?.startsWith(`maintenance-${demo.smartServerId}-`), `file name ${fileName}`);
      const file = join(dataDir, fileName!);
      await writeFile(file, issued.text);

      await cms.locator(manage('button[part=trigger]')).click();
      await cms.waitForSelector('lic-manage-licenses[open]');
      await openAction('add');
      const input = (await shown(cms, manage('input#file'))) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      const result = await until(cms, () => {
        const item = document
          .querySelector('lic-manage-licenses')
          ?.shadowRoot?.querySelector('ul.results li');
        return item ? item.textContent!.replace(/\s+/g, ' ').trim() : null;
      });
      assert.equal(result, `Token 1 (${facts.licenses.maintenance.licenseId}): Done`);
      assert.equal(await shadowText(cms, 'lic-manage-licenses', '[role=alert]'), null, 'no problem reported');
      await backToList();
      await closeDialog();

      await until(
        cms,
        () =>
          document.querySelector('lic-maintenance-indicator')?.shadowRoot?.querySelector('[part=label]')
            ?.textContent === 'Maintenance: Active',
      );
      // A 3-year Premium Pass activated today ends about three years from now.
      const tip = (await shadowText(cms, 'lic-maintenance-indicator', '[part=tooltip]')) ?? '';
      const end = /^Maintenance ends on (\d{4}-\d{2}-\d{2})$/.exec(tip)?.[1];
      assert.ok(end, `tooltip: ${tip}`);
      const years = (Date.parse(end) - Date.now()) / (365.25 * 86_400_000);
      assert.ok(years > 2.9 && years < 3.1, `ends ${end}`);

      const tooltipShown = () =>
        cms.$eval('lic-maintenance-indicator >>> [part=tooltip]', (t) => getComputedStyle(t).visibility);
      assert.equal(await tooltipShown(), 'hidden');
      await cms.hover('lic-maintenance-indicator >>> [part=label]');
      await until(
        cms,
        () =>
          getComputedStyle(
            document.querySelector('lic-maintenance-indicator')!.shadowRoot!.querySelector('[part=tooltip]')!,
          ).visibility === 'visible',
      );
      await cms.mouse.move(0, 0);
      await until(
        cms,
        () =>
          getComputedStyle(
            document.querySelector('lic-maintenance-indicator')!.shadowRoot!.querySelector('[part=tooltip]')!,
          ).visibility === 'hidden',
      );
      // Keyboard focus reaches the date too (a key press first, so the focus counts as keyboard focus).
      await cms.keyboard.press('Shift');
      await cms.focus('lic-maintenance-indicator >>> [part=label]');
      await until(
        cms,
        () =>
          getComputedStyle(
            document.querySelector('lic-maintenance-indicator')!.shadowRoot!.querySelector('[part=tooltip]')!,
          ).visibility === 'visible',
      );
    },
  );

  step('R22: a User cannot manage licenses, not in the page and not through the API', async () => {
    const { demo } = system!;
    await cms.click('#cms-logout');
    const user = demo.users.find((u) => u.type === 'User')!;
    await logIn(user.username, user.password);
    assert.equal(await cms.$eval('.cms-user', (p) => p.textContent?.trim()), 'Signed in as user (User)');

    // The state has loaded once the dashboard shows the figures.
    await until(
      cms,
      () =>
        document.querySelector('lic-capacity-indicator')?.shadowRoot?.querySelector('[part=value]')
          ?.textContent === '9 / 10',
    );
    const trigger = await cms.$eval(manage('button[part=trigger]'), (b) => ({
      disabled: b.getAttribute('aria-disabled'),
      describedBy: b.getAttribute('aria-describedby'),
    }));
    assert.deepEqual(trigger, { disabled: 'true', describedBy: 'unavailable' });
    assert.equal(
      await shadowText(cms, 'lic-manage-licenses', '#unavailable'),
      'Only the SmartServer Owner can manage licenses.',
    );
    await cms.click(manage('button[part=trigger]'));
    assert.equal(await cms.$('lic-manage-licenses[open]'), null, 'a click does not open the dialog');

    // Two more devices (anyone may create devices, R11) push the count over capacity: the state
    // now asks for the dialog, which opens for an Owner (step 1) but not for a User.
    for (const name of ['VAV box 103', 'VAV box 104']) {
      await cms.type('#cms-device-name', name);
      await cms.click('.cms-add-device button[type=submit]');
      await until(cms, () =>
        document.querySelector('.cms-add-device [role=status]')?.textContent?.includes('VAV box 10'),
      );
    }
    await shown(cms, manage('button[part=trigger] [part=badge]'));
    assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '11 / 10');
    assert.equal(
      await cms.$('lic-manage-licenses[open]'),
      null,
      'the dialog does not open by itself for a User',
    );

    // The SmartServer refuses the owner-only API to this session as well.
    const download = expect('POST', '/iap/lic/cloud/download', 403);
    const answer = await cms.evaluate(async (licenseId) => {
      const response = await fetch('/iap/lic/cloud/download', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': sessionStorage.getItem('smartserver-cms:csrf') ?? '',
        },
        body: JSON.stringify({ licenseIds: [licenseId] }),
      });
      return { status: response.status, body: await response.text() };
    }, system!.facts.licenses.bigCapacity.licenseId);
    assert.equal(answer.status, 403, answer.body);
    assert.match(answer.body, /FORBIDDEN/);
    assert.equal(download.seen, 1);
  });

  step(
    'R25: a partner transfers a license in the Partner Portal; the Customer Portal takes only the new ID',
    async () => {
      const { cloudUrl, demo, facts } = system!;
      const oldId = facts.licenses.inventory.licenseId;

      const partner = await newPage();
      await partner.goto(`${cloudUrl}/partner`);
      await partner.type('#login input[name=email]', demo.partner.email);
      await partner.type('#login input[name=password]', demo.partner.password);
      await partner.click('#login button');
      await partner.waitForSelector('#app:not([hidden])');
      await until(partner, () => document.querySelector('#my-inventory tbody tr'));
      assert.deepEqual(
        await partner.$$eval('#my-inventory tbody tr', (rows) => rows.map((r) => r.children[1]?.textContent)),
        ['72220-200'],
        'My Inventory holds the license not yet transferred',
      );

      await partner.select('#transfer-license', oldId);
      await partner.select('#transfer-customer', facts.customerId);
      assert.equal(
        await partner.$eval(
          '#transfer-customer',
          (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent,
        ),
        demo.customerName,
      );
      await partner.click('#transfer button');
      const message = await until(partner, () => {
        const text = document.querySelector('#message')?.textContent ?? '';
        return text.startsWith('Transferred') ? text : null;
      });
      const newId = /new License ID (\S+) \(the old (\S+) is retired\)/.exec(message);
      assert.ok(newId, message);
      assert.match(newId[1]!, UUID);
      assert.equal(newId[2], oldId);
      assert.notEqual(newId[1], oldId);

      // Customer Inventory tracks the replacement; My Inventory is empty.
      const row = await until(
        partner,
        (id: string) =>
          [...document.querySelectorAll('#customer-inventory tbody tr')]
            .map((r) => [...r.children].map((c) => c.textContent))
            .find((cells) => cells[1] === id) ?? null,
        newId[1]!,
      );
      assert.deepEqual(row, [demo.customerName, newId[1], '72220-200', oldId, '—']);
      assert.equal(await partner.$eval('#my-inventory', (t) => (t as HTMLElement).hidden), true);

      const customer = await newPage();
      await customer.goto(`${cloudUrl}/customer`);
      const refusal = expect('POST', '/api/v1/session/customer', 401);
      await customer.type('#login input[name=licenseId]', oldId);
      await customer.click('#login button');
      await customer.waitForSelector('#message[role=alert]');
      assert.equal(
        await customer.$eval('#message', (m) => m.textContent),
        'No customer account has this License ID.',
      );
      assert.equal(await customer.$eval('#app', (a) => (a as HTMLElement).hidden), true);
      assert.equal(refusal.seen, 1);

      await customer.$eval('#login input[name=licenseId]', (i) => ((i as HTMLInputElement).value = ''));
      await customer.type('#login input[name=licenseId]', newId[1]!);
      await customer.click('#login button');
      await customer.waitForSelector('#app:not([hidden])');
      await until(customer, () => document.querySelector('#licenses tbody tr'));
      const ids = await customer.$$eval('#licenses tbody tr', (rows) =>
        rows.map((r) => r.children[0]?.textContent),
      );
      assert.ok(ids.includes(newId[1]!), 'the new license is in the account');
      assert.ok(ids.includes(facts.licenses.capacity.licenseId));
      assert.ok(!ids.includes(oldId));
    },
  );

  step('no page errors and no failed requests beyond the expected ones', async () => {
    assert.deepEqual(problems, []);
    const missing = expected.filter((e) => e.seen !== 1).map((e) => `${e.method} ${e.path} ${e.status}`);
    assert.deepEqual(missing, [], 'every expected refusal happened once');
  });
});
