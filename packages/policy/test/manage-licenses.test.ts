import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canManageLicenses,
  computeLicenseState,
  shouldAutoOpenManageLicenses,
  type PolicyInput,
} from '@smartserver-licensing/policy';
import { USER_TYPES, type LicenseState } from '@smartserver-licensing/schemas';
import { capacity, input, inventory, trial } from './fixtures.js';

function state(over: Partial<PolicyInput>): LicenseState {
  const result = computeLicenseState(input(over));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

describe('Manage Licenses', () => {
  it('R22: only the Owner may manage licenses; others get a reason', () => {
    assert.deepEqual(canManageLicenses('Owner'), { allowed: true });
    for (const userType of USER_TYPES.filter((t) => t !== 'Owner')) {
      const check = canManageLicenses(userType);
      assert.equal(check.allowed, false, userType);
      if (!check.allowed) assert.equal(check.code, 'NOT_OWNER');
    }
  });

  it('R22: opens by itself for an Owner when no license was ever activated', () => {
    const s = state({ licenses: [] });
    assert.deepEqual(s.manageLicenses, { autoOpen: true, everActivated: false });
    assert.ok(s.findings.some((f) => f.code === 'NO_LICENSE_ACTIVATED'));
    assert.equal(shouldAutoOpenManageLicenses(s, 'Owner'), true);
    assert.equal(shouldAutoOpenManageLicenses(s, 'Admin'), false);
  });

  it('R22: opens by itself when capacity is zero (all licenses returned) or below the devices', () => {
    const returned = state({ licenses: [], everActivated: true });
    assert.deepEqual(returned.manageLicenses, { autoOpen: true, everActivated: true });
    assert.ok(!returned.findings.some((f) => f.code === 'NO_LICENSE_ACTIVATED'));
    const short = state({ licenses: [capacity(1, 10)], devices: inventory(10) });
    assert.equal(shouldAutoOpenManageLicenses(short, 'Owner'), true);
    const expiredTrial = state({ licenses: [trial(1, '2026-02-01T00:00:00Z')] });
    assert.equal(shouldAutoOpenManageLicenses(expiredTrial, 'Owner'), true);
  });

  it('R22: does not open when capacity covers the devices, nor on 3.2 (R1)', () => {
    assert.equal(shouldAutoOpenManageLicenses(state({}), 'Owner'), false);
    const old = state({ product: { edition: 'SmartServer', version: '3.2' }, licenses: [] });
    assert.equal(shouldAutoOpenManageLicenses(old, 'Owner'), false);
  });
});
