// Maintenance reminders and renewal notices by mail (R18). Which mails are due is policy's
// rule (dueNotifications); this module only reads state, claims each mail once, and sends it.
import { dueNotifications } from '@smartserver-licensing/policy';
import type { LicenseClaims } from '@smartserver-licensing/schemas';
import type { Queryable } from '@smartserver-licensing/server-kit';
import type { Cloud } from './cloud.js';
import { findLicense } from './inventory.js';
import { claimsOf } from './signing.js';

export interface NotificationRun {
  sent: number;
  failed: number;
}

async function maintenanceClaims(cloud: Cloud, smartServerId: string): Promise<LicenseClaims[]> {
  const rows = await cloud.db.query<{ license_id: string; activated_at: Date }>(
    `SELECT a.license_id, a.activated_at FROM activations a JOIN licenses l ON l.license_id = a.license_id
     WHERE a.smart_server_id = $1 AND l.kind = 'maintenance'`,
    [smartServerId],
  );
  const claims: LicenseClaims[] = [];
  for (const row of rows) {
    const license = await findLicense(cloud.db, row.license_id);
    if (!license?.firstActivatedAt) continue;
    try {
      claims.push(claimsOf(license, new Date(row.activated_at)));
    } catch (error) {
      console.error(`license-cloud: reminders skip license ${row.license_id}: ${(error as Error).message}`);
    }
  }
  return claims;
}

function describeDue(
  smartServerId: string,
  notice:
    | { kind: 'expiry-reminder'; endDate: string; daysLeft: number }
    | { kind: 'renewal'; endDate: string; licenseId: string },
) {
  if (notice.kind === 'renewal') {
    return {
      subject: `Maintenance renewed for SmartServer ${smartServerId}`,
      text: `The maintenance of SmartServer ${smartServerId} was extended by license ${notice.licenseId}.\nIt now covers upgrades until ${notice.endDate} (the whole day).\n`,
    };
  }
  return {
    subject: `Maintenance for SmartServer ${smartServerId} ends on ${notice.endDate}`,
    text:
      `The maintenance of SmartServer ${smartServerId} covers upgrades until ${notice.endDate} (${notice.daysLeft} days left).\n` +
      `Extend it before that day ends: after it, maintenance can no longer be extended and upgrade releases cannot be installed.\n`,
  };
}

/** R18: the owner's reminder days and recipients for one SmartServer (replacing earlier ones). */
export async function saveNotificationSettings(
  db: Queryable,
  smartServerId: string,
  settings: { daysBeforeExpiry: number[]; recipients: string[] },
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings (smart_server_id, days_before_expiry, recipients, updated_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (smart_server_id) DO UPDATE SET days_before_expiry = $2, recipients = $3, updated_at = $4`,
    [smartServerId, settings.daysBeforeExpiry, settings.recipients, now],
  );
}

/** Sends every mail due now, each at most once, for every SmartServer with reminder settings. */
export async function runNotifications(cloud: Cloud): Promise<NotificationRun> {
  const run: NotificationRun = { sent: 0, failed: 0 };
  const settings = await cloud.db.query<{
    smart_server_id: string;
    days_before_expiry: number[];
    recipients: string[];
  }>(
    'SELECT smart_server_id, days_before_expiry, recipients FROM notification_settings ORDER BY smart_server_id',
  );
  for (const row of settings) {
    const sentKeys = await cloud.db.query<{ key: string }>(
      'SELECT key FROM notification_marks WHERE smart_server_id = $1',
      [row.smart_server_id],
    );
    const due = dueNotifications({
      settings: { daysBeforeExpiry: row.days_before_expiry, recipients: row.recipients },
      licenses: await maintenanceClaims(cloud, row.smart_server_id),
      now: cloud.now(),
      sent: sentKeys.map((k) => k.key),
    });
    if (!due.ok) {
      console.error(`license-cloud: reminders for ${row.smart_server_id} skipped: ${due.error.message}`);
      run.failed++;
      continue;
    }
    for (const notice of due.value) {
      // Claim first: of two runs (or a run after a restart) only one gets the row.
      const claimed = await cloud.db.query(
        `INSERT INTO notification_marks (smart_server_id, key, state, claimed_at) VALUES ($1, $2, 'sending', $3)
         ON CONFLICT DO NOTHING RETURNING key`,
        [row.smart_server_id, notice.key, cloud.now()],
      );
      if (claimed.length === 0) continue;
      const mail = describeDue(row.smart_server_id, notice);
      try {
        await cloud.mailer.send({ to: notice.recipients.join(', '), ...mail });
        await cloud.db.query(
          "UPDATE notification_marks SET state = 'sent' WHERE smart_server_id = $1 AND key = $2",
          [row.smart_server_id, notice.key],
        );
        run.sent++;
      } catch (error) {
        // Not sent: release the claim so the next run tries again.
        await cloud.db.query('DELETE FROM notification_marks WHERE smart_server_id = $1 AND key = $2', [
          row.smart_server_id,
          notice.key,
        ]);
        console.error(`license-cloud: could not send "${mail.subject}": ${(error as Error).message}`);
        run.failed++;
      }
    }
  }
  return run;
}

/** Runs the notifications now and then every `intervalMs`; returns a stop function. */
export function scheduleNotifications(cloud: Cloud, intervalMs = 60 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runNotifications(cloud);
      if (run.sent || run.failed)
        console.log(`license-cloud: reminders sent ${run.sent}, failed ${run.failed}`);
    } catch (error) {
      console.error(`license-cloud: the reminder run failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
