import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLicenseState } from '@smartserver-licensing/schemas';
import { licenseState } from './fixtures.js';

describe('LicenseState contract', () => {
  it('R10: carries licensed and used capacity, and round-trips through JSON', () => {
    const state = licenseState();
    const result = parseLicenseState(JSON.parse(JSON.stringify(state)));
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.value, state);
  });

  it('R16: maintenance status is one of active, expiring, inactive', () => {
    const bad = licenseState({
      maintenance: { status: 'expired' as never, endDate: null, daysLeft: null, coveredDevices: 0 },
    });
    const result = parseLicenseState(bad);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.issues[0]?.path, 'maintenance.status');
  });

  it('R11: every device entry says whether it is licensed', () => {
    const state = licenseState();
    const { licensed: _gone, ...unmarked } = state.devices[1]!;
    const result = parseLicenseState({ ...state, devices: [state.devices[0], unmarked] });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.issues[0]?.path, 'devices[1].licensed');
  });

  it('R12: refuses more unlicensed devices than devices, and a device list that disagrees with used', () => {
    const state = licenseState();
    assert.equal(parseLicenseState({ ...state, capacity: { ...state.capacity, unlicensed: 3 } }).ok, false);
    assert.equal(parseLicenseState({ ...state, capacity: { ...state.capacity, used: 5 } }).ok, false);
  });

  it('refuses unknown finding codes and reserved parameter keys', () => {
    const finding = {
      code: 'CAPACITY_EXCEEDED',
      severity: 'error',
      message: 'Devices exceed capacity.',
    } as const;
    assert.ok(parseLicenseState(licenseState({ findings: [{ ...finding, params: { devices: 3 } }] })).ok);
    assert.equal(
      parseLicenseState(licenseState({ findings: [{ ...finding, code: 'PWNED' as never }] })).ok,
      false,
    );
    const polluted = JSON.parse('{"__proto__": 1}') as Record<string, number>;
    assert.equal(parseLicenseState(licenseState({ findings: [{ ...finding, params: polluted }] })).ok, false);
    assert.equal(
      parseLicenseState(licenseState({ findings: [{ ...finding, params: { constructor: 1 } }] })).ok,
      false,
    );
  });

  it('refuses a state of another schema version', () => {
    const result = parseLicenseState({ ...licenseState(), schemaVersion: 2 });
    assert.equal(result.ok, false);
  });
});
