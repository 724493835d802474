import { describe, it } from 'node:test';
import { sampleState } from './state.js';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import assert from 'node:assert/strict';
import { MemoryLicenseSource, type LicenseSnapshot } from '../src/index.js';

const CUSTOMER = '2133c667-af41-4518-94df-a2bb3b775330';
const cloud = (n: number) => ({
  licenseId: licenseIdOf(100 + n),
  kind: 'capacity' as const,
  model: '72220-50' as const,
  capacity: 50,
  trial: false,
  activatedOn: null,
});

describe('MemoryLicenseSource', () => {
  it('starts loading without a state, ready with one, in error when told', () => {
    assert.equal(new MemoryLicenseSource().snapshot.phase, 'loading');
    assert.equal(new MemoryLicenseSource({ state: sampleState() }).snapshot.phase, 'ready');
    const failed = new MemoryLicenseSource({ error: 'boom' });
    assert.equal(failed.snapshot.phase, 'error');
    assert.equal(failed.snapshot.error?.message, 'boom');
  });

  it('notifies subscribers and stops after unsubscribe', () => {
    const source = new MemoryLicenseSource();
    const seen: LicenseSnapshot[] = [];
    const off = source.subscribe((s) => seen.push(s));
    source.setState(sampleState());
    off();
    source.setError('later');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.phase, 'ready');
  });

  it('R19: needs an account before listing, then downloads and returns licenses', async () => {
    const source = new MemoryLicenseSource({
      state: sampleState(),
      cloudLicenses: [cloud(1), cloud(2)],
    });
    const none = await source.listCloudLicenses();
    assert.equal(!none.ok && none.error.serverCode, 'NO_ACCOUNT');
    assert.equal((await source.setCustomerAccount('nope')).ok, false);
    assert.ok((await source.setCustomerAccount(CUSTOMER)).ok);
    const progress: number[] = [];
    // Asking twice for a license this SmartServer holds is harmless (the same activation).
    const result = await source.downloadLicenses([cloud(1).licenseId, cloud(1).licenseId], (d) =>
      progress.push(d),
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((r) => r.code),
      [undefined, undefined],
    );
    assert.deepEqual(progress, [1, 2]);
    assert.equal(source.snapshot.state?.licenses.length, 3);
    const back = await source.returnLicenses([cloud(1).licenseId]);
    assert.ok(back.ok && back.value[0]?.ok);
    assert.equal(source.snapshot.state?.licenses.length, 2);
  });

  it('applies the recompute hook after licenses change', async () => {
    const source = new MemoryLicenseSource({
      state: sampleState(),
      customerId: CUSTOMER,
      cloudLicenses: [cloud(1)],
      recompute: (s) => ({ ...s, capacity: { ...s.capacity, licensed: 100 } }),
    });
    await source.downloadLicenses([cloud(1).licenseId]);
    assert.equal(source.snapshot.state?.capacity.licensed, 100);
  });

  it('R20: refuses a file that is not an activation file', async () => {
    const source = new MemoryLicenseSource({ state: sampleState() });
    const result = await source.addLicenseFile('<img src=x onerror=alert(1)>');
    assert.equal(!result.ok && result.error.serverCode, 'FILE_MALFORMED');
  });

  it('fails the actions named in failures', async () => {
    const source = new MemoryLicenseSource({
      state: sampleState(),
      failures: { saveNote: 'disk full' },
    });
    const result = await source.saveNote(licenseIdOf(1), 'x');
    assert.equal(!result.ok && result.error.message, 'disk full');
  });
});
