// R18 reminder mails through a real SMTP server: due days, no duplicates after a restart,
// a retry after an SMTP outage, and a renewal notice after an extension.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { engines } from './engines.js';
import { addPartner } from './seed.js';
import { bodyOf, startSmtp } from './smtp.js';
import type { Db } from '@smartserver-licensing/server-kit';
import { createCloud, type RunningCloud } from '../src/app.js';
import { addPurchasedLicense, createCustomer, transferLicense } from '../src/inventory.js';
import { bindLicense } from '../src/activation/bind.js';
import type { BoundKey } from '../src/activation/rows.js';
import { newKey } from './harness.js';
import { runNotifications } from '../src/notifications.js';

for (const engine of engines()) {
  describe(`maintenance reminders on ${engine.name}`, () => {
    let db: Db;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let dataDir: string;
    const clock = { now: new Date('2026-03-01T10:00:00Z') };
    const clouds: RunningCloud[] = [];
    let mailKey: BoundKey;

    /** A cloud on the shared database: a new one is what a restart gives. */
    async function cloudWith(smtpPort: number) {
      const cloud = await createCloud({
        dataDir,
        db,
        now: () => clock.now,
        smtp: { host: '127.0.0.1', port: smtpPort },
      });
      clouds.push(cloud);
      return cloud;
    }

    /** A 1-year maintenance license of a new account, activated now on SID-mail. */
    async function maintenanceOnMailServer(name: string) {
      const partner = await addPartner(db);
      const customer = await createCustomer(db, partner, `${name} ${randomUUID()}`);
      const bought = await addPurchasedLicense(db, partner, { model: '92201R-P-50', termYears: 1 });
      const { created } = await transferLicense(db, partner, bought.licenseId, customer.customerId);
      return bindLicense(db, {
        customerId: customer.customerId,
        licenseId: created.licenseId,
        smartServerId: 'SID-mail',
        key: mailKey,
        channel: 'online',
        now: clock.now,
        actor: 'test',
      });
    }

    before(async () => {
      const key = await newKey();
      mailKey = { thumbprint: key.thumbprint, publicKey: key.publicKey };
      db = await engine.open();
      smtp = await startSmtp();
      dataDir = await mkdtemp(join(tmpdir(), 'cloud-mail-'));
      const bound = await maintenanceOnMailServer('Mail');
      assert.ok(bound.ok && bound.license.termEnd === '2027-02-28');
      await db.query(
        'INSERT INTO notification_settings (smart_server_id, days_before_expiry, recipients) VALUES ($1, $2, $3)',
        ['SID-mail', [60, 30, 7], ['owner@example.com', 'facility@example.com']],
      );
    });
    after(async () => {
      for (const cloud of clouds) cloud.mailer.close();
      await db.close();
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('R18: nothing is due while the end is further away than every chosen day', async () => {
      clock.now = new Date('2026-12-29T08:00:00Z'); // 61 days before 2027-02-28
      const run = await runNotifications(await cloudWith(smtp.port));
      assert.deepEqual(run, { sent: 0, failed: 0 });
      assert.equal(smtp.inbox.length, 0);
    });

    it('R18: on the chosen day one reminder reaches every recipient, and a second run sends nothing', async () => {
      clock.now = new Date('2026-12-30T08:00:00Z'); // 60 days before
      const cloud = await cloudWith(smtp.port);
      assert.deepEqual(await runNotifications(cloud), { sent: 1, failed: 0 });
      assert.equal(smtp.inbox.length, 1);
      assert.deepEqual(smtp.inbox[0]!.to.sort(), ['facility@example.com', 'owner@example.com']);
      assert.match(smtp.inbox[0]!.raw, /Subject: Maintenance for SmartServer SID-mail ends on 2027-02-28/);
      assert.match(bodyOf(smtp.inbox[0]!.raw), /60 days left/);
      assert.deepEqual(await runNotifications(cloud), { sent: 0, failed: 0 });
    });

    it('R18: after a restart the same reminder is not sent again', async () => {
      const restarted = await cloudWith(smtp.port);
      assert.deepEqual(await runNotifications(restarted), { sent: 0, failed: 0 });
      assert.equal(smtp.inbox.length, 1);
    });

    it('R18: when SMTP is down the reminder is kept and sent by the next run', async () => {
      clock.now = new Date('2027-01-29T08:00:00Z'); // 30 days before
      const closed = await startSmtp();
      await closed.close(); // a port where nothing listens any more
      const broken = await cloudWith(closed.port);
      const original = console.error;
      console.error = () => undefined;
      try {
        assert.deepEqual(await runNotifications(broken), { sent: 0, failed: 1 });
      } finally {
        console.error = original;
      }
      assert.equal(smtp.inbox.length, 1);
      assert.deepEqual(await runNotifications(await cloudWith(smtp.port)), { sent: 1, failed: 0 });
      assert.match(smtp.inbox[1]!.raw, /30 days left|ends on 2027-02-28/);
    });

    it('R18, R15: an extension brings a renewal notice and moves the reminders to the new end', async () => {
      clock.now = new Date('2027-02-10T08:00:00Z');
      const bound = await maintenanceOnMailServer('Renew');
      // One year from the day after the running term (2028 is a leap year).
      assert.ok(
        bound.ok && bound.license.termStart === '2027-03-01' && bound.license.termEnd === '2028-02-29',
      );
      const before = smtp.inbox.length;
      assert.deepEqual(await runNotifications(await cloudWith(smtp.port)), { sent: 1, failed: 0 });
      const renewal = smtp.inbox[before]!;
      assert.match(renewal.raw, /Subject: Maintenance renewed for SmartServer SID-mail/);
      assert.match(bodyOf(renewal.raw), /until 2028-02-29/);
      // The old end's 7-day reminder never comes: the end moved.
      clock.now = new Date('2027-02-21T08:00:00Z');
      assert.deepEqual(await runNotifications(await cloudWith(smtp.port)), { sent: 0, failed: 0 });
    });
  });
}
