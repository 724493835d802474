// Benchmark (never part of `npm test`): online activations per second for N SmartServers
// downloading at once, on each storage engine, next to a baseline measured in the same
// process: the same HTTP stack serving the key set (no database, no signing). Loopback only;
// bounded in count and time.
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import {
  generateSmartServerKey,
  signSmartServerMessage,
  type SmartServerKey,
} from '@smartserver-licensing/entitlements';
import { CLOUD_ROUTES, pathFor, SMARTSERVER_AUTH_SCHEME } from '@smartserver-licensing/schemas';
import { createCloud } from '../src/app.js';
import { addPurchasedLicense, createCustomer, transferLicense } from '../src/inventory.js';
import { engines } from '../test/engines.js';

const SUITE = 'license-cloud';
function record(entry: Record<string, unknown>): void {
  const file = process.env['BENCH_RESULTS_FILE'];
  if (file) appendFileSync(file, `${JSON.stringify({ suite: SUITE, ...entry })}\n`);
}

const LICENSES_PER_LEVEL = Number(process.env['BENCH_DOWNLOADS'] ?? 240);
const LEVELS = [1, 8, 32];
const TIME_LIMIT_MS = 60_000;

/** The headers of one signed SmartServer request (docs/protocol.md): a fresh assertion each time. */
async function signedHeaders(
  key: SmartServerKey,
  input: {
    smartServerId: string;
    customerId: string;
    issuer: string;
    method: string;
    path: string;
    body: string;
  },
): Promise<Record<string, string>> {
  const iat = Math.floor(Date.now() / 1000);
  const signed = await signSmartServerMessage(
    'assertion',
    {
      iss: input.smartServerId,
      aud: input.issuer,
      acct: input.customerId,
      iat,
      exp: iat + 60,
      jti: randomUUID(),
      htm: input.method,
      htu: input.path,
      bh: createHash('sha256').update(input.body).digest('base64url'),
      ...(input.path === CLOUD_ROUTES.register.path ? { jwk: key.publicKey } : {}),
    },
    key,
  );
  if (!signed.ok) throw signed.error;
  return { authorization: `${SMARTSERVER_AUTH_SCHEME} ${signed.value}`, 'content-type': 'application/json' };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T, worker: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < items.length && performance.now() - started < TIME_LIMIT_MS)
        await work(items[next++]!, worker);
    }),
  );
  return { done: Math.min(next, items.length), seconds: (performance.now() - started) / 1000 };
}

console.log(
  `license cloud: online activations per second (Node ${process.version}, ${LICENSES_PER_LEVEL} per level)`,
);
console.log('engine               SmartServers   downloads/s   baseline req/s   ratio');
for (const engine of engines()) {
  const dataDir = await mkdtemp(join(tmpdir(), 'cloud-bench-'));
  const db = await engine.open();
  const cloud = await createCloud({ dataDir, db, loginAttempts: 1_000_000 });
  const server = serve({ fetch: cloud.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const partner = randomUUID();
  await db.query(
    "INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, 'Bench', 'partner', 'x')",
    [partner, `${partner}@bench.example`],
  );
  const customer = await createCustomer(db, partner, 'Bench site');

  for (const level of LEVELS) {
    const ids: string[] = [];
    for (let i = 0; i < LICENSES_PER_LEVEL; i++) {
      const bought = await addPurchasedLicense(db, partner, { model: '72220-10' });
      ids.push((await transferLicense(db, partner, bought.licenseId, customer.customerId)).created.licenseId);
    }
    const servers: Array<{ smartServerId: string; key: SmartServerKey }> = [];
    for (let i = 0; i < level; i++) {
      const made = await generateSmartServerKey();
      if (!made.ok) throw made.error;
      servers.push({ smartServerId: `SID-bench-${level}-${i}`, key: made.value });
    }
    const request = (
      server: { smartServerId: string; key: SmartServerKey },
      method: string,
      path: string,
      body: string,
    ) =>
      signedHeaders(server.key, {
        smartServerId: server.smartServerId,
        customerId: customer.customerId,
        issuer: cloud.issuer,
        method,
        path,
        body,
      }).then((headers) => fetch(`${base}${path}`, { method, headers, body }));
    // Each SmartServer registers its key once before timing starts, as a real one would have.
    for (const server of servers) {
      const body = JSON.stringify({ customerId: customer.customerId, installCode: server.key.installCode });
      const registered = await request(server, 'POST', CLOUD_ROUTES.register.path, body);
      if (registered.status !== 200) throw new Error(`registration failed: ${await registered.text()}`);
    }
    const downloadPath = pathFor(CLOUD_ROUTES.download.path, { customerId: customer.customerId });

    const baseline = await pool(ids, level, async () => {
      const response = await fetch(`${base}/.well-known/jwks.json`);
      await response.arrayBuffer();
    });
    // Signing the request is part of each download's cost here, as it is for a real SmartServer.
    const run = await pool(ids, level, async (licenseId, worker) => {
      const response = await request(
        servers[worker]!,
        'POST',
        downloadPath,
        JSON.stringify({ licenseIds: [licenseId] }),
      );
      const body = (await response.json()) as { results?: Array<{ ok: boolean }> };
      if (!body.results?.[0]?.ok) throw new Error(`download failed: ${JSON.stringify(body)}`);
    });
    const rate = run.done / run.seconds;
    const baseRate = baseline.done / baseline.seconds;
    console.log(
      `${engine.name.padEnd(20)} ${String(level).padStart(12)}   ${rate.toFixed(0).padStart(11)}   ${baseRate.toFixed(0).padStart(14)}   ${(rate / baseRate).toFixed(3)}`,
    );
    record({
      figure: `downloads, ${level} SmartServers, ${engine.name}`,
      value: rate,
      unit: 'downloads/s',
      baseline: 'key set over the same HTTP stack',
      baselineValue: baseRate,
      ratio: rate / baseRate,
    });
  }
  await new Promise((resolve) => server.close(resolve));
  await cloud.close();
  await rm(dataDir, { recursive: true, force: true });
}
