import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_ACTIVATION_FILE_CHARS,
  parseActivationFile,
  parseActivationFileText,
} from '@smartserver-licensing/schemas';
import { activationFile } from './fixtures.js';

describe('offline activation file envelope', () => {
  it('R20: parses a version 2 envelope: format, version and one signed part', () => {
    const result = parseActivationFileText(JSON.stringify(activationFile()));
    assert.ok(result.ok);
    assert.equal(result.value.version, 2);
    assert.match(result.value.signed, /^[^.]+\.[^.]+\.[^.]+$/);
  });

  it('R20: refuses a version 1 file (unsigned), an unknown version, a foreign format and extra fields', () => {
    const v1 = {
      format: 'smartserver-license-activation',
      version: 1,
      fileId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      createdAt: '2026-03-01T12:00:00Z',
      smartServerId: 'SID-17q2d6x',
      tokens: ['a.b.c'],
    };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [v1, /version 1 files are no longer accepted/],
      [activationFile({ version: 3 }), /version: unsupported version/],
      [activationFile({ format: 'jwks' }), /format: must be "smartserver-license-activation"/],
      [activationFile({ smartServerId: 'SID-17q2d6x' }), /unknown field "smartServerId"/],
      [activationFile({ signed: 7 }), /signed: expected string/],
    ];
    for (const [file, message] of cases) {
      const result = parseActivationFile(file);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error.message, message);
    }
  });

  it('refuses a signed part that is not compact JWS text: JSON serialization, extra segments, no signature', () => {
    for (const signed of ['{"payload":"x","signatures":[]}', 'a.b.c.d', 'a.b', 'a b.c.d', 'a.b.']) {
      const result = parseActivationFile(activationFile({ signed }));
      assert.equal(result.ok, false, signed.slice(0, 30));
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
    const text = JSON.stringify(activationFile()).replace('{', '{"__proto__":{"version":2},');
    const result = parseActivationFileText(text);
    assert.equal(result.ok, false);
  });
});
