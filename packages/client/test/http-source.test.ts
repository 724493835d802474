import { afterEach, describe, it } from 'node:test';
import { sampleState } from './state.js';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { HttpLicenseSource, type LicenseSnapshot } from '../src/index.js';
import { json, startServer, until, type Handler, type TestServer } from './server.js';

const CUSTOMER = '2133c667-af41-4518-94df-a2bb3b775330';
const THIS_SMARTSERVER = {
  smartServerId: 'SID-17q2d6x',
  segmentController: 'Building 1 SmartServer',
  installCode: '7K3Q-M2XD-9FPA-R4TC-H8WN',
};
const status = (over: Record<string, unknown> = {}) => ({
  userType: 'Owner',
  state: sampleState(),
  ...over,
});

let server: TestServer | undefined;
let source: HttpLicenseSource | undefined;
afterEach(async () => {
  source?.close();
  await server?.close();
  server = source = undefined;
});

async function setup(handler: Handler, options: { live?: boolean; timeoutMs?: number; max?: number } = {}) {
  server = await startServer(handler);
  source = new HttpLicenseSource({
    baseUrl: server.url + '/',
    live: options.live ?? false,
    timeoutMs: options.timeoutMs ?? 2000,
    reconnectMs: 50,
    ...(options.max ? { maxResponseChars: options.max } : {}),
  });
  return { server, source };
}

async function loaded(s: HttpLicenseSource): Promise<LicenseSnapshot> {
  const seen: LicenseSnapshot[] = [];
  s.subscribe((snap) => seen.push(snap));
  await until(() => seen.length > 0);
  return s.snapshot;
}

describe('HttpLicenseSource: status', () => {
  it('loads the state and the user type from GET /iap/lic/status', async () => {
    const { source } = await setup((req, res) =>
      req.url === '/iap/lic/status' ? json(res, 200, status({ userType: 'Admin' })) : json(res, 404, {}),
    );
    assert.equal(source.snapshot.phase, 'loading');
    const snap = await loaded(source);
    assert.equal(snap.phase, 'ready');
    assert.equal(snap.userType, 'Admin');
    assert.equal(snap.state?.capacity.licensed, 50);
  });

  const hostile: Array<[string, (res: ServerResponse) => void, string]> = [
    [
      'an HTML page',
      (res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><img src=x onerror=alert(1)></html>');
      },
      'BAD_RESPONSE',
    ],
    [
      'an empty body',
      (res) => {
        res.writeHead(200);
        res.end();
      },
      'BAD_RESPONSE',
    ],
    ['JSON null', (res) => json(res, 200, 'null'), 'BAD_RESPONSE'],
    ['an unknown field', (res) => json(res, 200, { ...status(), admin: true }), 'BAD_RESPONSE'],
    [
      'a __proto__ key',
      (res) =>
        json(
          res,
          200,
          `{"userType":"Owner","state":${JSON.stringify(sampleState())},"__proto__":{"polluted":1}}`,
        ),
      'BAD_RESPONSE',
    ],
    ['an unknown user type', (res) => json(res, 200, status({ userType: 'root' })), 'BAD_RESPONSE'],
    [
      'a state of the wrong shape',
      (res) => json(res, 200, status({ state: { ...sampleState(), capacity: { licensed: -1 } } })),
      'BAD_RESPONSE',
    ],
    [
      'a 500 with an error body',
      (res) => json(res, 500, { error: { code: 'STORE_DOWN', message: 'Store unavailable' } }),
      'HTTP',
    ],
    ['a 502 with garbage', (res) => json(res, 502, '<h1>Bad gateway</h1>'), 'HTTP'],
    [
      'a connection cut mid-body',
      (res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('{"userType":');
        setTimeout(() => res.destroy(), 20);
      },
      'NETWORK',
    ],
  ];
  for (const [what, answer, code] of hostile) {
    it(`turns ${what} into an ${code} error state, not a crash`, async () => {
      const { source } = await setup((_req, res) => answer(res));
      const snap = await loaded(source);
      assert.equal(snap.phase, 'error');
      assert.equal(snap.error?.code, code);
      assert.equal(snap.state, null);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('keeps the server error code and message', async () => {
    const { source } = await setup((_req, res) =>
      json(res, 403, { error: { code: 'NOT_OWNER', message: 'Owner only' } }),
    );
    const snap = await loaded(source);
    assert.equal(snap.error?.status, 403);
    assert.equal(snap.error?.serverCode, 'NOT_OWNER');
    assert.equal(snap.error?.message, 'Owner only');
  });

  it('R11: keeps the message of an error that carries detail, as the SmartServer sends for an unlicensed device', async () => {
    const { source } = await setup((_req, res) =>
      json(res, 403, {
        error: {
          code: 'FORBIDDEN',
          message: 'Device 3 is unlicensed.',
          detail: { code: 'DEVICE_UNLICENSED' },
        },
      }),
    );
    const snap = await loaded(source);
    assert.equal(snap.error?.serverCode, 'FORBIDDEN');
    assert.equal(snap.error?.message, 'Device 3 is unlicensed.');
  });

  for (const detail of [{ a: { b: 1 } }, { code: 'x'.repeat(600) }, { 'no-such name': 1 }, [1, 2]]) {
    it(`does not show an error body whose detail is hostile: ${JSON.stringify(detail).slice(0, 30)}`, async () => {
      const { source } = await setup((_req, res) =>
        json(res, 403, { error: { code: 'FORBIDDEN', message: 'secret', detail } }),
      );
      const snap = await loaded(source);
      assert.equal(snap.error?.message, 'The SmartServer answered with status 403.');
    });
  }

  it('refuses an answer larger than the limit', async () => {
    const { source } = await setup((_req, res) => json(res, 200, { ...status(), pad: 'x'.repeat(50_000) }), {
      max: 10_000,
    });
    const snap = await loaded(source);
    assert.equal(snap.error?.code, 'BAD_RESPONSE');
    assert.match(snap.error?.message ?? '', /too large/);
  });

  it('times out when the server never answers', async () => {
    const { source } = await setup(() => undefined, { timeoutMs: 150 });
    const snap = await loaded(source);
    await until(() => source.snapshot.phase === 'error');
    assert.equal(source.snapshot.error?.code, 'TIMEOUT');
    assert.ok(snap);
  });

  it('reports NETWORK when nothing listens', async () => {
    const { server, source } = await setup(() => undefined);
    await server.close();
    const snap = await loaded(source);
    assert.equal(snap.error?.code, 'NETWORK');
  });

  it('keeps the last good state when a later refresh fails', async () => {
    let fail = false;
    const { source } = await setup((_req, res) => (fail ? json(res, 503, 'down') : json(res, 200, status())));
    await loaded(source);
    fail = true;
    await source.refresh();
    assert.equal(source.snapshot.phase, 'error');
    assert.equal(source.snapshot.state?.capacity.licensed, 50);
  });
});

describe('HttpLicenseSource: live updates (SSE)', () => {
  function sse(res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    return (event: string, data: string) => res.write(`event: ${event}\r\ndata: ${data}\r\n\r\n`);
  }

  it('applies each pushed state, and turns a bad event into an error state', async () => {
    let push: ((event: string, data: string) => void) | undefined;
    const { source } = await setup(
      (req, res) => {
        if (req.url === '/iap/lic/status/events') push = sse(res);
        else json(res, 200, status());
      },
      { live: true },
    );
    await loaded(source);
    await until(() => push !== undefined);
    push!('state', JSON.stringify(status({ state: sampleState(10) })));
    await until(() => source.snapshot.state?.capacity.licensed === 10);
    push!('state', '{"userType":"Owner","state":{"not":"a state"}}');
    await until(() => source.snapshot.phase === 'error');
    assert.equal(source.snapshot.error?.code, 'BAD_RESPONSE');
    push!('state', 'not json <script>');
    push!('ping', 'ignored');
    push!('state', JSON.stringify(status({ userType: 'User' })));
    await until(() => source.snapshot.phase === 'ready' && source.snapshot.userType === 'User');
  });

  it('reconnects after the stream ends', async () => {
    let streams = 0;
    const { source } = await setup(
      (req, res) => {
        if (req.url !== '/iap/lic/status/events') return json(res, 200, status());
        streams++;
        sse(res)('state', JSON.stringify(status()));
        if (streams === 1) setTimeout(() => res.end(), 20);
      },
      { live: true },
    );
    await loaded(source);
    await until(() => streams >= 2);
  });

  it('refuses a live event larger than the limit', async () => {
    const { source } = await setup(
      (req, res) => {
        if (req.url !== '/iap/lic/status/events') return json(res, 200, status());
        sse(res)('state', 'x'.repeat(200_000));
      },
      { live: true, max: 100_000 },
    );
    await loaded(source);
    await until(() => source.snapshot.phase === 'error');
    assert.match(source.snapshot.error?.message ?? '', /too large/);
  });
});

describe('HttpLicenseSource: actions', () => {
  it('R19: validates the Customer ID before sending it, then PUTs it', async () => {
    const { server, source } = await setup((req, res) =>
      json(res, 200, { ...THIS_SMARTSERVER, ...JSON.parse(req.body || '{"customerId":null}') }),
    );
    const bad = await source.setCustomerAccount('not-a-uuid');
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
    assert.equal(server.requests.length, 0);
    const good = await source.setCustomerAccount(CUSTOMER);
    assert.deepEqual(good, { ok: true, value: CUSTOMER });
    assert.equal(server.requests[0]?.method, 'PUT');
    assert.equal(server.requests[0]?.url, '/iap/lic/accounts');
    assert.deepEqual(await source.getCustomerAccount(), { ok: true, value: null });
  });

  it('R19: lists cloud licenses and refuses a list with an unknown model', async () => {
    const license = {
      licenseId: licenseIdOf(7),
      kind: 'capacity',
      model: '72220-200',
      capacity: 200,
      trial: false,
      activatedOn: null,
    };
    let model = '72220-200';
    const { source } = await setup((_req, res) =>
      json(res, 200, { customerId: CUSTOMER, licenses: [{ ...license, model }] }),
    );
    const listed = await source.listCloudLicenses();
    assert.ok(listed.ok);
    assert.equal(listed.value[0]?.model, '72220-200');
    model = '<img src=x onerror=alert(1)>';
    const hostile = await source.listCloudLicenses();
    assert.equal(!hostile.ok && hostile.error.code, 'BAD_RESPONSE');
  });

  it('R19: downloads one license per request, reporting progress and each result', async () => {
    const ids = [licenseIdOf(1), licenseIdOf(2), licenseIdOf(3)];
    const { server, source } = await setup((req, res) => {
      const [id] = (JSON.parse(req.body) as { licenseIds: string[] }).licenseIds;
      if (id === ids[1])
        json(res, 409, { error: { code: 'ALREADY_ACTIVATED', message: 'Activated elsewhere' } });
      else json(res, 200, { results: [{ licenseId: id, ok: true }] });
    });
    const progress: number[] = [];
    const result = await source.downloadLicenses(ids, (done) => progress.push(done));
    assert.deepEqual(progress, [1, 2, 3]);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((r) => [r.ok, r.code]),
      [
        [true, undefined],
        [false, 'ALREADY_ACTIVATED'],
        [true, undefined],
      ],
    );
    assert.ok(server.requests.every((r) => r.method === 'POST' && r.url === '/iap/lic/cloud/download'));
  });

  it('R19: returns licenses with one POST to /iap/lic/cloud/upload', async () => {
    const { server, source } = await setup((req, res) =>
      json(res, 200, {
        results: (JSON.parse(req.body) as { licenseIds: string[] }).licenseIds.map((licenseId) => ({
          licenseId,
          ok: true,
        })),
      }),
    );
    const result = await source.returnLicenses([licenseIdOf(1), licenseIdOf(2)]);
    assert.ok(result.ok && result.value.length === 2);
    assert.equal(server.requests[0]?.url, '/iap/lic/cloud/upload');
    const bad = await source.returnLicenses(['../../etc/passwd']);
    assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
    assert.equal(server.requests.length, 1);
  });

  it('R20: posts the activation file text as is and reads one result per token', async () => {
    const { server, source } = await setup((_req, res) =>
      json(res, 200, {
        results: [
          { index: 0, ok: true, licenseId: licenseIdOf(4) },
          { index: 1, ok: false, code: 'BAD_SIGNATURE', message: 'Signature does not verify' },
        ],
      }),
    );
    const text = '{"format":"smartserver-license-activation"}';
    const result = await source.addLicenseFile(text);
    assert.ok(result.ok);
    assert.equal(result.value[1]?.code, 'BAD_SIGNATURE');
    assert.equal(server.requests[0]?.body, text);
    assert.equal(server.requests[0]?.url, '/iap/lic');
  });

  it('R23: PATCHes a note at the license path and refuses an over-long one locally', async () => {
    const { server, source } = await setup((req, res) =>
      json(res, 200, { licenseId: licenseIdOf(1), note: (JSON.parse(req.body) as { note: string }).note }),
    );
    const note = '<img src=x onerror=alert(1)> مرحبا';
    assert.deepEqual(await source.saveNote(licenseIdOf(1), note), { ok: true, value: note });
    assert.equal(server.requests[0]?.method, 'PATCH');
    assert.equal(server.requests[0]?.url, `/iap/lic/licenses/${licenseIdOf(1)}`);
    const long = await source.saveNote(licenseIdOf(1), 'x'.repeat(501));
    assert.equal(!long.ok && long.error.code, 'INVALID_INPUT');
  });

  it('R18: reads and saves notification settings, refusing bad ones before sending', async () => {
    let saved = { daysBeforeExpiry: [30], recipients: ['ops@example.com'] };
    const { server, source } = await setup((req, res) => {
      if (req.method === 'PUT') saved = JSON.parse(req.body) as typeof saved;
      json(res, 200, saved);
    });
    assert.deepEqual(await source.getNotificationSettings(), { ok: true, value: saved });
    const next = { daysBeforeExpiry: [60, 7], recipients: ['a@example.com'] };
    assert.deepEqual(await source.saveNotificationSettings(next), { ok: true, value: next });
    const bad = await source.saveNotificationSettings({ daysBeforeExpiry: [7, 7], recipients: ['nope'] });
    assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
    assert.equal(server.requests.length, 2);
  });
});
