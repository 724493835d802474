// The CMS page end to end in a browser, with license data from a MemoryLicenseSource and the
// session and device endpoints from an in-test fetch (see cms-server.ts for why).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryLicenseSource, type MemorySourceOptions } from '@smartserver-licensing/client';
import { situationState } from '@smartserver-licensing/policy/testing';
import type { LicenseState, UserType } from '@smartserver-licensing/schemas';
import { loadStrings } from '@smartserver-licensing/widgets';
import '../../src/main.js';
import { CSRF_STORAGE_KEY, renderCms, type CmsApp } from '../../src/cms-app.js';
import { CSRF, WRONG_PASSWORD, cmsServer, memoryStorage, type CmsServerOptions } from './cms-server.js';

const HOSTILE = '<img src=x onerror="globalThis.__cmsXss=1">';

const until = (predicate: () => boolean, message: string) => waitUntil(predicate, message, { timeout: 3000 });

function shadow(host: Element | null, selector: string): HTMLElement | null {
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The page's situation: devices defined (the SmartServer included) and the capacity licensed. */
interface StateSetup {
  devices?: number;
  /** 0: nothing ever activated; 10: a D10 license; 50: a D50 license with active maintenance. */
  capacity?: 0 | 10 | 50;
  segmentController?: string;
  /** Every device name and license note. */
  text?: string;
}

/** A state computed by the licensing rules over the shared test claims. */
function stateOf({ devices = 12, capacity = 50, ...rest }: StateSetup = {}): LicenseState {
  const situation = capacity === 0 ? 'noLicense' : capacity === 10 ? 'noDevices' : 'licensed';
  return situationState(situation, { devices: devices - 1, ...rest });
}

interface Setup {
  state?: StateSetup;
  /** More of the license source: this SmartServer's id and Install Code, pending returns, … */
  source?: MemorySourceOptions;
  userType?: UserType;
  server?: CmsServerOptions;
  storage?: ReturnType<typeof memoryStorage>;
}

/** Mounts the page; `signedIn` opens a session for that user first (as after a reload). */
async function mount(setup: Setup = {}) {
  const source = new MemoryLicenseSource({
    ...setup.source,
    state: stateOf(setup.state),
    userType: setup.userType ?? 'Owner',
  });
  const server = cmsServer({ source, ...setup.server });
  const storage = setup.storage ?? memoryStorage();
  const tokens: string[] = [];
  const el = await fixture<CmsApp>(
    html`<cms-app
      .fetchImpl=${server.fetch}
      .storage=${storage}
      .createSource=${(csrf: string) => (tokens.push(csrf), source)}
    ></cms-app>`,
  );
  await until(() => el.querySelector('main form, lic-device-list') !== null, 'the first screen');
  return { el, source, server, storage, tokens };
}

async function logIn(el: CmsApp, username: string, password = 'secret') {
  el.querySelector<HTMLInputElement>('#cms-username')!.value = username;
  el.querySelector<HTMLInputElement>('#cms-password')!.value = password;
  el.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
  await until(
    () => el.querySelector('lic-device-list') !== null || el.querySelector('[role="alert"]') !== null,
    'the login answer',
  );
  await el.updateComplete;
}

const list = (app: CmsApp) => app.querySelector('lic-device-list')!;
const manage = (app: CmsApp) => app.querySelector('lic-manage-licenses')!;
const hasRows = (app: CmsApp) =>
  Boolean(app.querySelector('lic-device-list')?.shadowRoot?.querySelector('[part="row"]'));

/** The page with a session already open (as after a reload), once the device rows show. */
async function dashboard(setup: Setup = {}) {
  const mounted = await mount({ ...setup, server: { signedIn: 'owner', ...setup.server } });
  await until(() => hasRows(mounted.el), 'the device rows');
  return mounted;
}

/** The button of `operation` in the device list's row `index` (rows follow creation order). */
const operationButton = (app: CmsApp, index: number, operation: string) => {
  const row = list(app).shadowRoot!.querySelectorAll('[part="row"]')[index]!;
  return row.querySelector<HTMLButtonElement>(`[data-operation="${operation}"]`)!;
};

describe('<cms-app>', () => {
  before(() => loadStrings('de'));

  describe('login', () => {
    it('asks for the session first and shows the login form when there is none', async () => {
      const { el, server } = await mount();
      expect(server.calls[0]).to.include({ method: 'GET', path: '/api/session' });
      expect(el.querySelector('h2')!.textContent).to.equal('Log in');
      await el.updateComplete;
      expect(document.activeElement?.id).to.equal('cms-username');
    });

    it("shows the server's message as an alert when the password is wrong", async () => {
      const { el, server } = await mount();
      await logIn(el, 'owner', 'wrong');
      expect(el.querySelector('[role="alert"]')!.textContent).to.equal(WRONG_PASSWORD);
      expect(el.querySelector<HTMLInputElement>('#cms-password')!.value).to.equal('');
      const login = server.calls.find((c) => c.method === 'POST')!;
      expect(login).to.deep.include({ path: '/api/session', body: { username: 'owner', password: 'wrong' } });
    });

    it('shows a rate-limit refusal (429) as an alert', async () => {
      const { el } = await mount({ server: { rateLimited: true } });
      await logIn(el, 'owner');
      expect(el.querySelector('[role="alert"]')!.textContent).to.equal('Too many attempts: wait a minute.');
    });

    it('logs in with the keyboard alone', async () => {
      const { el } = await mount();
      await sendKeys({ type: 'owner' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'secret' });
      await sendKeys({ press: 'Enter' });
      await until(() => el.querySelector('lic-device-list') !== null, 'the dashboard');
      expect(el.querySelector('.cms-user')!.textContent).to.equal('Signed in as owner (Owner)');
    });

    it('is accessible (axe)', async () => {
      const { el } = await mount();
      await logIn(el, 'owner', 'wrong');
      await expect(el).to.be.accessible();
    });
  });

  describe('session and CSRF', () => {
    it('sends the CSRF token on every non-GET request and hands it to the license source', async () => {
      const { el, server, storage, tokens, source } = await mount({ state: { devices: 3, capacity: 10 } });
      await logIn(el, 'owner');
      expect(tokens).to.deep.equal([CSRF]);
      expect(storage.items.get(CSRF_STORAGE_KEY)).to.equal(CSRF);
      await until(() => hasRows(el), 'the device rows');
      operationButton(el, 1, 'provision').click();
      await until(
        () => el.querySelector('.cms-devices > [role="status"]')!.textContent !== '',
        'the outcome',
      );
      el.querySelector<HTMLButtonElement>('#cms-logout')!.click();
      await until(() => el.querySelector('#cms-username') !== null, 'the login form');
      const changing = server.calls.filter(
        (c) => c.method !== 'GET' && !(c.method === 'POST' && c.path === '/api/session'),
      );
      expect(changing.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
        'POST /api/devices/dev-000001/operations/provision',
        'DELETE /api/session',
      ]);
      for (const call of changing) expect(call.headers['x-csrf-token']).to.equal(CSRF);
      expect(storage.items.has(CSRF_STORAGE_KEY)).to.equal(false);
      expect(server.session).to.equal(null);
      expect(source.snapshot.state).to.not.equal(null);
    });

    it('keeps the session over a reload, with the stored token when the server leaves it out', async () => {
      const storage = memoryStorage({ [CSRF_STORAGE_KEY]: CSRF });
      const { el, server, tokens } = await dashboard({ server: { omitTokenOnGet: true }, storage });
      expect(tokens).to.deep.equal([CSRF]);
      expect(el.querySelector('.cms-user')!.textContent).to.equal('Signed in as owner (Owner)');
      el.querySelector<HTMLButtonElement>('#cms-logout')!.click();
      await until(() => el.querySelector('#cms-username') !== null, 'the login form');
      expect(server.calls.at(-1)!.headers['x-csrf-token']).to.equal(CSRF);
    });

    it('goes back to the login when the server says the session has ended', async () => {
      const { el, server } = await dashboard({
        server: {
          operation: () => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'x' } } }),
        },
      });
      operationButton(el, 1, 'provision').click();
      await until(() => el.querySelector('#cms-username') !== null, 'the login form');
      expect(el.querySelector('[role="alert"]')!.textContent).to.equal(
        'Your session has ended. Please log in again.',
      );
      expect(server.calls.length).to.be.greaterThan(1);
    });

    it('mounts with renderCms() and the options it takes', async () => {
      const source = new MemoryLicenseSource({ state: stateOf(), userType: 'Owner' });
      const server = cmsServer({ signedIn: 'owner', source });
      const root = await fixture(html`<div></div>`);
      const app = renderCms(root, {
        fetch: server.fetch,
        createSource: () => source,
        storage: memoryStorage(),
        lang: 'de',
      });
      await until(() => app.querySelector('lic-device-list') !== null, 'the dashboard');
      expect(app.getAttribute('lang')).to.equal('de');
      expect(app.querySelector('#cms-devices-title')!.textContent).to.equal('Geräte');
    });
  });

  describe('dashboard', () => {
    it('R10, R16: shows licensed and used capacity, maintenance, the devices, and the SmartServer name', async () => {
      const { el } = await dashboard({ state: { devices: 12, capacity: 50 } });
      expect(el.querySelector('h1')!.textContent).to.equal('Building 1 SmartServer');
      const meter = shadow(el.querySelector('lic-capacity-indicator'), '[role="meter"]')!;
      expect(meter.getAttribute('aria-valuetext')).to.equal('12 of 50 devices');
      expect(shadow(el.querySelector('lic-maintenance-indicator'), '[part="label"]')!.textContent).to.contain(
        'Active',
      );
      expect(list(el).shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount')).to.equal(
        '13',
      );
      expect(shadow(manage(el), '[part="trigger"] [part="badge"]')).to.equal(null);
    });

    it('R14: the red badge shows on the dashboard and on the Manage Licenses action', async () => {
      const { el } = await dashboard({ state: { devices: 12, capacity: 10 } });
      expect(shadow(el.querySelector('lic-capacity-indicator'), '[part="badge"]')).to.not.equal(null);
      const trigger = shadow(manage(el), '[part="trigger"]')!;
      expect(trigger.querySelector('[part="badge"]')).to.not.equal(null);
      expect(trigger.textContent).to.contain('Capacity is below the devices defined');
    });

    it('R22: opens Manage Licenses by itself for an Owner when autoOpen is set, and closes without a license', async () => {
      const { el } = await mount({
        state: { devices: 3, capacity: 0 },
      });
      await logIn(el, 'owner');
      const dialog = () => shadow(manage(el), 'dialog') as HTMLDialogElement | null;
      await until(() => dialog()?.open === true, 'the dialog to open');
      expect(deepActive()?.closest('dialog')).to.equal(dialog());
      shadow(manage(el), '[part="close"]')!.click();
      await until(() => dialog()?.open === false, 'the dialog to close');
      expect(manage(el).open).to.equal(false);
      expect(el.querySelector('lic-device-list')).to.not.equal(null);
    });

    it('R22: a non-Owner sees the Manage Licenses action disabled, with the reason, and no dialog', async () => {
      const { el } = await mount({ userType: 'Admin', state: { devices: 3, capacity: 0 } });
      await logIn(el, 'admin');
      await until(() => shadow(manage(el), '[part="trigger"]') !== null, 'the trigger');
      const trigger = shadow(manage(el), '[part="trigger"]')!;
      expect(trigger.getAttribute('aria-disabled')).to.equal('true');
      expect(shadow(manage(el), '#unavailable')!.textContent).to.equal(
        'Only the SmartServer Owner can manage licenses.',
      );
      trigger.click();
      await manage(el).updateComplete;
      expect((shadow(manage(el), 'dialog') as HTMLDialogElement).open).to.equal(false);
    });

    it("R11: shows a refused operation's server message as an alert, an accepted one as status", async () => {
      // The page's state can lag the server's (a device may have just lost its licence), so the
      // server has the last word even on an operation the list offered.
      const refusal = 'AHU 1 is unlicensed: add device capacity to provision it.';
      const { el } = await dashboard({
        server: {
          operation: (deviceId) =>
            deviceId === 'dev-000001'
              ? { status: 403, body: { error: { code: 'DEVICE_UNLICENSED', message: refusal } } }
              : { status: 200, body: { ok: true, message: 'Provisioned.' } },
        },
      });
      operationButton(el, 1, 'provision').click();
      await until(() => el.querySelector('.cms-devices [role="alert"]') !== null, 'the refusal');
      expect(el.querySelector('.cms-devices [role="alert"]')!.textContent).to.equal(refusal);
      operationButton(el, 2, 'provision').click();
      await until(() => el.querySelector('.cms-devices [role="alert"]') === null, 'the refusal to go');
      await until(
        () => el.querySelector('.cms-devices > [role="status"]')!.textContent !== '',
        'the outcome',
      );
      expect(el.querySelector('.cms-devices > [role="status"]')!.textContent!.trim()).to.equal(
        'Provisioned.',
      );
    });

    it('R11: adds a device beyond capacity; it arrives unlicensed through the source', async () => {
      const { el, server } = await dashboard({ state: { devices: 10, capacity: 10 } });
      el.querySelector<HTMLInputElement>('#cms-device-name')!.value = 'Boiler 7';
      el.querySelector<HTMLSelectElement>('#cms-device-protocol')!.value = 'bacnet';
      el.querySelector<HTMLButtonElement>('.cms-add-device button')!.click();
      await until(() => list(el).shadowRoot!.textContent!.includes('Boiler 7'), 'the new device');
      expect(server.calls.at(-1)).to.deep.include({
        method: 'POST',
        path: '/api/devices',
        body: { name: 'Boiler 7', protocol: 'bacnet' },
      });
      expect(el.querySelector('.cms-add-device [role="status"]')!.textContent!.trim()).to.equal(
        'Device “Boiler 7” was added.',
      );
      expect(shadow(el.querySelector('lic-capacity-indicator'), '[part="badge"]')).to.not.equal(null);
    });

    it('speaks German when the language switch says so, widgets included', async () => {
      const { el } = await dashboard();
      const select = el.querySelector<HTMLSelectElement>('#cms-language')!;
      select.value = 'de';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(el.getAttribute('lang')).to.equal('de');
      expect(el.querySelector('#cms-devices-title')!.textContent).to.equal('Geräte');
      await until(
        () => shadow(manage(el), '[part="trigger"]')!.textContent!.includes('Lizenzen verwalten'),
        'German widgets',
      );
      expect(shadow(list(el), '[role="table"]')!.getAttribute('aria-label')).to.equal('Geräte');
    });

    it('reaches every control with the keyboard', async () => {
      await dashboard({ state: { devices: 3 } });
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive();
        if (!active) continue;
        seen.add(active.id || active.getAttribute('part') || active.localName);
      }
      for (const control of [
        'cms-language',
        'cms-logout',
        'cms-device-name',
        'cms-device-protocol',
        'trigger',
        'operation',
        'viewport',
        'label',
      ]) {
        expect([...seen], `${control} in ${[...seen].join(',')}`).to.include(control);
      }
    });

    it('is accessible (axe)', async () => {
      const { el } = await dashboard({ state: { devices: 12, capacity: 10 } });
      await expect(el).to.be.accessible();
    });
  });

  describe('Manage Licenses in the page', () => {
    const INSTALL_CODE = 'MK4T-2QXD-9FPA-R4TC-H8WN';

    /** Every element matching `selector` inside `host`'s shadow root and the shadow roots below it. */
    function deep(host: Element, selector: string): HTMLElement[] {
      const found: HTMLElement[] = [];
      const walk = (root: ShadowRoot) => {
        found.push(...root.querySelectorAll<HTMLElement>(selector));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
      };
      if (host.shadowRoot) walk(host.shadowRoot);
      return found;
    }

    /** Opens the dialog with its button and one of its actions; resolves with the action's panel. */
    async function openAction(app: CmsApp, view: string, tag: string): Promise<HTMLElement> {
      shadow(manage(app), '[part="trigger"]')!.click();
      await until(() => manage(app).open, 'the dialog to open');
      await until(() => shadow(manage(app), `[data-view="${view}"]`) !== null, 'the actions');
      shadow(manage(app), `[data-view="${view}"]`)!.click();
      await until(() => deep(manage(app), tag).length === 1, `the ${tag} panel`);
      return deep(manage(app), tag)[0]!;
    }

    it("R19, R22: shows the Owner this SmartServer's id, segment controller and Install Code in Manage Customer Accounts", async () => {
      const { el } = await dashboard({
        state: { devices: 3, capacity: 10, segmentController: 'Building 7 SmartServer' },
        source: {
          smartServerId: 'SID-cms-7',
          installCode: INSTALL_CODE,
          segmentController: 'Building 7 SmartServer',
          customerId: null,
        },
      });
      const panel = await openAction(el, 'account', 'lic-manage-account');
      await until(() => deep(panel, 'dt').length === 4, 'the SmartServer as the portals know it');
      const terms = Object.fromEntries(
        deep(panel, 'dt').map((dt) => [
          dt.textContent!.trim(),
          (dt.nextElementSibling!.querySelector('code') ?? dt.nextElementSibling!).textContent!.trim(),
        ]),
      );
      expect(terms).to.deep.equal({
        'Segment controller': 'Building 7 SmartServer',
        'SmartServer ID': 'SID-cms-7',
        'Install Code': INSTALL_CODE,
        'Customer ID': 'None yet',
      });
      await expect(el).to.be.accessible();
    });

    it('R19: returns the cloud has not heard of are listed in the dialog, each with its receipt file', async () => {
      const { el } = await dashboard({
        state: { devices: 3, capacity: 10 },
        source: {
          pendingReturns: [
            {
              licenseId: 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2',
              activationId: '0b7c4b8e-64a4-4b3e-9a43-2b1f6f3e5d10',
              returnedAt: '2026-03-02T10:00:00Z',
              lastError: 'The license cloud cannot be reached.',
            },
          ],
        },
      });
      shadow(manage(el), '[part="trigger"]')!.click();
      await until(
        () => deep(manage(el), 'lic-manage-pending').some((p) => deep(p, 'li').length === 1),
        'the pending returns',
      );
      const pending = deep(manage(el), 'lic-manage-pending')[0]!;
      expect(deep(pending, '#pending-title')[0]!.textContent!.trim()).to.equal(
        'Returns the cloud has not heard of yet',
      );
      const item = deep(pending, 'li')[0]!.textContent!.replace(/\s+/g, ' ');
      expect(item).to.contain('b1e52546-f2db-4053-b2dd-2ab2fa7732d2');
      expect(item).to.contain('returned 2026-03-02');
      expect(
        deep(pending, 'button').map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim()),
      ).to.deep.equal([
        'Download return receipt (license b1e52546-f2db-4053-b2dd-2ab2fa7732d2)',
        'Try again',
      ]);
    });
  });

  describe('hostile input', () => {
    it('renders hostile device names, SmartServer name, user name and server messages as text', async () => {
      const { el } = await dashboard({
        state: { devices: 3, capacity: 10, text: HOSTILE, segmentController: HOSTILE },
        server: {
          users: { [HOSTILE]: { password: 'secret', userType: 'Owner' } },
          signedIn: HOSTILE,
          operation: () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: HOSTILE } } }),
        },
      });
      expect(el.querySelector('h1')!.textContent).to.equal(HOSTILE);
      expect(el.querySelector('.cms-user')!.textContent).to.contain(HOSTILE);
      const names = [...list(el).shadowRoot!.querySelectorAll('[part="row"] .name')].map((n) =>
        n.textContent!.trim(),
      );
      expect(names.slice(1)).to.deep.equal([HOSTILE, HOSTILE]);
      operationButton(el, 1, 'provision').click();
      await until(() => el.querySelector('.cms-devices [role="alert"]') !== null, 'the refusal');
      expect(el.querySelector('.cms-devices [role="alert"]')!.textContent).to.equal(HOSTILE);
      expect(el.querySelector('img')).to.equal(null);
      expect(list(el).shadowRoot!.querySelector('img')).to.equal(null);
      expect((globalThis as { __cmsXss?: number }).__cmsXss).to.equal(undefined);
    });
  });
});
