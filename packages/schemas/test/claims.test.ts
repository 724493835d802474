import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLicenseClaims, type Result } from '@smartserver-licensing/schemas';
import {
  capacityClaims,
  coreClaims,
  LICENSE_ID,
  maintenanceClaims,
  OTHER_LICENSE_ID,
  trialClaims,
  WRONG_TYPES,
} from './fixtures.js';

/** Asserts a refusal whose message names `field`, and returns the message. */
function refused(result: Result<unknown>, field: string): string {
  assert.equal(result.ok, false, 'expected a refusal');
  if (result.ok) return '';
  assert.equal(result.error.code, 'INVALID');
  assert.ok(
    result.error.issues.some((issue) => issue.path === field),
    `no issue at ${field}: ${result.error.message}`,
  );
  assert.match(result.error.message, /^license claims: /);
  return result.error.message;
}

describe('license claims', () => {
  it('R6: accepts a purchased capacity license, which has no expiry', () => {
    const result = parseLicenseClaims(capacityClaims());
    assert.ok(result.ok);
    assert.equal(result.value.kind, 'capacity');
    assert.equal(result.value.capacity, 200);
  });

  it('R6: accepts a trial only with its expiry', () => {
    assert.ok(parseLicenseClaims(trialClaims()).ok);
    refused(parseLicenseClaims(trialClaims({ expiresAt: undefined })), 'expiresAt');
  });

  it('R6: refuses an expiry on a purchased capacity license', () => {
    refused(parseLicenseClaims(capacityClaims({ expiresAt: '2027-01-01T00:00:00Z' })), 'expiresAt');
  });

  it('R6: refuses a capacity that differs from the model', () => {
    const message = refused(parseLicenseClaims(capacityClaims({ capacity: 1000 })), 'capacity');
    assert.match(message, /72220-200 grants 200 devices, not 1000/);
  });

  it('R6: refuses a trial flag that differs from the model', () => {
    refused(parseLicenseClaims(capacityClaims({ trial: true, expiresAt: '2027-01-01T00:00:00Z' })), 'trial');
  });

  it('R7: accepts 1-year and 3-year maintenance terms and nothing else', () => {
    assert.ok(parseLicenseClaims(maintenanceClaims()).ok);
    assert.ok(parseLicenseClaims(maintenanceClaims({ termYears: 1, termEnd: '2027-01-11' })).ok);
    refused(parseLicenseClaims(maintenanceClaims({ termYears: 2 })), 'termYears');
  });

  it('R15: refuses a maintenance term that ends before it starts', () => {
    refused(parseLicenseClaims(maintenanceClaims({ termEnd: '2026-01-11' })), 'termEnd');
  });

  it('R8: a maintenance claim states the devices it covers, matching its model', () => {
    refused(parseLicenseClaims(maintenanceClaims({ capacity: 1000 })), 'capacity');
  });

  it('R16: maintenance term days are calendar dates', () => {
    refused(parseLicenseClaims(maintenanceClaims({ termEnd: '2029-02-30' })), 'termEnd');
    refused(parseLicenseClaims(maintenanceClaims({ termEnd: '2029-01-11T00:00:00Z' })), 'termEnd');
  });

  it('R2: accepts a Core license, which carries no capacity and no end', () => {
    assert.ok(parseLicenseClaims(coreClaims()).ok);
    refused(parseLicenseClaims(coreClaims({ capacity: 5 })), 'capacity');
    refused(parseLicenseClaims(coreClaims({ expiresAt: '2027-01-01T00:00:00Z' })), '');
  });

  it("refuses a model whose kind is not the claim's kind", () => {
    const message = refused(parseLicenseClaims(capacityClaims({ model: '92201R-P-200' })), 'model');
    assert.match(message, /is a maintenance license, not capacity/);
  });

  it('R25: carries the License ID a transfer replaced, and refuses a license superseding itself', () => {
    const result = parseLicenseClaims(capacityClaims({ supersedes: OTHER_LICENSE_ID }));
    assert.ok(result.ok && result.value.supersedes === OTHER_LICENSE_ID);
    refused(parseLicenseClaims(capacityClaims({ supersedes: LICENSE_ID.toUpperCase() })), 'supersedes');
  });

  it('refuses an unknown kind, naming the discriminator', () => {
    const result = parseLicenseClaims(capacityClaims({ kind: 'platinum' }));
    refused(result, 'kind');
  });

  it('refuses a missing field, naming it', () => {
    const { customerId: _dropped, ...rest } = capacityClaims();
    assert.match(refused(parseLicenseClaims(rest), 'customerId'), /customerId: is required/);
  });

  describe('hostile input', () => {
    for (const capacity of [-1, 200.5, Number.POSITIVE_INFINITY, Number.NaN, '200', 1e12, 2 ** 53 + 2]) {
      it(`refuses capacity ${String(capacity)}`, () => {
        refused(parseLicenseClaims(capacityClaims({ capacity })), 'capacity');
      });
    }

    it('refuses a non-UUID License ID and Customer ID', () => {
      refused(parseLicenseClaims(capacityClaims({ licenseId: 'EID-1234' })), 'licenseId');
      refused(parseLicenseClaims(capacityClaims({ customerId: 'P2022-0208' })), 'customerId');
    });

    it('refuses extra fields and prototype-pollution keys without polluting anything', () => {
      const text = JSON.stringify(capacityClaims()).replace(
        '{',
        '{"__proto__":{"admin":true},"constructor":{"x":1},',
      );
      const result = parseLicenseClaims(JSON.parse(text));
      const message = refused(result, '');
      assert.match(message, /unknown fields "__proto__", "constructor"/);
      assert.equal(({} as Record<string, unknown>)['admin'], undefined);
      refused(parseLicenseClaims(capacityClaims({ isAdmin: true })), '');
    });

    it('refuses a huge note and a note with control characters', () => {
      refused(parseLicenseClaims(capacityClaims({ note: 'n'.repeat(501) })), 'note');
      refused(parseLicenseClaims(capacityClaims({ note: 'bell\u0007' })), 'note');
      assert.ok(parseLicenseClaims(capacityClaims({ note: 'two\nlines\tand <b>markup</b>' })).ok);
    });

    it('refuses whole values of the wrong type', () => {
      for (const value of WRONG_TYPES) {
        assert.equal(parseLicenseClaims(value).ok, false, String(value));
      }
    });

    it('turns a throwing getter into a typed error instead of an exception', () => {
      const trap = Object.defineProperty(capacityClaims(), 'model', {
        enumerable: true,
        get() {
          throw new Error('getter says no');
        },
      });
      const result = parseLicenseClaims(trap);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error.message, /getter says no/);
    });

    it('keeps the message short when everything is wrong', () => {
      const junk = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
      const result = parseLicenseClaims({ ...capacityClaims(), ...junk });
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.ok(result.error.message.length < 500, `message is ${result.error.message.length} long`);
        assert.match(result.error.message, /and 490 more/);
      }
    });
  });
});
