// The `smartserver-license` command: keygen, mint, inspect, verify. Everything here is wiring;
// the rules live in @smartserver-licensing/entitlements and /schemas.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  createActivationFile,
  decodeEntitlementUnverified,
  generateIssuerKeyPair,
  importKeySet,
  issueEntitlement,
  LICENSE_CLAIM,
  readActivationFile,
  verifyEntitlement,
  VERIFY_CODE_DESCRIPTIONS,
  type Jwks,
  type VerifyResult,
} from '@smartserver-licensing/entitlements';
import {
  ACTIVATION_FILE_FORMAT,
  LICENSE_MODELS,
  lookupModel,
  MODEL_NUMBERS,
  type LicenseClaims,
  type ModelNumber,
} from '@smartserver-licensing/schemas';

/** Where the command writes and what time it is: replaced in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  now(): Date;
  readStdin(): Promise<string>;
}

/** Exit codes: 0 success, 1 a token or file was refused, 2 bad usage or unreadable input. */
export const EXIT = { OK: 0, REFUSED: 1, USAGE: 2 } as const;

/** The issuer name used when `--issuer` is not given, by `mint` and `verify` alike. */
export const DEFAULT_ISSUER = 'urn:smartserver-licensing:dev-cloud';

class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `smartserver-license: issue and check SmartServer license tokens

Usage: smartserver-license <command> [options]

Commands:
  keygen    create an issuer key pair: a private JWK (mode 0600) and a JWKS of public keys
  mint      sign a capacity, maintenance, trial or Core license for one SmartServer
  inspect   show what a token or activation file claims, WITHOUT verifying it
  verify    verify a token or activation file against a JWKS file

Run 'smartserver-license <command> --help' for a command's options.
Exit codes: 0 ok, 1 refused, 2 usage or input error.`,
  keygen: `Usage: smartserver-license keygen --private <file> --jwks <file> [options]

Creates an issuer key pair. The private JWK is written with file mode 0600;
its public key is added to the JWKS file (created if missing), so keys rotate
by running keygen again with the same --jwks.

Options:
  --private <file>   where to write the private key (refuses to overwrite without --force)
  --jwks <file>      the public key set to create or extend
  --kid <name>       key id (default: the key's RFC 7638 thumbprint)
  --alg <alg>        EdDSA (Ed25519, default) or ES256
  --force            overwrite an existing private key file
  --json             print the result as JSON
  -h, --help         show this help`,
  mint: `Usage: smartserver-license mint --key <file> --smartserver <id> (--model <number> | --kind <kind>) [options]

Signs a license into an entitlement token bound to one SmartServer.

Options:
  --key <file>          the issuer's private JWK (from keygen)
  --smartserver <id>    the SmartServer the license is for (token aud)
  --model <number>      a catalog model: ${MODEL_NUMBERS.join(', ')}
  --kind <kind>         instead of --model: capacity|maintenance (with --capacity), trial, core
  --capacity <n>        with --kind capacity or maintenance: 10, 50, 200 or 1000
  --customer <uuid>     Customer ID (default: a random UUID)
  --license-id <uuid>   License ID (default: a random UUID)
  --supersedes <uuid>   the License ID this one replaced by a transfer (R25)
  --term-years <1|3>    maintenance term (default: the model's)
  --term-start <date>   maintenance start, YYYY-MM-DD (default: today)
  --trial-days <n>      days until a trial ends (default: the model's)
  --note <text>         free-text note
  --issuer <name>       token iss (default: ${DEFAULT_ISSUER})
  --ttl-days <n>        token refresh horizon in days (default 365)
  --now <iso>           issue time (default: now)
  --file                write an offline activation file instead of a bare token
  --out <file>          write to a file instead of stdout
  --json                print the result as JSON
  -h, --help            show this help`,
  inspect: `Usage: smartserver-license inspect <token | file | -> [--json]

Decodes a token, or every token of an activation file, and prints its header
and claims. NOTHING IS VERIFIED: use 'verify' to trust a token.

Options:
  --json       print the result as JSON
  -h, --help   show this help`,
  verify: `Usage: smartserver-license verify <token | file | -> --jwks <file> --smartserver <id> [options]

Verifies a token, or every token of an activation file, and prints the result
code. Exit code 0 when everything verified, 1 when anything was refused.

Options:
  --jwks <file>        trusted public keys (JWKS)
  --smartserver <id>   this SmartServer's id (must equal the token aud)
  --issuer <name>      expected iss (default: ${DEFAULT_ISSUER})
  --now <iso>          verification time (default: now)
  --algorithms <list>  comma-separated allow-list (default: EdDSA,ES256)
  --json               print the result as JSON
  -h, --help           show this help`,
};

type Values = Record<string, string | boolean | undefined>;

function parse(args: string[], options: ParseArgsConfig['options'], positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      allowPositionals: positionals > 0,
      strict: true,
    });
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : 'bad arguments');
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument: ${parsed.positionals[positionals]}`);
  }
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

function optionalString(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function integer(values: Values, name: string, min: number, max: number): number | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number ${min}..${max}`);
  return n;
}

function timeOption(values: Values, io: CliIo): Date {
  const text = optionalString(values, 'now');
  if (text === undefined) return io.now();
  const date = new Date(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError('--now must be an ISO 8601 date-time such as 2026-03-01T12:00:00Z');
  }
  return date;
}

async function readText(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}${code ? ` (${code})` : ''}`);
  }
}

async function readJson(io: CliIo, path: string, what: string): Promise<unknown> {
  const text = await readText(io, path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${what} ${path} is not JSON`);
  }
}

/** A token given inline, a file holding a token or an activation file, or `-` for stdin. */
async function readSubject(io: CliIo, arg: string | undefined): Promise<string> {
  if (arg === undefined) throw new UsageError('give a token, a file, or - for standard input');
  if (arg === '-') return (await io.readStdin()).trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(arg)) return arg;
  return (await readText(io, arg, 'file')).trim();
}

function isActivationFileText(text: string): boolean {
  return text.startsWith('{') && text.includes(ACTIVATION_FILE_FORMAT);
}

const print = (io: CliIo, json: boolean, value: unknown, text: string) =>
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

async function keygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    private: { type: 'string' },
    jwks: { type: 'string' },
    kid: { type: 'string' },
    alg: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (values['help']) return help(io, 'keygen');
  const privatePath = resolve(io.cwd, required(values, 'private'));
  const jwksPath = resolve(io.cwd, required(values, 'jwks'));
  const alg = optionalString(values, 'alg') ?? 'EdDSA';
  if (alg !== 'EdDSA' && alg !== 'ES256') throw new UsageError('--alg must be EdDSA or ES256');
  const kid = optionalString(values, 'kid');

  let jwks: Jwks = { keys: [] };
  const existing = await readFile(jwksPath, 'utf8').catch(() => undefined);
  if (existing !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch {
      throw new UsageError(`${values['jwks']} exists but is not JSON; refusing to overwrite it`);
    }
    const checked = await importKeySet(parsed);
    if (!checked.ok) throw new UsageError(`${values['jwks']}: ${checked.error.message}`);
    jwks = checked.value.toJwks();
    if (kid !== undefined && checked.value.get(kid))
      throw new UsageError(`${values['jwks']} already holds kid ${kid}`);
  }

  const pair = await generateIssuerKeyPair({ alg, ...(kid !== undefined ? { kid } : {}) });
  if (!pair.ok) throw new UsageError(pair.error.message);
  try {
    // The private key is created readable by its owner only; chmod covers an overwritten file.
    await writeFile(privatePath, `${JSON.stringify(pair.value.privateJwk, null, 2)}\n`, {
      mode: 0o600,
      flag: values['force'] ? 'w' : 'wx',
    });
    await chmod(privatePath, 0o600);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${values['private']} exists; pass --force to overwrite it`);
    throw new UsageError(`cannot write ${values['private']}${code ? ` (${code})` : ''}`);
  }
  jwks.keys.push(pair.value.publicJwk);
  await writeFile(jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
  print(
    io,
    values['json'] === true,
    { kid: pair.value.kid, alg, privateKey: privatePath, jwks: jwksPath, keys: jwks.keys.length },
    `Private key ${pair.value.kid} (${alg}) written to ${values['private']} (mode 0600): keep it secret.\n` +
      `Public key added to ${values['jwks']}, which now holds ${jwks.keys.length} key${jwks.keys.length === 1 ? '' : 's'}.`,
  );
  return EXIT.OK;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function uuidOption(values: Values, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value !== undefined && !UUID.test(value)) throw new UsageError(`--${name} must be a UUID`);
  return value;
}

function pickModel(values: Values): ModelNumber {
  const model = optionalString(values, 'model');
  const kind = optionalString(values, 'kind');
  if (model !== undefined && kind !== undefined) throw new UsageError('give --model or --kind, not both');
  if (model !== undefined) {
    const found = lookupModel(model);
    if (!found.ok) throw new UsageError(found.error.message);
    return found.value.model;
  }
  if (kind === 'trial') return '72220-00';
  if (kind === 'core') return 'SSPI-CORE';
  if (kind === 'capacity' || kind === 'maintenance') {
    const capacity = integer(values, 'capacity', 1, 100_000);
    if (capacity === undefined) throw new UsageError(`--kind ${kind} needs --capacity (10, 50, 200 or 1000)`);
    const found = MODEL_NUMBERS.find((m) => {
      const entry = LICENSE_MODELS[m];
      return entry.kind === kind && entry.capacity === capacity && !('trial' in entry && entry.trial);
    });
    if (!found) throw new UsageError(`no ${kind} model has capacity ${capacity}`);
    return found;
  }
  throw new UsageError(
    kind === undefined ? 'give --model or --kind' : '--kind must be capacity, maintenance, trial or core',
  );
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function buildLicense(values: Values, model: ModelNumber, now: Date): LicenseClaims {
  const entry = LICENSE_MODELS[model];
  const supersedes = uuidOption(values, 'supersedes');
  const note = optionalString(values, 'note');
  const common = {
    licenseId: uuidOption(values, 'license-id') ?? globalThis.crypto.randomUUID(),
    customerId: uuidOption(values, 'customer') ?? globalThis.crypto.randomUUID(),
    model,
    issuedAt: isoSeconds(now),
    activatedAt: isoSeconds(now),
    ...(note !== undefined ? { note } : {}),
    ...(supersedes !== undefined ? { supersedes } : {}),
  };
  if (entry.kind === 'core') return { kind: 'core', ...common, capacity: 0 } as LicenseClaims;
  if (entry.kind === 'maintenance') {
    const termYears = integer(values, 'term-years', 1, 3) ?? entry.termYears;
    if (termYears !== 1 && termYears !== 3) throw new UsageError('--term-years must be 1 or 3');
    const startText = optionalString(values, 'term-start') ?? isoDay(now);
    const start = new Date(`${startText}T00:00:00Z`);
    if (!/^\d{4}-\d\d-\d\d$/.test(startText) || Number.isNaN(start.getTime())) {
      throw new UsageError('--term-start must be a date such as 2026-03-01');
    }
    // The term covers whole days: it ends the day before the same date termYears later.
    const end = new Date(start);
    end.setUTCFullYear(end.getUTCFullYear() + termYears);
    end.setUTCDate(end.getUTCDate() - 1);
    return {
      kind: 'maintenance',
      ...common,
      capacity: entry.capacity,
      termYears,
      termStart: startText,
      termEnd: isoDay(end),
    } as LicenseClaims;
  }
  const trialDays = entry.trial
    ? (integer(values, 'trial-days', 1, 3650) ?? entry.trialDays ?? 90)
    : undefined;
  return {
    kind: 'capacity',
    ...common,
    capacity: entry.capacity,
    trial: entry.trial,
    ...(trialDays !== undefined
      ? { expiresAt: isoSeconds(new Date(now.getTime() + trialDays * 86_400_000)) }
      : {}),
  } as LicenseClaims;
}

async function mint(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    key: { type: 'string' },
    smartserver: { type: 'string' },
    model: { type: 'string' },
    kind: { type: 'string' },
    capacity: { type: 'string' },
    customer: { type: 'string' },
    'license-id': { type: 'string' },
    supersedes: { type: 'string' },
    'term-years': { type: 'string' },
    'term-start': { type: 'string' },
    'trial-days': { type: 'string' },
    note: { type: 'string' },
    issuer: { type: 'string' },
    'ttl-days': { type: 'string' },
    now: { type: 'string' },
    file: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values['help']) return help(io, 'mint');
  const keyPath = required(values, 'key');
  const smartServerId = required(values, 'smartserver');
  const model = pickModel(values);
  const now = timeOption(values, io);
  const ttlDays = integer(values, 'ttl-days', 1, 3650) ?? 365;
  const license = buildLicense(values, model, now);
  const privateJwk = await readJson(io, keyPath, 'private key');
  const issued = await issueEntitlement({
    license,
    smartServerId,
    issuer: optionalString(values, 'issuer') ?? DEFAULT_ISSUER,
    signingKey: privateJwk as Record<string, unknown>,
    now,
    expiresAt: now.getTime() + ttlDays * 86_400_000,
  });
  if (!issued.ok) throw new UsageError(issued.error.message);

  let output = `${issued.value}\n`;
  let fileId: string | undefined;
  if (values['file']) {
    const file = createActivationFile({ tokens: [issued.value], smartServerId, now });
    if (!file.ok) throw new UsageError(file.error.message);
    output = file.value.text;
    fileId = file.value.file.fileId;
  }
  const out = optionalString(values, 'out');
  if (out !== undefined) {
    await writeFile(resolve(io.cwd, out), output).catch((cause: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${out}${cause.code ? ` (${cause.code})` : ''}`);
    });
  }
  const summary = {
    licenseId: license.licenseId,
    customerId: license.customerId,
    kind: license.kind,
    model,
    capacity: license.capacity,
    smartServerId,
    ...(fileId !== undefined ? { fileId } : {}),
    ...(out !== undefined
      ? { out: resolve(io.cwd, out) }
      : { [fileId ? 'file' : 'token']: fileId ? JSON.parse(output) : issued.value }),
  };
  if (values['json']) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else if (out === undefined) io.stdout(output);
  else
    io.stdout(
      `Minted ${license.kind} license ${license.licenseId} (${model}) for ${smartServerId}: ${out}\n`,
    );
  return EXIT.OK;
}

function describeClaims(payload: Record<string, unknown>): string {
  const lines: string[] = [];
  const time = (v: unknown) =>
    typeof v === 'number' ? `${v} (${isoSeconds(new Date(v * 1000))})` : JSON.stringify(v);
  for (const name of ['iss', 'sub', 'aud', 'jti']) lines.push(`  ${name}: ${JSON.stringify(payload[name])}`);
  for (const name of ['iat', 'nbf', 'exp']) lines.push(`  ${name}: ${time(payload[name])}`);
  const license = payload[LICENSE_CLAIM];
  if (license && typeof license === 'object') {
    lines.push('  license:');
    for (const [k, v] of Object.entries(license)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
  }
  for (const [k, v] of Object.entries(payload)) {
    if (!['iss', 'sub', 'aud', 'jti', 'iat', 'nbf', 'exp', LICENSE_CLAIM].includes(k)) {
      lines.push(`  ${k}: ${JSON.stringify(v)?.slice(0, 200)}`);
    }
  }
  return lines.join('\n');
}

async function inspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {}, 1);
  if (values['help']) return help(io, 'inspect');
  const text = await readSubject(io, positionals[0]);
  let envelope: Record<string, unknown> | undefined;
  let tokens: unknown[] = [text];
  if (isActivationFileText(text)) {
    try {
      envelope = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new UsageError('the activation file is not JSON');
    }
    tokens = Array.isArray(envelope['tokens']) ? envelope['tokens'] : [];
  }
  const decoded = tokens.map((token) => decodeEntitlementUnverified(token));
  const banner = 'UNVERIFIED: decoded only; the signature and the claims were NOT checked.';
  if (values['json']) {
    const { tokens: _t, ...file } = envelope ?? {};
    io.stdout(
      `${JSON.stringify(
        {
          verified: false,
          ...(envelope ? { file } : {}),
          tokens: decoded.map((d) => (d.ok ? d.value : { verified: false, error: d.error.message })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out = [banner];
    if (envelope) {
      out.push(
        `activation file ${String(envelope['fileId'])} (version ${String(envelope['version'])}) for ${String(envelope['smartServerId'])}, created ${String(envelope['createdAt'])}, ${tokens.length} token(s)`,
      );
    }
    decoded.forEach((d, i) => {
      if (tokens.length > 1 || envelope) out.push(`token ${i + 1}:`);
      if (!d.ok) out.push(`  cannot decode: ${d.error.message}`);
      else out.push(`  header: ${JSON.stringify(d.value.header)}`, describeClaims(d.value.payload));
    });
    io.stdout(`${out.join('\n')}\n`);
  }
  return decoded.every((d) => d.ok) ? EXIT.OK : EXIT.REFUSED;
}

function resultLine(result: VerifyResult): string {
  if (result.valid) {
    const l = result.entitlement.license;
    return `OK  ${l.kind} ${l.model} (${l.capacity} devices), License ID ${l.licenseId}, token expires ${isoSeconds(new Date(result.entitlement.expiresAt * 1000))}`;
  }
  return `${result.code}${result.usable ? ' (usable)' : ''}  ${result.message}`;
}

function resultJson(result: VerifyResult) {
  return {
    valid: result.valid,
    code: result.code,
    usable: result.usable,
    message: result.message,
    meaning: VERIFY_CODE_DESCRIPTIONS[result.code],
    ...(result.entitlement
      ? {
          license: result.entitlement.license,
          expiresAt: result.entitlement.expiresAt,
          kid: result.entitlement.kid,
        }
      : {}),
  };
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      jwks: { type: 'string' },
      smartserver: { type: 'string' },
      issuer: { type: 'string' },
      now: { type: 'string' },
      algorithms: { type: 'string' },
    },
    1,
  );
  if (values['help']) return help(io, 'verify');
  const jwksPath = required(values, 'jwks');
  const smartServerId = required(values, 'smartserver');
  const text = await readSubject(io, positionals[0]);
  const keys = await importKeySet(await readJson(io, jwksPath, 'key set'));
  if (!keys.ok) throw new UsageError(`${jwksPath}: ${keys.error.message}`);
  const algorithms = optionalString(values, 'algorithms')
    ?.split(',')
    .map((a) => a.trim());
  const options = {
    keys: keys.value,
    smartServerId,
    issuer: optionalString(values, 'issuer') ?? DEFAULT_ISSUER,
    now: timeOption(values, io),
    ...(algorithms ? { algorithms: algorithms as never } : {}),
  };
  const json = values['json'] === true;

  if (isActivationFileText(text)) {
    const read = await readActivationFile(text, options);
    if (!read.ok) {
      print(
        io,
        json,
        { valid: false, code: read.code, message: read.message },
        `${read.code}  ${read.message}`,
      );
      return read.code === 'INVALID_OPTIONS' ? EXIT.USAGE : EXIT.REFUSED;
    }
    const allOk = read.results.every((r) => r.valid);
    print(
      io,
      json,
      { valid: allOk, file: read.file, results: read.results.map(resultJson) },
      [
        `activation file ${read.file.fileId} for ${read.file.smartServerId}:`,
        ...read.results.map((r, i) => `  token ${i + 1}: ${resultLine(r)}`),
      ].join('\n'),
    );
    return allOk ? EXIT.OK : EXIT.REFUSED;
  }
  const result = await verifyEntitlement(text, options);
  print(io, json, resultJson(result), resultLine(result));
  if (result.code === 'INVALID_OPTIONS') return EXIT.USAGE;
  return result.valid ? EXIT.OK : EXIT.REFUSED;
}

function help(io: CliIo, topic: string): number {
  io.stdout(`${HELP[topic]}\n`);
  return EXIT.OK;
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  keygen,
  mint,
  inspect,
  verify,
};

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return help(
      io,
      command === undefined ? 'main' : rest[0] !== undefined && HELP[rest[0]] ? rest[0] : 'main',
    );
  }
  const run = COMMANDS[command];
  if (!run || !Object.hasOwn(COMMANDS, command)) {
    io.stderr(
      `smartserver-license: unknown command ${JSON.stringify(command.slice(0, 40))}\n\n${HELP['main']}\n`,
    );
    return EXIT.USAGE;
  }
  try {
    return await run(rest, io);
  } catch (cause) {
    if (cause instanceof UsageError) {
      io.stderr(
        `smartserver-license ${command}: ${cause.message}\nRun 'smartserver-license ${command} --help' for its options.\n`,
      );
      return EXIT.USAGE;
    }
    io.stderr(
      `smartserver-license ${command}: unexpected error: ${cause instanceof Error ? cause.message : String(cause)}\n`,
    );
    return EXIT.USAGE;
  }
}

/** The real terminal, file system and clock. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    now: () => new Date(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
