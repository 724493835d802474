// The whole reference system on one machine: the license cloud and a SmartServer (each its
// own process, run from source), with demo data on first start. Used by `npm start` and by
// the end-to-end test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLOUD_CLI = join(root, 'apps/license-cloud/src/cli.ts');
const SMARTSERVER_CLI = join(root, 'apps/smartserver/src/cli.ts');
const CMS_DIST = join(root, 'apps/cms/dist');
const TSX = ['--conditions=@smartserver-licensing/source', '--import', 'tsx'];

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

function run(cli, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, cli, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args[0]} failed (${code}): ${out}`)),
    );
  });
}

function serveProcess(cli, args, env, log) {
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
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${cli} exited (${code}) before it listened:\n${out}`)));
  });
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

/**
 * Starts both services. On a fresh data directory it creates the demo accounts, users,
 * devices and licenses first. Returns their URLs, the demo facts, and `stop()`.
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
  if (fresh) {
    log('First start: creating demo accounts, users and devices…');
    await run(
      CLOUD_CLI,
      [
        'add-account',
        '--role',
        'partner',
        '--email',
        DEMO.partner.email,
        '--password',
        DEMO.partner.password,
        '--data-dir',
        cloudDir,
      ],
      env,
    );
    await run(
      CLOUD_CLI,
      [
        'add-account',
        '--role',
        'support',
        '--email',
        DEMO.support.email,
        '--password',
        DEMO.support.password,
        '--data-dir',
        cloudDir,
      ],
      env,
    );
    for (const u of DEMO.users) {
      await run(
        SMARTSERVER_CLI,
        [
          'add-user',
          '--username',
          u.username,
          '--password',
          u.password,
          '--type',
          u.type,
          '--data-dir',
          smartDir,
        ],
        env,
      );
    }
    const day = Date.parse('2026-01-05T08:00:00Z');
    await run(
      SMARTSERVER_CLI,
      [
        'add-device',
        '--name',
        'SmartServer',
        '--protocol',
        'iap',
        '--smartserver',
        '--created',
        new Date(day).toISOString(),
        '--data-dir',
        smartDir,
      ],
      env,
    );
    for (const [i, name] of DEMO.devices.entries()) {
      const created = new Date(day + (i + 1) * 3600_000).toISOString();
      await run(
        SMARTSERVER_CLI,
        [
          'add-device',
          '--name',
          name,
          '--protocol',
          i % 3 === 0 ? 'lon' : 'bacnet',
          '--created',
          created,
          '--data-dir',
          smartDir,
        ],
        env,
      );
    }
  }
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
  };
  try {
    const cloud = await serveProcess(
      CLOUD_CLI,
      ['serve', '--port', String(cloudPort), '--data-dir', cloudDir],
      env,
      log,
    );
    children.push(cloud.child);
    let facts;
    if (fresh) {
      facts = await seedCloud(cloud.url);
      await writeFile(factsFile, `${JSON.stringify(facts, null, 2)}\n`);
    } else {
      facts = JSON.parse(await readFile(factsFile, 'utf8'));
    }
    const smart = await serveProcess(
      SMARTSERVER_CLI,
      [
        'serve',
        '--port',
        String(smartServerPort),
        '--cloud-url',
        cloud.url,
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
    );
    children.push(smart.child);
    return { cloudUrl: cloud.url, cmsUrl: smart.url, facts, demo: DEMO, stop, children };
  } catch (error) {
    await stop();
    throw error;
  }
}
