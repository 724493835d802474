// A real license cloud (its own process) and a SmartServer on a loopback port, for HTTP tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { generateSmartServerKey, signSmartServerMessage } from '@smartserver-licensing/entitlements';
import { protocolFileText } from '@smartserver-licensing/schemas';
import { hashSecret, type Db } from '@smartserver-licensing/server-kit';
import {
  engines as kitEngines,
  freshDatabaseUrl,
  HttpTestClient,
  runCli,
  startServiceProcess,
  type Engine,
  type ServiceProcess,
} from '@smartserver-licensing/server-kit/testing';
import { createSmartServer, type RunningSmartServer, type SmartServerOptions } from '../src/app.js';
import type { FakeTime } from './fake-time.js';
import { MIGRATIONS_DIR } from '../src/storage.js';

export const engines = (): Engine[] => kitEngines(MIGRATIONS_DIR);
const CLOUD_CLI = fileURLToPath(new URL('../../license-cloud/src/cli.ts', import.meta.url));
export const PASSWORD = 'correct horse battery';

export interface TestCloud {
  process: ServiceProcess;
  url: string;
  partner: HttpTestClient;
  support: HttpTestClient;
  customerId: string;
  /** Buys a license and transfers it to the test customer; returns the new and the old License ID. */
  license(model: string): Promise<{ licenseId: string; oldId: string }>;
  /** The Customer Portal, logged in with a License ID (R20). */
  customer(licenseId: string): Promise<HttpTestClient>;
  close(): Promise<void>;
}

/**
 * Starts the real license cloud as a process, with a partner, support and one customer. It keeps
 * its data on the suite's PostgreSQL server when there is one (a fresh database: no initdb to
 * wait for), else in a PGlite data folder.
 */
export async function startCloud(): Promise<TestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ss-cloud-'));
  const server = process.env['TEST_DATABASE_URL'];
  const env = { ...process.env, DATABASE_URL: server ? await freshDatabaseUrl(server) : '' };
  for (const [role, email] of [
    ['partner', 'partner@example.com'],
    ['support', 'support@example.com'],
  ] as const) {
    await runCli(
      CLOUD_CLI,
      ['add-account', '--role', role, '--email', email, '--password', PASSWORD, '--data-dir', dataDir],
      env,
    );
  }
  const proc = await startServiceProcess(CLOUD_CLI, ['serve', '--port', '0', '--data-dir', dataDir], env);
  const login = async (email: string) => {
    const client = new HttpTestClient(proc.url);
    const reply = await client.post('/api/v1/session/account', { email, password: PASSWORD });
    if (reply.status !== 200) throw new Error(`cloud login failed: ${reply.text}`);
    client.csrf = reply.body.csrfToken;
    return client;
  };
  const partner = await login('partner@example.com');
  const support = await login('support@example.com');
  const customerId = (await partner.post('/api/v1/partner/customers', { name: 'P-Building 1' })).body
    .customerId as string;
  return {
    process: proc,
    url: proc.url,
    partner,
    support,
    customerId,
    async license(model) {
      const bought = await partner.post('/api/v1/partner/licenses', { model });
      const moved = await partner.post(`/api/v1/partner/licenses/${bought.body.licenseId}/transfer`, {
        customerId,
      });
      if (moved.status !== 201) throw new Error(`transfer failed: ${moved.text}`);
      return { licenseId: moved.body.created.licenseId, oldId: bought.body.licenseId };
    },
    async customer(licenseId) {
      const client = new HttpTestClient(proc.url);
      const login = await client.post('/api/v1/session/customer', { licenseId });
      if (login.status !== 200) throw new Error(`customer login failed: ${login.text}`);
      client.csrf = login.body.csrfToken;
      return client;
    },
    async close() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSmartServer {
  server: RunningSmartServer;
  url: string;
  dataDir: string;
  clock: { now: Date };
  /** Logs in as a user of this type (each type exists, password PASSWORD). */
  as(userType: 'Owner' | 'Admin' | 'Supervisor' | 'User'): Promise<HttpTestClient>;
  /**
   * Stops serving and closes the SmartServer. By default its database is closed and its data
   * folder removed; `keep` leaves both for a restart on them.
   */
  close(keep?: 'keep'): Promise<void>;
}

/** Users of every type, the SmartServer device and `extraDevices` more, in a SmartServer database. */
export async function seed(db: Db, extraDevices = 0): Promise<void> {
  const hash = await hashSecret(PASSWORD);
  for (const type of ['Owner', 'Admin', 'Supervisor', 'User']) {
    await db.query(
      'INSERT INTO users (username, user_type, password_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [type.toLowerCase(), type, hash],
    );
  }
  const base = Date.parse('2026-01-01T00:00:00Z');
  await db.query(
    "INSERT INTO devices (id, name, created_at, protocol, is_smartserver) VALUES ('smartserver', 'SmartServer', $1, 'iap', true) ON CONFLICT DO NOTHING",
    [new Date(base)],
  );
  for (let i = 1; i <= extraDevices; i++) {
    await db.query(
      'INSERT INTO devices (id, name, created_at, protocol) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [`dev-${i}`, `Device ${i}`, new Date(base + i * 60_000), 'bacnet'],
    );
  }
}

/** A SmartServer on `db`, with its own device and `extraDevices` more, and one user per type. */
export async function startSmartServer(
  db: Db,
  cloudUrl: string,
  options: Partial<SmartServerOptions> & { extraDevices?: number; time?: FakeTime } = {},
): Promise<TestSmartServer> {
  const { extraDevices, time, ...rest } = options;
  const dataDir = rest.dataDir ?? (await mkdtemp(join(tmpdir(), 'smartserver-')));
  const clock = time ?? { now: new Date() };
  await seed(db, extraDevices ?? 0);
  const server = await createSmartServer({
    cloudUrl,
    db,
    smartServerId: 'SID-test',
    name: 'Building 1 SmartServer',
    now: () => clock.now,
    loginAttempts: 10_000,
    returnRetryDelaysMs: false,
    ...(time ? { scheduler: time } : {}),
    log: () => undefined,
    ...rest,
    dataDir,
  });
  await server.synced;
  const http = serve({ fetch: (req, env) => server.app.fetch(req, env), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => http.once('listening', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    server,
    url,
    dataDir,
    clock,
    async as(userType) {
      const client = new HttpTestClient(url);
      const reply = await client.post('/api/session', {
        username: userType.toLowerCase(),
        password: PASSWORD,
      });
      if (reply.status !== 200) throw new Error(`login failed: ${reply.text}`);
      client.csrf = reply.body.csrfToken;
      return client;
    },
    async close(keep) {
      (http as Server).closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await server.close();
      if (keep) return;
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface EventStream {
  /** The next `state` event's data. */
  next(): Promise<{ userType: string; state: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Every byte received so far. */
  raw(): string;
  close(): void;
}

/** Opens the live channel with a client's session. */
export async function openEvents(url: string, client: HttpTestClient): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/iap/lic/status/events`, {
    headers: { cookie: (client as unknown as { cookie: string }).cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`events: ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let all = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (/^event: state$/m.test(event) && data) return JSON.parse(data);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the live channel closed');
        const text = decoder.decode(value, { stream: true });
        buffer += text;
        all += text;
      }
    },
    raw: () => all,
    close: () => controller.abort(),
  };
}

/** An activation request file as another SmartServer (its own new key) would make it. */
export async function requestOf(smartServerId: string, segmentController = 'Elsewhere'): Promise<string> {
  const made = await generateSmartServerKey();
  if (!made.ok) throw new Error(made.error.message);
  const key = made.value;
  const signed = await signSmartServerMessage(
    'activationRequest',
    {
      requestId: randomUUID(),
      smartServerId,
      segmentController,
      installCode: key.installCode,
      publicKey: key.publicKey,
      createdAt: new Date().toISOString(),
    },
    key,
  );
  if (!signed.ok) throw new Error(signed.error.message);
  return protocolFileText('activationRequest', signed.value);
}

/** A URL where nothing listens: the cloud is "offline". */
export const NO_CLOUD = 'http://127.0.0.1:9';

const PROXY = fileURLToPath(new URL('./drop-proxy.mjs', import.meta.url));

export interface DropProxy {
  url: string;
  /** Sets what the proxy drops or garbles ("<METHOD> <path prefix>"); `{}` heals. */
  rules(rules: { drop?: string[]; garble?: string[] }): Promise<void>;
  log(): Promise<Array<{ method: string; path: string; status: number; outcome: string }>>;
  stop(): Promise<void>;
}

/** Starts test/drop-proxy.mjs as its own process in front of `target`. */
export async function startProxy(target: string): Promise<DropProxy> {
  const proc = await startServiceProcess(PROXY, [target]);
  return {
    url: proc.url,
    async rules(rules) {
      const reply = await fetch(`${proc.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify(rules) });
      if (reply.status !== 200) throw new Error(`proxy rules: ${reply.status}`);
    },
    log: async () => (await fetch(`${proc.url}/__proxy/log`)).json(),
    stop: () => proc.stop(),
  };
}
