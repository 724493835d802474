import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLicenseState } from '@smartserver-licensing/schemas';
import { SITUATIONS, situationState } from '../src/testing.js';

describe('the named situations (policy/testing)', () => {
  it('every situation is a LicenseState the schema accepts', () => {
    for (const situation of SITUATIONS) {
      const parsed = parseLicenseState(situationState(situation));
      assert.ok(parsed.ok, `${situation}: ${parsed.ok ? '' : parsed.error.message}`);
    }
  });

  it('R14, R16, R22: each situation shows what its name says', () => {
    assert.equal(situationState('licensed').capacity.badge, false);
    assert.equal(situationState('overCapacity').capacity.badge, true);
    assert.equal(situationState('noLicense').manageLicenses.autoOpen, true);
    assert.equal(situationState('allReturned').manageLicenses.everActivated, true);
    assert.deepEqual(situationState('maintenanceExpiring').maintenance, {
      status: 'expiring',
      endDate: '2026-03-31',
      daysLeft: 30,
      coveredDevices: 50,
    });
    assert.equal(situationState('maintenanceExpired').maintenance.status, 'inactive');
    assert.equal(situationState('trial').licenses[0]?.trial, true);
  });

  it('text replaces device names and notes, not the SmartServer name', () => {
    const state = situationState('licensed', { text: 'X', segmentController: 'Hall' });
    assert.deepEqual(new Set(state.devices.slice(1).map((d) => d.name)), new Set(['X']));
    assert.equal(state.devices[0]?.name, 'Hall');
    assert.ok(state.licenses.every((l) => l.note === 'X' && l.segmentController === 'Hall'));
  });
});
