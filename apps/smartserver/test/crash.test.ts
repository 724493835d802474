// Story 3b: the SmartServer process is SIGKILLed right after the return's transaction commits and
// before the receipt leaves (fault point SMARTSERVER_FAULT=after-return-commit). After a restart
// the license does not count there, the receipt goes out, and only then can another SmartServer
// have the license. The SmartServer runs as its own process from its command line, on a PGlite
// data folder and, when a server is available, on PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HttpTestClient,
  processStorages,
  runCli,
  startServiceProcess,
  type ServiceProcess,
} from '@smartserver-licensing/server-kit/testing';
import {
  engines,
  PASSWORD,
  startCloud,
  startSmartServer,
  type TestCloud,
  type TestSmartServer,
} from './harness.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

let cloud: TestCloud;
before(async () => {
  cloud = await startCloud();
});
after(() => cloud?.close());

for (const [index, variant] of processStorages().entries()) {
  describe(`a SmartServer killed mid-return, on ${variant.name}`, () => {
    const dirs: string[] = [];
    const processes: ServiceProcess[] = [];
    let other: TestSmartServer | undefined;
    after(async () => {
      for (const p of processes) await p.stop('SIGKILL');
      await other?.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('R19 (story 3b): after SIGKILL at the fault point and a restart, the license does not count, the receipt is delivered, and only then can another SmartServer have it', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'ss-crash-'));
      dirs.push(dataDir);
      const env = await variant.env();
      const sid = `SID-crash-${index}`;
      await runCli(
        CLI,
        ['add-user', '--username', 'owner', '--password', PASSWORD, '--type', 'Owner', '--data-dir', dataDir],
        env,
      );
      await runCli(
        CLI,
        ['add-device', '--name', 'SmartServer', '--protocol', 'iap', '--smartserver', '--data-dir', dataDir],
        env,
      );
      const serve = (extra: NodeJS.ProcessEnv) =>
        startServiceProcess(
          CLI,
          [
            'serve',
            '--port',
            '0',
            '--data-dir',
            dataDir,
            '--cloud-url',
            cloud.url,
            '--id',
            sid,
            '--name',
            'Crash site',
          ],
          { ...env, ...extra },
        );
      const login = async (url: string) => {
        const client = new HttpTestClient(url);
        const reply = await client.post('/api/session', { username: 'owner', password: PASSWORD });
        assert.equal(reply.status, 200, reply.text);
        client.csrf = reply.body.csrfToken;
        return client;
      };
      const licensed = async (client: HttpTestClient) =>
        (await client.get('/iap/lic/status')).body.state.capacity.licensed as number;

      const first = await serve({ SMARTSERVER_FAULT: 'after-return-commit' });
      processes.push(first);
      let owner = await login(first.url);
      assert.equal((await owner.put('/iap/lic/accounts', { customerId: cloud.customerId })).status, 200);
      const { licenseId } = await cloud.license('72220-10');
      const down = await owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(down.body.results, [{ licenseId, ok: true }]);
      assert.equal(await licensed(owner), 10);

      const died = new Promise<NodeJS.Signals | null>((resolve) =>
        first.child.once('exit', (_code, signal) => resolve(signal)),
      );
      await assert.rejects(owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] }));
      assert.equal(await died, 'SIGKILL');
      assert.match(first.output(), /SMARTSERVER_FAULT=after-return-commit/);

      // The receipt never left: the cloud still binds the license to the dead SmartServer.
      other = await startSmartServer(await engines()[0]!.open(), cloud.url, {
        smartServerId: `SID-crash-other-${index}`,
        issuer: cloud.url,
      });
      const otherOwner = await other.as('Owner');
      assert.equal((await otherOwner.put('/iap/lic/accounts', { customerId: cloud.customerId })).status, 200);
      const early = await otherOwner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.equal(early.body.results[0].code, 'BOUND_ELSEWHERE');

      const second = await serve({ SMARTSERVER_FAULT: '' });
      processes.push(second);
      owner = await login(second.url);
      assert.equal(await licensed(owner), 0);
      const delivered = await owner.post('/iap/lic/returns/deliver');
      assert.deepEqual(delivered.body, { returns: [] });
      const late = await otherOwner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(late.body.results, [{ licenseId, ok: true }]);
      assert.equal((await otherOwner.get('/iap/lic/status')).body.state.capacity.licensed, 10);
      assert.equal(await licensed(owner), 0);
    });
  });
}
