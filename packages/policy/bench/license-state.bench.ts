// How computeLicenseState scales: 1,000, 10,000 and 100,000 devices with 50 licenses, each set
// against one plain sort of the same devices by creation time. Prints ratios; asserts nothing.
// Run: npm run bench (from this folder) or `npm run bench` at the root (every package, through Nx).
import { performance } from 'node:perf_hooks';
import { computeLicenseState } from '@smartserver-licensing/policy';
import type { Device, LicenseClaims } from '@smartserver-licensing/schemas';
import { appendFileSync } from 'node:fs';

const SUITE = 'policy';
/** Appends one figure for the workspace's bench table (`npm run bench`), when it asks for them. */
function record(entry: Record<string, unknown>): void {
  const file = process.env['BENCH_RESULTS_FILE'];
  if (file) appendFileSync(file, `${JSON.stringify({ suite: SUITE, ...entry })}\n`);
}

const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
const licenseId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** 30 D1000 + 10 D200 capacity, 9 D1000 maintenance terms in a chain, one trial. */
function licenses(): LicenseClaims[] {
  const out: LicenseClaims[] = [];
  const common = {
    customerId: CUSTOMER_ID,
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
  };
  for (let i = 0; i < 40; i++) {
    const big = i < 30;
    out.push({
      kind: 'capacity',
      licenseId: licenseId(i + 1),
      ...common,
      model: big ? '72220-1000' : '72220-200',
      capacity: big ? 1000 : 200,
      trial: false,
    });
  }
  for (let i = 0; i < 9; i++) {
    out.push({
      kind: 'maintenance',
      licenseId: licenseId(100 + i),
      ...common,
      model: '92201R-P-1000',
      capacity: 1000,
      termYears: 1,
      termStart: `${2025 + i}-01-12`,
      termEnd: `${2026 + i}-01-11`,
    });
  }
  out.push({
    kind: 'capacity',
    licenseId: licenseId(200),
    ...common,
    model: '72220-00',
    capacity: 5,
    trial: true,
    expiresAt: '2026-04-12T09:30:00Z',
  });
  return out;
}

/** The SmartServer plus `count` devices in a scrambled creation order, with ties. */
function devices(count: number): Device[] {
  const list: Device[] = [
    {
      id: 'sid-self',
      name: 'SmartServer',
      createdAt: '2025-01-01T00:00:00Z',
      protocol: 'iap',
      isSmartServer: true,
    },
  ];
  let seed = 42;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    const second = seed % (count * 2);
    list.push({
      id: `dev-${i.toString(36)}`,
      name: `Device ${i}`,
      createdAt: new Date(Date.UTC(2025, 1, 1) + second * 1000).toISOString(),
      protocol: 'lon',
      isSmartServer: false,
    });
  }
  return list;
}

// With --expose-gc (the bench script sets it) every run starts from a collected heap, so one run
// does not pay for the garbage of the run before it; that is most of the noise at 100,000 devices.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(run: () => void, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    collect();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const claims = licenses();
const rows: Array<{ devices: number; policy: number; sort: number; keyed: number }> = [];
let sink = 0;
for (const count of [1_000, 10_000, 100_000]) {
  const list = devices(count);
  const repeats = count >= 100_000 ? 15 : 41;
  const policy = () => {
    const result = computeLicenseState({
      product: { edition: 'SmartServer', version: '4.2' },
      segmentController: 'Bench SmartServer',
      licenses: claims,
      devices: list,
      now: '2026-03-01T12:00:00Z',
      timeZone: 'Europe/Berlin',
    });
    if (!result.ok) throw result.error;
    sink += result.value.capacity.unlicensed;
  };
  // The baseline: one plain sort of the devices by creation time, as a caller would write it.
  const sort = () => {
    const sorted = [...list].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    sink += sorted.length;
  };
  // A stricter baseline: the same sort with each time parsed once beforehand.
  const keyed = () => {
    const entries = list.map((device) => ({ device, time: Date.parse(device.createdAt) }));
    entries.sort((a, b) => a.time - b.time);
    sink += entries.length;
  };
  for (let i = 0; i < 5; i++) {
    policy();
    sort();
    keyed();
  }
  rows.push({
    devices: count,
    policy: median(policy, repeats),
    sort: median(sort, repeats),
    keyed: median(keyed, repeats),
  });
}

console.log(`computeLicenseState, 50 licenses, median of repeated runs (Node ${process.version})`);
console.log('sort: Date.parse in the comparator; keyed sort: each time parsed once, then sorted');
console.log('devices    policy ms   sort ms   policy/sort   keyed ms   policy/keyed');
const cell = (value: number, width: number) => value.toFixed(2).padStart(width);
for (const row of rows) {
  console.log(
    `${String(row.devices).padStart(7)}  ${cell(row.policy, 10)}  ${cell(row.sort, 8)}  ${cell(row.policy / row.sort, 12)}` +
      `  ${cell(row.keyed, 9)}  ${cell(row.policy / row.keyed, 13)}`,
  );
}
for (let i = 1; i < rows.length; i++) {
  const growth = rows[i]!.policy / rows[i - 1]!.policy;
  console.log(
    `${rows[i - 1]!.devices} -> ${rows[i]!.devices} devices: ${growth.toFixed(2)}x the time (target <= 12x)`,
  );
}
const last = rows[rows.length - 1]!;
console.log(
  `at ${last.devices} devices: ${(last.policy / last.sort).toFixed(2)}x the sort, ` +
    `${(last.policy / last.keyed).toFixed(2)}x the keyed sort (target <= 2x)`,
);
for (const row of rows) {
  record({
    figure: `computeLicenseState, ${row.devices} devices`,
    value: row.policy,
    unit: 'ms',
    baseline: 'sort by creation time',
    baselineValue: row.sort,
    ratio: row.policy / row.sort,
    ...(row.devices === last.devices ? { target: '<= 2' } : {}),
  });
}
for (let i = 1; i < rows.length; i++) {
  record({
    figure: `growth ${rows[i - 1]!.devices} -> ${rows[i]!.devices} devices`,
    value: rows[i]!.policy,
    unit: 'ms',
    baseline: `${rows[i - 1]!.devices} devices`,
    baselineValue: rows[i - 1]!.policy,
    ratio: rows[i]!.policy / rows[i - 1]!.policy,
    target: '<= 12',
  });
}
if (sink === -1) console.log('');
