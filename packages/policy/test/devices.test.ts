import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assignDeviceLicenses,
  checkDeviceOperation,
  computeLicenseState,
  DEVICE_OPERATIONS,
  type PolicyInput,
} from '@smartserver-licensing/policy';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { capacity, device, input, inventory, SMARTSERVER } from './fixtures.js';

function state(over: Partial<PolicyInput>): LicenseState {
  const result = computeLicenseState(input(over));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

const licensedIds = (s: LicenseState) => s.devices.filter((d) => d.licensed).map((d) => d.id);

describe('device licensing', () => {
  it('R11: devices beyond capacity are unlicensed; the licensed count never exceeds capacity (R12)', () => {
    const s = state({ licenses: [capacity(1, 10)], devices: inventory(14) });
    assert.equal(licensedIds(s).length, 10);
    assert.equal(s.capacity.unlicensed, 5);
  });

  it('R12: licenses the SmartServer first, then the oldest devices (instants, not text), ties broken by device id', () => {
    const devices = [
      device(3, { id: 'b-late', createdAt: '2026-02-03T00:00:00Z' }),
      device(2, { id: 'z-tie', createdAt: '2026-02-02T00:00:00Z' }),
      device(1, { id: 'a-tie', createdAt: '2026-02-02T00:00:00+00:00' }),
      { ...SMARTSERVER, createdAt: '2026-05-01T00:00:00Z' },
      device(4, { id: 'c-offset', createdAt: '2026-02-01T23:00:00-02:00' }),
    ];
    const s = state({ licenses: [capacity(1, 10)], devices });
    assert.deepEqual(
      s.devices.map((d) => d.id),
      ['sid-self', 'a-tie', 'z-tie', 'c-offset', 'b-late'],
    );
    const result = assignDeviceLicenses(devices, 3);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.devices.filter((d) => d.licensed).map((d) => d.id),
      ['sid-self', 'a-tie', 'z-tie'],
    );
  });

  it('R12: a device already licensed keeps its licence when an older-dated device is added', () => {
    const before = state({ licenses: [capacity(1, 10)], devices: inventory(9) });
    assert.equal(before.capacity.unlicensed, 0);
    const imported = device(99, { id: 'imported', createdAt: '2020-01-01T00:00:00Z' });
    const after = state({
      licenses: [capacity(1, 10)],
      devices: [...inventory(9), imported],
      licensedDeviceIds: licensedIds(before),
    });
    assert.deepEqual(licensedIds(after).sort(), licensedIds(before).sort());
    assert.equal(after.devices.find((d) => d.id === 'imported')?.licensed, false);
  });

  it('R13: when capacity grows, unlicensed devices become licensed up to the new capacity', () => {
    const small = state({ licenses: [capacity(1, 10)], devices: inventory(70) });
    assert.equal(small.capacity.unlicensed, 61);
    const grown = state({
      licenses: [capacity(1, 10), capacity(2, 50)],
      devices: inventory(70),
      licensedDeviceIds: licensedIds(small),
    });
    assert.equal(licensedIds(grown).length, 60);
    assert.ok(licensedIds(small).every((id) => licensedIds(grown).includes(id)));
    assert.equal(grown.capacity.unlicensed, 11);
  });

  it('R12: with capacity 1 only the SmartServer is licensed', () => {
    const result = assignDeviceLicenses(inventory(5), 1, { licensedDeviceIds: ['dev-000001'] });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.devices.filter((d) => d.licensed).map((d) => d.id),
      ['sid-self'],
    );
  });

  it('refuses duplicate device ids and unparseable creation times with typed codes', () => {
    const dup = assignDeviceLicenses([...inventory(2), device(1)], 10);
    assert.equal(!dup.ok && dup.error.code, 'DUPLICATE_DEVICE');
    const bad = assignDeviceLicenses([SMARTSERVER, device(1, { createdAt: 'yesterday' })], 10);
    assert.equal(!bad.ok && bad.error.code, 'INVALID_TIME');
    const negative = assignDeviceLicenses(inventory(2), -1);
    assert.equal(!negative.ok && negative.error.code, 'INVALID_INPUT');
    const notArray = assignDeviceLicenses(null as never, 1);
    assert.equal(!notArray.ok && notArray.error.code, 'INVALID_INPUT');
  });
});

describe('device operations', () => {
  const s = (() => {
    const result = computeLicenseState(input({ licenses: [capacity(1, 10)], devices: inventory(12) }));
    assert.ok(result.ok);
    return result.value;
  })();
  const unlicensed = s.devices.find((d) => !d.licensed)!;
  const licensed = s.devices.find((d) => d.licensed && !d.isSmartServer)!;

  it('R11: provision, read and write are refused for an unlicensed device, with a reason a UI can show', () => {
    for (const operation of ['provision', 'read-datapoints', 'write-datapoints'] as const) {
      const check = checkDeviceOperation(s, operation, unlicensed.id);
      assert.equal(check.allowed, false, operation);
      if (!check.allowed) {
        assert.equal(check.code, 'DEVICE_UNLICENSED');
        assert.match(check.reason, new RegExp(`${unlicensed.name} is unlicensed`));
      }
      assert.deepEqual(checkDeviceOperation(s, operation, licensed.id), { allowed: true });
    }
  });

  it('R11: create, datapoint properties, connections, BACnet server, schedules and sequences are always allowed', () => {
    const always = DEVICE_OPERATIONS.filter(
      (op) => !['provision', 'read-datapoints', 'write-datapoints'].includes(op),
    );
    assert.equal(always.length, 6);
    for (const operation of always) {
      assert.deepEqual(checkDeviceOperation(s, operation, unlicensed.id), { allowed: true }, operation);
      assert.deepEqual(checkDeviceOperation(s, operation), { allowed: true }, operation);
    }
  });

  it('R11: an unknown device or operation is refused with a code, not thrown', () => {
    const unknownDevice = checkDeviceOperation(s, 'provision', 'nope');
    assert.equal(!unknownDevice.allowed && unknownDevice.code, 'UNKNOWN_DEVICE');
    const unknownOp = checkDeviceOperation(s, 'format-disk' as never, licensed.id);
    assert.equal(!unknownOp.allowed && unknownOp.code, 'UNKNOWN_OPERATION');
  });
});
