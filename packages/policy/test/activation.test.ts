import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  activationClaims,
  computeLicenseState,
  firstActivationTerms,
  licenseStateFor,
  nextStateChangeAt,
} from '@smartserver-licensing/policy';
import { USER_TYPES } from '@smartserver-licensing/schemas';
import { CUSTOMER_ID, input, licenseId, trial } from './fixtures.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const record = (model: string, over: Record<string, unknown> = {}) => ({
  licenseId: licenseId(7),
  customerId: CUSTOMER_ID,
  model,
  issuedAt: '2026-01-10T08:00:00Z',
  ...over,
});

describe('firstActivationTerms', () => {
  it('R15: a 3-year maintenance term starts on the activation day in the SmartServer zone', () => {
    const terms = must(
      firstActivationTerms({ model: '92201R-P-50', now: '2026-01-11T23:30:00Z', timeZone: 'Europe/Berlin' }),
    );
    assert.deepEqual([terms.termStart, terms.termEnd], ['2026-01-12', '2029-01-11']);
  });

  it('R15: bought while a term runs, it extends it from the day after its end', () => {
    const terms = must(
      firstActivationTerms({
        model: '92201R-P-10',
        termYears: 1,
        now: '2026-03-01T12:00:00Z',
        currentMaintenanceEnd: '2026-06-30',
      }),
    );
    assert.deepEqual([terms.termStart, terms.termEnd], ['2026-07-01', '2027-06-30']);
  });

  it('R15: after the running term ended, a new term starts today (no extension of an expired term)', () => {
    const terms = must(
      firstActivationTerms({
        model: '92201R-P-10',
        termYears: 1,
        now: '2026-03-01T12:00:00Z',
        currentMaintenanceEnd: '2026-02-27',
      }),
    );
    assert.deepEqual([terms.termStart, terms.termEnd], ['2026-03-01', '2027-02-28']);
  });

  it('R6: a trial ends its trial days after its first activation', () => {
    const terms = must(firstActivationTerms({ model: '72220-00', now: '2026-03-01T12:00:00Z' }));
    assert.equal(terms.trialEndsAt, '2026-05-30T12:00:00Z');
    const short = must(
      firstActivationTerms({ model: '72220-00', trialDays: 7, now: '2026-03-01T12:00:00Z' }),
    );
    assert.equal(short.trialEndsAt, '2026-03-08T12:00:00Z');
  });

  it('gives purchased capacity and Core licenses no term', () => {
    for (const model of ['72220-200', 'SSPI-CORE']) {
      const terms = must(firstActivationTerms({ model, now: '2026-03-01T12:00:00Z' }));
      assert.deepEqual(terms, { firstActivatedAt: '2026-03-01T12:00:00Z' });
    }
  });

  it('refuses bad input with a typed error', () => {
    const bad = [
      { model: 'nope', now: 0 },
      { model: '92201R-P-10', termYears: 2, now: 0 },
      { model: '72220-00', trialDays: 0, now: 0 },
      { model: '72220-00', now: 'yesterday' },
      { model: '92201R-P-10', now: 0, timeZone: 'Mars/Olympus' },
      { model: '92201R-P-10', now: 0, currentMaintenanceEnd: '2026-13-40' },
    ];
    for (const b of bad) {
      const r = firstActivationTerms(b as never);
      assert.equal(r.ok, false, JSON.stringify(b));
    }
  });
});

describe('activationClaims', () => {
  it('R15, R6: a later activation signs the same terms, only its own activation time differs', () => {
    for (const model of ['92201R-P-200', '72220-00']) {
      const terms = must(firstActivationTerms({ model, now: '2026-01-12T09:30:00Z' }));
      const first = must(activationClaims(record(model), terms, '2026-01-12T09:30:00Z'));
      const later = must(activationClaims(record(model), terms, '2027-02-01T08:00:00Z'));
      const { activatedAt: a, ...restFirst } = first;
      const { activatedAt: b, ...restLater } = later;
      assert.deepEqual(restFirst, restLater);
      assert.deepEqual([a, b], ['2026-01-12T09:30:00Z', '2027-02-01T08:00:00Z']);
    }
  });

  it('R25: carries the License ID it supersedes and the note', () => {
    const claims = must(
      activationClaims(
        record('72220-10', { supersedes: licenseId(3), note: 'Plant room' }),
        { firstActivatedAt: '2026-01-12T09:30:00Z' },
        '2026-01-12T09:30:00Z',
      ),
    );
    assert.equal(claims.supersedes, licenseId(3));
    assert.equal(claims.note, 'Plant room');
    assert.equal(claims.capacity, 10);
  });

  it('refuses a maintenance license without its term, and an unknown model', () => {
    assert.equal(
      activationClaims(record('92201R-P-10'), { firstActivatedAt: '2026-01-12T09:30:00Z' }, 0).ok,
      false,
    );
    assert.equal(activationClaims(record('x'), { firstActivatedAt: '2026-01-12T09:30:00Z' }, 0).ok, false);
    assert.equal(
      activationClaims(record('72220-10', { licenseId: 'nope' }), { firstActivatedAt: 'x' }, 0).ok,
      false,
    );
  });
});

describe('nextStateChangeAt', () => {
  it('R16: the state changes at the next midnight in the SmartServer zone', () => {
    const at = must(nextStateChangeAt([], '2026-03-01T12:00:00Z', 'Europe/Berlin'));
    assert.equal(new Date(at).toISOString(), '2026-03-01T23:00:00.000Z');
  });

  it('R6: or when a trial ends, if that comes first', () => {
    const at = must(nextStateChangeAt([trial(1, '2026-03-01T15:00:00Z')], '2026-03-01T12:00:00Z', 'UTC'));
    assert.equal(new Date(at).toISOString(), '2026-03-01T15:00:00.000Z');
    const ended = must(nextStateChangeAt([trial(1, '2026-03-01T11:00:00Z')], '2026-03-01T12:00:00Z', 'UTC'));
    assert.equal(new Date(ended).toISOString(), '2026-03-02T00:00:00.000Z');
  });

  it('follows daylight saving time: the day after the change starts at 22:00 UTC in Berlin', () => {
    const at = must(nextStateChangeAt([], '2026-03-29T12:00:00Z', 'Europe/Berlin'));
    assert.equal(new Date(at).toISOString(), '2026-03-29T22:00:00.000Z');
  });

  it('refuses a bad zone or time', () => {
    assert.equal(nextStateChangeAt([], 'soon', 'UTC').ok, false);
    assert.equal(nextStateChangeAt([], 0, 'Nowhere/City').ok, false);
  });
});

describe('licenseStateFor', () => {
  const state = must(
    computeLicenseState(
      input({
        licenses: [trial(1, '2026-03-05T12:00:00Z'), trial(2, '2026-02-01T12:00:00Z')],
        rejected: [
          { licenseId: licenseId(9), code: 'BAD_SIGNATURE', message: `token ${licenseId(9)} is forged` },
        ],
      }),
    ),
  );
  const ids = [licenseId(1), licenseId(2), licenseId(9)];

  it('R22: the Owner sees every License ID', () => {
    assert.equal(licenseStateFor('Owner', state), state);
    const text = JSON.stringify(state);
    for (const id of ids) assert.ok(text.includes(id), `the test state must name ${id}`);
  });

  it('R22: Admin, Supervisor and User get the same counts and findings with no License ID anywhere', () => {
    for (const userType of USER_TYPES.filter((t) => t !== 'Owner')) {
      const seen = licenseStateFor(userType, state);
      const text = JSON.stringify(seen);
      for (const id of ids) assert.ok(!text.includes(id), `${userType} must not see ${id}`);
      assert.deepEqual(seen.capacity, state.capacity);
      assert.deepEqual(seen.maintenance, state.maintenance);
      assert.deepEqual(
        seen.findings.map((f) => f.code),
        state.findings.map((f) => f.code),
      );
      assert.deepEqual(seen.licenses, []);
    }
  });
});
