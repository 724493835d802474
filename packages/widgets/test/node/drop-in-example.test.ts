// examples/drop-in.html as a visitor gets it: served over HTTP from this package folder, opened in
// Debian's Chromium (puppeteer-core, nothing downloaded). It must load nothing but the drop-in
// files, define every element, render them and log no error. (Reads the build: build first.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const PACKAGE = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};
const TAGS = [
  'lic-license-provider',
  'lic-capacity-indicator',
  'lic-maintenance-indicator',
  'lic-device-license-status',
  'lic-device-list',
  'lic-manage-licenses',
];

/** Serves the package folder read-only, as any static web server would. */
function serveStatic(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = resolve(PACKAGE, `.${decodeURIComponent(new URL(req.url!, 'http://x').pathname)}`);
    if (!path.startsWith(PACKAGE + sep)) return void res.writeHead(403).end();
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe('examples/drop-in.html in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const scripts: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(resolve(PACKAGE, 'dist/drop-in/lic-widgets.js')),
      'dist/drop-in/ is missing: build the package first',
    );
    server = await serveStatic();
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/examples/drop-in.html`, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  it('defines every element, from the drop-in files only', async () => {
    await page.waitForFunction((tags: string[]) => tags.every((t) => customElements.get(t)), {}, TAGS);
    assert.ok(scripts.length > 0);
    assert.deepEqual(
      scripts.filter((path) => !path.startsWith('/dist/drop-in/lic-')),
      [],
    );
  });

  it('renders capacity, maintenance, the device list and the Manage Licenses trigger', async () => {
    await page.waitForFunction(() =>
      document.querySelector('lic-device-list')?.shadowRoot?.querySelector('[part~="row"]'),
    );
    // No helper functions inside: tsx would wrap them in a name helper the page does not have.
    const seen = await page.evaluate(
      (tags: string[]) => {
        const [capacity, maintenance, list, manage] = tags.map((t) => document.querySelector(t)!.shadowRoot!);
        return {
          meter: capacity!.querySelector('[role="meter"]') !== null,
          capacity: capacity!.textContent!.replace(/\s+/g, ' ').trim(),
          maintenance: maintenance!.textContent!.replace(/\s+/g, ' ').trim(),
          rows: list!.querySelectorAll('[part~="row"]').length,
          trigger: manage!.querySelector('[part~="trigger"]') !== null,
        };
      },
      TAGS.slice(1, 3).concat(TAGS.slice(4)),
    );
    assert.equal(seen.meter, true);
    assert.match(seen.capacity, /60/, 'the 60 devices used');
    assert.match(seen.maintenance, /Active/);
    assert.ok(seen.rows > 0 && seen.rows <= 60, `${seen.rows} device rows`);
    assert.equal(seen.trigger, true);
  });

  it('opens the Manage Licenses dialog with the two licenses, and the page hears lic-open', async () => {
    await page.evaluate(() =>
      document
        .querySelector('lic-manage-licenses')!
        .shadowRoot!.querySelector<HTMLButtonElement>('[part~="trigger"]')!
        .click(),
    );
    await page.waitForFunction(() =>
      document.querySelector('lic-manage-licenses')!.shadowRoot!.querySelector('dialog[open]'),
    );
    const rows = await page.evaluate(
      () => document.querySelector('lic-manage-licenses')!.shadowRoot!.querySelectorAll('tbody tr').length,
    );
    assert.equal(rows, 2);
    assert.match(await page.$eval('#log', (el) => el.textContent ?? ''), /^lic-open /);
  });

  it('logged no error or warning and loaded every file', () => {
    assert.deepEqual(problems, []);
  });
});
