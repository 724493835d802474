import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { activationRequest, Folder, SID, smartServerKey } from './helpers.js';

let folder: Folder;

before(async () => {
  folder = await Folder.create();
});
after(() => folder.remove());

describe('smartserver-license', () => {
  it('prints help for the program and for every command, with exit code 0', async () => {
    const main = await folder.run('--help');
    assert.equal(main.code, 0);
    assert.match(main.stdout, /keygen[\s\S]*mint[\s\S]*inspect[\s\S]*verify/);
    for (const command of ['keygen', 'mint', 'inspect', 'verify']) {
      const run = await folder.run(`${command} --help`);
      assert.equal(run.code, 0, command);
      assert.match(run.stdout, new RegExp(`Usage: smartserver-license ${command}`));
    }
  });

  it('refuses an unknown command or option with a readable error and exit code 2', async () => {
    const unknown = await folder.run('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badOption = await folder.run('keygen --colour red');
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--colour/);
    const missing = await folder.run(`mint --smartserver ${SID} --model 72220-200`);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--key is required/);
  });

  it('keygen writes the private key with mode 0600 and extends the JWKS on rotation', async () => {
    const first = await folder.run('keygen --private k1.jwk.json --jwks jwks.json --kid k1');
    assert.equal(first.code, 0, first.stderr);
    assert.equal((await stat(folder.path('k1.jwk.json'))).mode & 0o777, 0o600);
    const second = await folder.json('keygen --private k2.jwk.json --jwks jwks.json --kid k2');
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.value.keys, 2);
    const jwks = JSON.parse(await folder.read('jwks.json'));
    assert.deepEqual(
      jwks.keys.map((k: { kid: string }) => k.kid),
      ['k1', 'k2'],
    );
    assert.ok(jwks.keys.every((k: Record<string, unknown>) => !('d' in k)));
    const again = await folder.run('keygen --private k1.jwk.json --jwks other.json');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);
  });

  it('R3: keygen -> mint -> verify round trip for a capacity token', async () => {
    const minted = await folder.run(`mint --key k1.jwk.json --smartserver ${SID} --model 72220-200`);
    assert.equal(minted.code, 0, minted.stderr);
    const token = minted.stdout.trim();
    const verified = await folder.run(`verify ${token} --jwks jwks.json --smartserver ${SID}`);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^OK {2}capacity 72220-200 \(200 devices\)/);
    assert.match(verified.stdout, /the license itself never ends/);
    const json = await folder.json(`verify ${token} --jwks jwks.json --smartserver ${SID}`);
    assert.equal(json.value.code, 'OK');
  });

  it('verify exits 1 with the result code when the token is refused', async () => {
    const minted = await folder.run('mint --key k2.jwk.json --smartserver SID-other --kind core');
    const verified = await folder.json(
      `verify ${minted.stdout.trim()} --jwks jwks.json --smartserver ${SID}`,
    );
    assert.equal(verified.code, 1);
    assert.equal(verified.value.code, 'WRONG_AUDIENCE');
  });

  it('R15: mints a maintenance license whose term ends the day before the same date 3 years on', async () => {
    const minted = await folder.json(
      `mint --key k1.jwk.json --smartserver ${SID} --kind maintenance --capacity 200 --term-start 2026-01-12`,
    );
    assert.equal(minted.code, 0, minted.stderr);
    const verified = await folder.json(`verify ${minted.value.token} --jwks jwks.json --smartserver ${SID}`);
    assert.equal(verified.value.license.termEnd, '2029-01-11');
  });

  it('R6: mints a trial that carries its own expiry', async () => {
    const minted = await folder.json(
      `mint --key k1.jwk.json --smartserver ${SID} --kind trial --trial-days 30`,
    );
    assert.equal(minted.code, 0, minted.stderr);
    const inspected = await folder.json(`inspect ${minted.value.token}`);
    const license = inspected.value.tokens[0].payload['urn:smartserver-licensing:license'];
    assert.equal(license.expiresAt, '2026-03-31T12:00:00Z');
    assert.equal(license.capacity, 5);
  });

  it('R20: mints a signed offline activation file for a request, which verify reads token by token', async () => {
    const key = await smartServerKey();
    await folder.write('request.json', (await activationRequest(key)).text);
    const minted = await folder.run(
      'mint --key k1.jwk.json --request request.json --model 72220-50 --file',
      '--out',
      'offline.json',
    );
    assert.equal(minted.code, 0, minted.stderr);
    assert.match(minted.stdout, new RegExp(`for ${SID} \\(Install Code ${key.installCode}\\): offline.json`));
    const verified = await folder.run('verify offline.json --jwks jwks.json --request request.json');
    assert.equal(verified.code, 0, verified.stdout);
    assert.match(verified.stdout, /token 1: OK/);
    const elsewhere = await folder.json(
      `verify offline.json --jwks jwks.json --smartserver SID-other --key-thumbprint ${key.thumbprint}`,
    );
    assert.equal(elsewhere.code, 1);
    assert.equal(elsewhere.value.code, 'FILE_WRONG_SMARTSERVER');
  });

  it('inspect marks its output unverified, also for a forged token read from stdin', async () => {
    const minted = await folder.run(`mint --key k1.jwk.json --smartserver ${SID} --model 72220-10`);
    const forged = minted.stdout.trim().slice(0, -4) + 'AAAA';
    const inspected = await folder.cli(['inspect', '-'], forged);
    assert.equal(inspected.code, 0);
    assert.match(inspected.stdout, /^UNVERIFIED/);
    assert.match(inspected.stdout, /72220-10/);
    const json = await folder.json(`inspect ${forged}`);
    assert.equal(json.value.verified, false);
    const verified = await folder.run(`verify ${forged} --jwks jwks.json --smartserver ${SID}`);
    assert.equal(verified.code, 1);
    assert.match(verified.stdout, /^BAD_SIGNATURE/);
  });

  it('reports an unreadable or broken key file as a usage error', async () => {
    await folder.write('broken.json', '{"keys": [');
    const run = await folder.run(`verify a.b.c --jwks broken.json --smartserver ${SID}`);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not JSON/);
    const absent = await folder.run(`mint --key absent.json --smartserver ${SID} --kind core`);
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
