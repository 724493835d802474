// The product's promise as a property: random sequences of what a customer can do, with their
// own disk, clock and network, never leave a license counted by two SmartServers, and never give a
// license a new term. A real license cloud process; three SmartServers, each behind its own proxy
// process that can lose the cloud's answers; two customer accounts; a clock the customer moves.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { HttpTestClient, Reply } from '@smartserver-licensing/server-kit/testing';
import {
  engines,
  startCloud,
  startProxy,
  startSmartServer,
  type DropProxy,
  type TestCloud,
  type TestSmartServer,
} from './harness.js';
import { FakeTime } from './fake-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * Runs and steps per engine: enough to reach every command many times, bounded for `npm test`.
 * PGlite runs all three SmartServers inside this one process, so it gets fewer runs.
 */
const runsOn = (engine: string) => Number(process.env['MODEL_RUNS'] ?? (engine === 'PGlite' ? 2 : 4));
const STEPS = Number(process.env['MODEL_STEPS'] ?? 12);

interface Node {
  id: string;
  account: 'A' | 'B';
  ss: TestSmartServer;
  owner: HttpTestClient;
  proxy: DropProxy;
  options: Parameters<typeof startSmartServer>[2];
}

interface Real {
  cloud: TestCloud;
  accounts: Record<'A' | 'B', string>;
  nodes: Node[];
  /** This run's licenses, with their account. */
  licenses: Array<{ licenseId: string; account: 'A' | 'B' }>;
  time: FakeTime;
  /** The terms each license showed first: they must never change (R6, R15). */
  terms: Map<string, string>;
  reopen(node: Node): Promise<void>;
}

/**
 * Calls the SmartServer as its Owner. A CMS session lasts hours of the SmartServer's own clock, so
 * after the customer moves that clock the Owner simply logs in again, as a person would.
 */
async function asOwner(node: Node, call: (owner: HttpTestClient) => Promise<Reply>): Promise<Reply> {
  const reply = await call(node.owner);
  if (reply.status !== 401) return reply;
  node.owner = await node.ss.as('Owner');
  return call(node.owner);
}

/** The Owner's client for a command: the same calls, each logging in again if the session lapsed. */
function owner(node: Node) {
  return {
    get: (path: string) => asOwner(node, (o) => o.get(path)),
    post: (path: string, body: unknown) => asOwner(node, (o) => o.post(path, body)),
    raw: (path: string, raw: string) => asOwner(node, (o) => o.request('POST', path, undefined, { raw })),
  };
}

/** Nothing the customer does may make a service fail: 5xx is a bug, whatever the input. */
function noServerError(reply: Reply, what: string): Reply {
  assert.ok(reply.status < 500, `${what}: ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply;
}

async function partnerLicense(real: Real, account: 'A' | 'B', model: string): Promise<string> {
  const { partner } = real.cloud;
  const bought = noServerError(await partner.post('/api/v1/partner/licenses', { model }), 'buy');
  const moved = noServerError(
    await partner.post(`/api/v1/partner/licenses/${bought.body.licenseId}/transfer`, {
      customerId: real.accounts[account],
    }),
    'transfer',
  );
  assert.equal(moved.status, 201, moved.text);
  real.licenses.push({ licenseId: moved.body.created.licenseId, account });
  return moved.body.created.licenseId;
}

/** After every step: each license counts on at most one SmartServer, and its terms never moved. */
async function checkPromise(real: Real, step: string): Promise<void> {
  const holders = new Map<string, string[]>();
  for (const node of real.nodes) {
    const status = noServerError(await asOwner(node, (o) => o.get('/iap/lic/status')), `${step}: status`);
    assert.equal(status.status, 200, status.text);
    for (const entry of status.body.state.licenses as Array<Record<string, string>>) {
      const id = entry['licenseId']!;
      holders.set(id, [...(holders.get(id) ?? []), node.id]);
      const terms = JSON.stringify([entry['termEnd'] ?? null, entry['expiresAt'] ?? null]);
      const first = real.terms.get(id);
      if (first === undefined) real.terms.set(id, terms);
      else assert.equal(terms, first, `${step}: license ${id} has new terms (R6, R15)`);
    }
  }
  for (const { licenseId } of real.licenses) {
    const on = holders.get(licenseId) ?? [];
    assert.ok(on.length <= 1, `${step}: license ${licenseId} counts on ${on.join(' and ')}`);
  }
}

type Step = fc.AsyncCommand<object, Real>;

/** One command: `label` names it for the shrunk counterexample, `act` does it. */
const command = (label: string, act: (real: Real) => Promise<void>): Step => ({
  check: () => true,
  async run(_model, real) {
    await act(real);
    await checkPromise(real, label);
  },
  toString: () => label,
});

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

const nodeIndex = fc.nat({ max: 2 });
const licenseIndex = fc.nat({ max: 20 });

const commands = [
  fc.tuple(nodeIndex, licenseIndex).map(([n, l]) =>
    command(`download(S${n + 1}, L${l})`, async (real) => {
      const node = real.nodes[n]!;
      const license = pick(real.licenses, l);
      if (!license) return;
      noServerError(
        await owner(node).post('/iap/lic/cloud/download', { licenseIds: [license.licenseId] }),
        'download',
      );
    }),
  ),
  fc.tuple(nodeIndex, licenseIndex).map(([n, l]) =>
    command(`return(S${n + 1}, L${l})`, async (real) => {
      const license = pick(real.licenses, l);
      if (!license) return;
      noServerError(
        await owner(real.nodes[n]!).post('/iap/lic/cloud/upload', { licenseIds: [license.licenseId] }),
        'return',
      );
    }),
  ),
  fc.tuple(nodeIndex, licenseIndex, fc.boolean()).map(([n, l, kill]) =>
    command(`return with the answer lost${kill ? ', then killed' : ''}(S${n + 1}, L${l})`, async (real) => {
      const node = real.nodes[n]!;
      const license = pick(real.licenses, l);
      if (!license) return;
      await node.proxy.rules({ drop: ['POST /api/v2/smartserver/returns'] });
      noServerError(
        await owner(node).post('/iap/lic/cloud/upload', { licenseIds: [license.licenseId] }),
        'return',
      );
      // The crash comes after the return committed and before any answer arrived.
      if (kill) await real.reopen(node);
      await node.proxy.rules({});
    }),
  ),
  nodeIndex.map((n) =>
    command(`deliver pending receipts(S${n + 1})`, async (real) => {
      noServerError(await asOwner(real.nodes[n]!, (o) => o.post('/iap/lic/returns/deliver', {})), 'deliver');
    }),
  ),
  fc.tuple(nodeIndex, licenseIndex).map(([n, l]) =>
    command(`offline request and file(S${n + 1}, L${l})`, async (real) => {
      const node = real.nodes[n]!;
      const license = pick(real.licenses, l);
      if (!license) return;
      const request = noServerError(
        await asOwner(node, (o) => o.get('/iap/lic/activation-request')),
        'request',
      );
      if (request.status !== 200) return;
      const customer = await real.cloud.customer(license.licenseId).catch(() => undefined);
      if (!customer) return;
      const file = noServerError(
        await customer.post('/api/v1/customer/offline-files', {
          requestFile: request.text,
          licenseIds: [license.licenseId],
        }),
        'portal file',
      );
      if (file.status !== 201) return;
      noServerError(
        await asOwner(node, (o) => o.request('POST', '/iap/lic', undefined, { raw: file.text })),
        'add file',
      );
      // The customer keeps the file and tries it again later: it must change nothing.
      noServerError(await owner(node).raw('/iap/lic', file.text), 'replay file');
    }),
  ),
  fc.tuple(nodeIndex, licenseIndex).map(([n, l]) =>
    command(`offline return with a receipt file(S${n + 1}, L${l})`, async (real) => {
      const node = real.nodes[n]!;
      const license = pick(real.licenses, l);
      if (!license) return;
      await node.proxy.rules({ drop: ['POST /', 'GET /'] });
      noServerError(
        await owner(node).post('/iap/lic/cloud/upload', { licenseIds: [license.licenseId] }),
        'return',
      );
      await node.proxy.rules({});
      const pending = noServerError(await asOwner(node, (o) => o.get('/iap/lic/returns')), 'pending').body
        .returns as Array<{
        activationId: string;
        licenseId: string;
      }>;
      const mine = pending.find((p) => p.licenseId === license.licenseId);
      if (!mine) return;
      const receipt = noServerError(
        await owner(node).get(`/iap/lic/returns/${mine.activationId}/receipt`),
        'receipt',
      );
      const customer = await real.cloud.customer(license.licenseId).catch(() => undefined);
      if (!customer) return;
      noServerError(
        await customer.post('/api/v1/customer/returns', { receiptFile: receipt.text }),
        'portal return',
      );
    }),
  ),
  fc.constantFrom<'A' | 'B'>('A', 'B').chain((account) =>
    fc.constantFrom('72220-10', '72220-00', '92201R-P-10').map((model) =>
      command(`partner transfers a new ${model} to account ${account}`, async (real) => {
        await partnerLicense(real, account, model);
      }),
    ),
  ),
  nodeIndex.map((n) =>
    command(`restart(S${n + 1})`, async (real) => {
      await real.reopen(real.nodes[n]!);
    }),
  ),
  fc.integer({ min: 1, max: 6 * 60 }).map((minutes) =>
    command(`${minutes} minutes pass`, async (real) => {
      await real.time.advance(real.time.now.getTime() + minutes * 60_000);
    }),
  ),
  fc.integer({ min: -40, max: 120 }).map((days) =>
    command(
      `the customer sets the SmartServer clocks ${days} days ${days < 0 ? 'back' : 'ahead'}`,
      async (real) => {
        const to = real.time.now.getTime() + days * DAY;
        if (days > 0) await real.time.advance(to);
        else real.time.now = new Date(to);
      },
    ),
  ),
  fc.constant(
    command('the SmartServer clocks are set right again', async (real) => {
      const now = Date.now();
      if (now > real.time.now.getTime()) await real.time.advance(now);
      else real.time.now = new Date(now);
    }),
  ),
];

for (const engine of engines()) {
  describe(`the promise under random customer actions, on ${engine.name}`, () => {
    const tag = engine.name.replace(/\W/g, '').toLowerCase();

    let cloud: TestCloud;
    let accountB: string;
    const proxies: DropProxy[] = [];
    let run = 0;

    before(async () => {
      cloud = await startCloud();
      const b = await cloud.partner.post('/api/v1/partner/customers', { name: `Model B ${tag}` });
      assert.equal(b.status, 201, b.text);
      accountB = b.body.customerId;
      for (let i = 0; i < 3; i++) proxies.push(await startProxy(cloud.url));
    });

    /** Three new SmartServers on a clock of now, linked to their accounts: each run stands alone. */
    async function fresh(): Promise<Real> {
      run++;
      const time = new FakeTime(new Date());
      const nodes: Node[] = [];
      for (const [i, account] of (['A', 'A', 'B'] as const).entries()) {
        const proxy = proxies[i]!;
        await proxy.rules({});
        const options = {
          smartServerId: `SID-model-${tag}-${run}-${i + 1}`,
          name: `Model SmartServer ${i + 1}`,
          issuer: cloud.url,
          extraDevices: 3,
          time,
        };
        const ss = await startSmartServer(await engine.open(), proxy.url, options);
        const owner = await ss.as('Owner');
        nodes.push({
          id: `S${i + 1}`,
          account,
          ss,
          owner,
          proxy,
          options: { ...options, dataDir: ss.dataDir },
        });
      }
      const real: Real = {
        cloud,
        accounts: { A: cloud.customerId, B: accountB },
        nodes,
        licenses: [],
        time,
        terms: new Map(),
        async reopen(node) {
          await node.ss.close('keep');
          node.ss = await startSmartServer(node.ss.server.db, node.proxy.url, node.options);
          node.owner = await node.ss.as('Owner');
        },
      };
      for (const node of nodes) {
        const linked = await node.owner.put('/iap/lic/accounts', { customerId: real.accounts[node.account] });
        assert.equal(linked.status, 200, linked.text);
      }
      for (const [account, model] of [
        ['A', '72220-00'],
        ['A', '72220-10'],
        ['A', '92201R-P-10'],
        ['B', '72220-10'],
        ['B', '72220-00'],
      ] as const) {
        await partnerLicense(real, account, model);
      }
      // Every run starts with one license in use, so the promise is tested from the first step.
      const first = real.licenses[1]!.licenseId;
      const down = await nodes[0]!.owner.post('/iap/lic/cloud/download', { licenseIds: [first] });
      assert.deepEqual(down.body.results, [{ licenseId: first, ok: true }]);
      return real;
    }

    after(async () => {
      for (const proxy of proxies) await proxy.stop();
      await cloud?.close();
    });

    it('R19, R20, R6, R15: whatever the customer does, a license counts on at most one SmartServer and keeps its first terms', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: STEPS }), async (steps) => {
          const real = await fresh();
          try {
            await fc.asyncModelRun(() => ({ model: {}, real }), steps);
          } finally {
            for (const node of real.nodes) await node.ss.close();
          }
        }),
        { numRuns: runsOn(engine.name), endOnFailure: true },
      );
    });
  });
}
