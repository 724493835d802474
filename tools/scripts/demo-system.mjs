// The whole reference system on one machine: the license cloud and a SmartServer (each its
// own process, run from source), with demo data on first start. Used by `npm start` and by
// the end-to-end test.
//
// The cloud is reached through a small gate in this process (the cloud's public URL): browsers
// and the SmartServer use the gate's URL, and `link.setOnline(false)` cuts the SmartServer off
// the cloud (its requests to the SmartServer routes and the key set find the connection closed)
// while the portals stay reachable. That is how a SmartServer without Internet access is shown:
// returns wait for the cloud, and the receipt goes to the Customer Portal as a file.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLOUD_CLI = join(root, 'apps/license-cloud/src/cli.ts');
const SMARTSERVER_CLI = join(root, 'apps/smartserver/src/cli.ts');
const CMS_DIST = join(root, 'apps/cms/dist');
const CLI_BATCH = join(root, 'tools/scripts/cli-batch.mjs');
const TSX = ['--conditions=@smartserver-licensing/source', '--import', 'tsx'];
const HOST = '127.0.0.1';
/** What only a SmartServer asks the cloud for: its signed routes and the issuer key set. */
const SMARTSERVER_PATHS = ['/api/v2/smartserver/', '/.well-known/'];
const NOT_RUNNING = JSON.stringify({
  error: { code: 'UNAVAILABLE', message: 'The license cloud is not running (yet).' },
});

/** Demo logins; they exist only in the data directory `npm start` creates on this machine. */
export const DEMO = {
  partner: { email: 'partner@demo.example', password: 'demo-partner-pass' },
  support: { email: 'support@demo.example', password: 'demo-support-pass' },
  users: [
    { username: 'owner', password: 'demo-owner-pass', type: 'Owner' },
    { username: 'admin', password: 'demo-admin-pass', type: 'Admin' },
    { username: 'supervisor', password: 'demo-supervisor-pass', type: 'Supervisor' },
    { username: 'user', password: 'demo-user-pass', type: 'User' },
  ],
  customerName: 'P-Building 1',
  smartServerId: 'SID-demo-1',
  smartServerName: 'Building 1 SmartServer',
  /** Field devices besides the SmartServer itself: more than a D10 would cover before anything is licensed. */
  devices: [
    'AHU 1 controller',
    'AHU 2 controller',
    'Chiller plant',
    'Lighting floor 1',
    'Lighting floor 2',
    'Meter main',
    'VAV box 101',
    'VAV box 102',
  ],
};

/** Runs commands of a service's CLI (each an argument list) one after the other, in one process. */
function runCli(cli, commands, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, CLI_BATCH, cli, JSON.stringify(commands)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cli} failed (${code}): ${out}`)),
    );
  });
}

/** Starts a service's CLI and resolves once it printed the line `listening` matches. */
function serveProcess(cli, args, env, log, listening = /listening on (http:\/\/\S+)/) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, cli, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d) => {
      out += d;
      for (const line of String(d).split('\n')) if (line.trim()) log(line);
      const match = listening.exec(out);
      if (match) resolve({ child, match, output: out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${cli} exited (${code}) before it listened:\n${out}`)));
  });
}

/** A loopback port nothing listens on right now (the cloud's own, behind the gate). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The gate in front of the cloud: forwards every request to the cloud's own port as it comes
 * (streamed, the Host header kept, as a reverse proxy does); while the SmartServer is offline, a
 * request for a SmartServer path has its connection closed unanswered, as a cut line would.
 */
async function startGate(port) {
  let target = '';
  let online = true;
  let refused = 0;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!online && SMARTSERVER_PATHS.some((p) => path.startsWith(p))) {
      refused += 1;
      req.socket.destroy();
      return;
    }
    if (!target) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(NOT_RUNNING);
      return;
    }
    const to = new URL(target);
    const upstream = request(
      { hostname: to.hostname, port: to.port, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('error', () => res.destroy());
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(503, { 'content-type': 'application/json' }).end(NOT_RUNNING);
    });
    // A client that goes away (a closed tab) ends its exchange with the cloud too; nothing throws.
    req.on('error', () => upstream.destroy());
    res.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  return {
    url: `http://${HOST}:${server.address().port}`,
    setTarget: (url) => (target = url),
    link: {
      get online() {
        return online;
      },
      /** Cuts the SmartServer off the cloud (false) or lets it through again (true). */
      setOnline(on) {
        online = Boolean(on);
      },
      /** How many SmartServer requests the gate refused while it was offline. */
      get refused() {
        return refused;
      },
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function api(base, method, path, body, session = {}) {
  const headers = { accept: 'application/json', ...(session.cookie ? { cookie: session.cookie } : {}) };
  if (session.csrf) headers['x-csrf-token'] = session.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return { json, cookie };
}

/** Puts the demo partner's licenses into the cloud: some transferred to the customer, one kept. */
async function seedCloud(cloudUrl) {
  const login = await api(cloudUrl, 'POST', '/api/v1/session/account', DEMO.partner);
  const session = { cookie: login.cookie, csrf: login.json.csrfToken };
  const customer = (
    await api(cloudUrl, 'POST', '/api/v1/partner/customers', { name: DEMO.customerName }, session)
  ).json;
  const licenses = {};
  for (const [key, model, transfer] of [
    ['capacity', '72220-10', true],
    ['bigCapacity', '72220-50', true],
    ['maintenance', '92201R-P-10', true],
    ['inventory', '72220-200', false],
  ]) {
    const bought = (await api(cloudUrl, 'POST', '/api/v1/partner/licenses', { model }, session)).json;
    if (!transfer) {
      licenses[key] = { licenseId: bought.licenseId, model };
      continue;
    }
    const moved = (
      await api(
        cloudUrl,
        'POST',
        `/api/v1/partner/licenses/${bought.licenseId}/transfer`,
        { customerId: customer.customerId },
        session,
      )
    ).json;
    licenses[key] = { licenseId: moved.created.licenseId, replaced: bought.licenseId, model };
  }
  return { customerId: customer.customerId, licenses };
}

/** The cloud's partner and support accounts. */
function seedCloudAccounts(cloudDir, env) {
  return runCli(
    CLOUD_CLI,
    [
      ['partner', DEMO.partner],
      ['support', DEMO.support],
    ].map(([role, login]) => [
      'add-account',
      '--role',
      role,
      '--email',
      login.email,
      '--password',
      login.password,
      '--data-dir',
      cloudDir,
    ]),
    env,
  );
}

/** The SmartServer's CMS users and the SmartServer itself as its first device. */
function seedSmartServerUsers(smartDir, env) {
  return runCli(
    SMARTSERVER_CLI,
    [
      ...DEMO.users.map((u) => [
        'add-user',
        '--username',
        u.username,
        '--password',
        u.password,
        '--type',
        u.type,
        '--data-dir',
        smartDir,
      ]),
      ['add-device', '--name', 'SmartServer', '--protocol', 'iap', '--smartserver', '--data-dir', smartDir],
    ],
    env,
  );
}

/**
 * The field devices, created one after the other by the Owner through the CMS API (one process
 * start each through the CLI would take seconds apiece); they count in this order.
 */
async function seedDevices(cmsUrl) {
  const owner = DEMO.users.find((u) => u.type === 'Owner');
  const login = await api(cmsUrl, 'POST', '/api/session', {
    username: owner.username,
    password: owner.password,
  });
  const session = { cookie: login.cookie, csrf: login.json.csrfToken };
  for (const [i, name] of DEMO.devices.entries()) {
    await api(cmsUrl, 'POST', '/api/devices', { name, protocol: i % 3 === 0 ? 'lon' : 'bacnet' }, session);
  }
  await api(cmsUrl, 'DELETE', '/api/session', undefined, session);
}

/** Starts the cloud on a free port of its own, behind the gate's URL (its public URL and issuer). */
async function startCloud(cloudDir, publicUrl, env, log) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const { child } = await serveProcess(
        CLOUD_CLI,
        ['serve', '--port', String(port), '--public-url', publicUrl, '--data-dir', cloudDir],
        env,
        log,
      );
      return { child, url: `http://${HOST}:${port}` };
    } catch (error) {
      // Another program may have taken the port between the probe and the start.
      if (attempt >= 3 || !/EADDRINUSE/.test(error.message)) throw error;
    }
  }
}

/**
 * Starts both services. On a fresh data directory it creates the demo accounts, users,
 * devices and licenses first. Returns their URLs, the demo facts, this SmartServer's id and
 * Install Code, the `link` between the SmartServer and the cloud, and `stop()`.
 */
export async function startDemoSystem({ dataDir, cloudPort = 8787, smartServerPort = 8080, log = () => {} }) {
  if (!existsSync(join(CMS_DIST, 'index.html'))) {
    throw new Error(
      `The CMS page is not built (${CMS_DIST}); run: npx nx run @smartserver-licensing/cms:build`,
    );
  }
  const cloudDir = join(dataDir, 'license-cloud');
  const smartDir = join(dataDir, 'smartserver');
  const factsFile = join(dataDir, 'demo.json');
  const env = { ...process.env, DATABASE_URL: '' };
  const fresh = !existsSync(factsFile);
  await mkdir(dataDir, { recursive: true });
  // The gate listens first: its URL is the cloud's public URL, fixed before the cloud starts.
  const gate = await startGate(cloudPort);
  const children = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGINT');
          }),
      ),
    );
    await gate.close();
  };
  try {
    if (fresh) {
      // demo.json is written last: without it, whatever is here is a first start cut short.
      await rm(cloudDir, { recursive: true, force: true });
      await rm(smartDir, { recursive: true, force: true });
      log('First start: creating demo accounts, users and devices…');
      await Promise.all([seedCloudAccounts(cloudDir, env), seedSmartServerUsers(smartDir, env)]);
    }
    const cloud = await startCloud(cloudDir, gate.url, env, log);
    children.push(cloud.child);
    gate.setTarget(cloud.url);
    // The SmartServer starts while the partner buys and transfers the demo licenses.
    const [facts, smart] = await Promise.all([
      fresh ? seedCloud(gate.url) : readFile(factsFile, 'utf8').then((text) => JSON.parse(text)),
      serveProcess(
        SMARTSERVER_CLI,
        [
          'serve',
          '--port',
          String(smartServerPort),
          '--cloud-url',
          gate.url,
          '--id',
          DEMO.smartServerId,
          '--name',
          DEMO.smartServerName,
          '--data-dir',
          smartDir,
          '--cms-dir',
          CMS_DIST,
        ],
        env,
        log,
        /\(Install Code ([0-9A-Z-]+)\) listening on (http:\/\/\S+)/,
      ).then((started) => {
        children.push(started.child);
        return started;
      }),
    ]);
    const cmsUrl = smart.match[2];
    if (fresh) {
      await seedDevices(cmsUrl);
      await writeFile(factsFile, `${JSON.stringify(facts, null, 2)}\n`);
    }
    return {
      cloudUrl: gate.url,
      /** The cloud's own port behind the gate: for checks that must not depend on the gate. */
      cloudDirectUrl: cloud.url,
      cmsUrl,
      smartServer: { id: DEMO.smartServerId, name: DEMO.smartServerName, installCode: smart.match[1] },
      link: gate.link,
      facts,
      /** True when this start created the demo data (a first start, or after --reset). */
      fresh,
      demo: DEMO,
      stop,
      children,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
