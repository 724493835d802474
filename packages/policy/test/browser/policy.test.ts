// The policy runs unchanged in Chromium: Intl time zones, no Node built-ins.
import { expect } from '@open-wc/testing';
import {
  checkDeviceOperation,
  computeLicenseState,
  maintenanceLabel,
  maintenanceStatusAt,
} from '@smartserver-licensing/policy';
import { parseLicenseState } from '@smartserver-licensing/schemas';
import { capacity, input, inventory, maintenance } from '../fixtures.js';

describe('policy in Chromium', () => {
  it('R14: computes a LicenseState with the red badge that the schema accepts', () => {
    const result = computeLicenseState(
      input({
        licenses: [capacity(1, 10), maintenance(2, '2026-01-12', '2026-04-30')],
        devices: inventory(12),
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(result.ok, result.ok ? '' : result.error.message).to.equal(true);
    if (!result.ok) return;
    const state = result.value;
    expect(parseLicenseState(state).ok).to.equal(true);
    expect(state.capacity).to.deep.equal({ licensed: 10, used: 13, unlicensed: 3, badge: true });
    expect(state.maintenance.status).to.equal('expiring');
    const last = state.devices[state.devices.length - 1]!;
    expect(checkDeviceOperation(state, 'write-datapoints', last.id).allowed).to.equal(false);
  });

  it('R16: the end day lasts until midnight in the SmartServer zone', () => {
    const ny = maintenanceStatusAt('2026-03-01', '2026-03-02T04:30:00Z', 'America/New_York');
    expect(ny.ok && maintenanceLabel(ny.value)).to.equal('Expires 2026-03-01');
    const utc = maintenanceStatusAt('2026-03-01', '2026-03-02T04:30:00Z', 'UTC');
    expect(utc.ok && maintenanceLabel(utc.value)).to.equal('Inactive');
  });
});
