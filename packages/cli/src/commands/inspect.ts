// `inspect`: show what a token, an activation file, an activation request or a return receipt
// claims. NOTHING is verified here, and every output says so.
import {
  decodeEntitlementUnverified,
  installCodeOfThumbprint,
  keyThumbprint,
  LICENSE_CLAIM,
  type UnverifiedToken,
} from '@smartserver-licensing/entitlements';
import {
  FILE_FORMATS,
  MAX_PROTOCOL_FILE_CHARS,
  SmartServerPublicKeySchema,
  parseWith,
} from '@smartserver-licensing/schemas';
import { help } from '../help.js';
import { isJsonText, print, readSubject, type CliIo } from '../io.js';
import { EXIT, isoSeconds, parse, UsageError } from '../options.js';

const BANNER = 'UNVERIFIED: decoded only; the signature and the claims were NOT checked.';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v)?.slice(0, 200) ?? 'undefined';
const time = (v: unknown) => (typeof v === 'number' ? `${v} (${isoSeconds(new Date(v * 1000))})` : show(v));

/** The Install Code of a thumbprint, or nothing when it is not one. */
function installCode(thumbprint: unknown): string | undefined {
  try {
    return typeof thumbprint === 'string' ? installCodeOfThumbprint(thumbprint) : undefined;
  } catch {
    return undefined;
  }
}

/** A compact JWS's header and payload, read without checking anything; a message when unreadable. */
function decodeSigned(signed: unknown): { header: Json; payload: Json } | string {
  const parts = typeof signed === 'string' ? signed.split('.') : [];
  if (parts.length !== 3) return 'the signed part is not a compact JWS';
  const [header, payload] = parts.slice(0, 2).map((part) => {
    try {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return isObject(value) ? value : undefined;
    } catch {
      return undefined;
    }
  });
  return header && payload ? { header, payload } : 'the signed part does not hold JSON objects';
}

/** Where a token comes from, what it is bound to, and its license, one line each. */
function describeToken(token: UnverifiedToken): string[] {
  const { header, payload } = token;
  const lines = [`  header: ${show(header)}`];
  for (const name of ['iss', 'sub', 'aud']) lines.push(`  ${name}: ${show(payload[name])}`);
  lines.push(`  jti (activation id): ${show(payload['jti'])}`);
  const cnf = payload['cnf'];
  const jkt = isObject(cnf) ? cnf['jkt'] : undefined;
  if (cnf !== undefined) {
    const code = installCode(jkt);
    lines.push(`  cnf.jkt (bound to SmartServer key): ${show(jkt)}${code ? ` (Install Code ${code})` : ''}`);
  } else lines.push('  cnf: none (bound to the SmartServer id only, not to a key)');
  for (const name of ['iat', 'nbf', 'exp']) lines.push(`  ${name}: ${time(payload[name])}`);
  const license = payload[LICENSE_CLAIM];
  if (isObject(license)) {
    lines.push('  license:');
    for (const [k, v] of Object.entries(license)) lines.push(`    ${k}: ${show(v)}`);
  }
  const known = ['iss', 'sub', 'aud', 'jti', 'cnf', 'iat', 'nbf', 'exp', LICENSE_CLAIM];
  for (const [k, v] of Object.entries(payload)) if (!known.includes(k)) lines.push(`  ${k}: ${show(v)}`);
  return lines;
}

function tokenJson(token: UnverifiedToken) {
  const cnf = token.payload['cnf'];
  const jkt = isObject(cnf) ? cnf['jkt'] : undefined;
  return {
    ...token,
    activationId: token.payload['jti'],
    ...(jkt !== undefined ? { keyThumbprint: jkt, installCode: installCode(jkt) } : {}),
  };
}

interface Inspected {
  /** What the JSON output holds besides `verified: false`. */
  json: Json;
  lines: string[];
  ok: boolean;
}

function inspectTokens(tokens: readonly unknown[], numbered: boolean): Inspected {
  const decoded = tokens.map((token) => decodeEntitlementUnverified(token));
  const lines = decoded.flatMap((d, i) => [
    ...(numbered ? [`token ${i + 1}:`] : []),
    ...(d.ok ? describeToken(d.value) : [`  cannot decode: ${d.error.message}`]),
  ]);
  const json = decoded.map((d) => (d.ok ? tokenJson(d.value) : { verified: false, error: d.error.message }));
  return { json: { tokens: json }, lines, ok: decoded.every((d) => d.ok) };
}

function inspectActivationFile(envelope: Json, header: Json, claims: Json): Inspected {
  const { tokens, ...file } = claims;
  const list = Array.isArray(tokens) ? tokens : [];
  const revoked = Array.isArray(file['revoked']) ? file['revoked'] : [];
  const code = installCode(file['keyThumbprint']);
  const inner = inspectTokens(list, true);
  const lines = [
    `activation file ${show(file['fileId'])} (version 2, signed by the license cloud with key ${show(header['kid'])}, issuer ${show(file['iss'])})`,
    `  for SmartServer ${show(file['aud'])}, key ${show(file['keyThumbprint'])}${code ? ` (Install Code ${code})` : ''}`,
    `  answers request ${show(file['requestId'])}, created ${time(file['iat'])}`,
    `  ${list.length} token(s); revokes ${revoked.length} activation(s)${revoked.length ? `: ${revoked.join(', ')}` : ''}`,
    ...inner.lines,
  ];
  const fileJson = { format: envelope['format'], version: envelope['version'], header, ...file };
  return { json: { file: fileJson, ...inner.json }, lines, ok: inner.ok };
}

async function inspectRequest(envelope: Json, header: Json, claims: Json): Promise<Inspected> {
  const key = parseWith(SmartServerPublicKeySchema, claims['publicKey'], 'public key');
  const thumbprint = key.ok ? await keyThumbprint(key.value) : undefined;
  const derived = thumbprint === undefined ? undefined : installCodeOfThumbprint(thumbprint);
  const mismatch = derived !== undefined && derived !== claims['installCode'];
  const lines = [
    `activation request ${show(claims['requestId'])} (version 2, signed by the SmartServer key it carries)`,
    `  from SmartServer ${show(claims['smartServerId'])}, segment controller ${show(claims['segmentController'])}, created ${show(claims['createdAt'])}`,
    `  Install Code: ${show(claims['installCode'])}${mismatch ? ` -- DOES NOT belong to its key (${derived})` : ''}`,
    `  key thumbprint: ${thumbprint ?? '(the public key is unreadable)'}`,
    `  header: ${show(header)}`,
  ];
  const json = {
    format: envelope['format'],
    version: envelope['version'],
    header,
    claims,
    keyThumbprint: thumbprint,
  };
  return { json: { request: json }, lines, ok: thumbprint !== undefined };
}

function inspectReceipt(envelope: Json, header: Json, claims: Json): Inspected {
  const code = installCode(claims['keyThumbprint']);
  const lines = [
    `return receipt (version 2, signed by the SmartServer key): License ID ${show(claims['licenseId'])}`,
    `  activation ${show(claims['activationId'])} returned by SmartServer ${show(claims['smartServerId'])} at ${show(claims['returnedAt'])}`,
    `  key thumbprint: ${show(claims['keyThumbprint'])}${code ? ` (Install Code ${code})` : ''}`,
    `  header: ${show(header)}`,
  ];
  const json = { format: envelope['format'], version: envelope['version'], header, claims };
  return { json: { receipt: json }, lines, ok: true };
}

/** A first-release activation file: an unsigned envelope around tokens. */
function inspectVersion1File(envelope: Json): Inspected {
  const { tokens, ...file } = envelope;
  const list = Array.isArray(tokens) ? tokens : [];
  const inner = inspectTokens(list, true);
  const lines = [
    `activation file ${show(file['fileId'])} (version ${show(file['version'])}, an UNSIGNED envelope: verify refuses it with FILE_UNSUPPORTED_VERSION)`,
    `  for ${show(file['smartServerId'])}, created ${show(file['createdAt'])}, ${list.length} token(s)`,
    ...inner.lines,
  ];
  return { json: { file, ...inner.json }, lines, ok: inner.ok };
}

async function inspectFile(text: string): Promise<Inspected> {
  if (text.length > MAX_PROTOCOL_FILE_CHARS) {
    throw new UsageError(
      `the file is ${text.length} characters; at most ${MAX_PROTOCOL_FILE_CHARS} are read`,
    );
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new UsageError('the file is not JSON');
  }
  if (!isObject(envelope)) throw new UsageError('the file is not a JSON object');
  const { format, version } = envelope;
  if (format === FILE_FORMATS.activationFile && version !== 2) return inspectVersion1File(envelope);
  const known = Object.values(FILE_FORMATS) as unknown[];
  const signed = known.includes(format)
    ? decodeSigned(envelope['signed'])
    : `not a file this command knows: format ${show(format)} (known: ${known.join(', ')})`;
  if (typeof signed === 'string')
    return { json: { error: signed }, lines: [`cannot decode: ${signed}`], ok: false };
  if (format === FILE_FORMATS.activationRequest)
    return inspectRequest(envelope, signed.header, signed.payload);
  if (format === FILE_FORMATS.returnReceipt) return inspectReceipt(envelope, signed.header, signed.payload);
  return inspectActivationFile(envelope, signed.header, signed.payload);
}

export async function inspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {}, 1);
  if (values['help']) return help(io, 'inspect');
  const text = await readSubject(io, positionals[0]);
  const inspected = isJsonText(text) ? await inspectFile(text) : inspectTokens([text], false);
  print(
    io,
    values['json'] === true,
    { verified: false, ...inspected.json },
    [BANNER, ...inspected.lines].join('\n'),
  );
  return inspected.ok ? EXIT.OK : EXIT.REFUSED;
}
