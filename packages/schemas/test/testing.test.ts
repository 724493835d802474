import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isoSeconds, parseDeviceInventory, parseLicenseClaims } from '../src/index.js';
import {
  CAPACITY_MODELS,
  MAINTENANCE_TERMS,
  SAMPLE_CLAIMS,
  capacityOf,
  coreClaims,
  inventory,
  licenseIdOf,
  maintenanceOf,
  trialClaims,
} from '../src/testing.js';

describe('the shared test data (schemas/testing)', () => {
  it('every sample claim, and every size and term builder, is accepted by the claim schema', () => {
    const sizes = Object.keys(CAPACITY_MODELS).map(Number) as Array<10 | 50 | 200 | 1000>;
    const claims = [
      ...SAMPLE_CLAIMS,
      trialClaims(),
      coreClaims(),
      ...sizes.map((size, i) => capacityOf(i + 1, size)),
      ...Object.values(MAINTENANCE_TERMS).flatMap(({ termStart, termEnd }) =>
        sizes.map((size, i) => maintenanceOf(i + 10, termStart, termEnd, size)),
      ),
    ];
    for (const claim of claims) {
      const parsed = parseLicenseClaims(claim);
      assert.ok(parsed.ok, `${claim.model}: ${parsed.ok ? '' : parsed.error.message}`);
    }
  });

  it('an inventory is the SmartServer once plus distinct, valid field devices', () => {
    const devices = inventory(40, { name: '<b>x</b>', smartServerName: 'Hall' });
    assert.ok(parseDeviceInventory(devices).ok);
    assert.equal(devices.filter((d) => d.isSmartServer).length, 1);
    assert.equal(new Set(devices.map((d) => d.id)).size, 41);
    assert.equal(devices[0]?.name, 'Hall');
    assert.equal(devices[40]?.name, '<b>x</b>');
  });

  it('License IDs by number are distinct', () => {
    assert.notEqual(licenseIdOf(1), licenseIdOf(2));
    assert.equal(licenseIdOf(255), '5e0c0de0-0000-4000-8000-0000000000ff');
  });
});

describe('isoSeconds', () => {
  it('writes a Date or epoch milliseconds in UTC without the milliseconds', () => {
    assert.equal(isoSeconds(new Date('2026-03-01T12:00:00.999Z')), '2026-03-01T12:00:00Z');
    assert.equal(isoSeconds(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '2026-01-02T03:04:05Z');
  });

  it('throws a RangeError for an invalid date', () => {
    assert.throws(() => isoSeconds(Number.NaN), RangeError);
  });
});
