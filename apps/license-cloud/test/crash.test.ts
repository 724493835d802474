// Crash safety: SIGKILL the cloud process in the middle of a batch of downloads, start it
// again on the same data, and check that no acknowledged download was lost and no
// license is bound twice.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processStorages, runCli, startServiceProcess } from '@smartserver-licensing/server-kit/testing';
import { Client, newKey, TestSmartServer } from './harness.js';
import type { SmartServerKey } from '@smartserver-licensing/entitlements';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const startServer = async (dataDir: string, env: NodeJS.ProcessEnv) =>
  startServiceProcess(CLI, ['serve', '--port', '0', '--data-dir', dataDir], env);

for (const variant of processStorages()) {
  describe(`crash safety on ${variant.name}`, () => {
    const dirs: string[] = [];
    const children: ChildProcess[] = [];
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('R19: after SIGKILL mid-batch and a restart, nothing acknowledged is lost and nothing is bound twice', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'cloud-crash-'));
      dirs.push(dataDir);
      const env = await variant.env();
      await runCli(
        CLI,
        [
          'add-account',
          '--role',
          'partner',
          '--email',
          'crash@example.com',
          '--password',
          'crash-test-pw',
          '--data-dir',
          dataDir,
        ],
        env,
      );

      let server = await startServer(dataDir, env);
      children.push(server.child);
      const partner = new Client(server.url);
      assert.equal((await partner.loginAccount('crash@example.com', 'crash-test-pw')).status, 200);
      const customerId = (await partner.post('/api/v1/partner/customers', { name: 'Crash site' })).body
        .customerId;
      const licenseIds: string[] = [];
      for (let i = 0; i < 40; i++) {
        const bought = (await partner.post('/api/v1/partner/licenses', { model: '72220-10' })).body.licenseId;
        licenseIds.push(
          (await partner.post(`/api/v1/partner/licenses/${bought}/transfer`, { customerId })).body.created
            .licenseId,
        );
      }

      // Two SmartServers (each with its key, registered) race for every license, one request per
      // license each; kill after a few answers.
      const keys = new Map<string, SmartServerKey>();
      const servers = ['SID-crash-a', 'SID-crash-b'];
      for (const sid of servers) keys.set(sid, await newKey());
      /** A SmartServer talking to the running process (its URL is the issuer, so it changes on restart). */
      const smartServer = (url: string, sid: string) =>
        new TestSmartServer(url, sid, keys.get(sid)!, { issuer: url, now: () => new Date() }, customerId);
      for (const sid of servers) {
        const registered = await smartServer(server.url, sid).register();
        assert.equal(registered.status, 200, registered.text);
      }
      const acknowledged = new Map<string, string>();
      const refusedFor = new Map<string, string>();
      let killing = false;
      let unanswered = 0;
      const killed = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
      const batch = licenseIds.flatMap((licenseId) =>
        servers.map(async (sid) => {
          try {
            const reply = await smartServer(server.url, sid).download([licenseId]);
            const result = reply.status === 200 ? reply.body.results[0] : undefined;
            if (result?.ok) acknowledged.set(licenseId, sid);
            // A refusal because the rival holds the license also reports a committed binding.
            if (result?.code === 'BOUND_ELSEWHERE') refusedFor.set(licenseId, sid);
            if (acknowledged.size === 5 && !killing) {
              killing = true;
              server.child.kill('SIGKILL');
            }
          } catch {
            // The connection died with the process: this download was never acknowledged.
            unanswered++;
          }
        }),
      );
      await Promise.all(batch);
      await killed;
      assert.ok(acknowledged.size > 0, 'some downloads were acknowledged before the kill');

      server = await startServer(dataDir, env);
      children.push(server.child);
      const listed = await smartServer(server.url, 'SID-crash-a').list();
      assert.equal(listed.status, 200, listed.text);
      const boundTo = new Map<string, string | null>(
        listed.body.licenses.map((l: { licenseId: string; boundTo: string | null }) => [
          l.licenseId,
          l.boundTo,
        ]),
      );
      for (const [licenseId, sid] of acknowledged) {
        assert.equal(boundTo.get(licenseId), sid, `acknowledged download of ${licenseId} to ${sid} was lost`);
      }
      for (const [licenseId, refused] of refusedFor) {
        const holder = boundTo.get(licenseId);
        assert.ok(
          holder && holder !== refused,
          `${licenseId} was reported bound elsewhere, but after restart it is bound to ${holder}`,
        );
      }
      // Downloads were in flight when the process died (their connections broke unanswered).
      assert.ok(unanswered > 0, 'the kill came before the batch finished');

      // Finish the batch: every license ends with exactly one holder, and only the holder gets a token.
      for (const licenseId of licenseIds) {
        const outcomes = [];
        for (const sid of servers) {
          const reply = await smartServer(server.url, sid).download([licenseId]);
          outcomes.push(reply.body.results[0].ok);
        }
        assert.equal(
          outcomes.filter(Boolean).length,
          1,
          `license ${licenseId} has ${outcomes.filter(Boolean).length} holders`,
        );
      }
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    });
  });
}
