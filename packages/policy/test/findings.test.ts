import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeLicenseState, FINDING_SEVERITY, sortFindings } from '@smartserver-licensing/policy';
import { FINDING_CODES, type Finding } from '@smartserver-licensing/schemas';
import { capacity, input, inventory, licenseId, maintenance, trial } from './fixtures.js';

describe('findings', () => {
  it('gives every finding code one fixed severity', () => {
    assert.deepEqual(Object.keys(FINDING_SEVERITY).sort(), [...FINDING_CODES].sort());
  });

  it('orders findings by severity, then by code, then by message, whatever the input order', () => {
    const result = computeLicenseState(
      input({
        product: { edition: 'SmartServer Pi', version: '4.2' },
        licenses: [
          trial(3, '2026-03-05T00:00:00Z'),
          trial(2, '2026-02-01T00:00:00Z'),
          capacity(1, 10),
          capacity(4, 1000),
          maintenance(5, '2026-01-01', '2026-04-01', 10),
        ],
        devices: inventory(2000),
        rejected: [{ code: 'BAD_SIGNATURE', message: 'The signature does not verify.' }],
      }),
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(
      result.value.findings.map((f) => `${f.severity}:${f.code}`),
      [
        'error:CORE_LICENSE_MISSING',
        'error:CAPACITY_EXCEEDED',
        'warning:MAINTENANCE_BELOW_CAPACITY',
        'warning:MAINTENANCE_EXPIRING',
        'warning:TRIAL_EXPIRED',
        'warning:LICENSE_REJECTED',
        'info:TRIAL_EXPIRING',
      ],
    );
    const shuffled = [...result.value.findings].reverse();
    assert.deepEqual(sortFindings(shuffled), result.value.findings);
  });

  it('R14: CAPACITY_ZERO and CAPACITY_EXCEEDED are errors with stable messages', () => {
    const zero = computeLicenseState(input({ licenses: [], devices: inventory(2) }));
    assert.ok(zero.ok);
    const f = zero.value.findings[0] as Finding;
    assert.deepEqual(f, {
      code: 'CAPACITY_ZERO',
      severity: 'error',
      message: 'No device capacity is licensed; all 3 devices are unlicensed.',
      params: { used: 3 },
    });
  });

  it('a rejected token becomes LICENSE_REJECTED with clean, bounded text', () => {
    const result = computeLicenseState(
      input({
        rejected: [{ licenseId: licenseId(7), code: 'WRONG_AUDIENCE', message: 'bound to\nanother server' }],
      }),
    );
    assert.ok(result.ok);
    const rejected = result.value.findings.find((f) => f.code === 'LICENSE_REJECTED');
    assert.equal(rejected?.message, 'A license was refused (WRONG_AUDIENCE): bound to another server');
    assert.deepEqual(rejected?.params, { reason: 'WRONG_AUDIENCE', licenseId: licenseId(7) });
  });
});
