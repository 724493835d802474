import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createActivationFile, readActivationFile } from '@smartserver-licensing/entitlements';
import {
  capacityLicense,
  DAY,
  maintenanceLicense,
  makeKit,
  NOW,
  OTHER_LICENSE_ID,
  OTHER_SID,
  SID,
} from './fixtures.js';

const kit = await makeKit();

describe('createActivationFile / readActivationFile', () => {
  it('R20, R21: round-trips capacity and maintenance tokens through a version 1 file', async () => {
    const tokens = [
      await kit.issue(),
      await kit.issue({ license: maintenanceLicense({ licenseId: OTHER_LICENSE_ID }) }),
    ];
    const created = createActivationFile({ tokens, smartServerId: SID, now: NOW.getTime() - 3600_000 });
    assert.ok(created.ok);
    assert.equal(created.value.file.version, 1);
    const read = await readActivationFile(created.value.text, kit.options());
    assert.ok(read.ok, read.ok ? '' : read.message);
    assert.deepEqual(
      read.results.map((r) => r.code),
      ['OK', 'OK'],
    );
    assert.equal(read.accepted.length, 2);
    assert.deepEqual(read.mark, {
      fileId: created.value.file.fileId,
      createdAt: created.value.file.createdAt,
    });
  });

  it('R20: accepts a newer file after an older one, then refuses the older one replayed', async () => {
    const token = await kit.issue();
    const older = createActivationFile({
      tokens: [token],
      smartServerId: SID,
      now: NOW.getTime() - 2 * DAY * 1000,
    });
    const newer = createActivationFile({
      tokens: [token],
      smartServerId: SID,
      now: NOW.getTime() - DAY * 1000,
    });
    assert.ok(older.ok && newer.ok);
    const first = await readActivationFile(older.value.text, kit.options());
    assert.ok(first.ok);
    const second = await readActivationFile(newer.value.text, { ...kit.options(), lastFile: first.mark });
    assert.ok(second.ok);
    const replay = await readActivationFile(older.value.text, { ...kit.options(), lastFile: second.mark });
    assert.equal(!replay.ok && replay.code, 'FILE_REPLAYED');
  });

  it('R20, R21: two files made in the same second (a capacity and a maintenance file) both apply, in order', async () => {
    const base = NOW.getTime() - 3600_000;
    const first = createActivationFile({ tokens: [await kit.issue()], smartServerId: SID, now: base + 100 });
    const second = createActivationFile({
      tokens: [await kit.issue({ license: maintenanceLicense({ licenseId: OTHER_LICENSE_ID }) })],
      smartServerId: SID,
      now: base + 700,
    });
    assert.ok(first.ok && second.ok);
    const a = await readActivationFile(first.value.text, kit.options());
    assert.ok(a.ok);
    const b = await readActivationFile(second.value.text, { ...kit.options(), lastFile: a.mark });
    assert.ok(b.ok, b.ok ? '' : b.message);
    const back = await readActivationFile(first.value.text, { ...kit.options(), lastFile: b.mark });
    assert.equal(!back.ok && back.code, 'FILE_REPLAYED');
  });

  it('reads an already-parsed file object as well as text', async () => {
    const created = createActivationFile({ tokens: [await kit.issue()], smartServerId: SID, now: NOW });
    assert.ok(created.ok);
    const read = await readActivationFile(JSON.parse(created.value.text), kit.options());
    assert.ok(read.ok);
  });

  it('R20: refuses to write a token bound to another SmartServer into the file', async () => {
    const stranger = await kit.issue({ smartServerId: OTHER_SID, license: capacityLicense() });
    const created = createActivationFile({ tokens: [stranger], smartServerId: SID, now: NOW });
    assert.equal(!created.ok && created.error.code, 'INVALID_FILE');
  });

  it('refuses bad input to createActivationFile with typed errors', () => {
    assert.equal(createActivationFile({ tokens: [], smartServerId: SID, now: NOW }).ok, false);
    assert.equal(createActivationFile({ tokens: ['x'], smartServerId: SID, now: NOW }).ok, false);
    assert.equal(createActivationFile({ tokens: [], smartServerId: 'bad id', now: NOW }).ok, false);
    assert.equal(createActivationFile({ tokens: [], smartServerId: SID, now: Number.NaN }).ok, false);
    assert.equal(createActivationFile(null as never).ok, false);
  });

  it('refuses a bad lastFile mark with INVALID_OPTIONS', async () => {
    const created = createActivationFile({ tokens: [await kit.issue()], smartServerId: SID, now: NOW });
    assert.ok(created.ok);
    const read = await readActivationFile(created.value.text, {
      ...kit.options(),
      lastFile: { fileId: 'x', createdAt: 'yesterday' },
    });
    assert.equal(!read.ok && read.code, 'INVALID_OPTIONS');
  });
});
