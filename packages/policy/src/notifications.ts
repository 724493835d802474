// Which maintenance emails are due now (R18): expiry reminders and renewal notices.
import {
  parseNotificationSettings,
  type LicenseClaims,
  type NotificationSettings,
} from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';
import { assertTimeZone, formatDay, toInstant, zonedDayNumber } from './dates.js';
import { evaluateLicenses, termSpans } from './licenses.js';
import { coverageOf } from './maintenance.js';

export type DueNotification =
  | {
      kind: 'expiry-reminder';
      /** Record this once sent; it is never due again. */
      key: string;
      /** Last covered day of the current term, extensions included. */
      endDate: string;
      /** The owner's chosen day this reminder stands for. */
      daysBefore: number;
      /** Days actually left today (fewer than `daysBefore` when a run was missed). */
      daysLeft: number;
      recipients: string[];
    }
  | {
      kind: 'renewal';
      key: string;
      /** The extension's License ID. */
      licenseId: string;
      /** The new last covered day. */
      endDate: string;
      recipients: string[];
    };

export interface NotificationRequest {
  settings: NotificationSettings;
  /** The verified licenses on this SmartServer; only maintenance ones matter here. */
  licenses: readonly LicenseClaims[];
  now: Date | string | number;
  timeZone?: string;
  /** Keys of the notifications already sent (from earlier `DueNotification.key`s). */
  sent: Iterable<string>;
}

/**
 * R18: the notifications due at `now`.
 * - Expiry reminder: the owner chose days before the end (say 60, 30, 7). When one or more of
 *   their days have come, only the nearest one is due, once per end date: a run that was missed
 *   sends one current reminder, not a burst of stale ones. None after the end.
 * - Renewal notice: once per extension (a term that starts where an earlier one ends, R15) that
 *   carries the current term, as soon as it is activated.
 * An extension moves the end date, so the reminders start over for the new end.
 * Nothing is due without a recipient.
 */
export function dueNotifications(request: NotificationRequest): PolicyResult<DueNotification[]> {
  return guarded('notifications', () => {
    const settings = parseNotificationSettings(request.settings);
    if (!settings.ok) throw new PolicyError('INVALID_INPUT', settings.error.message);
    const { daysBeforeExpiry, recipients } = settings.value;
    const timeZone = request.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const nowMs = toInstant(request.now, 'now');
    const today = zonedDayNumber(nowMs, timeZone);
    const sent = new Set(request.sent);
    const spans = termSpans(evaluateLicenses(request.licenses, nowMs, today));
    const { endDay } = coverageOf(spans, today);
    const due: DueNotification[] = [];
    if (recipients.length === 0 || endDay === null || endDay < today) return ok(due);
    const endDate = formatDay(endDay);

    for (const span of spans) {
      const extendsAnother = spans.some(
        (other) => other !== span && other.start < span.start && other.end + 1 >= span.start,
      );
      const inCurrentChain = span.end >= today && span.start <= endDay;
      const key = `renewal:${span.license.claims.licenseId.toLowerCase()}`;
      if (extendsAnother && inCurrentChain && !sent.has(key)) {
        due.push({
          kind: 'renewal',
          key,
          licenseId: span.license.claims.licenseId,
          endDate,
          recipients: [...recipients],
        });
      }
    }

    const daysLeft = endDay - today;
    let nearest: number | null = null;
    for (const days of daysBeforeExpiry) {
      if (days >= daysLeft && (nearest === null || days < nearest)) nearest = days;
    }
    if (nearest !== null) {
      const key = `expiry:${endDate}:${nearest}`;
      if (!sent.has(key)) {
        due.push({
          kind: 'expiry-reminder',
          key,
          endDate,
          daysBefore: nearest,
          daysLeft,
          recipients: [...recipients],
        });
      }
    }
    return ok(due);
  });
}
