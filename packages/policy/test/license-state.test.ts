import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeLicenseState, PolicyError } from '@smartserver-licensing/policy';
import { parseLicenseState } from '@smartserver-licensing/schemas';
import { capacity, core, input, inventory, maintenance, trial } from './fixtures.js';

describe('computeLicenseState', () => {
  it('R10: produces a LicenseState the schema accepts, and that survives JSON', () => {
    const result = computeLicenseState(
      input({
        product: { edition: 'SmartServer Pi', version: '4.2 Update 1' },
        licenses: [
          capacity(1, 200, { note: 'Main building' }),
          trial(2, '2026-05-01T00:00:00Z'),
          maintenance(3, '2026-01-12', '2029-01-11', 200),
          core(4),
        ],
        devices: inventory(250),
        timeZone: 'Europe/Berlin',
      }),
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const checked = parseLicenseState(JSON.parse(JSON.stringify(result.value)));
    assert.ok(checked.ok, checked.ok ? '' : checked.error.message);
    assert.deepEqual(checked.value, result.value);
    const s = result.value;
    assert.equal(s.computedAt, '2026-03-01T12:00:00.000Z');
    assert.deepEqual(s.capacity, { licensed: 205, used: 251, unlicensed: 46, badge: true });
    assert.deepEqual(
      s.licenses.map((l) => [l.kind, l.status, l.note]),
      [
        ['capacity', 'active', 'Main building'],
        ['capacity', 'active', ''],
        ['maintenance', 'active', ''],
        ['core', 'active', ''],
      ],
    );
    assert.equal(s.licenses[0]?.segmentController, 'Building 1 SmartServer');
    assert.equal(s.licenses[2]?.termEnd, '2029-01-11');
  });

  it('is pure: the same input gives the same output, and the input is left untouched', () => {
    const given = input({
      licenses: [capacity(1, 10), trial(2, '2026-05-01T00:00:00Z')],
      devices: inventory(20),
    });
    const copy = structuredClone(given);
    const first = computeLicenseState(given);
    const second = computeLicenseState(given);
    assert.deepEqual(first, second);
    assert.deepEqual(given, copy);
  });

  it('accepts now as a Date, ISO text or epoch milliseconds', () => {
    const results = [
      new Date('2026-03-01T12:00:00Z'),
      '2026-03-01T13:00:00+01:00',
      Date.UTC(2026, 2, 1, 12),
    ].map((now) => computeLicenseState(input({ now })));
    assert.ok(results.every((r) => r.ok && r.value.computedAt === '2026-03-01T12:00:00.000Z'));
  });

  it('refuses bad input with a typed PolicyError, never a throw', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'INVALID_INPUT'],
      [input({ now: 'not a time' }), 'INVALID_TIME'],
      [input({ timeZone: 'Europe/Atlantis' }), 'INVALID_TIME_ZONE'],
      [input({ product: { edition: 'SmartServer', version: '4' } }), 'UNSUPPORTED_VERSION'],
      [input({ product: { edition: 'Toaster' as never, version: '4.2' } }), 'INVALID_INPUT'],
      [input({ licenses: [capacity(1), capacity(1)] }), 'DUPLICATE_LICENSE'],
      [input({ licenses: [{ ...capacity(1), capacity: 11 } as never] }), 'INVALID_INPUT'],
      [input({ licenses: 'all of them' as never }), 'INVALID_INPUT'],
      [input({ devices: undefined as never }), 'INVALID_INPUT'],
      [input({ segmentController: '' }), 'INVALID_INPUT'],
      [input({ licenses: Array.from({ length: 10_001 }, (_, i) => capacity(i)) }), 'TOO_MANY_LICENSES'],
    ];
    for (const [given, code] of cases) {
      const result = computeLicenseState(given as never);
      assert.equal(result.ok, false, code);
      if (!result.ok) {
        assert.ok(result.error instanceof PolicyError);
        assert.equal(result.error.code, code, result.error.message);
      }
    }
  });

  it('R15: a maintenance license whose term has not started counts as scheduled, not active', () => {
    const result = computeLicenseState(
      input({ licenses: [capacity(1), maintenance(2, '2026-06-01', '2027-05-31')] }),
    );
    assert.ok(result.ok);
    assert.equal(result.value.maintenance.status, 'inactive');
    assert.equal(result.value.licenses[1]?.status, 'scheduled');
  });
});
