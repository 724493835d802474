// Properties over generated inventories and license sets (bounded runs keep the suite fast).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeLicenseState, type PolicyInput } from '@smartserver-licensing/policy';
import {
  parseLicenseState,
  type Device,
  type LicenseClaims,
  type LicenseState,
} from '@smartserver-licensing/schemas';
import { parseInstant } from '../src/dates.js';
import { capacity, maintenance, SMARTSERVER, trial } from './fixtures.js';

const RUNS = { numRuns: 150 };
const BASE = Date.UTC(2026, 0, 1);

// Few distinct minutes, so equal creation times (ties broken by id) come up often.
const fieldDevices = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,7}$/), minute: fc.integer({ min: 0, max: 20 }) }),
  { selector: (d) => d.id, maxLength: 80 },
);

const toDevices = (list: Array<{ id: string; minute: number }>): Device[] => [
  SMARTSERVER,
  ...list
    .filter((d) => d.id !== SMARTSERVER.id)
    .map((d) => ({
      id: d.id,
      name: `Device ${d.id}`,
      createdAt: new Date(BASE + d.minute * 60_000).toISOString(),
      protocol: 'lon' as const,
      isSmartServer: false,
    })),
];

const oneLicense = fc.oneof(
  fc.constantFrom(10, 50, 200, 1000).map((size) => (n: number) => capacity(n, size as 10)),
  fc
    .boolean()
    .map((expired) => (n: number) => trial(n, expired ? '2026-02-01T00:00:00Z' : '2026-04-01T00:00:00Z')),
  fc
    .constantFrom(10, 50)
    .map((size) => (n: number) => maintenance(n, '2026-01-01', '2028-12-31', size as 10)),
);
const licenseSets = fc
  .array(oneLicense, { maxLength: 6 })
  .map((makers) => makers.map((make, i) => make(i + 1)));

function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function compute(
  devices: Device[],
  licenses: LicenseClaims[],
  over: Partial<PolicyInput> = {},
): LicenseState {
  const result = computeLicenseState({
    product: { edition: 'SmartServer', version: '4.1' },
    segmentController: 'SmartServer',
    devices,
    licenses,
    now: '2026-03-01T00:00:00Z',
    timeZone: 'Europe/Berlin',
    ...over,
  });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

const licensedSet = (state: LicenseState) =>
  new Set(state.devices.filter((d) => d.licensed).map((d) => d.id));

describe('properties', () => {
  it('R12: the licensed count never exceeds capacity, and the state always fits the contract', () => {
    fc.assert(
      fc.property(fieldDevices, licenseSets, (list, licenses) => {
        const state = compute(toDevices(list), licenses);
        const count = licensedSet(state).size;
        assert.ok(count <= state.capacity.licensed);
        assert.equal(count, Math.min(state.capacity.licensed, state.capacity.used));
        assert.equal(state.capacity.unlicensed, state.capacity.used - count);
        assert.ok(parseLicenseState(state).ok);
      }),
      RUNS,
    );
  });

  it('R13: adding capacity never unlicenses a device (with and without the previous statuses)', () => {
    fc.assert(
      fc.property(fieldDevices, licenseSets, fc.constantFrom(10, 50, 200), (list, licenses, size) => {
        const devices = toDevices(list);
        const before = compute(devices, licenses);
        const grown = [...licenses, capacity(99, size as 10)];
        for (const licensedDeviceIds of [undefined, [...licensedSet(before)]]) {
          const after = compute(devices, grown, licensedDeviceIds ? { licensedDeviceIds } : {});
          const now = licensedSet(after);
          for (const id of licensedSet(before)) assert.ok(now.has(id), `${id} lost its licence`);
        }
      }),
      RUNS,
    );
  });

  it('R12: the result is the same for the same input in any order of devices and licenses', () => {
    fc.assert(
      fc.property(fieldDevices, licenseSets, fc.integer(), fc.integer(), (list, licenses, a, b) => {
        const devices = toDevices(list);
        const reference = compute(devices, licenses);
        assert.deepEqual(compute(shuffle(devices, a), shuffle(licenses, b)), reference);
      }),
      RUNS,
    );
  });

  it('R12: devices keep their licence when others are added, given the previous statuses', () => {
    fc.assert(
      fc.property(fieldDevices, fieldDevices, licenseSets, (first, extra, licenses) => {
        const devices = toDevices(first);
        const before = compute(devices, licenses);
        const known = new Set(devices.map((d) => d.id));
        const added = toDevices(extra)
          .slice(1)
          .filter((d) => !known.has(d.id));
        const after = compute([...devices, ...added], licenses, { licensedDeviceIds: licensedSet(before) });
        const now = licensedSet(after);
        for (const id of licensedSet(before)) assert.ok(now.has(id), `${id} lost its licence`);
      }),
      RUNS,
    );
  });
});

describe('time parsing', () => {
  it('R12: the fast creation-time parser agrees with Date.parse on every ISO form it meets', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const isoText = fc
      .record({
        ms: fc.integer({ min: -30_000_000_000_000, max: 30_000_000_000_000 }),
        fraction: fc.constantFrom('', '.5', '.123', '.123456', '.'),
        offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
        zulu: fc.boolean(),
        day: fc.integer({ min: 28, max: 32 }),
      })
      .map(({ ms, fraction, offset, zulu, day }) => {
        const date = new Date(ms);
        const body =
          `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-` +
          `${day === 32 ? pad(date.getUTCDate()) : pad(day)}T${pad(date.getUTCHours())}:` +
          `${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}`;
        const sign = offset < 0 ? '-' : '+';
        return zulu
          ? `${body}Z`
          : `${body}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      });
    fc.assert(
      fc.property(fc.oneof(isoText, fc.string({ maxLength: 30 })), (text) => {
        assert.ok(Object.is(parseInstant(text), Date.parse(text)), text);
      }),
      { numRuns: 2_000 },
    );
  });
});
