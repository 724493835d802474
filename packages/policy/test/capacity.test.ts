import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeLicenseState, type PolicyInput } from '@smartserver-licensing/policy';
import { parseLicenseState, type LicenseState } from '@smartserver-licensing/schemas';
import { capacity, input, inventory, SMARTSERVER, trial } from './fixtures.js';

function state(over: Partial<PolicyInput>): LicenseState {
  const result = computeLicenseState(input(over));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const checked = parseLicenseState(result.value);
  assert.ok(checked.ok, checked.ok ? '' : checked.error.message);
  return result.value;
}

describe('capacity', () => {
  it('R6: the capacities of several active capacity licenses add up', () => {
    const s = state({ licenses: [capacity(1, 10), capacity(2, 50), capacity(3, 1000)] });
    assert.equal(s.capacity.licensed, 1060);
  });

  it('R6: an active trial adds its 5 devices; an expired trial adds nothing', () => {
    const active = state({ licenses: [capacity(1, 10), trial(2, '2026-04-01T00:00:00Z')] });
    assert.equal(active.capacity.licensed, 15);
    const expired = state({ licenses: [capacity(1, 10), trial(2, '2026-02-01T00:00:00Z')] });
    assert.equal(expired.capacity.licensed, 10);
    assert.equal(expired.licenses.find((l) => l.trial)?.status, 'expired');
  });

  it('R6: a trial stops counting at the very instant it expires', () => {
    const at = state({ licenses: [trial(2, '2026-03-01T12:00:00Z')], now: '2026-03-01T12:00:00Z' });
    assert.equal(at.capacity.licensed, 0);
    const before = state({ licenses: [trial(2, '2026-03-01T12:00:00Z')], now: '2026-03-01T11:59:59.999Z' });
    assert.equal(before.capacity.licensed, 5);
  });

  it('R25: a license replaced by a transfer counts for nothing', () => {
    const s = state({
      licenses: [capacity(1, 200, { supersededBy: capacity(9).licenseId }), capacity(2, 10)],
    });
    assert.equal(s.capacity.licensed, 10);
    assert.equal(s.licenses.find((l) => l.capacity === 200)?.status, 'superseded');
    const replaced = state({
      licenses: [capacity(1, 200), capacity(2, 200, { supersedes: capacity(1).licenseId })],
    });
    assert.equal(replaced.capacity.licensed, 200);
  });

  it('R9: the SmartServer counts as one device; the SmartServer alone uses 1 of the capacity', () => {
    const s = state({ devices: [SMARTSERVER], licenses: [capacity(1, 10)] });
    assert.deepEqual(s.capacity, { licensed: 10, used: 1, unlicensed: 0, badge: false });
    assert.equal(s.devices[0]?.licensed, true);
  });

  it('R9: an inventory without the SmartServer, or with two, is refused as SMARTSERVER_MISSING', () => {
    const none = computeLicenseState(input({ devices: inventory(3).slice(1) }));
    assert.equal(!none.ok && none.error.code, 'SMARTSERVER_MISSING');
    const two = computeLicenseState(input({ devices: [...inventory(2), { ...SMARTSERVER, id: 'sid-2' }] }));
    assert.equal(!two.ok && two.error.code, 'SMARTSERVER_MISSING');
  });

  it('R10: reports licensed and used capacity', () => {
    const s = state({ licenses: [capacity(1, 1000)], devices: inventory(4) });
    assert.equal(s.capacity.licensed, 1000);
    assert.equal(s.capacity.used, 5);
  });
});

describe('red badge', () => {
  it('R14: shows the red badge when capacity is zero, even with only the SmartServer defined', () => {
    const s = state({ licenses: [], devices: [SMARTSERVER] });
    assert.deepEqual(s.capacity, { licensed: 0, used: 1, unlicensed: 1, badge: true });
    assert.equal(s.findings[0]?.code, 'CAPACITY_ZERO');
  });

  it('R14: shows the red badge when capacity is below the device count', () => {
    const s = state({ licenses: [capacity(1, 10)], devices: inventory(10) });
    assert.deepEqual(s.capacity, { licensed: 10, used: 11, unlicensed: 1, badge: true });
    const exceeded = s.findings.find((f) => f.code === 'CAPACITY_EXCEEDED');
    assert.equal(exceeded?.severity, 'error');
    assert.deepEqual(exceeded?.params, { used: 11, licensed: 10, unlicensed: 1 });
  });

  it('R14: no badge exactly at capacity (SmartServer plus 9 devices on a D10)', () => {
    const s = state({ licenses: [capacity(1, 10)], devices: inventory(9) });
    assert.deepEqual(s.capacity, { licensed: 10, used: 10, unlicensed: 0, badge: false });
    assert.ok(!s.findings.some((f) => f.code.startsWith('CAPACITY_')));
  });
});
