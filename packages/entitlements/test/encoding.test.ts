import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64url, encodeBase64url, parseStrictJson } from '../src/encoding.js';

describe('strict decoding', () => {
  it('parses what JSON.parse parses, when keys are unique and nesting is shallow', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseStrictJson(text, 10);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
        assert.deepEqual(parsed.value, JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses duplicate keys, also when one is written with escapes', () => {
    assert.equal(parseStrictJson('{"a":1,"a":2}').ok, false);
    assert.equal(parseStrictJson('{"a":1,"\\u0061":2}').ok, false);
    assert.equal(parseStrictJson('{"a":{"b":1},"b":1}').ok, true);
  });

  it('refuses nesting beyond the limit without deep recursion', () => {
    assert.equal(parseStrictJson('['.repeat(100_000) + ']'.repeat(100_000)).ok, false);
    assert.equal(parseStrictJson('[[[]]]', 3).ok, true);
    assert.equal(parseStrictJson('[[[[]]]]', 3).ok, false);
  });

  it('refuses what JSON.parse refuses', () => {
    for (const bad of [
      '',
      '{',
      '{"a":}',
      "{'a':1}",
      '[1,]',
      '{"a":1,}',
      '01',
      'nul',
      '"\u0001"',
      '"\\x"',
      '1 2',
    ]) {
      assert.equal(parseStrictJson(bad).ok, false, bad);
    }
  });

  it('round-trips base64url and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase64url(bytes);
        assert.deepEqual(decodeBase64url(text), bytes);
      }),
      { numRuns: 500 },
    );
    assert.deepEqual(decodeBase64url('QQ'), new Uint8Array([65]));
    assert.equal(decodeBase64url('QR'), undefined);
    assert.equal(decodeBase64url('Q'), undefined);
    assert.equal(decodeBase64url('QQ=='), undefined);
    assert.equal(decodeBase64url('Q+/A'), undefined);
  });
});
