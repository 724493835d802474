import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDevice, parseDeviceInventory } from '@smartserver-licensing/schemas';
import { device } from './fixtures.js';

describe('devices', () => {
  it('R9: a device says whether it is the SmartServer itself', () => {
    const result = parseDevice(device({ id: 'sid', isSmartServer: true, protocol: 'iap' }));
    assert.ok(result.ok && result.value.isSmartServer);
  });

  it('keeps hostile names as text: markup and RTL are data, control characters are refused', () => {
    assert.ok(parseDevice(device({ name: '<img src=x onerror=alert(1)>' })).ok);
    assert.ok(parseDevice(device({ name: '\u202eمكيف الهواء' })).ok);
    for (const name of ['', 'a\u0000b', 'tab\there', 'n'.repeat(257)]) {
      const result = parseDevice(device({ name }));
      assert.equal(result.ok, false, JSON.stringify(name.slice(0, 20)));
      if (!result.ok) assert.equal(result.error.issues[0]?.path, 'name');
    }
  });

  it('refuses an unknown protocol and a creation time without a zone', () => {
    assert.equal(parseDevice(device({ protocol: 'zigbee' })).ok, false);
    assert.equal(parseDevice(device({ createdAt: '2026-02-01T10:00:00' })).ok, false);
  });

  it('R12: an inventory has unique device ids', () => {
    const result = parseDeviceInventory([device({ id: 'a' }), device({ id: 'b' }), device({ id: 'a' })]);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /\[2\]\.id: duplicate device id a/);
  });

  it('R9: an inventory has at most one SmartServer', () => {
    const result = parseDeviceInventory([
      device({ id: 'a', isSmartServer: true }),
      device({ id: 'b', isSmartServer: true }),
    ]);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.issues[0]?.path, '[1].isSmartServer');
  });

  it('accepts an empty inventory and a large one', () => {
    assert.ok(parseDeviceInventory([]).ok);
    const many = Array.from({ length: 10_000 }, (_, i) => device({ id: `d${i}` }));
    assert.ok(parseDeviceInventory(many).ok);
  });
});
