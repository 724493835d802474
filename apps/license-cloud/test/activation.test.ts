import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines } from './engines.js';
import { addPartner } from './seed.js';
import type { Db } from '@smartserver-licensing/server-kit';
import { ApiError } from '@smartserver-licensing/server-kit';
import { addPurchasedLicense, createCustomer, transferLicense } from '../src/inventory.js';
import { bindLicense } from '../src/activation/bind.js';
import { forceRelease } from '../src/activation/release.js';
import type { BoundKey } from '../src/activation/rows.js';
import { newKey } from './harness.js';

const NOW = new Date('2026-03-01T10:00:00Z');

for (const engine of engines()) {
  describe(`online activation on ${engine.name}`, () => {
    let db: Db;
    let partner: string;
    const keys = new Map<string, BoundKey>();
    before(async () => {
      db = await engine.open();
      partner = await addPartner(db);
    });
    /** One key per SmartServer id, made on first use. */
    async function keyOf(smartServerId: string): Promise<BoundKey> {
      let key = keys.get(smartServerId);
      if (!key) {
        const made = await newKey();
        key = { thumbprint: made.thumbprint, publicKey: made.publicKey };
        keys.set(smartServerId, key);
      }
      return key;
    }
    after(() => db.close());

    async function customerLicense(model: string) {
      const customer = await createCustomer(db, partner, `C ${randomUUID()}`);
      const bought = await addPurchasedLicense(db, partner, { model });
      const { created } = await transferLicense(db, partner, bought.licenseId, customer.customerId);
      return { customerId: customer.customerId, licenseId: created.licenseId };
    }

    const bind = async (customerId: string, licenseId: string, smartServerId: string, now = NOW) =>
      bindLicense(db, {
        customerId,
        licenseId,
        smartServerId,
        key: await keyOf(smartServerId),
        channel: 'online',
        now,
        actor: 'test',
      });
    const release = (licenseId: string) =>
      forceRelease(db, { licenseId, partnerId: partner, actor: 'test', reason: 'test release', now: NOW });

    it('R19: 100 concurrent downloads of one license to different SmartServers give exactly one winner', async () => {
      const { customerId, licenseId } = await customerLicense('72220-200');
      for (let i = 0; i < 100; i++) await keyOf(`SID-${i}`);
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) => bind(customerId, licenseId, `SID-${i}`)),
      );
      const winners = outcomes.filter((o) => o.ok);
      assert.equal(winners.length, 1);
      const refusals = outcomes.filter((o) => !o.ok);
      assert.equal(refusals.length, 99);
      for (const refusal of refusals) {
        assert.ok(!refusal.ok && refusal.code === 'BOUND_ELSEWHERE', JSON.stringify(refusal));
        assert.match(!refusal.ok ? refusal.message : '', /activated on another SmartServer/);
      }
      const rows = await db.query('SELECT smart_server_id FROM activations WHERE license_id = $1', [
        licenseId,
      ]);
      assert.equal(rows.length, 1);
    });

    it('R19: downloading again to the SmartServer that holds the license returns the same activation', async () => {
      const { customerId, licenseId } = await customerLicense('72220-10');
      const first = await bind(customerId, licenseId, 'SID-A');
      const again = await bind(customerId, licenseId, 'SID-A');
      assert.ok(first.ok && again.ok);
      assert.equal(first.activation.activationId, again.activation.activationId);
    });

    it('R19: a license of another account is not found', async () => {
      const { licenseId } = await customerLicense('72220-10');
      const other = await customerLicense('72220-10');
      const result = await bind(other.customerId, licenseId, 'SID-A');
      assert.ok(!result.ok && result.code === 'NOT_FOUND');
    });

    it('R19: a released license can be bound to another SmartServer, with a new activation id', async () => {
      const { customerId, licenseId } = await customerLicense('72220-50');
      const first = await bind(customerId, licenseId, 'SID-A');
      assert.ok(first.ok);
      assert.ok(!(await bind(customerId, licenseId, 'SID-B')).ok);
      await release(licenseId);
      const second = await bind(customerId, licenseId, 'SID-B');
      assert.ok(second.ok);
      assert.notEqual(second.activation.activationId, first.activation.activationId);
      await assert.rejects(
        forceRelease(db, {
          licenseId,
          partnerId: await addPartner(db),
          actor: 'x',
          reason: 'not mine',
          now: NOW,
        }),
        (e: unknown) => e instanceof ApiError && e.code === 'NOT_FOUND',
      );
    });

    it('R19: the same SmartServer id with another key does not get the license', async () => {
      const { customerId, licenseId } = await customerLicense('72220-10');
      assert.ok((await bind(customerId, licenseId, 'SID-K')).ok);
      const other = await newKey();
      const result = await bindLicense(db, {
        customerId,
        licenseId,
        smartServerId: 'SID-K',
        key: { thumbprint: other.thumbprint, publicKey: other.publicKey },
        channel: 'online',
        now: NOW,
        actor: 'test',
      });
      assert.ok(!result.ok && result.code === 'BOUND_ELSEWHERE', JSON.stringify(result));
      assert.match(!result.ok ? result.message : '', /with another key \(Install Code [0-9A-Z-]{24}\)/);
    });

    it('R15: maintenance runs its term from activation, the end day included, fixed on the license', async () => {
      const { customerId, licenseId } = await customerLicense('92201R-P-50');
      const result = await bind(customerId, licenseId, 'SID-M');
      assert.ok(result.ok);
      assert.equal(result.license.termStart, '2026-03-01');
      assert.equal(result.license.termEnd, '2029-02-28');
      assert.equal(result.license.firstActivatedAt, NOW.toISOString());
    });

    it('R15: a maintenance license first activated while the term runs extends it from the old end', async () => {
      const first = await customerLicense('92201R-P-50');
      assert.ok((await bind(first.customerId, first.licenseId, 'SID-X')).ok);
      const second = await customerLicense('92201R-P-50');
      const extension = await bind(second.customerId, second.licenseId, 'SID-X');
      assert.ok(extension.ok);
      assert.equal(extension.license.termStart, '2029-03-01');
      // Three years from the day after the old end (policy's firstActivationTerms; 2032 is a leap year).
      assert.equal(extension.license.termEnd, '2032-02-29');
    });

    it('R15: a term running on another SmartServer with the same id but another key extends nothing', async () => {
      const squatter = await customerLicense('92201R-P-50');
      // A stranger's SmartServer with the same id in its own account, bound first.
      assert.ok((await bind(squatter.customerId, squatter.licenseId, 'SID-Y')).ok);
      const owner = await customerLicense('92201R-P-50');
      const otherKey = await newKey();
      const result = await bindLicense(db, {
        customerId: owner.customerId,
        licenseId: owner.licenseId,
        smartServerId: 'SID-Y',
        key: { thumbprint: otherKey.thumbprint, publicKey: otherKey.publicKey },
        channel: 'online',
        now: NOW,
        actor: 'test',
      });
      assert.ok(result.ok);
      assert.equal(result.license.termStart, '2026-03-01');
    });

    it('R6: a trial gets its end at its first activation, and keeps it on every later one', async () => {
      const { customerId, licenseId } = await customerLicense('72220-00');
      const result = await bind(customerId, licenseId, 'SID-T');
      assert.ok(result.ok && result.license.trialEndsAt);
      assert.equal(result.license.trialEndsAt, '2026-05-30T10:00:00.000Z');
      await release(licenseId);
      const later = await bind(customerId, licenseId, 'SID-T2', new Date('2026-04-01T10:00:00Z'));
      assert.ok(later.ok);
      assert.equal(later.license.trialEndsAt, '2026-05-30T10:00:00.000Z');
    });

    it('R6, R15: of concurrent first activations on different SmartServers, the winner fixes the terms once', async () => {
      const { customerId, licenseId } = await customerLicense('92201R-P-10');
      for (let i = 0; i < 20; i++) await keyOf(`SID-terms-${i}`);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          bind(customerId, licenseId, `SID-terms-${i}`, new Date(NOW.getTime() + i * 86_400_000)),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      assert.equal(winners.length, 1);
      const rows = await db.query<{ first: Date; start: string }>(
        "SELECT first_activated_at AS first, to_char(term_start, 'YYYY-MM-DD') AS start FROM licenses WHERE license_id = $1",
        [licenseId],
      );
      const won = winners[0]!;
      assert.ok(won.ok);
      assert.equal(rows[0]!.start, won.license.termStart);
      assert.equal(new Date(rows[0]!.first).getTime(), won.activation.activatedAt.getTime());
    });
  });
}
