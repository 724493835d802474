import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli, type CliIo } from '@smartserver-licensing/cli';

const NOW = new Date('2026-03-01T12:00:00Z');
const SID = 'SID-17q2d6x';
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
    now: () => NOW,
    readStdin: async () => stdin,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartserver-license-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('smartserver-license', () => {
  it('prints help for the program and for every command, with exit code 0', async () => {
    const main = await cli(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /keygen[\s\S]*mint[\s\S]*inspect[\s\S]*verify/);
    for (const command of ['keygen', 'mint', 'inspect', 'verify']) {
      const run = await cli([command, '--help']);
      assert.equal(run.code, 0, command);
      assert.match(run.stdout, new RegExp(`Usage: smartserver-license ${command}`));
    }
  });

  it('refuses an unknown command or option with a readable error and exit code 2', async () => {
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badOption = await cli(['keygen', '--colour', 'red']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--colour/);
    const missing = await cli(['mint', '--smartserver', SID, '--model', '72220-200']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--key is required/);
  });

  it('keygen writes the private key with mode 0600 and extends the JWKS on rotation', async () => {
    const first = await cli(['keygen', '--private', 'k1.jwk.json', '--jwks', 'jwks.json', '--kid', 'k1']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal((await stat(join(dir, 'k1.jwk.json'))).mode & 0o777, 0o600);
    const second = await cli([
      'keygen',
      '--private',
      'k2.jwk.json',
      '--jwks',
      'jwks.json',
      '--kid',
      'k2',
      '--json',
    ]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).keys, 2);
    const jwks = JSON.parse(await readFile(join(dir, 'jwks.json'), 'utf8'));
    assert.deepEqual(
      jwks.keys.map((k: { kid: string }) => k.kid),
      ['k1', 'k2'],
    );
    assert.ok(jwks.keys.every((k: Record<string, unknown>) => !('d' in k)));
    const again = await cli(['keygen', '--private', 'k1.jwk.json', '--jwks', 'other.json']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);
  });

  it('R3: keygen -> mint -> verify round trip for a capacity token', async () => {
    const minted = await cli(['mint', '--key', 'k1.jwk.json', '--smartserver', SID, '--model', '72220-200']);
    assert.equal(minted.code, 0, minted.stderr);
    const token = minted.stdout.trim();
    const verified = await cli(['verify', token, '--jwks', 'jwks.json', '--smartserver', SID]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^OK {2}capacity 72220-200 \(200 devices\)/);
    const json = await cli(['verify', token, '--jwks', 'jwks.json', '--smartserver', SID, '--json']);
    assert.equal(JSON.parse(json.stdout).code, 'OK');
  });

  it('verify exits 1 with the result code when the token is refused', async () => {
    const minted = await cli([
      'mint',
      '--key',
      'k2.jwk.json',
      '--smartserver',
      'SID-other',
      '--kind',
      'core',
    ]);
    const verified = await cli([
      'verify',
      minted.stdout.trim(),
      '--jwks',
      'jwks.json',
      '--smartserver',
      SID,
      '--json',
    ]);
    assert.equal(verified.code, 1);
    assert.equal(JSON.parse(verified.stdout).code, 'WRONG_AUDIENCE');
  });

  it('R15: mints a maintenance license whose term ends the day before the same date 3 years on', async () => {
    const minted = await cli([
      'mint',
      '--key',
      'k1.jwk.json',
      '--smartserver',
      SID,
      '--kind',
      'maintenance',
      '--capacity',
      '200',
      '--term-start',
      '2026-01-12',
      '--json',
    ]);
    assert.equal(minted.code, 0, minted.stderr);
    const verified = await cli([
      'verify',
      JSON.parse(minted.stdout).token,
      '--jwks',
      'jwks.json',
      '--smartserver',
      SID,
      '--json',
    ]);
    assert.equal(JSON.parse(verified.stdout).license.termEnd, '2029-01-11');
  });

  it('R6: mints a trial that carries its own expiry', async () => {
    const minted = await cli([
      'mint',
      '--key',
      'k1.jwk.json',
      '--smartserver',
      SID,
      '--kind',
      'trial',
      '--trial-days',
      '30',
      '--json',
    ]);
    assert.equal(minted.code, 0, minted.stderr);
    const inspected = await cli(['inspect', JSON.parse(minted.stdout).token, '--json']);
    const license = JSON.parse(inspected.stdout).tokens[0].payload['urn:smartserver-licensing:license'];
    assert.equal(license.expiresAt, '2026-03-31T12:00:00Z');
    assert.equal(license.capacity, 5);
  });

  it('R20: mints an offline activation file that verify reads token by token', async () => {
    const minted = await cli([
      'mint',
      '--key',
      'k1.jwk.json',
      '--smartserver',
      SID,
      '--model',
      '72220-50',
      '--file',
      '--out',
      'offline.json',
    ]);
    assert.equal(minted.code, 0, minted.stderr);
    const verified = await cli(['verify', 'offline.json', '--jwks', 'jwks.json', '--smartserver', SID]);
    assert.equal(verified.code, 0, verified.stdout);
    assert.match(verified.stdout, /token 1: OK/);
    const elsewhere = await cli([
      'verify',
      'offline.json',
      '--jwks',
      'jwks.json',
      '--smartserver',
      'SID-other',
      '--json',
    ]);
    assert.equal(elsewhere.code, 1);
    assert.equal(JSON.parse(elsewhere.stdout).code, 'FILE_WRONG_SMARTSERVER');
  });

  it('inspect marks its output unverified, also for a forged token read from stdin', async () => {
    const minted = await cli(['mint', '--key', 'k1.jwk.json', '--smartserver', SID, '--model', '72220-10']);
    const forged = minted.stdout.trim().slice(0, -4) + 'AAAA';
    const inspected = await cli(['inspect', '-'], forged);
    assert.equal(inspected.code, 0);
    assert.match(inspected.stdout, /^UNVERIFIED/);
    assert.match(inspected.stdout, /72220-10/);
    const json = await cli(['inspect', forged, '--json']);
    assert.equal(JSON.parse(json.stdout).verified, false);
    const verified = await cli(['verify', forged, '--jwks', 'jwks.json', '--smartserver', SID]);
    assert.equal(verified.code, 1);
    assert.match(verified.stdout, /^BAD_SIGNATURE/);
  });

  it('reports an unreadable or broken key file as a usage error', async () => {
    await writeFile(join(dir, 'broken.json'), '{"keys": [');
    const run = await cli(['verify', 'a.b.c', '--jwks', 'broken.json', '--smartserver', SID]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not JSON/);
    const absent = await cli(['mint', '--key', 'absent.json', '--smartserver', SID, '--kind', 'core']);
    assert.equal(absent.code, 2);
    assert.match(absent.stderr, /cannot read private key absent\.json \(ENOENT\)/);
  });

  it('runs as a process: stdout, stderr and the exit code reach the shell', async () => {
    const run = promisify(execFile);
    const args = ['--conditions=@smartserver-licensing/source', '--import', 'tsx', 'src/main.ts'];
    const ok = await run(process.execPath, [...args, 'verify', '--help']);
    assert.match(ok.stdout, /Usage: smartserver-license verify/);
    await assert.rejects(
      run(process.execPath, [...args, 'nope']),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 2);
        assert.match(error.stderr, /unknown command/);
        return true;
      },
    );
  });
});
