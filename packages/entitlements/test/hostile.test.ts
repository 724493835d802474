import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  readActivationFile,
  verifyEntitlement,
  VERIFY_FAILURE_CODES,
} from '@smartserver-licensing/entitlements';
import { makeKit } from './fixtures.js';
import { hostileFiles, hostileTokens } from './hostile-corpus.js';

// Built before the tests are declared, so that each case is a test of its own.
const kit = await makeKit();
const tokens = await hostileTokens(kit);
const files = await hostileFiles(kit);

describe('hostile corpus', () => {
  it('holds at least 60 tokens and files, each named once', () => {
    assert.ok(tokens.length + files.length >= 60, `only ${tokens.length + files.length} cases`);
    const names = new Set([...tokens, ...files].map((c) => c.name));
    assert.equal(names.size, tokens.length + files.length, 'case names must be unique');
  });

  it('has a single-token case for every failure code but INVALID_OPTIONS and DUPLICATE', () => {
    const seen = new Set(tokens.map((c) => c.code));
    for (const code of VERIFY_FAILURE_CODES) {
      if (code === 'INVALID_OPTIONS' || code === 'DUPLICATE') continue;
      assert.ok(seen.has(code), `no hostile token for ${code}`);
    }
  });
});

describe('hostile tokens (RFC 8725 and the license rules)', () => {
  for (const c of tokens) {
    it(`${c.name} -> ${c.code}`, async () => {
      const result = await verifyEntitlement(c.token, kit.options(c.options));
      assert.equal(result.valid, false);
      assert.equal(result.code, c.code, result.message);
      // Only an expired token still carries claims a caller may use; nothing hostile is usable.
      assert.equal(result.usable, c.code === 'EXPIRED');
      assert.ok(result.message.length > 0);
    });
  }
});

describe('hostile activation files (R20, R21, R25)', () => {
  for (const c of files) {
    const expected = typeof c.code === 'string' ? c.code : c.code.join(', ');
    it(`${c.name} -> ${expected}`, async () => {
      const result = await readActivationFile(c.text, {
        ...kit.fileOptions(c.options),
        appliedFiles: new Set(c.applied ?? []),
      });
      if (typeof c.code === 'string') {
        assert.equal(result.ok ? 'read' : result.code, c.code);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.deepEqual(
        result.results.map((r) => r.code),
        c.code,
      );
      // Nothing is activated that did not verify.
      assert.equal(result.accepted.length, c.code.filter((code) => code === 'OK').length);
      for (const accepted of result.accepted) {
        assert.ok(result.results.some((r) => r.valid && r.entitlement === accepted));
      }
    });
  }
});
