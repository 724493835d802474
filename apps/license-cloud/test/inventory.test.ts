import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines } from './engines.js';
import { addPartner } from './seed.js';
import type { Db } from '@smartserver-licensing/server-kit';
import { ApiError } from '@smartserver-licensing/server-kit';
import {
  accountLicenses,
  addCustomerEmail,
  addPurchasedLicense,
  createCustomer,
  customerInventory,
  myInventory,
  ownCustomer,
  transferLicense,
} from '../src/inventory.js';
import { bindLicense } from '../src/activation/bind.js';
import { newKey } from './harness.js';

const rejectsWith = (promise: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });

for (const engine of engines()) {
  describe(`partner inventory on ${engine.name}`, () => {
    let db: Db;
    let partner: string;
    let otherPartner: string;
    before(async () => {
      db = await engine.open();
      partner = await addPartner(db, 'Acme Integration');
      otherPartner = await addPartner(db, 'Rival Systems');
    });
    after(() => db.close());

    it('R24: a partner keeps customer/project accounts named like P2022-0208, each with a new Customer ID', async () => {
      const a = await createCustomer(db, partner, 'P2022-0208');
      const b = await createCustomer(db, partner, 'P-Building 1');
      assert.match(a.customerId, /^[0-9a-f-]{36}$/);
      assert.notEqual(a.customerId, b.customerId);
      await rejectsWith(createCustomer(db, partner, 'P2022-0208'), 'CONFLICT', /already have/);
      // Another partner may use the same project name for its own customer.
      await createCustomer(db, otherPartner, 'P2022-0208');
    });

    it('R25: adding a purchased license creates a License ID in My Inventory', async () => {
      const license = await addPurchasedLicense(db, partner, { model: '72220-200' });
      assert.equal(license.kind, 'capacity');
      assert.equal(license.capacity, 200);
      const inventory = await myInventory(db, partner);
      assert.ok(inventory.some((l) => l.licenseId === license.licenseId));
      assert.equal((await myInventory(db, otherPartner)).length, 0);
    });

    it('R7: maintenance gets its term (3 years by default, 1 on request); trials their days', async () => {
      const three = await addPurchasedLicense(db, partner, { model: '92201R-P-50' });
      const one = await addPurchasedLicense(db, partner, { model: '92201R-P-50', termYears: 1 });
      const trial = await addPurchasedLicense(db, partner, { model: '72220-00' });
      assert.equal(three.termYears, 3);
      assert.equal(one.termYears, 1);
      assert.ok((trial.trialDays ?? 0) > 0);
      await rejectsWith(
        addPurchasedLicense(db, partner, { model: '72220-10', termYears: 1 }),
        'INVALID_INPUT',
      );
      await rejectsWith(
        addPurchasedLicense(db, partner, { model: '72220-9999' }),
        'INVALID_INPUT',
        /not a known model/,
      );
    });

    it('R25: a transfer creates a new License ID; the old one stays on record and cannot move again', async () => {
      const customer = await createCustomer(db, partner, `Transfer ${randomUUID()}`);
      const license = await addPurchasedLicense(db, partner, { model: '72220-50' });
      const { old, created } = await transferLicense(db, partner, license.licenseId, customer.customerId);
      assert.notEqual(created.licenseId, license.licenseId);
      assert.equal(created.supersedes, license.licenseId);
      assert.equal(created.customerId, customer.customerId);
      assert.equal(old.supersededBy, created.licenseId);
      assert.ok(!(await myInventory(db, partner)).some((l) => l.licenseId === license.licenseId));
      assert.ok((await customerInventory(db, partner)).some((l) => l.licenseId === created.licenseId));
      await rejectsWith(
        transferLicense(db, partner, license.licenseId, customer.customerId),
        'CONFLICT',
        /transferred already/,
      );
    });

    it('R25: the old License ID can no longer be activated', async () => {
      const customer = await createCustomer(db, partner, `Old ID ${randomUUID()}`);
      const license = await addPurchasedLicense(db, partner, { model: '72220-10' });
      await transferLicense(db, partner, license.licenseId, customer.customerId);
      const key = await newKey();
      const bound = await bindLicense(db, {
        customerId: null,
        licenseId: license.licenseId,
        smartServerId: 'SID-1',
        key: { thumbprint: key.thumbprint, publicKey: key.publicKey },
        channel: 'online',
        now: new Date('2026-03-01T00:00:00Z'),
        actor: 'test',
      });
      assert.equal(bound.ok, false);
    });

    it('R25: of two concurrent transfers of one license exactly one succeeds', async () => {
      const customer = await createCustomer(db, partner, `Race ${randomUUID()}`);
      const license = await addPurchasedLicense(db, partner, { model: '72220-10' });
      const outcomes = await Promise.allSettled([
        transferLicense(db, partner, license.licenseId, customer.customerId),
        transferLicense(db, partner, license.licenseId, customer.customerId),
      ]);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal((await accountLicenses(db, customer.customerId)).length, 1);
    });

    it("a partner cannot see, transfer into or add emails to another partner's customer", async () => {
      const theirs = await createCustomer(db, otherPartner, `Theirs ${randomUUID()}`);
      const mine = await addPurchasedLicense(db, partner, { model: '72220-10' });
      await rejectsWith(ownCustomer(db, partner, theirs.customerId), 'NOT_FOUND');
      await rejectsWith(transferLicense(db, partner, mine.licenseId, theirs.customerId), 'NOT_FOUND');
      await rejectsWith(addCustomerEmail(db, partner, theirs.customerId, 'x@example.com'), 'NOT_FOUND');
      const theirLicense = await addPurchasedLicense(db, otherPartner, { model: '72220-10' });
      const myCustomer = await createCustomer(db, partner, `Mine ${randomUUID()}`);
      await rejectsWith(
        transferLicense(db, partner, theirLicense.licenseId, myCustomer.customerId),
        'NOT_FOUND',
      );
    });

    it('R20: email contacts are kept in lower case, once', async () => {
      const customer = await createCustomer(db, partner, `Mail ${randomUUID()}`);
      await addCustomerEmail(db, partner, customer.customerId, 'Facility@Example.com');
      await addCustomerEmail(db, partner, customer.customerId, 'facility@example.com');
      assert.deepEqual((await ownCustomer(db, partner, customer.customerId)).emails, [
        'facility@example.com',
      ]);
    });
  });
}
