import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeLicenseState,
  DATED_MAINTENANCE_LABELS,
  extendMaintenance,
  maintenanceLabel,
  maintenanceStatusAt,
  maintenanceTerm,
  nextMaintenanceChangeAt,
  type PolicyInput,
} from '@smartserver-licensing/policy';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { capacity, input, maintenance, trial } from './fixtures.js';

function state(over: Partial<PolicyInput>): LicenseState {
  const result = computeLicenseState(input(over));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

function statusAt(endDate: string | null, now: string, timeZone?: string) {
  const result = maintenanceStatusAt(endDate, now, timeZone);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

describe('maintenance status', () => {
  it('R16: Active when the end is more than 60 days ahead (61 days)', () => {
    assert.deepEqual(statusAt('2026-05-01', '2026-03-01T12:00:00Z'), {
      status: 'active',
      endDate: '2026-05-01',
      daysLeft: 61,
    });
  });

  it('R16: Expires <date> at exactly 60 days (inclusive)', () => {
    const info = statusAt('2026-04-30', '2026-03-01T12:00:00Z');
    assert.deepEqual(info, { status: 'expiring', endDate: '2026-04-30', daysLeft: 60 });
    assert.equal(maintenanceLabel(info), 'Expires 2026-04-30');
  });

  it('R16: the end day is covered until it ends; Inactive the day after; Inactive without any term', () => {
    assert.equal(statusAt('2026-03-01', '2026-03-01T23:59:59.999Z').status, 'expiring');
    assert.equal(statusAt('2026-03-01', '2026-03-01T23:59:59.999Z').daysLeft, 0);
    assert.equal(statusAt('2026-03-01', '2026-03-02T00:00:00Z').status, 'inactive');
    assert.deepEqual(statusAt(null, '2026-03-02T00:00:00Z'), {
      status: 'inactive',
      endDate: null,
      daysLeft: null,
    });
  });

  it('R16: end-of-day expiry follows the SmartServer zone (New York behind UTC, Tokyo ahead)', () => {
    // 04:30Z on 2 March is still 23:30 on 1 March in New York.
    assert.equal(statusAt('2026-03-01', '2026-03-02T04:30:00Z', 'America/New_York').status, 'expiring');
    assert.equal(statusAt('2026-03-01', '2026-03-02T04:30:00Z', 'UTC').status, 'inactive');
    assert.equal(statusAt('2026-03-01', '2026-03-02T05:00:00Z', 'America/New_York').status, 'inactive');
    // 15:00Z on 1 March is already 2 March in Tokyo.
    assert.equal(statusAt('2026-03-01', '2026-03-01T15:00:00Z', 'Asia/Tokyo').status, 'inactive');
    assert.equal(statusAt('2026-03-01', '2026-03-01T14:59:59Z', 'Asia/Tokyo').status, 'expiring');
  });

  it('R16: labels are replaceable (Expiring <date>, Expired <date>)', () => {
    assert.equal(maintenanceLabel(statusAt('2026-12-31', '2026-03-01T00:00:00Z')), 'Active');
    assert.equal(
      maintenanceLabel(statusAt('2026-03-05', '2026-03-01T00:00:00Z'), DATED_MAINTENANCE_LABELS),
      'Expiring 2026-03-05',
    );
    assert.equal(
      maintenanceLabel(statusAt('2026-02-05', '2026-03-01T00:00:00Z'), DATED_MAINTENANCE_LABELS),
      'Expired 2026-02-05',
    );
    assert.equal(maintenanceLabel(statusAt(null, '2026-03-01T00:00:00Z')), 'Inactive');
  });

  it('R16: tells a widget when the label changes next, in the zone, across a DST change', () => {
    const next = (end: string, now: string, tz: string) => {
      const result = nextMaintenanceChangeAt(end, now, tz);
      assert.ok(result.ok);
      return result.value;
    };
    // Expiring until 1 March ends in New York (EST, UTC-5).
    assert.equal(next('2026-03-01', '2026-02-20T00:00:00Z', 'America/New_York'), '2026-03-02T05:00:00.000Z');
    // Active until the 60-day window opens on 1 May (EDT, UTC-4).
    assert.equal(next('2026-06-30', '2026-03-01T00:00:00Z', 'America/New_York'), '2026-05-01T04:00:00.000Z');
    // 8 March 2026 is the DST switch day in New York; its midnight is still EST.
    assert.equal(next('2026-03-07', '2026-03-01T00:00:00Z', 'America/New_York'), '2026-03-08T05:00:00.000Z');
    assert.equal(next('2026-03-07', '2026-03-09T00:00:00Z', 'America/New_York'), null);
  });

  it('R16: refuses an unknown zone and an impossible date with typed codes', () => {
    const zone = maintenanceStatusAt('2026-03-01', '2026-03-01T00:00:00Z', 'Mars/Olympus');
    assert.equal(!zone.ok && zone.error.code, 'INVALID_TIME_ZONE');
    const date = maintenanceStatusAt('2026-02-30', '2026-03-01T00:00:00Z');
    assert.equal(!date.ok && date.error.code, 'INVALID_TIME');
    const now = maintenanceStatusAt('2026-02-28', 'soon');
    assert.equal(!now.ok && now.error.code, 'INVALID_TIME');
  });

  it('R16: the state carries status, end date and days left in the SmartServer zone', () => {
    const s = state({
      licenses: [capacity(1, 10), maintenance(2, '2026-01-12', '2026-03-01')],
      now: '2026-03-02T04:30:00Z',
      timeZone: 'America/New_York',
    });
    assert.deepEqual(s.maintenance, {
      status: 'expiring',
      endDate: '2026-03-01',
      daysLeft: 0,
      coveredDevices: 10,
    });
    assert.equal(s.timeZone, 'America/New_York');
    assert.ok(s.findings.some((f) => f.code === 'MAINTENANCE_EXPIRING'));
  });

  it('R16: an ended term leaves Inactive with the date it ended, for the hover text', () => {
    const s = state({ licenses: [capacity(1, 10), maintenance(2, '2023-01-12', '2026-01-11')] });
    assert.deepEqual(s.maintenance, {
      status: 'inactive',
      endDate: '2026-01-11',
      daysLeft: -49,
      coveredDevices: 0,
    });
    assert.equal(s.licenses.find((l) => l.kind === 'maintenance')?.status, 'expired');
    const inactive = s.findings.find((f) => f.code === 'MAINTENANCE_INACTIVE');
    assert.equal(inactive?.params?.['endDate'], '2026-01-11');
  });
});

describe('maintenance terms', () => {
  it('R15: a term runs one or three years from the day of activation, in the SmartServer zone', () => {
    assert.deepEqual(maintenanceTerm('2026-01-12T09:30:00Z', 3), {
      ok: true,
      value: { termStart: '2026-01-12', termEnd: '2029-01-11' },
    });
    assert.deepEqual(maintenanceTerm('2026-01-12T20:00:00Z', 1, 'Pacific/Auckland'), {
      ok: true,
      value: { termStart: '2026-01-13', termEnd: '2027-01-12' },
    });
    const two = maintenanceTerm('2026-01-12T09:30:00Z', 2);
    assert.equal(!two.ok && two.error.code, 'INVALID_INPUT');
  });

  it('R15: an extension before the end starts the next day and ends one term after the old end', () => {
    const result = extendMaintenance({
      currentEndDate: '2029-01-11',
      termYears: 3,
      now: '2028-06-01T00:00:00Z',
    });
    assert.deepEqual(result, { ok: true, value: { termStart: '2029-01-12', termEnd: '2032-01-11' } });
    const leap = extendMaintenance({
      currentEndDate: '2028-02-29',
      termYears: 1,
      now: '2028-01-01T00:00:00Z',
    });
    assert.deepEqual(leap, { ok: true, value: { termStart: '2028-03-01', termEnd: '2029-02-28' } });
  });

  it('R15: extending on the last covered day works; the day after it is refused with MAINTENANCE_EXPIRED', () => {
    const onLastDay = extendMaintenance({
      currentEndDate: '2029-01-11',
      termYears: 1,
      now: '2029-01-12T04:00:00Z',
      timeZone: 'America/New_York',
    });
    assert.ok(onLastDay.ok);
    const after = extendMaintenance({
      currentEndDate: '2029-01-11',
      termYears: 1,
      now: '2029-01-12T00:00:00Z',
    });
    assert.equal(after.ok, false);
    if (!after.ok) {
      assert.equal(after.error.code, 'MAINTENANCE_EXPIRED');
      assert.equal(after.error.name, 'PolicyError');
    }
    const none = extendMaintenance({ currentEndDate: null, termYears: 1, now: '2029-01-12T00:00:00Z' });
    assert.equal(!none.ok && none.error.code, 'MAINTENANCE_EXPIRED');
  });

  it('R15: the state follows an extension: the end date is the chain end and the extension is scheduled', () => {
    const s = state({
      licenses: [
        capacity(1, 200),
        maintenance(2, '2026-01-12', '2029-01-11', 200),
        maintenance(3, '2029-01-12', '2032-01-11', 200),
      ],
    });
    assert.equal(s.maintenance.endDate, '2032-01-11');
    assert.equal(s.maintenance.status, 'active');
    assert.equal(s.maintenance.coveredDevices, 200);
    assert.deepEqual(
      s.licenses.filter((l) => l.kind === 'maintenance').map((l) => l.status),
      ['active', 'scheduled'],
    );
  });

  it('R15: a term that starts after a gap does not extend the current one', () => {
    const s = state({
      licenses: [maintenance(2, '2026-01-12', '2026-04-01'), maintenance(3, '2026-06-01', '2029-05-31')],
    });
    assert.equal(s.maintenance.endDate, '2026-04-01');
    assert.equal(s.maintenance.status, 'expiring');
  });
});

describe('maintenance matches capacity', () => {
  it('R8: raises MAINTENANCE_BELOW_CAPACITY when current maintenance covers fewer devices than capacity', () => {
    const s = state({
      licenses: [capacity(1, 200), capacity(2, 1000), maintenance(3, '2026-01-12', '2029-01-11', 200)],
    });
    const found = s.findings.find((f) => f.code === 'MAINTENANCE_BELOW_CAPACITY');
    assert.equal(found?.severity, 'warning');
    assert.equal(
      found?.message,
      'Maintenance covers 200 devices but 1200 are licensed: add maintenance for 1000 more.',
    );
    assert.deepEqual(found?.params, { covered: 200, capacity: 1200 });
  });

  it('R8: no finding when maintenance meets capacity exactly, or exceeds it; a trial needs no maintenance', () => {
    for (const licenses of [
      [capacity(1, 200), maintenance(3, '2026-01-12', '2029-01-11', 200)],
      [capacity(1, 50), maintenance(3, '2026-01-12', '2029-01-11', 200)],
      [capacity(1, 200), trial(4, '2026-04-01T00:00:00Z'), maintenance(3, '2026-01-12', '2029-01-11', 200)],
    ]) {
      assert.ok(!state({ licenses }).findings.some((f) => f.code === 'MAINTENANCE_BELOW_CAPACITY'));
    }
  });

  it('R8: maintenance licenses add up; a scheduled extension does not count twice', () => {
    const s = state({
      licenses: [
        capacity(1, 200),
        maintenance(2, '2026-01-12', '2029-01-11', 50),
        maintenance(3, '2026-02-01', '2027-01-31', 200),
        maintenance(4, '2029-01-12', '2032-01-11', 50),
      ],
    });
    assert.equal(s.maintenance.coveredDevices, 250);
    assert.ok(!s.findings.some((f) => f.code === 'MAINTENANCE_BELOW_CAPACITY'));
  });
});
