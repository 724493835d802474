// `keygen`: an issuer key pair. The private JWK is written readable by its owner only; the public
// key joins a JWKS file, so running it again with the same set rotates keys.
import { chmod, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateIssuerKeyPair, importKeySet, type Jwks } from '@smartserver-licensing/entitlements';
import { help } from '../help.js';
import { print, writeText, type CliIo } from '../io.js';
import { EXIT, optionalString, parse, required, UsageError, valueOptions } from '../options.js';

/** The key set already in `path`, or an empty one; refuses to touch a file that is not a JWKS. */
async function existingKeySet(path: string, shown: string, kid: string | undefined): Promise<Jwks> {
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing === undefined) return { keys: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(existing);
  } catch {
    throw new UsageError(`${shown} exists but is not JSON; refusing to overwrite it`);
  }
  const checked = await importKeySet(parsed);
  if (!checked.ok) throw new UsageError(`${shown}: ${checked.error.message}`);
  if (kid !== undefined && checked.value.get(kid)) throw new UsageError(`${shown} already holds kid ${kid}`);
  return checked.value.toJwks();
}

export async function keygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    ...valueOptions('private', 'jwks', 'kid', 'alg'),
    force: { type: 'boolean' },
  });
  if (values['help']) return help(io, 'keygen');
  const privateName = required(values, 'private');
  const jwksName = required(values, 'jwks');
  const jwksPath = resolve(io.cwd, jwksName);
  const alg = optionalString(values, 'alg') ?? 'EdDSA';
  if (alg !== 'EdDSA' && alg !== 'ES256') throw new UsageError('--alg must be EdDSA or ES256');
  const kid = optionalString(values, 'kid');
  const jwks = await existingKeySet(jwksPath, jwksName, kid);

  const pair = await generateIssuerKeyPair({ alg, ...(kid !== undefined ? { kid } : {}) });
  if (!pair.ok) throw new UsageError(pair.error.message);
  // The private key is created readable by its owner only; chmod covers an overwritten file.
  const privatePath = await writeText(
    io,
    privateName,
    `${JSON.stringify(pair.value.privateJwk, null, 2)}\n`,
    {
      mode: 0o600,
      flag: values['force'] ? 'w' : 'wx',
    },
  );
  await chmod(privatePath, 0o600);
  jwks.keys.push(pair.value.publicJwk);
  await writeText(io, jwksName, `${JSON.stringify(jwks, null, 2)}\n`);
  const count = jwks.keys.length;
  print(
    io,
    values['json'] === true,
    { kid: pair.value.kid, alg, privateKey: privatePath, jwks: jwksPath, keys: count },
    `Private key ${pair.value.kid} (${alg}) written to ${privateName} (mode 0600): keep it secret.\n` +
      `Public key added to ${jwksName}, which now holds ${count} key${count === 1 ? '' : 's'}.`,
  );
  return EXIT.OK;
}
