// HttpLicenseSource against a real HTTP server: account, pending returns, receipt and request files,
// each with hostile answers.
import { sampleState } from './state.js';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import {
  FILE_FORMATS,
  InstallCodeSchema,
  parseActivationRequestFile,
  parseReturnReceiptFile,
  protocolFileText,
} from '@smartserver-licensing/schemas';
import {
  HttpLicenseSource,
  checkAccountResponse,
  checkActivationRequestFile,
  checkReturnReceiptFile,
  runCheck,
  demoSigned,
  type LicenseSnapshot,
} from '../src/index.js';
import { json, startServer, until, type Handler, type TestServer } from './server.js';

const CUSTOMER = '2133c667-af41-4518-94df-a2bb3b775330';
const ACTIVATION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ACCOUNT = {
  customerId: CUSTOMER,
  smartServerId: 'SID-17q2d6x',
  segmentController: 'Building 1 SmartServer',
  installCode: '7K3Q-M2XD-9FPA-R4TC-H8WN',
};
const REQUEST_FILE = protocolFileText(
  'activationRequest',
  demoSigned('activationRequest', { requestId: 'x' }),
);
const RECEIPT_FILE = protocolFileText('returnReceipt', demoSigned('returnReceipt', { activationId: 'x' }));

let server: TestServer | undefined;
let source: HttpLicenseSource | undefined;
afterEach(async () => {
  source?.close();
  await server?.close();
  server = source = undefined;
});

async function setup(handler: Handler) {
  server = await startServer(handler);
  source = new HttpLicenseSource({ baseUrl: server.url, live: false, timeoutMs: 2000 });
  return { server, source };
}

function file(res: ServerResponse, text: string, disposition?: string): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    ...(disposition === undefined ? {} : { 'content-disposition': disposition }),
  });
  res.end(text);
}

describe('HttpLicenseSource: this SmartServer and its account', () => {
  it('R19: reads segment controller, SmartServer id, Install Code and Customer ID', async () => {
    const { server, source } = await setup((_req, res) => json(res, 200, ACCOUNT));
    assert.deepEqual(await source.getAccount(), { ok: true, value: ACCOUNT });
    assert.deepEqual(await source.getCustomerAccount(), { ok: true, value: CUSTOMER });
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.url}`),
      ['GET /iap/lic/accounts', 'GET /iap/lic/accounts'],
    );
  });

  for (const [what, body] of [
    ['no Install Code', { ...ACCOUNT, installCode: undefined }],
    ['an Install Code of another form', { ...ACCOUNT, installCode: '<b>7K3Q</b>' }],
    ['a SmartServer id with a line break', { ...ACCOUNT, smartServerId: 'SID\nX-Injected: 1' }],
    ['an unknown field', { ...ACCOUNT, privateKey: 'secret' }],
    ['a number for the segment controller', { ...ACCOUNT, segmentController: 7 }],
  ] as const) {
    it(`R19: refuses an account answer with ${what} (BAD_RESPONSE)`, async () => {
      const { source } = await setup((_req, res) => json(res, 200, body));
      const result = await source.getAccount();
      assert.equal(!result.ok && result.error.code, 'BAD_RESPONSE');
    });
  }

  it('R19: a KEY_CONFLICT when linking keeps its code and status', async () => {
    const { source } = await setup((_req, res) =>
      json(res, 409, {
        error: { code: 'KEY_CONFLICT', message: 'Another key is registered for SID-17q2d6x.' },
      }),
    );
    const result = await source.setCustomerAccount(CUSTOMER);
    assert.equal(!result.ok && result.error.serverCode, 'KEY_CONFLICT');
    assert.equal(!result.ok && result.error.status, 409);
  });

  it('R22: a non-Owner state (no licenses, no License IDs in findings) is a good state', async () => {
    const state = {
      ...sampleState(),
      licenses: [],
      findings: [
        {
          code: 'MAINTENANCE_EXPIRING',
          severity: 'warning',
          message: 'Maintenance license (hidden) ends on 2026-03-31.',
          params: { endDate: '2026-03-31' },
        },
      ],
    };
    const { source } = await setup((_req, res) => json(res, 200, { userType: 'User', state }));
    const seen: LicenseSnapshot[] = [];
    source.subscribe((s) => seen.push(s));
    await until(() => seen.length > 0);
    assert.equal(source.snapshot.phase, 'ready', source.snapshot.error?.message);
    assert.deepEqual(source.snapshot.state?.licenses, []);
  });
});

describe('HttpLicenseSource: returns', () => {
  const pending = {
    licenseId: licenseIdOf(1),
    activationId: ACTIVATION,
    returnedAt: '2026-03-01T12:00:00Z',
  };

  it('R19: reads delivered: false on a return, and lists and delivers pending returns', async () => {
    const { server, source } = await setup((req, res) => {
      if (req.url === '/iap/lic/cloud/upload') {
        return json(res, 200, {
          results: [{ licenseId: licenseIdOf(1), ok: true, delivered: false, code: 'RETURN_PENDING' }],
        });
      }
      if (req.url === '/iap/lic/returns') return json(res, 200, { returns: [pending] });
      json(res, 200, { returns: [] });
    });
    const returned = await source.returnLicenses([licenseIdOf(1)]);
    assert.equal(returned.ok && returned.value[0]?.delivered, false);
    assert.deepEqual(await source.pendingReturns(), { ok: true, value: [pending] });
    assert.deepEqual(await source.deliverReturns(), { ok: true, value: [] });
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.url}`),
      ['POST /iap/lic/cloud/upload', 'GET /iap/lic/returns', 'POST /iap/lic/returns/deliver'],
    );
  });

  for (const [what, body] of [
    ['a list that is not an array', { returns: { 0: pending } }],
    ['an activation id that is no UUID', { returns: [{ ...pending, activationId: '../../x' }] }],
    ['an error with control characters', { returns: [{ ...pending, lastError: 'down\u001b[2J' }] }],
    ['an unknown field', { returns: [{ ...pending, token: 'eyJ…' }] }],
    ['a missing date', { returns: [{ licenseId: pending.licenseId, activationId: ACTIVATION }] }],
  ] as const) {
    it(`refuses a pending list with ${what} (BAD_RESPONSE)`, async () => {
      const { source } = await setup((_req, res) => json(res, 200, body));
      const result = await source.pendingReturns();
      assert.equal(!result.ok && result.error.code, 'BAD_RESPONSE');
    });
  }

  it('refuses a return result whose delivered is not a boolean', async () => {
    const { source } = await setup((_req, res) =>
      json(res, 200, { results: [{ licenseId: licenseIdOf(1), ok: true, delivered: 'no' }] }),
    );
    const result = await source.returnLicenses([licenseIdOf(1)]);
    assert.equal(!result.ok && result.error.code, 'BAD_RESPONSE');
  });
});

describe('HttpLicenseSource: files', () => {
  it('R20: the activation request is a file download: its text as sent, its name from Content-Disposition', async () => {
    const { server, source } = await setup((_req, res) =>
      file(res, REQUEST_FILE, 'attachment; filename="activation-request-SID-17q2d6x.json"'),
    );
    assert.deepEqual(await source.createActivationRequest(), {
      ok: true,
      value: { filename: 'activation-request-SID-17q2d6x.json', text: REQUEST_FILE },
    });
    assert.equal(server.requests[0]?.method, 'GET');
    assert.equal(server.requests[0]?.url, '/iap/lic/activation-request');
  });

  it('R19: a return receipt file comes from the activation’s path; a bad id is refused before sending', async () => {
    const { server, source } = await setup((_req, res) =>
      file(res, RECEIPT_FILE, `attachment; filename="return-${licenseIdOf(1)}.json"`),
    );
    const bad = await source.receiptFile('../../etc/passwd');
    assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
    assert.equal(server.requests.length, 0);
    const receipt = await source.receiptFile(ACTIVATION);
    assert.deepEqual(receipt, {
      ok: true,
      value: { filename: `return-${licenseIdOf(1)}.json`, text: RECEIPT_FILE },
    });
    assert.equal(server.requests[0]?.url, `/iap/lic/returns/${ACTIVATION}/receipt`);
  });

  for (const [disposition, name] of [
    [undefined, 'activation-request.json'],
    ['attachment', 'activation-request.json'],
    ['attachment; filename=""', 'activation-request.json'],
    ['attachment; filename="../../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\Windows\\\\win.ini"', 'win.ini'],
    ["attachment; filename*=UTF-8''%2e%2e%2f.bashrc%0a.json", 'bashrc_.json'],
    ['attachment; filename="<script>.json"', 'script_.json'],
    ['attachment; filename="...."', 'activation-request.json'],
    [`attachment; filename="${'a'.repeat(500)}.json"`, 'a'.repeat(120)],
  ] as const) {
    it(`names the file ${JSON.stringify(name.slice(0, 30))} for Content-Disposition ${JSON.stringify(disposition?.slice(0, 50))}`, async () => {
      const { source } = await setup((_req, res) => file(res, REQUEST_FILE, disposition));
      const result = await source.createActivationRequest();
      assert.equal(result.ok && result.value.filename, name);
    });
  }

  const hostile: Array<[string, (res: ServerResponse) => void, string]> = [
    ['an HTML page', (res) => file(res, '<html><script>alert(1)</script></html>'), 'BAD_RESPONSE'],
    ['a receipt instead of a request', (res) => file(res, RECEIPT_FILE), 'BAD_RESPONSE'],
    [
      'a version 1 envelope',
      (res) =>
        file(res, JSON.stringify({ format: 'smartserver-activation-request', version: 1, signed: 'a.b.c' })),
      'BAD_RESPONSE',
    ],
    ['a file of 1 MB', (res) => file(res, ' '.repeat(1024 * 1024)), 'BAD_RESPONSE'],
    [
      'a 403 with an error body',
      (res) => json(res, 403, { error: { code: 'NOT_OWNER', message: 'Owner only' } }),
      'HTTP',
    ],
  ];
  for (const [what, answer, code] of hostile) {
    it(`turns ${what} into an ${code} error, not a file`, async () => {
      const { source } = await setup((_req, res) => answer(res));
      const result = await source.createActivationRequest();
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, code);
    });
  }
});

describe('the answer checks agree with the schemas package', () => {
  it('file envelopes: the same formats and version as FILE_FORMATS and the schemas parsers', () => {
    const cases: Array<[string, (text: string) => { ok: boolean }, typeof checkActivationRequestFile]> = [
      [FILE_FORMATS.activationRequest, parseActivationRequestFile, checkActivationRequestFile],
      [FILE_FORMATS.returnReceipt, parseReturnReceiptFile, checkReturnReceiptFile],
    ];
    for (const [format, parse, check] of cases) {
      for (const value of [
        { format, version: 2, signed: 'a.b.c' },
        { format, version: 1, signed: 'a.b.c' },
        { format, version: 2, signed: 'a.b' },
        { format: `${format}x`, version: 2, signed: 'a.b.c' },
        { format, version: 2, signed: 'a.b.c', extra: 1 },
      ]) {
        assert.equal(runCheck(check, value).ok, parse(JSON.stringify(value)).ok, JSON.stringify(value));
      }
    }
  });

  it('Install Codes: the same pattern as InstallCodeSchema', () => {
    for (const installCode of [
      '7K3Q-M2XD-9FPA-R4TC-H8WN',
      '7K3Q-M2XD-9FPA-R4TC-H8WI',
      '7k3q-m2xd-9fpa-r4tc-h8wn',
      '',
    ]) {
      assert.equal(
        runCheck(checkAccountResponse, { ...ACCOUNT, installCode }).ok,
        InstallCodeSchema.safeParse(installCode).success,
        installCode,
      );
    }
  });
});
