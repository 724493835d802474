// A running cloud on a loopback port for HTTP tests, and a small client that keeps cookies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createCloud, type CloudOptions, type RunningCloud } from '../src/app.js';
import type { Engine } from './engines.js';
import { hashSecret } from '@smartserver-licensing/server-kit';
import { HttpTestClient, type Reply } from '@smartserver-licensing/server-kit/testing';

export type { Reply };

export interface TestCloud {
  cloud: RunningCloud;
  url: string;
  dataDir: string;
  /** Moves the cloud's clock. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startTestCloud(
  engine: Engine,
  options: Partial<CloudOptions> = {},
): Promise<TestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'license-cloud-'));
  const clock = { now: new Date('2026-03-01T10:00:00Z') };
  const db = await engine.open();
  const cloud = await createCloud({ dataDir, db, now: () => clock.now, ...options });
  const server = serve({ fetch: cloud.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    cloud,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    clock,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function addAccount(
  cloud: RunningCloud,
  role: 'partner' | 'support',
  password = 'correct horse battery',
) {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.com`;
  await cloud.db.query(
    'INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)',
    [id, email, `${role} ${id.slice(0, 4)}`, role, await hashSecret(password)],
  );
  return { id, email, password };
}

/** The kit's cookie- and CSRF-keeping client, with the cloud's logins. */
export class Client extends HttpTestClient {
  async loginAccount(email: string, password: string): Promise<Reply> {
    const reply = await this.post('/api/v1/session/account', { email, password });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }

  async loginCustomer(licenseId: string): Promise<Reply> {
    const reply = await this.post('/api/v1/session/customer', { licenseId });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }
}

export const smartServer = (base: string, id: string, secret = `install-code-${id}-0000`) =>
  new Client(base, { 'x-smartserver-id': id, 'x-smartserver-secret': secret });
