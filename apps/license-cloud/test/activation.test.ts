import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines } from './engines.js';
import { addPartner } from './seed.js';
import type { Db } from '@smartserver-licensing/server-kit';
import { ApiError } from '@smartserver-licensing/server-kit';
import { addPurchasedLicense, createCustomer, transferLicense } from '../src/inventory.js';
import { bindLicense, returnLicense } from '../src/activation.js';

const NOW = new Date('2026-03-01T10:00:00Z');

for (const engine of engines()) {
  describe(`online activation on ${engine.name}`, () => {
    let db: Db;
    let partner: string;
    before(async () => {
      db = await engine.open();
      partner = await addPartner(db);
    });
    after(() => db.close());

    async function customerLicense(model: string) {
      const customer = await createCustomer(db, partner, `C ${randomUUID()}`);
      const bought = await addPurchasedLicense(db, partner, { model });
      const { created } = await transferLicense(db, partner, bought.licenseId, customer.customerId);
      return { customerId: customer.customerId, licenseId: created.licenseId };
    }

    const bind = (customerId: string, licenseId: string, smartServerId: string) =>
      bindLicense(db, { customerId, licenseId, smartServerId, channel: 'online', now: NOW, actor: 'test' });

    it('R19: 100 concurrent downloads of one license to different SmartServers give exactly one winner', async () => {
      const { customerId, licenseId } = await customerLicense('72220-200');
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
      assert.equal(first.activation.tokenId, again.activation.tokenId);
    });

    it('R19: a license of another account is not found', async () => {
      const { licenseId } = await customerLicense('72220-10');
      const other = await customerLicense('72220-10');
      const result = await bind(other.customerId, licenseId, 'SID-A');
      assert.ok(!result.ok && result.code === 'NOT_FOUND');
    });

    it('R19: a returned license can be downloaded to another SmartServer; only its holder may return it', async () => {
      const { customerId, licenseId } = await customerLicense('72220-50');
      assert.ok((await bind(customerId, licenseId, 'SID-A')).ok);
      await assert.rejects(
        returnLicense(db, { licenseId, smartServerId: 'SID-B' }),
        (e: unknown) => e instanceof ApiError && e.code === 'NOT_FOUND',
      );
      await returnLicense(db, { licenseId, smartServerId: 'SID-A' });
      assert.ok((await bind(customerId, licenseId, 'SID-B')).ok);
    });

    it('R15: maintenance runs its term from activation, the end day included', async () => {
      const { customerId, licenseId } = await customerLicense('92201R-P-50');
      const result = await bind(customerId, licenseId, 'SID-M');
      assert.ok(result.ok);
      assert.equal(result.activation.termStart, '2026-03-01');
      assert.equal(result.activation.termEnd, '2029-02-28');
    });

    it('R15: a maintenance license activated while the term runs extends it from the old end', async () => {
      const first = await customerLicense('92201R-P-50');
      assert.ok((await bind(first.customerId, first.licenseId, 'SID-X')).ok);
      const second = await customerLicense('92201R-P-50');
      const extension = await bind(second.customerId, second.licenseId, 'SID-X');
      assert.ok(extension.ok);
      assert.equal(extension.activation.termStart, '2029-03-01');
      // New end = old end + term (R15).
      assert.equal(extension.activation.termEnd, '2032-02-28');
    });

    it('R6: a trial gets its expiry at activation', async () => {
      const { customerId, licenseId } = await customerLicense('72220-00');
      const result = await bind(customerId, licenseId, 'SID-T');
      assert.ok(result.ok && result.activation.expiresAt);
      assert.ok(result.activation.expiresAt.getTime() > NOW.getTime());
    });
  });
}
