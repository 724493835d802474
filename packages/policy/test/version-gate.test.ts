import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkDeviceOperation,
  checkFeature,
  computeLicenseState,
  productGate,
  type PolicyInput,
} from '@smartserver-licensing/policy';
import type { LicenseState } from '@smartserver-licensing/schemas';
import { core, input, inventory } from './fixtures.js';

function state(over: Partial<PolicyInput>): LicenseState {
  const result = computeLicenseState(input(over));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

describe('version gate', () => {
  it('R1: 3.2 and older need no license; nothing is restricted and no badge shows', () => {
    for (const version of ['3.2', '3.1 Update 4', '2.9']) {
      const s = state({ product: { edition: 'SmartServer', version }, licenses: [], devices: inventory(20) });
      assert.equal(s.licensingRequired, false, version);
      assert.equal(s.capacity.badge, false);
      assert.equal(s.capacity.unlicensed, 0);
      assert.ok(s.devices.every((d) => d.licensed));
      assert.deepEqual(
        s.findings.map((f) => f.code),
        ['LICENSING_NOT_REQUIRED'],
      );
      assert.equal(s.manageLicenses.autoOpen, false);
      assert.deepEqual(checkDeviceOperation(s, 'provision', 'dev-000020'), { allowed: true });
    }
  });

  it('R1: 3.3, 3.3 Update 1 and later turn licensing on', () => {
    for (const version of ['3.3', '3.3 Update 1', '3.4', '4.0']) {
      const gate = productGate({ edition: 'SmartServer', version });
      assert.ok(gate.ok && gate.value.licensingRequired, version);
    }
  });

  it('R1: a release text that does not parse is UNSUPPORTED_VERSION', () => {
    const result = productGate({ edition: 'SmartServer', version: '3.3.1' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'UNSUPPORTED_VERSION');
  });

  it('R2: SmartServer Pi needs a Core license; without it discovery, import, creation and BACnet routing are refused', () => {
    const s = state({ product: { edition: 'SmartServer Pi', version: '4.2' } });
    assert.deepEqual(s.core, { required: true, licensed: false });
    assert.equal(s.findings[0]?.code, 'CORE_LICENSE_MISSING');
    assert.equal(s.findings[0]?.severity, 'error');
    for (const feature of [
      'device-discovery',
      'device-import',
      'device-creation',
      'bacnet-routing',
    ] as const) {
      const check = checkFeature(s, feature);
      assert.equal(check.allowed, false, feature);
      if (!check.allowed) assert.equal(check.code, 'CORE_LICENSE_MISSING');
    }
    const create = checkDeviceOperation(s, 'create-device');
    assert.equal(create.allowed, false);
  });

  it('R2: a Core license never expires: it still counts years after activation', () => {
    const s = state({
      product: { edition: 'SmartServer Pi', version: '4.3' },
      licenses: [core(9)],
      now: '2046-01-01T00:00:00Z',
    });
    assert.deepEqual(s.core, { required: true, licensed: true });
    assert.equal(s.licenses[0]?.status, 'active');
    assert.ok(!s.findings.some((f) => f.code === 'CORE_LICENSE_MISSING'));
    assert.deepEqual(checkFeature(s, 'device-discovery'), { allowed: true });
  });

  it('R2: the plain SmartServer needs no Core license', () => {
    assert.deepEqual(state({}).core, { required: false, licensed: false });
  });

  it('R2: SmartServer Pi before 4.2 does not exist and is refused as UNSUPPORTED_PRODUCT', () => {
    const result = computeLicenseState(input({ product: { edition: 'SmartServer Pi', version: '4.1' } }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'UNSUPPORTED_PRODUCT');
  });
});

describe('features', () => {
  it('R5: LON RNI, LON routing and BACnet routing run with zero capacity', () => {
    const s = state({ licenses: [] });
    assert.equal(s.capacity.licensed, 0);
    for (const feature of ['lon-rni', 'lon-routing', 'bacnet-routing'] as const) {
      assert.deepEqual(checkFeature(s, feature), { allowed: true }, feature);
    }
  });

  it('R19: with zero capacity device access, scheduling and data logging stop, with a reason', () => {
    const s = state({ licenses: [] });
    for (const feature of ['device-access', 'scheduling', 'data-logging'] as const) {
      const check = checkFeature(s, feature);
      assert.equal(check.allowed, false, feature);
      if (!check.allowed) {
        assert.equal(check.code, 'NO_CAPACITY');
        assert.match(check.reason, /capacity/);
      }
    }
    assert.deepEqual(checkFeature(state({}), 'scheduling'), { allowed: true });
  });

  it('refuses an unknown feature with a code instead of throwing', () => {
    const check = checkFeature(state({}), 'teleport' as never);
    assert.equal(check.allowed, false);
    if (!check.allowed) assert.equal(check.code, 'UNKNOWN_OPERATION');
  });
});
