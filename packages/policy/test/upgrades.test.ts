import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkUpgrade,
  checkUpgradeByReleaseDate,
  classifyRelease,
  type UpgradeDecision,
  type UpgradeRequest,
} from '@smartserver-licensing/policy';

const NOW = '2026-03-01T12:00:00Z';

function decide(over: Partial<UpgradeRequest>): UpgradeDecision {
  const result = checkUpgrade({
    installed: '3.3',
    target: '3.4',
    maintenanceEndDate: null,
    now: NOW,
    ...over,
  });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

describe('upgrade eligibility', () => {
  it('R17: classifies major, minor, update, same and older releases', () => {
    const cases: Array<[string, string, string]> = [
      ['3.3', '4.0', 'major'],
      ['3.3', '3.4', 'minor'],
      ['3.3 Update 2', '3.4', 'minor'],
      ['3.3', '3.3 Update 1', 'update'],
      ['3.3 Update 1', '3.3 Update 3', 'update'],
      ['3.4', '3.4', 'same'],
      ['4.0', '3.3 Update 1', 'older'],
    ];
    for (const [installed, target, change] of cases) {
      assert.deepEqual(
        classifyRelease(installed, target),
        { ok: true, value: change },
        `${installed} → ${target}`,
      );
    }
  });

  it('R17: major and minor upgrades need maintenance active at install time', () => {
    for (const target of ['4.0', '3.4']) {
      const refused = decide({ target });
      assert.equal(refused.allowed, false);
      assert.equal(refused.code, 'MAINTENANCE_INACTIVE');
      assert.equal(refused.maintenanceRequired, true);
      const allowed = decide({ target, maintenanceEndDate: '2027-01-01' });
      assert.equal(allowed.allowed, true);
      assert.equal(allowed.code, 'MAINTENANCE_ACTIVE');
    }
  });

  it('R17: maintenance in its last 60 days (Expires <date>) still allows an upgrade; the day after it ends does not', () => {
    assert.equal(decide({ maintenanceEndDate: '2026-03-01' }).allowed, true);
    const ended = decide({ maintenanceEndDate: '2026-02-28' });
    assert.equal(ended.allowed, false);
    assert.match(ended.reason, /ended on 2026-02-28/);
  });

  it('R17: the install-time check uses the SmartServer zone for the last day', () => {
    const request = { maintenanceEndDate: '2026-03-01', now: '2026-03-02T04:30:00Z' };
    assert.equal(decide({ ...request, timeZone: 'America/New_York' }).allowed, true);
    assert.equal(decide({ ...request, timeZone: 'UTC' }).allowed, false);
  });

  it('R17: updates never need maintenance', () => {
    const update = decide({ installed: '3.3', target: '3.3 Update 1' });
    assert.deepEqual(
      { allowed: update.allowed, change: update.change, code: update.code },
      { allowed: true, change: 'update', code: 'NO_MAINTENANCE_NEEDED' },
    );
  });

  it('R17: re-imaging to the same or an older release needs none; to a newer one it does', () => {
    assert.equal(decide({ installed: '4.0', target: '4.0' }).allowed, true);
    assert.equal(decide({ installed: '4.0', target: '3.3' }).allowed, true);
    assert.equal(decide({ installed: '3.3', target: '4.0' }).allowed, false);
  });

  it('R4: upgrading to 3.3 itself (from 3.2) needs no maintenance; beyond 3.3 it does', () => {
    assert.equal(decide({ installed: '3.2', target: '3.3' }).allowed, true);
    assert.equal(decide({ installed: '3.2', target: '3.4' }).allowed, false);
  });

  it('R17: bad release texts and zones are refused with typed codes', () => {
    const version = checkUpgrade({ installed: 'v3', target: '3.4', maintenanceEndDate: null, now: NOW });
    assert.equal(!version.ok && version.error.code, 'UNSUPPORTED_VERSION');
    const zone = checkUpgrade({
      installed: '3.3',
      target: '3.4',
      maintenanceEndDate: null,
      now: NOW,
      timeZone: 'Nowhere',
    });
    assert.equal(!zone.ok && zone.error.code, 'INVALID_TIME_ZONE');
  });
});

describe('upgrade eligibility, release-date form', () => {
  it('R17: a build released on or before the maintenance end installs even after the term ended', () => {
    const request = { installed: '3.3', target: '3.4', maintenanceEndDate: '2026-01-11' };
    const within = checkUpgradeByReleaseDate({ ...request, releaseDate: '2026-01-11' });
    assert.ok(within.ok && within.value.allowed && within.value.code === 'RELEASED_WITHIN_MAINTENANCE');
    const after = checkUpgradeByReleaseDate({ ...request, releaseDate: '2026-01-12' });
    assert.ok(after.ok && !after.value.allowed && after.value.code === 'RELEASED_AFTER_MAINTENANCE');
    const never = checkUpgradeByReleaseDate({
      ...request,
      maintenanceEndDate: null,
      releaseDate: '2020-01-01',
    });
    assert.ok(never.ok && !never.value.allowed);
  });

  it('R17: updates and re-images need nothing in the release-date form too', () => {
    const update = checkUpgradeByReleaseDate({
      installed: '3.4',
      target: '3.4 Update 2',
      maintenanceEndDate: null,
      releaseDate: '2030-01-01',
    });
    assert.ok(update.ok && update.value.allowed && update.value.code === 'NO_MAINTENANCE_NEEDED');
  });

  it('R17: the release-date form refuses a missing release date with RELEASE_DATE_REQUIRED', () => {
    const result = checkUpgradeByReleaseDate({
      installed: '3.3',
      target: '3.4',
      maintenanceEndDate: '2026-01-11',
      releaseDate: undefined as never,
    });
    assert.equal(!result.ok && result.error.code, 'RELEASE_DATE_REQUIRED');
  });
});
