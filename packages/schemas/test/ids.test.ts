import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCustomerId,
  parseDeviceId,
  parseLicenseId,
  parseSmartServerId,
  SchemaError,
} from '@smartserver-licensing/schemas';
import { CUSTOMER_ID, LICENSE_ID, WRONG_TYPES } from './fixtures.js';

describe('ids', () => {
  it('accepts the Customer ID and License ID forms of the vendor page', () => {
    assert.deepEqual(parseCustomerId(CUSTOMER_ID), { ok: true, value: CUSTOMER_ID });
    assert.deepEqual(parseLicenseId(LICENSE_ID), { ok: true, value: LICENSE_ID });
    assert.equal(parseLicenseId(LICENSE_ID.toUpperCase()).ok, true);
  });

  for (const bad of [
    '2133c667af414518-94df-a2bb3b775330',
    `${CUSTOMER_ID}0`,
    ` ${CUSTOMER_ID}`,
    'g133c667-af41-4518-94df-a2bb3b775330',
    "' OR 1=1 --",
  ]) {
    it(`refuses the Customer ID ${JSON.stringify(bad)} with a message naming it`, () => {
      const result = parseCustomerId(bad);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.ok(result.error instanceof SchemaError);
      assert.equal(result.error.code, 'INVALID');
      assert.match(result.error.message, /^Customer ID: must be a UUID/);
    });
  }

  it('refuses values of the wrong type for every id without throwing', () => {
    for (const parse of [parseCustomerId, parseLicenseId, parseSmartServerId, parseDeviceId]) {
      for (const value of WRONG_TYPES) {
        const result = parse(value);
        assert.equal(result.ok, false, `${parse.name} accepted ${String(value)}`);
      }
    }
  });

  it('accepts SmartServer ids of letters, digits and . _ : -, and refuses the rest', () => {
    for (const good of ['SID-17q2d6x', 'a', '00:1b:2c:3d:4e:5f', 'x'.repeat(64)]) {
      assert.equal(parseSmartServerId(good).ok, true, good);
    }
    for (const bad of ['', '-leading', 'has space', 'x'.repeat(65), 'a/b', '../etc', 'é']) {
      const result = parseSmartServerId(bad);
      assert.equal(result.ok, false, bad);
    }
  });

  it('bounds device ids at 128 characters', () => {
    assert.equal(parseDeviceId('d'.repeat(128)).ok, true);
    const result = parseDeviceId('d'.repeat(129));
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /at most 128 characters/);
  });
});
