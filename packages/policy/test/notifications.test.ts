import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  dueNotifications,
  type DueNotification,
  type NotificationRequest,
} from '@smartserver-licensing/policy';
import { maintenance } from './fixtures.js';

const settings = { daysBeforeExpiry: [60, 30, 7], recipients: ['owner@example.com'] };
const TERM = maintenance(1, '2026-01-12', '2026-06-30');

function due(over: Partial<NotificationRequest>): DueNotification[] {
  const result = dueNotifications({
    settings,
    licenses: [TERM],
    now: '2026-03-01T12:00:00Z',
    sent: [],
    ...over,
  });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

describe('notifications', () => {
  it('R18: nothing is due before the first chosen day', () => {
    // 2026-04-30 is 61 days before 2026-06-30.
    assert.deepEqual(due({ now: '2026-04-30T12:00:00Z' }), []);
  });

  it('R18: the reminder is due on the chosen day, once per end date', () => {
    const [reminder, ...rest] = due({ now: '2026-05-01T12:00:00Z' });
    assert.equal(rest.length, 0);
    assert.deepEqual(reminder, {
      kind: 'expiry-reminder',
      key: 'expiry:2026-06-30:60',
      endDate: '2026-06-30',
      daysBefore: 60,
      daysLeft: 60,
      recipients: ['owner@example.com'],
    });
    assert.deepEqual(due({ now: '2026-05-02T12:00:00Z', sent: [reminder!.key] }), []);
  });

  it('R18: the chosen day counts in the SmartServer zone', () => {
    // 03:00Z on 1 May is still 30 April in Los Angeles: 61 days left there.
    assert.deepEqual(due({ now: '2026-05-01T03:00:00Z', timeZone: 'America/Los_Angeles' }), []);
    assert.equal(due({ now: '2026-05-01T03:00:00Z', timeZone: 'UTC' }).length, 1);
  });

  it('R18: after a missed run only the nearest reminder goes out, never a burst of stale ones', () => {
    const list = due({ now: '2026-06-25T12:00:00Z' });
    assert.deepEqual(
      list.map((n) => n.key),
      ['expiry:2026-06-30:7'],
    );
    assert.equal(list[0]?.kind === 'expiry-reminder' && list[0].daysLeft, 5);
  });

  it('R18: a reminder on the end day itself when the owner chose 0; none once the term has ended', () => {
    const onDay = due({ settings: { ...settings, daysBeforeExpiry: [0] }, now: '2026-06-30T23:00:00Z' });
    assert.deepEqual(
      onDay.map((n) => n.key),
      ['expiry:2026-06-30:0'],
    );
    assert.deepEqual(due({ now: '2026-07-01T00:00:00Z' }), []);
  });

  it('R18: after an extension a renewal notice is due once, and reminders start over for the new end', () => {
    const extension = maintenance(2, '2026-07-01', '2029-06-30');
    const sent = ['expiry:2026-06-30:60', 'expiry:2026-06-30:30'];
    const list = due({ licenses: [TERM, extension], now: '2026-06-10T12:00:00Z', sent });
    assert.deepEqual(list, [
      {
        kind: 'renewal',
        key: `renewal:${extension.licenseId}`,
        licenseId: extension.licenseId,
        endDate: '2029-06-30',
        recipients: ['owner@example.com'],
      },
    ]);
    assert.deepEqual(
      due({ licenses: [extension, TERM], now: '2026-06-11T12:00:00Z', sent: [...sent, list[0]!.key] }),
      [],
    );
  });

  it('R18: no notification without a recipient, and none without maintenance', () => {
    assert.deepEqual(due({ settings: { ...settings, recipients: [] }, now: '2026-05-01T12:00:00Z' }), []);
    assert.deepEqual(due({ licenses: [], now: '2026-05-01T12:00:00Z' }), []);
  });

  it('R18: invalid settings are refused with INVALID_INPUT', () => {
    const result = dueNotifications({
      settings: { daysBeforeExpiry: [30, 30], recipients: [] },
      licenses: [],
      now: '2026-05-01T12:00:00Z',
      sent: [],
    });
    assert.equal(!result.ok && result.error.code, 'INVALID_INPUT');
  });
});
