import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyEntitlement, VERIFY_FAILURE_CODES } from '@smartserver-licensing/entitlements';
import {
  capacityLicense,
  DAY,
  maintenanceLicense,
  makeKit,
  NOW,
  SID,
  trialLicense,
  type Kit,
} from './fixtures.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

/** One edit of a token's text. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom(...ALPHABET) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...ALPHABET) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('flipBit' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('swapParts' as const), a: fc.nat(2), b: fc.nat(2) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(token: string, m: Mutation): string {
  switch (m.op) {
    case 'replace': {
      const at = m.at % token.length;
      return token.slice(0, at) + m.char + token.slice(at + 1);
    }
    case 'insert': {
      const at = m.at % (token.length + 1);
      return token.slice(0, at) + m.char + token.slice(at);
    }
    case 'delete': {
      const at = m.at % token.length;
      return token.slice(0, at) + token.slice(at + m.length);
    }
    case 'flipBit': {
      const at = m.at % token.length;
      return (
        token.slice(0, at) + String.fromCharCode(token.charCodeAt(at) ^ (1 << m.bit)) + token.slice(at + 1)
      );
    }
    case 'swapParts': {
      const parts = token.split('.');
      [parts[m.a], parts[m.b]] = [parts[m.b]!, parts[m.a]!];
      return parts.join('.');
    }
    case 'truncate':
      return token.slice(0, m.at % token.length);
  }
}

let kit: Kit;
let tokens: string[];

before(async () => {
  kit = await makeKit();
  tokens = [
    await kit.issue(),
    await kit.issue({ license: maintenanceLicense(), signingKey: kit.signer2 }),
    await kit.issue({ license: trialLicense(), signingKey: kit.signerEc }),
  ];
});

describe('property: mutated tokens never verify', () => {
  it('the unmutated tokens verify (the property below is not vacuous)', async () => {
    for (const token of tokens) assert.equal((await verifyEntitlement(token, kit.options())).code, 'OK');
  });

  it('2000 random edits of valid tokens: none verifies, each gets a documented code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(tokens.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (which, edits) => {
          const original = tokens[which]!;
          const mutated = edits.reduce(apply, original);
          fc.pre(mutated !== original);
          const result = await verifyEntitlement(mutated, kit.options());
          assert.equal(result.valid, false, `verified after ${JSON.stringify(edits)}`);
          assert.equal(result.usable, false);
          assert.ok((VERIFY_FAILURE_CODES as readonly string[]).includes(result.code));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random strings never verify and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.stringMatching(/^[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,90}$/),
        ),
        async (text) => {
          const result = await verifyEntitlement(text, kit.options());
          assert.equal(result.valid, false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('signed payloads of random JSON never verify as a license unless they are one', async () => {
    const { rawToken, honestHeader } = await import('./fixtures.js');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const token = await rawToken(honestHeader(), JSON.stringify(value) ?? 'null', kit.signer1);
        const result = await verifyEntitlement(token, kit.options());
        assert.equal(result.valid, false);
        assert.ok(['MALFORMED', 'CLAIMS_INVALID', 'WRONG_AUDIENCE'].includes(result.code), result.code);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: honest tokens round-trip', () => {
  it('R6, R7: any catalog license issued for this SmartServer verifies with the same claims', async () => {
    const licenses = fc.constantFrom(
      capacityLicense(),
      capacityLicense({ model: '72220-1000', capacity: 1000 }),
      trialLicense(),
      maintenanceLicense(),
      maintenanceLicense({ model: '92201R-P-10', capacity: 10, termYears: 1, termEnd: '2027-01-11' }),
    );
    await fc.assert(
      fc.asyncProperty(
        licenses,
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(kit.signer1, kit.signer2, kit.signerEc),
        async (license, ageDays, signer) => {
          const token = await kit.issue({
            license,
            signingKey: signer,
            now: NOW.getTime() - ageDays * DAY * 1000,
            expiresAt: NOW.getTime() + DAY * 1000,
          });
          const result = await verifyEntitlement(token, kit.options());
          assert.equal(result.code, 'OK', result.message);
          assert.ok(result.valid);
          assert.deepEqual(result.entitlement.license, license);
          assert.equal(result.entitlement.smartServerId, SID);
        },
      ),
      { numRuns: 150 },
    );
  });
});
