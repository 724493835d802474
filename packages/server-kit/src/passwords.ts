// Password and secret hashing with scrypt from node:crypto (salted, slow, constant-time compare).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

// N=2^15 costs ~50 ms and 32 MiB here: slow for a guesser, fine for a login.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** Returns `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** True when `secret` matches `stored`; false for any malformed stored value. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem };
  if (![params.N, params.r, params.p].every(Number.isSafeInteger) || expected.length !== KEY_LENGTH)
    return false;
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), KEY_LENGTH, params);
  return timingSafeEqual(actual, expected);
}

/** A well-formed hash no secret matches, with the same cost parameters as real ones. */
const DECOY_HASH = ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, 'A'.repeat(22), 'A'.repeat(43)].join('$');

/**
 * Checks a login: `stored` is the account's hash, or undefined when no such account exists.
 * An unknown account still costs one full scrypt run, so the answer's timing does not tell
 * which names exist; it is always false.
 */
export async function verifyLogin(secret: string, stored: string | undefined): Promise<boolean> {
  const ok = await verifySecret(secret, stored ?? DECOY_HASH);
  return ok && stored !== undefined;
}
