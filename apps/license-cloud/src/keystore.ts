// The cloud's signing keys: created on first start in the data directory (never committed),
// the newest signs, and every key ever used stays in the published key set so tokens
// signed before a rotation keep verifying.
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateIssuerKeyPair,
  importSigningKey,
  type Jwks,
  type PrivateJwk,
  type SigningKey,
} from '@smartserver-licensing/entitlements';

export interface KeyStore {
  /** The key that signs new tokens. */
  readonly signingKey: SigningKey;
  /** The public keys of every key in the store, newest first (served as the JWKS). */
  readonly jwks: Jwks;
  /** Creates a new signing key; older keys stay published. Returns the new key id. */
  rotate(now?: Date): Promise<string>;
}

const KEY_FILE = /^(\d{8}T\d{6}Z)-([A-Za-z0-9_-]{1,64})\.private\.jwk\.json$/;

async function createKey(dir: string, now: Date): Promise<void> {
  const pair = await generateIssuerKeyPair();
  if (!pair.ok) throw pair.error;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const file = join(dir, `${stamp}-${pair.value.kid}.private.jwk.json`);
  // The private key file is readable by its owner only.
  await writeFile(file, `${JSON.stringify(pair.value.privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
}

async function readKeys(dir: string): Promise<PrivateJwk[]> {
  const names = (await readdir(dir))
    .filter((n) => KEY_FILE.test(n))
    .sort()
    .reverse();
  const keys: PrivateJwk[] = [];
  for (const name of names) {
    keys.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as PrivateJwk);
  }
  return keys;
}

/** Opens (or on first start creates) the key store in `<dataDir>/keys`. */
export async function openKeyStore(dataDir: string, now: () => Date = () => new Date()): Promise<KeyStore> {
  const dir = join(dataDir, 'keys');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if ((await readKeys(dir)).length === 0) await createKey(dir, now());

  let state = await load();
  async function load() {
    const keys = await readKeys(dir);
    const signing = await importSigningKey(keys[0]);
    if (!signing.ok)
      throw new Error(`the newest signing key in ${dir} is unusable: ${signing.error.message}`);
    const publicKeys = keys.map(({ d: _private, ...pub }) => pub);
    return { signingKey: signing.value, jwks: { keys: publicKeys } as Jwks };
  }
  return {
    get signingKey() {
      return state.signingKey;
    },
    get jwks() {
      return state.jwks;
    },
    async rotate(at = now()) {
      await createKey(dir, at);
      state = await load();
      return state.signingKey.kid;
    },
  };
}
