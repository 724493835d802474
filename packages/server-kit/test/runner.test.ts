// The service runner, driven as a real process with hostile arguments: every refusal is exit 2
// with the reason on stderr, a failure is exit 1 with its message, the storage is closed
// whatever the work did, and `serve` stops cleanly on SIGINT and SIGTERM.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  processStorages,
  runCommand,
  startServiceProcess,
  type CommandResult,
} from '@smartserver-licensing/server-kit/testing';

const CLI = fileURLToPath(new URL('./fixtures/demo-cli.ts', import.meta.url));
const PGLITE = { ...process.env, DATABASE_URL: '' };

function refused(result: CommandResult, reason: RegExp): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^demo: /);
  assert.match(result.stderr, reason);
}

describe('the service runner', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runner-'));
    dirs.push(dir);
    return dir;
  };

  it('prints the help for help, --help and -h, before or after a command, and exits 0', async () => {
    for (const args of [['help'], ['--help'], ['-h'], ['serve', '--help'], ['add-item', '-h']]) {
      const result = await runCommand(CLI, args, PGLITE);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /^demo — a service for the runner test/);
      assert.equal(result.stderr, '');
    }
  });

  it('refuses unknown options, missing or surplus values and stray arguments with exit 2 and the help', async () => {
    for (const args of [
      ['serve', '--nope'],
      ['serve', '--port'],
      ['serve', '--help=yes'],
      ['serve', '--loud=1'],
      ['serve', 'extra'],
      ['add-item', '--name', 'a', '--', '--name'],
    ]) {
      const result = await runCommand(CLI, args, PGLITE);
      refused(result, /Usage:/);
    }
  });

  it('refuses unknown commands, including names every object has', async () => {
    for (const command of ['frobnicate', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      const result = await runCommand(CLI, [command], PGLITE);
      refused(result, new RegExp(`unknown command "${command}"[^]*Usage:`));
    }
  });

  it('refuses a port that is not a whole number in 0..65535', async () => {
    for (const port of ['65536', '-1', '1.5', 'abc', '1e3x', 'Infinity']) {
      const result = await runCommand(CLI, ['serve', `--port=${port}`], PGLITE);
      refused(result, /--port must be 0\.\.65535/);
    }
  });

  it("a command's own refusal is exit 2; nothing is opened before its checks", async () => {
    const result = await runCommand(CLI, ['add-item', '--data-dir', await dataDir()], PGLITE);
    refused(result, /--name must be given/);
  });

  for (const storage of processStorages()) {
    it(`keeps data in DIR/db or DATABASE_URL, and closes the storage when the work fails (${storage.name})`, async () => {
      const dir = await dataDir();
      const env = await storage.env();
      const first = await runCommand(CLI, ['add-item', '--name', 'bolt', '--data-dir', dir], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`demo: added bolt \\(data: ${dir}\\)`));
      assert.match(first.stdout, /demo: storage closed/);
      assert.equal(existsSync(join(dir, 'db')), env['DATABASE_URL'] === '');
      const again = await runCommand(CLI, ['add-item', '--name', 'bolt', '--data-dir', dir], env);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, 'demo: an item bolt exists already\n');
      assert.match(again.stdout, /demo: storage closed/);
      const crash = await runCommand(CLI, ['crash', '--data-dir', dir], env);
      assert.equal(crash.code, 1);
      assert.equal(crash.stderr, 'demo: the work broke\n');
      assert.match(crash.stdout, /demo: storage closed/);
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves on port 0 until ${signal}, then stops cleanly with exit 0`, async () => {
      const service = await startServiceProcess(CLI, ['serve', '--port', '0'], PGLITE);
      assert.match(service.url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      assert.equal(await (await fetch(service.url)).text(), 'hello');
      const exited = new Promise<number | null>((resolve) => service.child.once('exit', resolve));
      await service.stop(signal);
      assert.equal(await exited, 0);
      assert.match(service.output(), /demo: stopped\n/);
    });
  }

  it('a port in use is exit 1 with the reason', async () => {
    const service = await startServiceProcess(CLI, ['serve', '--port', '0'], PGLITE);
    try {
      const port = new URL(service.url).port;
      const result = await runCommand(CLI, ['serve', '--port', port], PGLITE);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^demo: .*EADDRINUSE/);
    } finally {
      await service.stop();
    }
  });
});
