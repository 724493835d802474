// What the CLI tests share: running the command in a temporary folder on a fixed clock, and the
// files a real SmartServer makes (its signed activation request, its return receipt).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateSmartServerKey,
  signSmartServerMessage,
  type SmartServerKey,
} from '@smartserver-licensing/entitlements';
import { protocolFileText } from '@smartserver-licensing/schemas';
import { runCli, type CliIo } from '@smartserver-licensing/cli';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const SID = 'SID-17q2d6x';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary working folder for the command. */
export class Folder {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Folder> {
    return new Folder(await mkdtemp(join(tmpdir(), 'smartserver-license-')));
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  read(name: string): Promise<string> {
    return readFile(this.path(name), 'utf8');
  }

  async write(name: string, text: string): Promise<string> {
    await writeFile(this.path(name), text);
    return name;
  }

  /** Runs the command with `args` in this folder at NOW; `stdin` is what standard input holds. */
  async cli(args: readonly string[], stdin = ''): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: this.dir,
      now: () => NOW,
      readStdin: async () => stdin,
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  }

  /** `run('mint --key k.json', '--note', 'two words')`: the line split on spaces, then `extra` as given. */
  run(line: string, ...extra: string[]): Promise<Run> {
    return this.cli([...line.split(' ').filter(Boolean), ...extra]);
  }

  /** Runs with `--json` and parses the output; fails the test with the output when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into the printed JSON
  async json(line: string, ...extra: string[]): Promise<Run & { value: any }> {
    const run = await this.run(line, ...extra, '--json');
    try {
      return { ...run, value: JSON.parse(run.stdout) };
    } catch {
      throw new Error(`not JSON (exit ${run.code}): ${run.stdout}${run.stderr}`);
    }
  }
}

export async function smartServerKey(): Promise<SmartServerKey> {
  const key = await generateSmartServerKey();
  if (!key.ok) throw key.error;
  return key.value;
}

async function signedFile(
  kind: 'activationRequest' | 'returnReceipt',
  claims: Record<string, unknown>,
  key: SmartServerKey,
): Promise<string> {
  const signed = await signSmartServerMessage(kind, claims, key);
  if (!signed.ok) throw signed.error;
  return protocolFileText(kind, signed.value);
}

/** The activation request file a SmartServer with `key` makes; `claims` overrides what it says. */
export async function activationRequest(
  key: SmartServerKey,
  smartServerId = SID,
  claims: Record<string, unknown> = {},
): Promise<{ text: string; requestId: string }> {
  const requestId = globalThis.crypto.randomUUID();
  const body = {
    requestId,
    smartServerId,
    segmentController: 'Building 1',
    installCode: key.installCode,
    publicKey: key.publicKey,
    createdAt: '2026-03-01T11:00:00Z',
    ...claims,
  };
  return { text: await signedFile('activationRequest', body, key), requestId };
}

export function returnReceipt(key: SmartServerKey, licenseId: string, activationId: string): Promise<string> {
  const claims = {
    smartServerId: SID,
    keyThumbprint: key.thumbprint,
    licenseId,
    activationId,
    returnedAt: '2026-03-01T11:30:00Z',
  };
  return signedFile('returnReceipt', claims, key);
}

/**
 * The same protocol file with its signed payload rewritten by `edit` and the signature kept:
 * what someone who edits a file by hand produces.
 */
export function tamper(fileText: string, edit: (payload: Record<string, unknown>) => void): string {
  const envelope = JSON.parse(fileText) as { signed: string };
  const [header, payload, signature] = envelope.signed.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(claims);
  const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return JSON.stringify({ ...envelope, signed: `${header}.${forged}.${signature}` });
}
