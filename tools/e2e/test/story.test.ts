// The seed's story, walked once through the whole reference system: the license cloud and a
// SmartServer run as their own processes (exactly what `npm start` runs, on a fresh data dir),
// and a real Chromium clicks through the CMS page and the portal pages as a person would:
// typing, clicking, saving the files the pages offer and choosing them again in file inputs.
// The HTTP APIs are used only to check what the pages did. The steps share one system and one
// browser, so they run in order and each starts where the previous one left off.
//
// Online and offline: the SmartServer reaches the cloud through the demo system's gate, which
// the story closes to cut the SmartServer off (the portals stay reachable), as a site without
// Internet access would be.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import puppeteer, {
  type Browser,
  type CDPSession,
  type ElementHandle,
  type HTTPResponse,
  type Page,
} from 'puppeteer-core';
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
  cloudDirectUrl: string;
  cmsUrl: string;
  smartServer: { id: string; name: string; installCode: string };
  link: { readonly online: boolean; setOnline(online: boolean): void; readonly refused: number };
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
const FILE_REPLAYED =
  'This activation file was added before, so nothing was changed. For more licenses, create a new activation request.';

declare global {
  /**
   * Every element matching `selector` in the document and in every open shadow root; `a >>> b`
   * finds b below an a (see newPage).
   */
  var __deep: (selector: string) => Element[];
}

/**
 * Test instrumentation, installed in every page before its own scripts: `__deep(selector)`
 * finds elements in the document and in every open shadow root (the widgets' dialog panels are
 * elements with shadow roots of their own inside the dialog's); `a >>> b` finds b anywhere below
 * an a, as puppeteer's deep combinator. Plain JavaScript text: a function compiled by tsx would
 * carry esbuild's helpers, which the page does not have.
 */
const DEEP_QUERY = `(() => {
  function within(node, selector) {
    const found = [];
    function walk(root) {
      found.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    }
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    walk(node);
    return found;
  }
  function deep(chain) {
    let nodes = [document];
    for (const part of chain.split('>>>').map((p) => p.trim()))
      nodes = [...new Set(nodes.flatMap((n) => within(n, part)))];
    return nodes;
  }
  Object.defineProperty(globalThis, '__deep', { value: deep });
})();`;

/** A response the story provokes on purpose; any other 4xx/5xx or network failure is a problem. */
interface Expected {
  method: string;
  path: string;
  status: number;
  seen: number;
}

/** A file the browser saved: the name the page gave it, where it is on disk, and its text. */
interface Saved {
  name: string;
  path: string;
  text: string;
}

// ---- the files people carry, read from disk with nothing but node:crypto ----

interface Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

function decodeJws(compact: string): Jws {
  const [h, p, s] = compact.split('.');
  assert.ok(h && p && s, 'a compact JWS has three parts');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
    signingInput: Buffer.from(`${h}.${p}`),
    signature: Buffer.from(s, 'base64url'),
  };
}

/** Whether an EdDSA (Ed25519) JWS verifies with `jwk`. */
function signedBy(jws: Jws, jwk: JsonWebKey): boolean {
  assert.equal(jws.header['alg'], 'EdDSA');
  return verify(null, jws.signingInput, createPublicKey({ key: jwk, format: 'jwk' }), jws.signature);
}

/** RFC 7638 thumbprint of an Ed25519 public key, base64url. */
function thumbprintOf(jwk: { x: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x: jwk.x }))
    .digest('base64url');
}

/** The Install Code of a thumbprint (docs/protocol.md): its first 100 bits in Crockford base32. */
function installCodeOf(thumbprint: string): string {
  const bits = [...Buffer.from(thumbprint, 'base64url')].map((b) => b.toString(2).padStart(8, '0')).join('');
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let code = '';
  for (let i = 0; i < 100; i += 5) code += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return code.match(/.{4}/g)!.join('-');
}

/** A protocol file as the pages save it: `{ format, version: 2, signed }` and nothing else. */
function readEnvelope(saved: Saved, format: string): Jws {
  const file = JSON.parse(saved.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(file).sort(), ['format', 'signed', 'version'], saved.name);
  assert.equal(file['format'], format, saved.name);
  assert.equal(file['version'], 2, saved.name);
  return decodeJws(String(file['signed']));
}

describe('the licensing story, end to end in Chromium', () => {
  let dataDir = '';
  let downloadsDir = '';
  let system: DemoSystem | undefined;
  let browser: Browser | undefined;
  let downloads: CDPSession | undefined;
  let cms: Page;
  const serviceLog: string[] = [];
  const problems: string[] = [];
  const expected: Expected[] = [];
  const pages: Page[] = [];
  /** What the Owner saw in Manage Customer Accounts: the Install Code to compare everywhere. */
  let shownInstallCode = '';

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
    await page.evaluateOnNewDocument(DEEP_QUERY);
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

  /**
   * An `it` that leaves a screenshot of every open page in dist/ when it fails. Each step starts
   * where the previous one left off, so after a failure the rest of the story is skipped.
   */
  let failedStep = '';
  function step(name: string, body: () => Promise<void>): void {
    it(name, { timeout: 120_000 }, async (t) => {
      if (failedStep) {
        t.skip(`an earlier step failed: ${failedStep}`);
        return;
      }
      try {
        await body();
      } catch (error) {
        failedStep = name;
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

  // ---- downloads: Chromium saves them to a folder of the test's; each lands under its own name ----

  const downloadNames = new Map<string, string>();
  const finished: Array<{ guid: string; state: string }> = [];
  const waiting: Array<(done: { guid: string; state: string }) => void> = [];
  let downloadCount = 0;

  /** Runs `action` (a click that makes the page save a file) and returns the file as saved. */
  async function download(action: () => Promise<unknown>): Promise<Saved> {
    const next = new Promise<{ guid: string; state: string }>((resolve) => {
      const done = finished.shift();
      if (done) resolve(done);
      else waiting.push(resolve);
    });
    await action();
    const done = await next;
    assert.equal(done.state, 'completed', 'the download completed');
    const name = downloadNames.get(done.guid)!;
    // Chromium wrote it under its download id; give it the name the page chose, as a person's
    // Downloads folder would (one folder per download, so equal names do not collide).
    const folder = join(downloadsDir, String(++downloadCount));
    await mkdir(folder);
    const path = join(folder, name);
    await rename(join(downloadsDir, done.guid), path);
    return { name, path, text: await readFile(path, 'utf8') };
  }

  before(
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'smartserver-e2e-'));
      downloadsDir = join(dataDir, 'downloads');
      await mkdir(downloadsDir);
      system = await startDemoSystem({
        dataDir,
        cloudPort: 0,
        smartServerPort: 0,
        log: (line) => void serviceLog.push(line),
      });
      browser = await puppeteer.launch({ executablePath: CHROMIUM, args: chromiumArgs });
      downloads = await browser.target().createCDPSession();
      downloads.on('Browser.downloadWillBegin', (e) => downloadNames.set(e.guid, e.suggestedFilename));
      downloads.on('Browser.downloadProgress', (e) => {
        if (e.state === 'inProgress') return;
        const waiter = waiting.shift();
        if (waiter) waiter(e);
        else finished.push(e);
      });
      await downloads.send('Browser.setDownloadBehavior', {
        behavior: 'allowAndName',
        downloadPath: downloadsDir,
        eventsEnabled: true,
      });
      // The page's first question is whether a session exists; without a cookie that is a 401.
      expect('GET', '/api/session', 401);
      cms = await newPage();
      await cms.goto(system.cmsUrl);
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await downloads?.detach().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await system?.stop();
    process.removeListener('exit', killChildren);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // ---- page helpers ----

  /** Waits until `fn` (run in the page) returns something truthy, and returns it. */
  async function until<T, A = string>(page: Page, fn: (arg: A) => T, arg?: A): Promise<NonNullable<T>> {
    const handle = await page.waitForFunction(fn as (arg: unknown) => T, { timeout: WAIT }, arg);
    return (await handle.jsonValue()) as NonNullable<T>;
  }

  /** The texts (white space folded) of every element matching `selector`, shadow roots included. */
  function texts(page: Page, selector: string): Promise<string[]> {
    return page.evaluate(
      (s) => __deep(s).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
      selector,
    );
  }

  /** Waits for an element matching `selector` whose text contains `text`, and returns its text. */
  function waitText(page: Page, selector: string, text: string): Promise<string> {
    return until(
      page,
      ([s, t]) =>
        __deep(s!)
          .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
          .find((x) => x.includes(t!)),
      [selector, text],
    );
  }

  /** The enabled, rendered element matching `selector` (with `text` in it, when given). */
  async function element<E extends Element = HTMLElement>(
    page: Page,
    selector: string,
    text = '',
  ): Promise<ElementHandle<E>> {
    const handle = await page.waitForFunction(
      (s, t) =>
        __deep(s).find(
          (e) =>
            (e.textContent ?? '').replace(/\s+/g, ' ').includes(t) &&
            !(e as HTMLButtonElement).disabled &&
            e.getClientRects().length > 0,
        ),
      { timeout: WAIT },
      selector,
      text,
    );
    return handle as unknown as ElementHandle<E>;
  }

  /** Clicks the enabled button (or other element) matching `selector` with `text` in it. */
  async function click(page: Page, selector: string, text = ''): Promise<void> {
    await (await element(page, selector, text)).click();
  }

  /** Clicks into a field and types `value`, as a person would. */
  async function type(page: Page, selector: string, value: string): Promise<void> {
    const field = await element<HTMLInputElement>(page, selector);
    await field.click({ count: 3 });
    await page.keyboard.type(value);
  }

  /** Chooses a file on disk in a file input. */
  async function choose(page: Page, selector: string, path: string): Promise<void> {
    await (await element<HTMLInputElement>(page, selector)).uploadFile(path);
  }

  async function logIn(username: string, password: string): Promise<void> {
    await type(cms, '#cms-username', username);
    await type(cms, '#cms-password', password);
    await click(cms, 'form button[type=submit]');
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

  const dialogOpen = () =>
    until(cms, () => document.querySelector('lic-manage-licenses')?.hasAttribute('open'));

  async function openDialog(): Promise<void> {
    await click(cms, 'lic-manage-licenses >>> button[part=trigger]');
    await dialogOpen();
  }

  /** Opens one of the dialog's actions from its list view; resolves once its panel is there. */
  async function openAction(view: string, panel: string): Promise<void> {
    await click(cms, `button[part=action][data-view=${view}]`);
    await element(cms, `lic-manage-${panel}`);
  }

  async function backToList(): Promise<void> {
    await click(cms, 'section[aria-labelledby=view-title] > p > button', 'Back');
    await element(cms, 'button[part=action]');
  }

  async function closeDialog(): Promise<void> {
    await click(cms, 'button[part=close]');
    await until(cms, () => !document.querySelector('lic-manage-licenses')?.hasAttribute('open'));
  }

  /** The CMS dashboard's capacity figure, once it reads `value`. */
  const capacityReads = (value: string) =>
    until(
      cms,
      (v) =>
        document.querySelector('lic-capacity-indicator')?.shadowRoot?.querySelector('[part=value]')
          ?.textContent === v,
      value,
    );

  const maintenanceReads = (label: string) =>
    until(
      cms,
      (l) =>
        document.querySelector('lic-maintenance-indicator')?.shadowRoot?.querySelector('[part=label]')
          ?.textContent === l,
      label,
    );

  /** A portal page, logged in through its form. */
  async function portal(path: '/customer' | '/support' | '/partner', fill: object) {
    const page = await newPage();
    await page.goto(`${system!.cloudUrl}${path}`);
    for (const [name, value] of Object.entries(fill))
      await type(page, `#login input[name=${name}]`, String(value));
    await click(page, '#login button');
    await page.waitForSelector('#app:not([hidden])');
    return page;
  }

  /** The portal's message line once it starts with `start`. */
  const portalMessage = (page: Page, start: string) =>
    until(
      page,
      (s) => {
        const text = document.querySelector('#message')?.textContent ?? '';
        return text.startsWith(s) ? text : null;
      },
      start,
    );

  /** The Customer Portal's API with one session (logins are rate-limited), to check results. */
  let customerApi: HttpTestClient | undefined;

  /** The account's licenses as the cloud has them: License ID -> the SmartServer it is bound to. */
  async function cloudLicenses(): Promise<Map<string, string | null>> {
    if (!customerApi) {
      customerApi = new HttpTestClient(system!.cloudUrl);
      const login = await customerApi.post('/api/v1/session/customer', {
        licenseId: system!.facts.licenses.capacity.licenseId,
      });
      assert.equal(login.status, 200, login.text);
    }
    const listed = await customerApi.get('/api/v1/customer/licenses');
    assert.equal(listed.status, 200, listed.text);
    return new Map(
      (listed.body as { licenses: Array<{ licenseId: string; boundTo: string | null }> }).licenses.map(
        (l) => [l.licenseId, l.boundTo],
      ),
    );
  }

  /** The cloud's issuer keys, to check an activation file's signature. */
  async function cloudKey(kid: unknown): Promise<JsonWebKey> {
    // Straight from the cloud: the gate may be keeping the SmartServer (and this path) offline.
    const jwks = (await (await fetch(`${system!.cloudDirectUrl}/.well-known/jwks.json`)).json()) as {
      keys: Array<JsonWebKey & { kid: string }>;
    };
    const key = jwks.keys.find((k) => k.kid === kid);
    assert.ok(key, `the cloud lists key ${String(kid)}`);
    return key;
  }

  /** In the open dialog: Add License, step 1, saves the activation request; returns it, checked. */
  async function createRequest(): Promise<{ saved: Saved; claims: Record<string, unknown> }> {
    const { smartServer } = system!;
    await openAction('add', 'add');
    const saved = await download(() => click(cms, 'lic-manage-add >>> button', 'Create activation request'));
    assert.equal(saved.name, `activation-request-${smartServer.id}.json`);
    await waitText(cms, 'lic-manage-add >>> [role=status]', `Saved ${saved.name}.`);
    // Opened from disk: the signed request envelope naming this SmartServer and its key.
    const request = readEnvelope(saved, 'smartserver-activation-request');
    assert.equal(request.header['typ'], 'smartserver-activation-request+jwt');
    const claims = request.payload;
    const publicKey = claims['publicKey'] as { kty: string; crv: string; x: string };
    assert.ok(signedBy(request, publicKey as JsonWebKey), 'signed by the key it carries');
    assert.equal(claims['smartServerId'], smartServer.id);
    assert.equal(claims['segmentController'], smartServer.name);
    assert.equal(claims['installCode'], shownInstallCode);
    assert.equal(installCodeOf(thumbprintOf(publicKey)), shownInstallCode, 'the Install Code is its key’s');
    assert.match(String(claims['requestId']), UUID);
    return { saved, claims };
  }

  /** Opened from disk: a version 2 activation file, signed by the cloud, for this request's SmartServer and key. */
  async function checkActivationFile(saved: Saved, request: Record<string, unknown>): Promise<string[]> {
    const file = readEnvelope(saved, 'smartserver-license-activation');
    assert.equal(file.header['typ'], 'smartserver-activation-file+jwt');
    assert.ok(signedBy(file, await cloudKey(file.header['kid'])), 'signed by the license cloud');
    const claims = file.payload;
    assert.equal(claims['aud'], system!.smartServer.id);
    assert.equal(claims['keyThumbprint'], thumbprintOf(request['publicKey'] as { x: string }));
    assert.equal(claims['requestId'], request['requestId']);
    const tokens = claims['tokens'] as string[];
    // Each token names one license, bound to this SmartServer and its key.
    return tokens.map((token) => {
      const t = decodeJws(token).payload;
      assert.equal(t['aud'], system!.smartServer.id);
      assert.deepEqual(t['cnf'], { jkt: claims['keyThumbprint'] });
      return String(t['sub']);
    });
  }

  /** In the open dialog: Add License, step 2, with a file from disk. */
  async function addFile(path: string): Promise<void> {
    await choose(cms, 'lic-manage-add >>> input#file', path);
  }

  /** A portal page's license row once its last column ("Activated on") reads `boundTo`. */
  const licenseRow = (page: Page, licenseId: string, boundTo: string) =>
    until(
      page,
      ([id, on]) => {
        const row = [...document.querySelectorAll('#licenses tbody tr')]
          .map((r) => [...r.children].map((c) => c.textContent ?? ''))
          .find((cells) => cells[0] === id);
        return row && row.at(-1) === on ? row : null;
      },
      [licenseId, boundTo],
    );

  // ---- the story ----

  step(
    'R22, R14, R11: the Owner logs in, the dialog opens by itself, the devices are unlicensed',
    async () => {
      const { demo } = system!;
      const owner = demo.users.find((u) => u.type === 'Owner')!;
      await logIn(owner.username, owner.password);

      // R22: nothing was ever activated and capacity is zero, so the dialog opens for the Owner.
      await dialogOpen();
      assert.equal(
        await cms.evaluate(
          () => document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelector('dialog')?.open,
        ),
        true,
        'the native dialog is shown modally',
      );
      await waitText(cms, 'lic-manage-licenses >>> [part=empty]', 'No license is activated');

      // R14: the red badge on the dashboard and on the Manage Licenses action.
      await element(cms, 'lic-capacity-indicator >>> [part=badge]');
      assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '9 / 0');
      assert.equal(
        await shadowText(cms, 'lic-capacity-indicator', '[part=detail]'),
        'No device capacity is licensed.',
      );
      assert.equal(
        (await texts(cms, 'button[part=trigger] [part=badge]')).length,
        1,
        'the trigger carries the badge',
      );
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

      // R11: a device-facing operation is refused in the list with its reason.
      const provision = await cms.$eval(
        'lic-device-list >>> [part=row] button[data-operation=provision]',
        (b) => ({ disabled: b.getAttribute('aria-disabled'), title: b.getAttribute('title') }),
      );
      assert.equal(provision.disabled, 'true');
      assert.match(provision.title ?? '', /unlicensed|capacity/i);
    },
  );

  step(
    'R19: Manage Customer Accounts shows this SmartServer and its Install Code; the Customer ID links it to the account',
    async () => {
      const { facts, smartServer, demo, cloudUrl } = system!;
      await openAction('account', 'account');
      const terms = await until(cms, () => {
        const dts = __deep('lic-manage-account >>> dt');
        return dts.length >= 4 && __deep('lic-manage-account >>> dd code.install-code').length === 1
          ? dts.map((dt) => [
              dt.textContent!.trim(),
              (dt.nextElementSibling?.querySelector('code') ?? dt.nextElementSibling)!.textContent!.trim(),
            ])
          : null;
      });
      const shown = Object.fromEntries(terms);
      shownInstallCode = shown['Install Code']!;
      assert.deepEqual(shown, {
        'Segment controller': smartServer.name,
        'SmartServer ID': smartServer.id,
        // The code the SmartServer printed when it made its key at first start.
        'Install Code': smartServer.installCode,
        'Customer ID': 'None yet',
      });

      await type(cms, 'lic-manage-account >>> #customer-id', facts.customerId);
      await click(cms, 'lic-manage-account >>> button[type=submit]', 'Save');
      await until(
        cms,
        () =>
          document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelector('.notice')?.textContent ===
          'Saved.',
      );
      await waitText(cms, 'lic-manage-account >>> dd code', facts.customerId);

      // The cloud registered this SmartServer's key in the account, under the same Install Code.
      const partner = new HttpTestClient(cloudUrl);
      const login = await partner.post('/api/v1/session/account', demo.partner);
      assert.equal(login.status, 200, login.text);
      const registered = await partner.get(`/api/v1/partner/customers/${facts.customerId}/smartservers`);
      assert.equal(registered.status, 200, registered.text);
      assert.deepEqual(
        (
          registered.body as { smartServers: Array<{ smartServerId: string; installCode: string }> }
        ).smartServers.map((s) => [s.smartServerId, s.installCode]),
        [[smartServer.id, shownInstallCode]],
      );
      await backToList();
    },
  );

  step('R19, R13: the Owner downloads a D10 from the cloud; the devices become licensed', async () => {
    const { facts, smartServer } = system!;
    const capacity = facts.licenses.capacity.licenseId;
    await openAction('download', 'download');
    const listed = await until(cms, () => {
      const labels = __deep('lic-manage-download >>> label.check');
      return labels.length > 0 ? labels.map((l) => l.textContent!.replace(/\s+/g, ' ').trim()) : null;
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

    await click(cms, 'lic-manage-download >>> label.check', capacity);
    await click(cms, 'lic-manage-download >>> button', 'Download selected');
    assert.equal(await waitText(cms, 'lic-manage-download >>> ul.results li', capacity), `${capacity}: Done`);
    assert.equal((await texts(cms, 'lic-manage-download >>> ul.results li .ok')).length, 1, 'marked OK');
    // The refreshed list says where the license now lives.
    await waitText(cms, 'lic-manage-download >>> label.check', `Activated on ${smartServer.name}`);

    // R13, R14: nine devices fit in ten; the badge goes.
    await capacityReads('9 / 10');
    assert.equal(await cms.$('lic-capacity-indicator >>> [part=badge]'), null, 'no badge on the dashboard');
    assert.deepEqual(await texts(cms, 'button[part=trigger] [part=badge]'), [], 'no badge on the action');
    const icons = await until(cms, () => {
      const labels = __deep('lic-device-list >>> [part=icon]').map((i) => i.getAttribute('aria-label'));
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
    assert.deepEqual(row.slice(1, 4), [smartServer.name, '10-device capacity', 'Active']);
    assert.equal(row[5], capacity);
    await closeDialog();

    // A device-facing operation now runs; the page reports the SmartServer's answer.
    await click(cms, 'lic-device-list >>> [part=row] button[data-operation=provision][aria-disabled=false]');
    await waitText(cms, '.cms-devices > .cms-outcome[role=status]', 'provision done for SmartServer.');
  });

  step(
    'R20: offline, the Owner takes an activation request to the Customer Portal and adds the activation file it answers',
    async () => {
      const { facts, smartServer, link } = system!;
      const big = facts.licenses.bigCapacity.licenseId;
      // From here the SmartServer has no Internet access; the portals are reached from elsewhere.
      link.setOnline(false);

      await openDialog();
      const { saved: request, claims } = await createRequest();

      const customer = await portal('/customer', { licenseId: facts.licenses.capacity.licenseId });
      await choose(customer, '#offline-file input[name=requestFile]', request.path);
      // The portal shows which SmartServer the request names, to compare with the CMS.
      assert.equal(
        await waitText(customer, '#request-summary', 'Request from'),
        `Request from SmartServer ${smartServer.id} (${smartServer.name}), Install Code ${shownInstallCode}.`,
      );
      await click(customer, '#file-licenses label', big);
      const file = await download(() => click(customer, '#offline-file button', 'Create activation file'));
      assert.match(file.name, new RegExp(`^license-${smartServer.id}-[0-9a-f-]{36}\\.json$`));
      assert.equal(
        await portalMessage(customer, 'Created'),
        `Created ${file.name}: add it in the SmartServer's Manage Licenses dialog (Add License).`,
      );
      assert.deepEqual(await checkActivationFile(file, claims), [big]);
      // The portal lists the license as activated on that SmartServer.
      assert.deepEqual(await licenseRow(customer, big, smartServer.id), [
        big,
        '72220-50',
        'capacity',
        '50',
        smartServer.id,
      ]);
      await customer.close();

      // Back at the SmartServer: Add License, step 2, with the file from disk. It counts.
      await addFile(file.path);
      assert.equal(await waitText(cms, 'lic-manage-add >>> ul.results li', big), `Token 1 (${big}): Done`);
      assert.deepEqual(await texts(cms, 'lic-manage-add >>> [role=alert]'), [], 'no problem reported');
      await capacityReads('9 / 60');
      await backToList();

      // The same file again, later: refused in words, and nothing changes.
      const replay = expect('POST', '/iap/lic', 400);
      await openAction('add', 'add');
      await addFile(file.path);
      assert.equal(await waitText(cms, 'lic-manage-add >>> [role=alert]', 'added before'), FILE_REPLAYED);
      assert.deepEqual(await texts(cms, 'lic-manage-add >>> ul.results li'), []);
      assert.equal(replay.seen, 1);
      assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '9 / 60');
      await backToList();
    },
  );

  step(
    'R21, R16: support answers a request file with a maintenance file; added in the dialog, maintenance is Active',
    async () => {
      const { demo, facts, smartServer } = system!;
      const maintenance = facts.licenses.maintenance.licenseId;
      assert.equal(
        await shadowText(cms, 'lic-maintenance-indicator', '[part=label]'),
        'Maintenance: Inactive',
      );
      const { saved: request, claims } = await createRequest();

      const support = await portal('/support', demo.support);
      await choose(support, '#offline-file input[name=requestFile]', request.path);
      await waitText(support, '#request-summary', `Install Code ${shownInstallCode}.`);
      await type(support, '#offline-file textarea[name=licenseIds]', maintenance);
      const file = await download(() => click(support, '#offline-file button', 'Create activation file'));
      assert.match(file.name, new RegExp(`^maintenance-${smartServer.id}-[0-9a-f-]{36}\\.json$`));
      await portalMessage(support, `Created ${file.name}`);
      assert.deepEqual(await checkActivationFile(file, claims), [maintenance]);
      await support.close();

      await addFile(file.path);
      assert.equal(
        await waitText(cms, 'lic-manage-add >>> ul.results li', maintenance),
        `Token 1 (${maintenance}): Done`,
      );
      await backToList();
      await closeDialog();

      await maintenanceReads('Maintenance: Active');
      // A 3-year Premium Pass activated today ends about three years from now.
      const tip = (await shadowText(cms, 'lic-maintenance-indicator', '[part=tooltip]')) ?? '';
      const end = /^Maintenance ends on (\d{4}-\d{2}-\d{2})$/.exec(tip)?.[1];
      assert.ok(end, `tooltip: ${tip}`);
      const years = (Date.parse(end) - Date.now()) / (365.25 * 86_400_000);
      assert.ok(years > 2.9 && years < 3.1, `ends ${end}`);

      const tooltip = (visibility: string) =>
        until(
          cms,
          (v) =>
            getComputedStyle(
              document
                .querySelector('lic-maintenance-indicator')!
                .shadowRoot!.querySelector('[part=tooltip]')!,
            ).visibility === v,
          visibility,
        );
      await tooltip('hidden');
      await cms.hover('lic-maintenance-indicator >>> [part=label]');
      await tooltip('visible');
      await cms.mouse.move(0, 0);
      await tooltip('hidden');
      // Keyboard focus reaches the date too (a key press first, so the focus counts as keyboard focus).
      await cms.keyboard.press('Shift');
      await cms.focus('lic-maintenance-indicator >>> [part=label]');
      await tooltip('visible');
    },
  );

  step(
    'R19: a return with the cloud reachable is delivered; offline, it waits, and its receipt file frees the license in the Customer Portal',
    async () => {
      const { facts, smartServer, link } = system!;
      const maintenance = facts.licenses.maintenance.licenseId;
      const big = facts.licenses.bigCapacity.licenseId;

      // Online: the SmartServer tells the cloud at once.
      link.setOnline(true);
      await openDialog();
      await click(cms, `input[aria-label="Select license ${maintenance}"]`);
      await openAction('return', 'return');
      await click(cms, 'lic-manage-return >>> button.danger', 'Return 1 license');
      assert.equal(
        await waitText(cms, 'lic-manage-return >>> ul.results li', maintenance),
        `${maintenance}: Done`,
      );
      assert.deepEqual(await texts(cms, 'lic-manage-return >>> #not-delivered'), []);
      await maintenanceReads('Maintenance: Inactive');
      assert.equal((await cloudLicenses()).get(maintenance), null, 'the cloud freed the maintenance license');
      await backToList();

      // Offline: the license stops counting here at once; the cloud cannot hear of it yet.
      link.setOnline(false);
      const refusedBefore = link.refused;
      await click(cms, `input[aria-label="Select license ${big}"]`);
      await openAction('return', 'return');
      await click(cms, 'lic-manage-return >>> button.danger', 'Return 1 license');
      assert.equal(
        await waitText(cms, 'lic-manage-return >>> ul.results li', big),
        `${big}: No longer counts here; the cloud has not been told yet`,
      );
      await waitText(cms, 'lic-manage-return >>> #not-delivered', 'could not be reached');
      assert.ok(link.refused > refusedBefore, 'the SmartServer tried to reach the cloud');
      await capacityReads('9 / 10');
      assert.equal(
        (await cloudLicenses()).get(big),
        smartServer.id,
        'the cloud still has it on the SmartServer',
      );

      // The pending return, with its receipt as a file for the Customer Portal.
      await waitText(cms, 'lic-manage-return >>> lic-manage-pending >>> li', big);
      const receipt = await download(() =>
        click(
          cms,
          `lic-manage-return >>> lic-manage-pending >>> button[aria-label="Download return receipt (license ${big})"]`,
        ),
      );
      assert.equal(receipt.name, `return-${big}.json`);
      await until(
        cms,
        (name) =>
          document.querySelector('lic-manage-licenses')?.shadowRoot?.querySelector('.notice')?.textContent ===
          `Saved ${name}. Upload it in the License Customer Portal.`,
        receipt.name,
      );
      // Opened from disk: signed by this SmartServer's key, naming the license it gave back.
      const signed = readEnvelope(receipt, 'smartserver-return-receipt');
      assert.equal(signed.header['typ'], 'smartserver-return-receipt+jwt');
      assert.equal(signed.payload['smartServerId'], smartServer.id);
      assert.equal(signed.payload['licenseId'], big);
      assert.equal(installCodeOf(String(signed.payload['keyThumbprint'])), shownInstallCode);

      const customer = await portal('/customer', { licenseId: facts.licenses.capacity.licenseId });
      await choose(customer, '#return-file input[name=receiptFile]', receipt.path);
      await click(customer, '#return-file button', 'Return the license');
      assert.equal(
        await portalMessage(customer, 'License'),
        `License ${big} is returned: it can be activated again.`,
      );
      await licenseRow(customer, big, 'not activated');
      await customer.close();
      assert.equal((await cloudLicenses()).get(big), null, 'the cloud freed it');

      // Back online, the SmartServer delivers what it still owed; the cloud has it already.
      link.setOnline(true);
      await click(cms, 'lic-manage-return >>> lic-manage-pending >>> button', 'Try again');
      await waitText(
        cms,
        'lic-manage-return >>> lic-manage-pending >>> #delivered',
        'The cloud has heard of every return.',
      );
      await backToList();
      await closeDialog();
      assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '9 / 10');
    },
  );

  step(
    'R22: a User cannot manage licenses, not in the page and not through the API, and sees no License ID',
    async () => {
      const { demo, facts } = system!;
      await click(cms, '#cms-logout');
      const user = demo.users.find((u) => u.type === 'User')!;
      await logIn(user.username, user.password);
      assert.equal(await cms.$eval('.cms-user', (p) => p.textContent?.trim()), 'Signed in as user (User)');

      // The state has loaded once the dashboard shows the figures.
      await capacityReads('9 / 10');
      const trigger = await cms.$eval('lic-manage-licenses >>> button[part=trigger]', (b) => ({
        disabled: b.getAttribute('aria-disabled'),
        describedBy: b.getAttribute('aria-describedby'),
      }));
      assert.deepEqual(trigger, { disabled: 'true', describedBy: 'unavailable' });
      assert.equal(
        await shadowText(cms, 'lic-manage-licenses', '#unavailable'),
        'Only the SmartServer Owner can manage licenses.',
      );
      await click(cms, 'lic-manage-licenses >>> button[part=trigger]');
      assert.equal(await cms.$('lic-manage-licenses[open]'), null, 'a click does not open the dialog');

      // Two more devices (anyone may create devices, R11) push the count over capacity: the state
      // now asks for the dialog, which opens for an Owner (step 1) but not for a User.
      for (const name of ['VAV box 103', 'VAV box 104']) {
        await type(cms, '#cms-device-name', name);
        await click(cms, '.cms-add-device button[type=submit]');
        await waitText(cms, '.cms-add-device [role=status]', name);
      }
      await element(cms, 'button[part=trigger] [part=badge]');
      assert.equal(await shadowText(cms, 'lic-capacity-indicator', '[part=value]'), '11 / 10');
      assert.equal(
        await cms.$('lic-manage-licenses[open]'),
        null,
        'the dialog does not open by itself for a User',
      );

      // The SmartServer refuses the Owner's routes to this session as well, and its status names
      // no License ID (they are credentials: they log into the Customer Portal).
      const download = expect('POST', '/iap/lic/cloud/download', 403);
      const request = expect('GET', '/iap/lic/activation-request', 403);
      const answers = await cms.evaluate(async (licenseId) => {
        const csrf = sessionStorage.getItem('smartserver-cms:csrf') ?? '';
        const downloaded = await fetch('/iap/lic/cloud/download', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({ licenseIds: [licenseId] }),
        });
        const requested = await fetch('/iap/lic/activation-request');
        const status = await fetch('/iap/lic/status');
        return {
          download: { status: downloaded.status, body: await downloaded.text() },
          request: { status: requested.status, body: await requested.text() },
          status: { status: status.status, body: await status.text() },
        };
      }, facts.licenses.bigCapacity.licenseId);
      assert.equal(answers.download.status, 403, answers.download.body);
      assert.match(answers.download.body, /FORBIDDEN/);
      assert.equal(answers.request.status, 403, answers.request.body);
      assert.equal(download.seen, 1);
      assert.equal(request.seen, 1);
      assert.equal(answers.status.status, 200);
      const status = JSON.parse(answers.status.body) as { userType: string; state: { licenses: unknown[] } };
      assert.equal(status.userType, 'User');
      assert.deepEqual(status.state.licenses, []);
      for (const { licenseId } of Object.values(facts.licenses)) {
        assert.ok(!answers.status.body.includes(licenseId), `no ${licenseId} in the User's status`);
      }
    },
  );

  step(
    'R24, R25: the Partner Portal shows the registration and transfers a license; the Customer Portal takes only the new ID',
    async () => {
      const { demo, facts, smartServer } = system!;
      const oldId = facts.licenses.inventory.licenseId;

      const partner = await portal('/partner', demo.partner);
      await until(partner, () => document.querySelector('#my-inventory tbody tr'));
      assert.deepEqual(
        await partner.$$eval('#my-inventory tbody tr', (rows) => rows.map((r) => r.children[1]?.textContent)),
        ['72220-200'],
        'My Inventory holds the license not yet transferred',
      );

      // The customer's registered SmartServer, with the Install Code its Owner sees in the CMS.
      await partner.select('#smartservers-customer', facts.customerId);
      await click(partner, '#show-smartservers button');
      const registered = await until(partner, () => {
        const row = document.querySelector('#smartservers tbody tr');
        return row ? [...row.children].slice(0, 2).map((c) => c.textContent) : null;
      });
      assert.deepEqual(registered, [smartServer.id, shownInstallCode]);

      await partner.select('#transfer-license', oldId);
      await partner.select('#transfer-customer', facts.customerId);
      assert.equal(
        await partner.$eval(
          '#transfer-customer',
          (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent,
        ),
        demo.customerName,
      );
      await click(partner, '#transfer button');
      const message = await portalMessage(partner, 'Transferred');
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
      await customer.goto(`${system!.cloudUrl}/customer`);
      const refusal = expect('POST', '/api/v1/session/customer', 401);
      await type(customer, '#login input[name=licenseId]', oldId);
      await click(customer, '#login button');
      await customer.waitForSelector('#message[role=alert]');
      assert.equal(
        await customer.$eval('#message', (m) => m.textContent),
        'No customer account has this License ID.',
      );
      assert.equal(await customer.$eval('#app', (a) => (a as HTMLElement).hidden), true);
      assert.equal(refusal.seen, 1);

      await type(customer, '#login input[name=licenseId]', newId[1]!);
      await click(customer, '#login button');
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

  it('no page errors and no failed requests beyond the expected ones', async () => {
    assert.deepEqual(problems, []);
    const missing = expected.filter((e) => e.seen !== 1).map((e) => `${e.method} ${e.path} ${e.status}`);
    assert.deepEqual(missing, [], 'every expected refusal happened once');
  });
});
