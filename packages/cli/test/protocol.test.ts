// The CLI on the signed protocol: tokens bound to a SmartServer key through its activation
// request, signed v2 activation files, request and receipt files, and the licenses' own ends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import type { SmartServerKey } from '@smartserver-licensing/entitlements';
import {
  activationRequest,
  Folder,
  returnReceipt,
  SID,
  smartServerKey,
  tamper,
  type Run,
} from './helpers.js';

let folder: Folder;
let key: SmartServerKey;
let requestId: string;
const VERIFY = 'verify --jwks jwks.json';

before(async () => {
  folder = await Folder.create();
  key = await smartServerKey();
  const request = await activationRequest(key);
  requestId = request.requestId;
  await folder.write('request.json', request.text);
  const made = await folder.run('keygen --private issuer.jwk.json --jwks jwks.json --kid k1');
  assert.equal(made.code, 0, made.stderr);
});
after(() => folder.remove());

/** Asserts the exit code and that stderr explains it; nothing may be written to `out`. */
async function assertRefused(run: Run, code: number, message: RegExp, out = 'never.json'): Promise<void> {
  assert.equal(run.code, code, run.stdout + run.stderr);
  assert.match(run.stderr, message);
  await assert.rejects(access(folder.path(out)), 'no output file is written');
}

describe('mint --request: tokens bound to a SmartServer key', () => {
  it('binds the token to the key of the request (cnf.jkt) and inspect shows it with the activation id', async () => {
    const activationId = globalThis.crypto.randomUUID();
    const minted = await folder.json(
      `mint --key issuer.jwk.json --request request.json --model 72220-200 --activation-id ${activationId}`,
    );
    assert.equal(minted.code, 0, minted.stderr);
    assert.equal(minted.value.smartServerId, SID);
    assert.equal(minted.value.keyThumbprint, key.thumbprint);
    assert.equal(minted.value.installCode, key.installCode);
    assert.equal(minted.value.activationId, activationId);
    const inspected = await folder.json(`inspect ${minted.value.token}`);
    assert.equal(inspected.value.verified, false);
    assert.equal(inspected.value.tokens[0].keyThumbprint, key.thumbprint);
    assert.equal(inspected.value.tokens[0].activationId, activationId);
    const text = await folder.run(`inspect ${minted.value.token}`);
    assert.match(text.stdout, new RegExp(`jti \\(activation id\\): "${activationId}"`));
    assert.match(
      text.stdout,
      new RegExp(`cnf.jkt .*"${key.thumbprint}" \\(Install Code ${key.installCode}\\)`),
    );
    const ok = await folder.run(`${VERIFY} ${minted.value.token} --request request.json`);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, new RegExp(`activation ${activationId}`));
  });

  it('WRONG_AUDIENCE: a token bound to one key is refused for another key of the same SmartServer', async () => {
    const minted = await folder.json('mint --key issuer.jwk.json --request request.json --kind core');
    const other = await smartServerKey();
    const verified = await folder.json(
      `${VERIFY} ${minted.value.token} --smartserver ${SID} --key-thumbprint ${other.thumbprint}`,
    );
    assert.equal(verified.code, 1);
    assert.equal(verified.value.code, 'WRONG_AUDIENCE');
    assert.match(verified.value.message, /another key/);
  });

  it('plain tokens for --smartserver still mint, without cnf', async () => {
    const minted = await folder.json(`mint --key issuer.jwk.json --smartserver ${SID} --kind core`);
    assert.equal(minted.code, 0, minted.stderr);
    assert.equal(minted.value.keyThumbprint, undefined);
    const text = await folder.run(`inspect ${minted.value.token}`);
    assert.match(text.stdout, /cnf: none/);
  });

  it('refuses --file without --request: files must be bound to a SmartServer key', async () => {
    const run = await folder.run(
      `mint --key issuer.jwk.json --smartserver ${SID} --kind core --file --out never.json`,
    );
    await assertRefused(run, 2, /--file needs --request <activation request file>/);
  });
});

describe('mint --request: hostile request files', () => {
  const mint = (request: string, ...extra: string[]) =>
    folder.run(
      `mint --key issuer.jwk.json --request ${request} --kind core --file --out never.json`,
      ...extra,
    );

  it('refuses a file that is not an activation request (exit 2)', async () => {
    await folder.write('not-json.json', '{"format": ');
    await assertRefused(await mint('not-json.json'), 2, /not-json\.json is not an activation request file/);
    const receipt = await returnReceipt(key, globalThis.crypto.randomUUID(), globalThis.crypto.randomUUID());
    await folder.write('receipt.json', receipt);
    await assertRefused(await mint('receipt.json'), 2, /receipt\.json is not an activation request file/);
    await assertRefused(
      await mint('absent.json'),
      2,
      /cannot read activation request absent\.json \(ENOENT\)/,
    );
  });

  it('refuses a request edited after it was signed (exit 1, BAD_SIGNATURE)', async () => {
    const text = await folder.read('request.json');
    await folder.write(
      'edited.json',
      tamper(text, (claims) => void (claims['smartServerId'] = 'SID-stolen')),
    );
    await assertRefused(
      await mint('edited.json'),
      1,
      /activation request edited\.json was refused \(BAD_SIGNATURE\)/,
    );
  });

  it('refuses a request signed by another key than the one it carries (exit 1)', async () => {
    const thief = await smartServerKey();
    const forged = await activationRequest(thief, SID, {
      publicKey: key.publicKey,
      installCode: key.installCode,
    });
    await folder.write('foreign.json', forged.text);
    await assertRefused(await mint('foreign.json'), 1, /was refused \(UNKNOWN_KEY\)/);
  });

  it('refuses a request whose Install Code does not belong to its key (exit 1)', async () => {
    const other = await smartServerKey();
    const mismatched = await activationRequest(key, SID, { installCode: other.installCode });
    await folder.write('mismatched.json', mismatched.text);
    await assertRefused(
      await mint('mismatched.json'),
      1,
      /refused \(CLAIMS_INVALID\): the Install Code is not the one of the key the request carries/,
    );
  });

  it('refuses --smartserver naming another SmartServer than the request (exit 2)', async () => {
    await assertRefused(
      await mint('request.json', '--smartserver', 'SID-other'),
      2,
      /does not match the activation request/,
    );
  });
});

describe('verify: signed activation files (version 2)', () => {
  before(async () => {
    const minted = await folder.json(
      'mint --key issuer.jwk.json --request request.json --model 72220-50 --file --out offline.json',
    );
    assert.equal(minted.code, 0, minted.stderr);
    assert.equal(minted.value.requestId, requestId);
  });

  it('R20: writes a signed envelope that verify accepts with the request or the key thumbprint', async () => {
    const file = JSON.parse(await folder.read('offline.json'));
    assert.deepEqual(Object.keys(file).sort(), ['format', 'signed', 'version']);
    assert.equal(file.version, 2);
    const byRequest = await folder.json(`${VERIFY} offline.json --request request.json`);
    assert.equal(byRequest.code, 0, byRequest.stdout);
    assert.equal(byRequest.value.file.requestId, requestId);
    assert.equal(byRequest.value.file.keyThumbprint, key.thumbprint);
    const byThumbprint = await folder.run(
      `${VERIFY} offline.json --smartserver ${SID} --key-thumbprint ${key.thumbprint}`,
    );
    assert.equal(byThumbprint.code, 0, byThumbprint.stdout);
    assert.match(
      byThumbprint.stdout,
      new RegExp(`activation file .* for ${SID}, answering request ${requestId}:\\n  token 1: OK`),
    );
  });

  it('asks for --request or --key-thumbprint when a file is verified without either (exit 2)', async () => {
    const run = await folder.run(`${VERIFY} offline.json --smartserver ${SID}`);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /give the SmartServer's activation request \(--request <file>\) or its key thumbprint/,
    );
    const notThumbprint = await folder.run(
      `${VERIFY} offline.json --smartserver ${SID} --key-thumbprint abc`,
    );
    assert.equal(notThumbprint.code, 2);
    assert.match(notThumbprint.stderr, /--key-thumbprint must be a SmartServer key thumbprint/);
    const both = await folder.run(
      `${VERIFY} offline.json --request request.json --key-thumbprint ${key.thumbprint}`,
    );
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give --request or --key-thumbprint, not both/);
  });

  it('FILE_WRONG_SMARTSERVER: refuses the file for another key of the same SmartServer', async () => {
    const other = await smartServerKey();
    const run = await folder.json(
      `${VERIFY} offline.json --smartserver ${SID} --key-thumbprint ${other.thumbprint}`,
    );
    assert.equal(run.code, 1);
    assert.equal(run.value.code, 'FILE_WRONG_SMARTSERVER');
    assert.match(run.value.message, /another key/);
  });

  it('FILE_BAD_SIGNATURE: refuses a file edited after the cloud signed it', async () => {
    const text = await folder.read('offline.json');
    await folder.write(
      'edited-file.json',
      tamper(text, (claims) => void (claims['fileId'] = globalThis.crypto.randomUUID())),
    );
    const run = await folder.json(`${VERIFY} edited-file.json --request request.json`);
    assert.equal(run.code, 1);
    assert.equal(run.value.code, 'FILE_BAD_SIGNATURE');
  });

  it('FILE_UNSUPPORTED_VERSION: refuses a version 1 file, even without a thumbprint; inspect labels it', async () => {
    const minted = await folder.json(`mint --key issuer.jwk.json --smartserver ${SID} --kind core`);
    const v1 = {
      format: 'smartserver-license-activation',
      version: 1,
      fileId: globalThis.crypto.randomUUID(),
      createdAt: '2026-03-01T12:00:00Z',
      smartServerId: SID,
      tokens: [minted.value.token],
    };
    await folder.write('v1.json', JSON.stringify(v1));
    for (const extra of ['', `--key-thumbprint ${key.thumbprint}`]) {
      const run = await folder.json(`${VERIFY} v1.json --smartserver ${SID} ${extra}`);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.value.code, 'FILE_UNSUPPORTED_VERSION');
    }
    const inspected = await folder.run('inspect v1.json');
    assert.equal(inspected.code, 0);
    assert.match(
      inspected.stdout,
      /version 1, an UNSIGNED envelope: verify refuses it with FILE_UNSUPPORTED_VERSION/,
    );
  });

  it('inspect shows the file, unverified: its SmartServer, key, request and tokens', async () => {
    const text = await folder.run('inspect offline.json');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^UNVERIFIED/);
    assert.match(
      text.stdout,
      new RegExp(`for SmartServer "${SID}", key "${key.thumbprint}" \\(Install Code ${key.installCode}\\)`),
    );
    assert.match(text.stdout, new RegExp(`answers request "${requestId}"`));
    assert.match(text.stdout, /token 1:\n {2}header:/);
    const json = await folder.json('inspect offline.json');
    assert.equal(json.value.verified, false);
    assert.equal(json.value.file.keyThumbprint, key.thumbprint);
    assert.equal(json.value.tokens[0].keyThumbprint, key.thumbprint);
  });
});

describe('verify: revocations and the licenses own ends', () => {
  it('REVOKED: an activation id given with --revoked is never accepted again', async () => {
    const minted = await folder.json('mint --key issuer.jwk.json --request request.json --kind core');
    const run = await folder.json(
      `${VERIFY} ${minted.value.token} --request request.json --revoked ${minted.value.activationId}`,
    );
    assert.equal(run.code, 1);
    assert.equal(run.value.code, 'REVOKED');
    const bad = await folder.run(
      `${VERIFY} ${minted.value.token} --request request.json --revoked not-an-id`,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--revoked: "not-an-id" is not a UUID/);
  });

  it('R6: says plainly when a trial has ended at --now, though its token still verifies', async () => {
    const minted = await folder.json(
      'mint --key issuer.jwk.json --request request.json --kind trial --trial-days 30',
    );
    const token = minted.value.token;
    const during = await folder.run(`${VERIFY} ${token} --request request.json`);
    assert.match(during.stdout, /\n {4}trial ends at 2026-03-31T12:00:00Z$/m);
    const afterwards = await folder.json(
      `${VERIFY} ${token} --request request.json --now 2026-04-15T00:00:00Z`,
    );
    assert.equal(afterwards.code, 0);
    assert.deepEqual(afterwards.value.licenseEnd, {
      what: 'trial',
      endsAt: '2026-03-31T12:00:00Z',
      passed: true,
      text: 'trial ENDED at 2026-03-31T12:00:00Z, before 2026-04-15T00:00:00Z; it adds no capacity now',
    });
  });

  it('R15: --term-start is the first activation day; verify shows the term and when it ended', async () => {
    const minted = await folder.json(
      'mint --key issuer.jwk.json --request request.json --kind maintenance --capacity 50 --term-years 1 --term-start 2025-01-10',
    );
    assert.equal(minted.code, 0, minted.stderr);
    const run = await folder.run(`${VERIFY} ${minted.value.token} --request request.json`);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /maintenance term 2025-01-10 to 2026-01-09: ENDED on 2026-01-09/);
    const earlier = await folder.run(
      `${VERIFY} ${minted.value.token} --request request.json --now 2026-01-09T23:00:00Z`,
    );
    assert.match(earlier.stdout, /maintenance term 2025-01-10 to 2026-01-09: today is its last day/);
  });

  it('refuses --term-start where a license has no term, and a day that does not exist', async () => {
    const capacity = await folder.run(
      'mint --key issuer.jwk.json --request request.json --model 72220-10 --term-start 2026-01-01',
    );
    await assertRefused(capacity, 2, /--term-start applies to maintenance and trial licenses only/);
    const noDay = await folder.run(
      'mint --key issuer.jwk.json --request request.json --kind trial --term-start 2026-02-30',
    );
    await assertRefused(noDay, 2, /--term-start must be a calendar date/);
    const years = await folder.run(
      'mint --key issuer.jwk.json --request request.json --model 92201R-P-50 --term-years 2',
    );
    await assertRefused(years, 2, /--term-years must be 1 or 3/);
  });
});

describe('inspect: request and receipt files', () => {
  it('shows a request, unverified, with the key thumbprint computed from its key', async () => {
    const text = await folder.run('inspect request.json');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^UNVERIFIED/);
    assert.match(text.stdout, new RegExp(`activation request "${requestId}"`));
    assert.match(text.stdout, new RegExp(`Install Code: "${key.installCode}"\\n`));
    const json = await folder.json('inspect request.json');
    assert.equal(json.value.verified, false);
    assert.equal(json.value.request.keyThumbprint, key.thumbprint);
    assert.equal(json.value.request.claims.smartServerId, SID);
    const other = await smartServerKey();
    await folder.write(
      'odd.json',
      (await activationRequest(key, SID, { installCode: other.installCode })).text,
    );
    const odd = await folder.run('inspect odd.json');
    assert.match(odd.stdout, /DOES NOT belong to its key/);
  });

  it('shows a receipt, unverified', async () => {
    const licenseId = globalThis.crypto.randomUUID();
    const activationId = globalThis.crypto.randomUUID();
    await folder.write('receipt.json', await returnReceipt(key, licenseId, activationId));
    const text = await folder.run('inspect receipt.json');
    assert.equal(text.code, 0);
    assert.match(text.stdout, new RegExp(`^UNVERIFIED[\\s\\S]*return receipt .*License ID "${licenseId}"`));
    assert.match(text.stdout, new RegExp(`activation "${activationId}" returned by SmartServer "${SID}"`));
    const json = await folder.json('inspect receipt.json');
    assert.equal(json.value.receipt.claims.activationId, activationId);
  });

  it('cannot decode an unknown file format (exit 1)', async () => {
    await folder.write(
      'unknown.json',
      JSON.stringify({ format: 'something-else', version: 2, signed: 'a.b.c' }),
    );
    const run = await folder.run('inspect unknown.json');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /cannot decode: not a file this command knows/);
  });
});

describe('README', () => {
  it('names every option of every command', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const command of ['keygen', 'mint', 'inspect', 'verify']) {
      const help = await folder.run(`${command} --help`);
      for (const option of new Set(help.stdout.match(/--[a-z-]+/g))) {
        assert.ok(readme.includes(`\`${option}`), `README lacks ${option} of ${command}`);
      }
    }
  });
});
