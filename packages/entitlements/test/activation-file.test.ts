import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createActivationFile, readActivationFile } from '@smartserver-licensing/entitlements';
import {
  capacityLicense,
  ISSUER,
  maintenanceLicense,
  makeKit,
  NOW,
  OTHER_LICENSE_ID,
  OTHER_SID,
  SID,
} from './fixtures.js';
import { REQUEST_ID } from './hostile-corpus.js';

const kit = await makeKit();
const base = () => ({
  smartServerId: SID,
  keyThumbprint: kit.ss.thumbprint,
  requestId: REQUEST_ID,
  issuer: ISSUER,
  signingKey: kit.signer1,
  now: NOW.getTime() - 3600_000,
});

describe('createActivationFile / readActivationFile (version 2, signed whole)', () => {
  it('R20, R21: round-trips capacity and maintenance tokens bound to the SmartServer key', async () => {
    const tokens = [
      await kit.issue({ keyThumbprint: kit.ss.thumbprint }),
      await kit.issue({
        keyThumbprint: kit.ss.thumbprint,
        license: maintenanceLicense({ licenseId: OTHER_LICENSE_ID }),
        tokenId: '0c1d2e3f-0000-4000-8000-000000000009',
      }),
    ];
    const created = await createActivationFile({ ...base(), tokens });
    assert.ok(created.ok, created.ok ? '' : created.error.message);
    const envelope = JSON.parse(created.value.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['format', 'version', 'signed']);
    assert.equal(envelope['version'], 2);
    const read = await readActivationFile(created.value.text, kit.fileOptions());
    assert.ok(read.ok, read.ok ? '' : read.message);
    assert.deepEqual(
      read.results.map((r) => r.code),
      ['OK', 'OK'],
    );
    assert.equal(read.accepted[0]!.keyThumbprint, kit.ss.thumbprint);
    assert.equal(read.file.fileId, created.value.file.fileId);
    assert.equal(read.file.requestId, REQUEST_ID);
  });

  it('R20: a file applied once is refused the second time, whatever else is the same', async () => {
    const created = await createActivationFile({
      ...base(),
      tokens: [await kit.issue({ keyThumbprint: kit.ss.thumbprint })],
    });
    assert.ok(created.ok);
    const again = await readActivationFile(created.value.text, {
      ...kit.fileOptions(),
      appliedFiles: new Set([created.value.file.fileId]),
    });
    assert.equal(again.ok ? 'read' : again.code, 'FILE_REPLAYED');
    const byFunction = await readActivationFile(created.value.text, {
      ...kit.fileOptions(),
      appliedFiles: (id) => id === created.value.file.fileId,
    });
    assert.equal(byFunction.ok ? 'read' : byFunction.code, 'FILE_REPLAYED');
  });

  it('R19: a revocation list is a file with no tokens; its ids make later tokens REVOKED', async () => {
    const activationId = 'c0ffee00-0000-4000-8000-000000000001';
    const list = await createActivationFile({ ...base(), tokens: [], revoked: [activationId] });
    assert.ok(list.ok);
    const read = await readActivationFile(list.value.text, kit.fileOptions());
    assert.ok(read.ok, read.ok ? '' : read.message);
    assert.deepEqual(read.revoked, [activationId]);
    assert.equal(read.accepted.length, 0);
  });

  it('R20: reads the already-parsed JSON of a file too', async () => {
    const created = await createActivationFile({
      ...base(),
      tokens: [await kit.issue({ keyThumbprint: kit.ss.thumbprint })],
    });
    assert.ok(created.ok);
    const read = await readActivationFile(JSON.parse(created.value.text), kit.fileOptions());
    assert.ok(read.ok && read.accepted.length === 1);
  });

  it('refuses to wrap a token bound to another SmartServer or another key', async () => {
    const stranger = await kit.issue({ smartServerId: OTHER_SID, keyThumbprint: kit.ss.thumbprint });
    const otherKey = await kit.issue({ keyThumbprint: kit.otherSs.thumbprint });
    const unbound = await kit.issue({ license: capacityLicense() });
    for (const token of [stranger, otherKey, unbound]) {
      const created = await createActivationFile({ ...base(), tokens: [token] });
      assert.equal(created.ok ? 'created' : created.error.code, 'INVALID_FILE');
    }
  });

  it('refuses bad input to createActivationFile with typed errors', async () => {
    const code = async (input: unknown) => {
      const r = await createActivationFile(input as never);
      return r.ok ? 'created' : r.error.code;
    };
    assert.equal(await code({ ...base(), tokens: ['x'] }), 'INVALID_FILE');
    assert.equal(await code({ ...base(), tokens: [], smartServerId: 'bad id' }), 'INVALID_OPTIONS');
    assert.equal(await code({ ...base(), tokens: [], now: Number.NaN }), 'INVALID_OPTIONS');
    assert.equal(await code({ ...base(), tokens: [], keyThumbprint: 'short' }), 'INVALID_FILE');
    assert.equal(await code({ ...base(), tokens: [], revoked: ['not-a-uuid'] }), 'INVALID_FILE');
    assert.equal(await code({ ...base(), tokens: [], signingKey: { kty: 'oct' } }), 'INVALID_KEY');
    assert.equal(await code(null), 'INVALID_OPTIONS');
  });

  it('refuses bad reader options with INVALID_OPTIONS', async () => {
    const created = await createActivationFile({ ...base(), tokens: [] });
    assert.ok(created.ok);
    for (const over of [{ keyThumbprint: undefined }, { appliedFiles: ['x'] }, { now: 'yesterday' }]) {
      const read = await readActivationFile(created.value.text, {
        ...kit.fileOptions(),
        ...(over as object),
      } as never);
      assert.equal(read.ok ? 'read' : read.code, 'INVALID_OPTIONS');
    }
  });
});
