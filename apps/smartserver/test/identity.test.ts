// The SmartServer's own key: made once at first start, private on disk, the same on every later
// start, and never silently replaced.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSmartServerKey } from '@smartserver-licensing/entitlements';
import type { Db } from '@smartserver-licensing/server-kit';
import { createSmartServer } from '../src/app.js';
import { KEY_FILE } from '../src/identity.js';
import { engines, NO_CLOUD, seed, startSmartServer } from './harness.js';
import { LOCAL_ISSUER, LocalIssuer } from './local-issuer.js';

const INSTALL_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

describe('the SmartServer key', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  after(async () => {
    for (const db of dbs) await db.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const fresh = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ss-identity-'));
    dirs.push(dataDir);
    const db = await engines()[0]!.open();
    dbs.push(db);
    await seed(db);
    return { dataDir, db };
  };
  let issuer: LocalIssuer;
  const start = async (db: Db, dataDir: string, extra: { newKey?: boolean } = {}) => {
    issuer ??= await LocalIssuer.create();
    return createSmartServer({
      dataDir,
      db,
      cloudUrl: NO_CLOUD,
      issuer: LOCAL_ISSUER,
      jwks: issuer.jwks,
      returnRetryDelaysMs: false,
      log: () => undefined,
      ...extra,
    });
  };

  it('is made at first start in identity/smartserver-key.json (file 0600, folder 0700), and the Owner sees its Install Code', async () => {
    const { dataDir, db } = await fresh();
    const ss = await startSmartServer(db, NO_CLOUD, {
      dataDir,
      jwks: (issuer ??= await LocalIssuer.create()).jwks,
    });
    const file = join(dataDir, KEY_FILE);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dataDir, 'identity'))).mode & 0o777, 0o700);
    const loaded = await loadSmartServerKey(JSON.parse(await readFile(file, 'utf8')));
    assert.ok(loaded.ok);
    assert.equal(loaded.value.installCode, ss.server.key.installCode);
    assert.match(ss.server.key.installCode, INSTALL_CODE);
    const account = await (await ss.as('Owner')).get('/iap/lic/accounts');
    assert.equal(account.status, 200);
    assert.deepEqual(account.body, {
      customerId: null,
      smartServerId: 'SID-test',
      segmentController: 'Building 1 SmartServer',
      installCode: ss.server.key.installCode,
    });
    const admin = await (await ss.as('Admin')).get('/iap/lic/accounts');
    assert.equal(admin.status, 403);
    await ss.close('keep');
  });

  it('is loaded again on every later start: the Install Code stays', async () => {
    const { dataDir, db } = await fresh();
    const first = await start(db, dataDir);
    await first.close();
    const before = await readFile(join(dataDir, KEY_FILE), 'utf8');
    const second = await start(db, dataDir);
    assert.equal(second.key.installCode, first.key.installCode);
    assert.equal(await readFile(join(dataDir, KEY_FILE), 'utf8'), before);
    await second.close();
  });

  it('a damaged key file stops the start with a message that names it; no new key is made', async () => {
    const { dataDir, db } = await fresh();
    await (await start(db, dataDir)).close();
    const file = join(dataDir, KEY_FILE);
    for (const damage of ['{"kty":"OKP",', '{"kty":"OKP","crv":"Ed25519","x":"short","d":"short"}', '[]']) {
      await writeFile(file, damage);
      await assert.rejects(start(db, dataDir), (error: Error) => {
        assert.match(error.message, /key file .*smartserver-key\.json is damaged/);
        assert.match(error.message, /Restore it from a backup/);
        return true;
      });
      assert.equal(await readFile(file, 'utf8'), damage);
    }
  });

  it('an unreadable key file stops the start too', async () => {
    const { dataDir, db } = await fresh();
    await mkdir(join(dataDir, KEY_FILE), { recursive: true });
    await assert.rejects(start(db, dataDir), /cannot be read/);
  });

  it('a key file gone from a SmartServer whose database recorded a key stops the start; --new-key makes a new one on purpose', async () => {
    const { dataDir, db } = await fresh();
    const first = await start(db, dataDir);
    await first.close();
    await rm(join(dataDir, KEY_FILE));
    await assert.rejects(start(db, dataDir), /missing, but this SmartServer’s database was made with a key/);
    const replaced = await start(db, dataDir, { newKey: true });
    assert.notEqual(replaced.key.installCode, first.key.installCode);
    await replaced.close();
    // From now on the new key is the recorded one.
    const again = await start(db, dataDir);
    assert.equal(again.key.installCode, replaced.key.installCode);
    await again.close();
  });

  it('another SmartServer’s key file in place of this one’s stops the start', async () => {
    const a = await fresh();
    const b = await fresh();
    await (await start(a.db, a.dataDir)).close();
    await (await start(b.db, b.dataDir)).close();
    await writeFile(join(a.dataDir, KEY_FILE), await readFile(join(b.dataDir, KEY_FILE)));
    await assert.rejects(start(a.db, a.dataDir), /holds another key/);
  });
});
