// Server commands for the browser tests that need Chromium itself, through the DevTools protocol of
// the test's page: real downloads (saved to a temporary folder and read back) and clipboard access.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Per test session: where its downloads go, what finished, and who waits for the next one. */
const sessions = new Map();

async function startDownloads(session) {
  const page = session.browser.getPage(session.id);
  const cdp = await page.browser().target().createCDPSession();
  const dir = mkdtempSync(join(tmpdir(), 'lic-downloads-'));
  const state = { dir, cdp, names: new Map(), done: [], waiting: [] };
  cdp.on('Browser.downloadWillBegin', (e) => state.names.set(e.guid, e.suggestedFilename));
  cdp.on('Browser.downloadProgress', (e) => {
    if (e.state !== 'completed' && e.state !== 'canceled') return;
    const file =
      e.state === 'completed'
        ? { filename: state.names.get(e.guid), text: readFileSync(join(dir, e.guid), 'utf8') }
        : { filename: state.names.get(e.guid), canceled: true };
    const waiter = state.waiting.shift();
    if (waiter) waiter(file);
    else state.done.push(file);
  });
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allowAndName',
    downloadPath: dir,
    eventsEnabled: true,
  });
  sessions.get(session.id)?.cleanup();
  sessions.set(session.id, {
    ...state,
    cleanup: () => {
      void cdp.detach().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return true;
}

/** The next finished download of the session: `{ filename, text }`. */
function nextDownload(session) {
  const state = sessions.get(session.id);
  if (!state) throw new Error('call lic-downloads-start first');
  const done = state.done.shift();
  return done ? Promise.resolve(done) : new Promise((resolve) => state.waiting.push(resolve));
}

async function grantClipboard(session) {
  const page = session.browser.getPage(session.id);
  await page
    .browserContext()
    .overridePermissions(new URL(page.url()).origin, [
      'clipboard-read',
      'clipboard-write',
      'clipboard-sanitized-write',
    ]);
  // Writing to the clipboard needs a focused document, which a headless page is not by itself.
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await cdp.detach();
  return true;
}

export const browserCommands = {
  name: 'lic-browser-commands',
  async executeCommand({ command, session }) {
    if (command === 'lic-downloads-start') return startDownloads(session);
    if (command === 'lic-downloads-next') return nextDownload(session);
    if (command === 'lic-clipboard-grant') return grantClipboard(session);
    return undefined;
  },
  serverStop() {
    for (const state of sessions.values()) state.cleanup();
    sessions.clear();
  },
};
