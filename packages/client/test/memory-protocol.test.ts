// The in-memory source behaves as the SmartServer does for accounts, returns, receipts and files.
import { sampleState } from './state.js';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseActivationRequestFile, parseReturnReceiptFile } from '@smartserver-licensing/schemas';
import {
  DEMO_INSTALL_CODE,
  MemoryLicenseSource,
  demoActivationFileText,
  readDemoSigned,
} from '../src/index.js';

const CUSTOMER = '2133c667-af41-4518-94df-a2bb3b775330';
const cloudLicense = (n: number, activatedOn: string | null = null) => ({
  licenseId: licenseIdOf(n),
  kind: 'capacity' as const,
  model: '72220-50' as const,
  capacity: 50,
  trial: false,
  activatedOn,
});

function source(options: ConstructorParameters<typeof MemoryLicenseSource>[0] = {}) {
  return new MemoryLicenseSource({
    state: sampleState(),
    customerId: CUSTOMER,
    segmentController: 'Building 1 SmartServer',
    cloudLicenses: [cloudLicense(1, 'Building 1 SmartServer'), cloudLicense(2, 'Building 1 SmartServer')],
    now: () => new Date('2026-03-01T12:00:00Z'),
    ...options,
  });
}

describe('MemoryLicenseSource: this SmartServer and its account', () => {
  it('R19: tells segment controller, SmartServer id, Install Code and Customer ID', async () => {
    const account = await source({ smartServerId: 'SID-9' }).getAccount();
    assert.deepEqual(account, {
      ok: true,
      value: {
        customerId: CUSTOMER,
        smartServerId: 'SID-9',
        segmentController: 'Building 1 SmartServer',
        installCode: DEMO_INSTALL_CODE,
      },
    });
  });

  it('R19: linking needs the cloud: offline it fails with UNAVAILABLE and keeps the old account', async () => {
    const s = source({ customerId: null, cloudOnline: false });
    const linked = await s.setCustomerAccount(CUSTOMER);
    assert.equal(!linked.ok && linked.error.serverCode, 'UNAVAILABLE');
    assert.equal(!linked.ok && linked.error.status, 503);
    assert.deepEqual(await s.getCustomerAccount(), { ok: true, value: null });
    s.setCloudOnline(true);
    assert.deepEqual(await s.setCustomerAccount(CUSTOMER), { ok: true, value: CUSTOMER });
  });

  it('R19: a license held by another SmartServer is BOUND_ELSEWHERE', async () => {
    const s = source({ cloudLicenses: [cloudLicense(7, 'Building 2')] });
    const result = await s.downloadLicenses([licenseIdOf(7)]);
    assert.equal(result.ok && result.value[0]?.code, 'BOUND_ELSEWHERE');
  });
});

describe('MemoryLicenseSource: returns and receipts', () => {
  it('R19: a return with the cloud reachable is delivered at once and frees the license in the cloud', async () => {
    const s = source();
    const result = await s.returnLicenses([licenseIdOf(1)]);
    assert.deepEqual(result, {
      ok: true,
      value: [{ licenseId: licenseIdOf(1), ok: true, delivered: true }],
    });
    assert.deepEqual(await s.pendingReturns(), { ok: true, value: [] });
    const cloud = await s.listCloudLicenses();
    assert.equal(cloud.ok && cloud.value[0]?.activatedOn, null);
  });

  it('R19: with the cloud offline the license stops counting here and its receipt waits; trying again later delivers it', async () => {
    const s = source({ cloudOnline: false });
    const result = await s.returnLicenses([licenseIdOf(1), licenseIdOf(99)]);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((r) => [r.ok, r.delivered, r.code]),
      [
        [true, false, 'RETURN_PENDING'],
        [false, undefined, 'NOT_HERE'],
      ],
    );
    assert.deepEqual(
      s.snapshot.state?.licenses.map((l) => l.licenseId),
      [licenseIdOf(2)],
    );
    const pending = await s.pendingReturns();
    assert.ok(pending.ok && pending.value.length === 1);
    const [waiting] = pending.value;
    assert.equal(waiting?.licenseId, licenseIdOf(1));
    assert.equal(waiting?.returnedAt, '2026-03-01T12:00:00Z');
    assert.match(waiting?.lastError ?? '', /cannot be reached/);

    const still = await s.deliverReturns();
    assert.ok(still.ok && still.value.length === 1);

    const receipt = await s.receiptFile(waiting!.activationId);
    assert.ok(receipt.ok);
    assert.equal(receipt.value.filename, `return-${licenseIdOf(1)}.json`);
    const file = parseReturnReceiptFile(receipt.value.text);
    assert.ok(file.ok, receipt.value.text);
    assert.equal(readDemoSigned(file.value.signed)?.['activationId'], waiting!.activationId);

    s.setCloudOnline(true);
    assert.deepEqual(await s.deliverReturns(), { ok: true, value: [] });
    const cloud = await s.listCloudLicenses();
    assert.equal(cloud.ok && cloud.value[0]?.activatedOn, null);
  });

  it('R19: a receipt of an activation never returned here is NOT_FOUND; a bad id is refused before anything happens', async () => {
    const s = source();
    const missing = await s.receiptFile('0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.equal(!missing.ok && missing.error.serverCode, 'NOT_FOUND');
    const bad = await s.receiptFile('../../etc/passwd');
    assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
  });

  it('a cloud call sends receipts owed from before first', async () => {
    const s = source({
      pendingReturns: [
        {
          licenseId: licenseIdOf(2),
          activationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
          returnedAt: '2026-02-01T00:00:00Z',
        },
      ],
    });
    const cloud = await s.listCloudLicenses();
    assert.equal(cloud.ok && cloud.value[1]?.activatedOn, null);
    assert.deepEqual(await s.pendingReturns(), { ok: true, value: [] });
  });
});

describe('MemoryLicenseSource: offline activation request and file', () => {
  it('R20: an activation request names this SmartServer and its Install Code, as a version 2 file', async () => {
    const s = source({ smartServerId: 'SID/../9' });
    const request = await s.createActivationRequest();
    assert.ok(request.ok);
    assert.equal(request.value.filename, 'activation-request-SID_.._9.json');
    const file = parseActivationRequestFile(request.value.text);
    assert.ok(file.ok);
    const claims = readDemoSigned(file.value.signed);
    assert.equal(claims?.['installCode'], DEMO_INSTALL_CODE);
    assert.equal(claims?.['smartServerId'], 'SID/../9');
  });

  it('R20: accepts a file for this SmartServer once: the same file again is FILE_REPLAYED', async () => {
    const s = source();
    const first = await s.addLicenseFile(demoActivationFileText({ tokens: 2 }));
    assert.deepEqual(first, {
      ok: true,
      value: [
        { index: 0, ok: true },
        { index: 1, ok: true },
      ],
    });
    const again = await s.addLicenseFile(demoActivationFileText({ tokens: 2 }));
    assert.equal(!again.ok && again.error.serverCode, 'FILE_REPLAYED');
  });

  it('R21: refuses a file for another SmartServer, a version 1 file and a file whose signed part is unreadable', async () => {
    const s = source();
    const cases: Array<[string, string]> = [
      [demoActivationFileText({ smartServerId: 'SID-other' }), 'FILE_WRONG_SMARTSERVER'],
      [
        JSON.stringify({ format: 'smartserver-license-activation', version: 1, tokens: [] }),
        'FILE_UNSUPPORTED_VERSION',
      ],
      [
        JSON.stringify({ format: 'smartserver-license-activation', version: 2, signed: 'a.b.c' }),
        'FILE_BAD_SIGNATURE',
      ],
      ['<img src=x onerror=alert(1)>', 'FILE_MALFORMED'],
      [' '.repeat(700 * 1024), 'FILE_TOO_LARGE'],
    ];
    for (const [text, code] of cases) {
      const result = await s.addLicenseFile(text);
      assert.equal(!result.ok && result.error.serverCode, code, text.slice(0, 60));
    }
  });
});
