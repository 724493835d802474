// A real license cloud (its own process) and a SmartServer on a loopback port, for HTTP tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { hashSecret, type Db } from '@smartserver-licensing/server-kit';
import {
  engines as kitEngines,
  HttpTestClient,
  runCli,
  startServiceProcess,
  type Engine,
  type ServiceProcess,
} from '@smartserver-licensing/server-kit/testing';
import { createSmartServer, type RunningSmartServer, type SmartServerOptions } from '../src/app.js';
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
  close(): Promise<void>;
}

/** Starts the real license cloud as a process (PGlite), with a partner, support and one customer. */
export async function startCloud(): Promise<TestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ss-cloud-'));
  const env = { ...process.env, DATABASE_URL: '' };
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
    async close() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSmartServer {
  server: RunningSmartServer;
  url: string;
  clock: { now: Date };
  /** Logs in as a user of this type (each type exists, password PASSWORD). */
  as(userType: 'Owner' | 'Admin' | 'Supervisor' | 'User'): Promise<HttpTestClient>;
  close(): Promise<void>;
}

/** A SmartServer on `db`, with its own device and `extraDevices` more, and one user per type. */
export async function startSmartServer(
  db: Db,
  cloudUrl: string,
  options: Partial<SmartServerOptions> & { extraDevices?: number } = {},
): Promise<TestSmartServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'smartserver-'));
  const clock = { now: new Date() };
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
  for (let i = 1; i <= (options.extraDevices ?? 0); i++) {
    await db.query(
      'INSERT INTO devices (id, name, created_at, protocol) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [`dev-${i}`, `Device ${i}`, new Date(base + i * 60_000), 'bacnet'],
    );
  }
  const server = await createSmartServer({
    dataDir,
    cloudUrl,
    db,
    smartServerId: 'SID-test',
    name: 'Building 1 SmartServer',
    now: () => clock.now,
    loginAttempts: 10_000,
    ...options,
  });
  const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => http.once('listening', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    server,
    url,
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
    async close() {
      (http as Server).closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
