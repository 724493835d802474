// The owner's choice of maintenance expiry reminders (R18).
import * as z from 'zod/mini';
import { crossCheck, intIn } from './primitives.js';
import { parseWith, type Result } from './result.js';

export const NotificationSettingsSchema = z.strictObject({
  /** Days before the maintenance end on which a reminder goes out, e.g. [60, 30, 7]. */
  daysBeforeExpiry: z.array(intIn(0, 365)).check(
    z.maxLength(12, 'must hold at most 12 days'),
    crossCheck<number[]>((days) =>
      new Set(days).size === days.length ? [] : [[[], 'must not repeat a day']],
    ),
  ),
  /** Mail addresses that receive the reminders and renewal notices. */
  recipients: z.array(z.email({ message: 'must be an email address' }).check(z.maxLength(254))).check(
    z.maxLength(20, 'must hold at most 20 recipients'),
    crossCheck<string[]>((mails) =>
      new Set(mails.map((m) => m.toLowerCase())).size === mails.length
        ? []
        : [[[], 'must not repeat a recipient']],
    ),
  ),
});
export type NotificationSettings = z.output<typeof NotificationSettingsSchema>;

export const parseNotificationSettings = (input: unknown): Result<NotificationSettings> =>
  parseWith(NotificationSettingsSchema, input, 'notification settings');
