import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotificationSettings, parseUserType } from '@smartserver-licensing/schemas';

describe('notification settings', () => {
  it('R18: holds the chosen days before expiry and the recipients', () => {
    const result = parseNotificationSettings({
      daysBeforeExpiry: [60, 30, 7],
      recipients: ['owner@example.com'],
    });
    assert.ok(result.ok);
    assert.deepEqual(result.value.daysBeforeExpiry, [60, 30, 7]);
  });

  it('R18: refuses repeated days or recipients, out-of-range days and bad addresses', () => {
    const cases: Array<[unknown, string]> = [
      [{ daysBeforeExpiry: [30, 30], recipients: [] }, 'daysBeforeExpiry'],
      [{ daysBeforeExpiry: [366], recipients: [] }, 'daysBeforeExpiry[0]'],
      [{ daysBeforeExpiry: [-1], recipients: [] }, 'daysBeforeExpiry[0]'],
      [{ daysBeforeExpiry: [1.5], recipients: [] }, 'daysBeforeExpiry[0]'],
      [{ daysBeforeExpiry: [], recipients: ['a@b.example', 'A@B.example'] }, 'recipients'],
      [{ daysBeforeExpiry: [], recipients: ['not-an-address'] }, 'recipients[0]'],
      [{ daysBeforeExpiry: [], recipients: ['a@b.example\r\nBcc: evil@x.example'] }, 'recipients[0]'],
      [{ daysBeforeExpiry: [] }, 'recipients'],
    ];
    for (const [input, path] of cases) {
      const result = parseNotificationSettings(input);
      assert.equal(result.ok, false, JSON.stringify(input));
      if (!result.ok) assert.equal(result.error.issues[0]?.path, path, result.error.message);
    }
  });
});

describe('CMS users', () => {
  it('R22: knows the four user types and nothing else', () => {
    for (const type of ['Owner', 'Admin', 'Supervisor', 'User']) assert.ok(parseUserType(type).ok, type);
    for (const type of ['owner', 'Root', '', null]) assert.equal(parseUserType(type).ok, false, String(type));
  });
});
