// The SmartServer's own key pair (docs/protocol.md): made once at first start, kept as JSON in
// <dataDir>/identity/smartserver-key.json (file 0600, folder 0700), loaded on every later start.
// A key file that exists but cannot be read stops the start: a silently new key would be a new
// SmartServer to the cloud, and every license bound to the old key would stop counting.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  generateSmartServerKey,
  loadSmartServerKey,
  type SmartServerKey,
} from '@smartserver-licensing/entitlements';

export const KEY_FILE = join('identity', 'smartserver-key.json');

/** Why the SmartServer cannot start with its key; the message says what to do. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

export interface KeyOutcome {
  key: SmartServerKey;
  /** True when this start made the key (first start). */
  created: boolean;
  path: string;
}

/**
 * Loads the key from `<dataDir>/identity/smartserver-key.json`, or makes and stores one when
 * no file exists. `expectedThumbprint` is the thumbprint this SmartServer's database recorded:
 * when it is set and the file is missing, nothing is made unless `allowNewKey` is true.
 */
export async function loadOrCreateKey(
  dataDir: string,
  options: { expectedThumbprint?: string | undefined; allowNewKey?: boolean } = {},
): Promise<KeyOutcome> {
  const path = join(dataDir, KEY_FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new IdentityError(
        `The SmartServer key file ${path} cannot be read (${(error as Error).message}). ` +
          'Fix its permissions, or restore it from a backup; the SmartServer does not start with a new key by itself.',
      );
    }
  }
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const loaded = json === undefined ? undefined : await loadSmartServerKey(json);
    if (!loaded?.ok) {
      throw new IdentityError(
        `The SmartServer key file ${path} is damaged (${loaded ? loaded.error.message : 'not JSON'}). ` +
          'Restore it from a backup. Moving it away makes this a new SmartServer: its licenses stop counting ' +
          'and the Owner must link it to the customer account again.',
      );
    }
    if (options.expectedThumbprint && loaded.value.thumbprint !== options.expectedThumbprint) {
      throw new IdentityError(
        `The SmartServer key file ${path} holds another key (Install Code ${loaded.value.installCode}) than the one ` +
          'this SmartServer’s database was made with. Restore the right key file, or start with --new-key to take this key on.',
      );
    }
    await tightenModes(path);
    return { key: loaded.value, created: false, path };
  }
  if (options.expectedThumbprint && !options.allowNewKey) {
    throw new IdentityError(
      `The SmartServer key file ${path} is missing, but this SmartServer’s database was made with a key. ` +
        'Restore the key file from a backup. Starting with --new-key makes a new key instead: licenses bound to ' +
        'the old key stop counting and the Owner must link this SmartServer to its customer account again.',
    );
  }
  const made = await generateSmartServerKey();
  if (!made.ok) throw new IdentityError(`No SmartServer key could be made: ${made.error.message}`);
  await writeKeyFile(path, `${JSON.stringify(made.value.privateKey, null, 2)}\n`);
  return { key: made.value, created: true, path };
}

/** Writes the key file atomically: a private temporary file, flushed, then renamed into place. */
async function writeKeyFile(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temp = join(dir, `.smartserver-key.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself must survive a power cut: flush the folder too (where the platform can).
  const folder = await open(dir, 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}

/** A key file left readable by others (copied by hand, say) is made private again. */
async function tightenModes(path: string): Promise<void> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) await chmod(path, 0o600).catch(() => undefined);
  const dirInfo = await stat(dirname(path));
  if ((dirInfo.mode & 0o077) !== 0) await chmod(dirname(path), 0o700).catch(() => undefined);
}
