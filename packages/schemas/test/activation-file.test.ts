import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_ACTIVATION_FILE_CHARS,
  MAX_TOKENS_PER_FILE,
  parseActivationFile,
  parseActivationFileText,
} from '@smartserver-licensing/schemas';
import { activationFile } from './fixtures.js';

describe('offline activation file envelope', () => {
  it('R20: parses a version 1 file for one SmartServer', () => {
    const result = parseActivationFileText(JSON.stringify(activationFile()));
    assert.ok(result.ok);
    assert.equal(result.value.smartServerId, 'SID-17q2d6x');
    assert.equal(result.value.tokens.length, 1);
  });

  it('R21: one envelope carries capacity and maintenance tokens alike (up to the limit)', () => {
    const token = activationFile().tokens[0];
    const many = Array.from({ length: MAX_TOKENS_PER_FILE }, () => token);
    assert.ok(parseActivationFile(activationFile({ tokens: many })).ok);
    const tooMany = parseActivationFile(activationFile({ tokens: [...many, token] }));
    assert.equal(tooMany.ok, false);
    if (!tooMany.ok) assert.match(tooMany.error.message, /tokens: must hold at most 64 tokens/);
  });

  it('R20: refuses an empty file, an unknown version and a foreign format, naming the field', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [activationFile({ tokens: [] }), /tokens: must hold at least one token/],
      [activationFile({ version: 2 }), /version: unsupported file version/],
      [activationFile({ format: 'jwks' }), /format: must be "smartserver-license-activation"/],
      [activationFile({ createdAt: 'yesterday' }), /createdAt: must be an ISO 8601 date-time/],
      [activationFile({ smartServerId: '../../etc/passwd' }), /smartServerId: may hold only/],
      [activationFile({ fileId: 7 }), /fileId: expected string, got number/],
    ];
    for (const [file, message] of cases) {
      const result = parseActivationFile(file);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error.message, message);
    }
  });

  it('refuses tokens that are not compact JWS text: JSON serialization, extra segments, huge', () => {
    for (const token of [
      '{"payload":"x","signatures":[]}',
      'a.b.c.d',
      'a.b',
      'a b.c.d',
      'x'.repeat(9000) + '.a.b',
    ]) {
      const result = parseActivationFile(activationFile({ tokens: [token] }));
      assert.equal(result.ok, false, token.slice(0, 30));
      if (!result.ok) assert.equal(result.error.issues[0]?.path, 'tokens[0]');
    }
  });

  it('refuses text over the size limit before parsing it', () => {
    const result = parseActivationFileText(' '.repeat(MAX_ACTIVATION_FILE_CHARS + 1));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'TOO_LARGE');
  });

  it('refuses text that is not JSON, and input that is not text', () => {
    for (const text of ['', '{', 'null', '[]', '"tokens"']) {
      const result = parseActivationFileText(text);
      assert.equal(result.ok, false, text);
    }
    const notText = parseActivationFileText(Buffer.from('{}'));
    assert.equal(notText.ok, false);
    if (!notText.ok) assert.equal(notText.error.code, 'INVALID_JSON');
    const bad = parseActivationFileText('{"format":');
    assert.ok(!bad.ok && bad.error.code === 'INVALID_JSON');
  });

  it('refuses deeply nested JSON as an invalid envelope, without a stack overflow', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const result = parseActivationFileText(deep);
    assert.equal(result.ok, false);
  });

  it('refuses __proto__ in the envelope', () => {
    const text = JSON.stringify(activationFile()).replace('{', '{"__proto__":{"tokens":["a.b.c"]},');
    const result = parseActivationFileText(text);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /unknown field "__proto__"/);
  });
});
