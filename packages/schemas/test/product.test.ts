import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, formatVersion, parseProduct, parseVersion } from '@smartserver-licensing/schemas';

describe('product and versions', () => {
  it('R1: parses the releases around the licensing gate', () => {
    assert.deepEqual(parseVersion('3.2'), { ok: true, value: { major: 3, minor: 2, update: 0 } });
    assert.deepEqual(parseVersion('3.3'), { ok: true, value: { major: 3, minor: 3, update: 0 } });
  });

  it('R17: parses updates, and orders releases by major, minor, update', () => {
    const parsed = ['4.0', '3.3 Update 1', '3.10', '3.3', '3.4'].map((text) => {
      const result = parseVersion(text);
      assert.ok(result.ok, text);
      return result.value;
    });
    const sorted = [...parsed].sort(compareVersions).map(formatVersion);
    assert.deepEqual(sorted, ['3.3', '3.3 Update 1', '3.4', '3.10', '4.0']);
  });

  for (const bad of [
    '3',
    '3.3.1',
    'v3.3',
    '3.3 update 1',
    '3.3 Update 0',
    '03.3',
    ' 3.3',
    '3.3 Update',
    42,
    null,
  ]) {
    it(`refuses the version ${JSON.stringify(bad)} with UNSUPPORTED_VERSION`, () => {
      const result = parseVersion(bad);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, 'UNSUPPORTED_VERSION');
    });
  }

  it('R2: knows both editions, SmartServer and SmartServer Pi', () => {
    assert.ok(parseProduct({ edition: 'SmartServer Pi', version: '4.2' }).ok);
    const result = parseProduct({ edition: 'SmartServer Zero', version: '4.2' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /edition: must be "SmartServer" or "SmartServer Pi"/);
  });
});
