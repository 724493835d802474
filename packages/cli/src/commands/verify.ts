// `verify`: check a token, or a signed activation file and every token in it, the way a
// SmartServer does; print each result code and each license's own end at --now.
import {
  importKeySet,
  readActivationFile,
  verifyEntitlement,
  VERIFY_CODE_DESCRIPTIONS,
  type EntitlementAlgorithm,
  type VerifyOptions,
  type VerifyResult,
} from '@smartserver-licensing/entitlements';
import { maintenanceStatusAt } from '@smartserver-licensing/policy';
import type { LicenseClaims } from '@smartserver-licensing/schemas';
import { help } from '../help.js';
import { isJsonText, print, readJson, readSubject, type CliIo } from '../io.js';
import {
  DEFAULT_ISSUER,
  EXIT,
  isoDay,
  isoSeconds,
  optionalString,
  parse,
  valueOptions,
  required,
  thumbprintOption,
  timeOption,
  UsageError,
  uuidListOption,
} from '../options.js';
import { readActivationRequest, smartServerFor } from '../request.js';

const NEEDS_THUMBPRINT =
  "an activation file is bound to one SmartServer key: give the SmartServer's activation request " +
  "(--request <file>) or its key thumbprint (--key-thumbprint <thumbprint>, as 'inspect' shows for the request)";

/** A license's own end (not the token's): a trial's end (R6) or a maintenance term's last day (R15). */
export interface LicenseEnd {
  what: 'trial' | 'maintenance term' | 'none';
  /** Trial: the instant it ends; maintenance: the last covered day. */
  endsAt?: string;
  /** Whether that end has passed at the verification time. */
  passed: boolean;
  text: string;
}

function licenseEnd(license: LicenseClaims, now: Date): LicenseEnd {
  if (license.kind === 'maintenance') {
    const { termStart, termEnd } = license;
    const status = maintenanceStatusAt(termEnd, now);
    const daysLeft = status.ok ? (status.value.daysLeft ?? -1) : -1;
    const span = `maintenance term ${termStart} to ${termEnd}`;
    const text =
      daysLeft < 0
        ? `${span}: ENDED on ${termEnd}, before ${isoSeconds(now)}; it covers no upgrades now`
        : isoDay(now) < termStart
          ? `${span}: starts on ${termStart}`
          : `${span}: ${daysLeft === 0 ? 'today is its last day' : `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`}`;
    return { what: 'maintenance term', endsAt: termEnd, passed: daysLeft < 0, text };
  }
  if (license.kind === 'capacity' && license.expiresAt !== undefined) {
    const passed = now.getTime() >= Date.parse(license.expiresAt);
    const text = passed
      ? `trial ENDED at ${license.expiresAt}, before ${isoSeconds(now)}; it adds no capacity now`
      : `trial ends at ${license.expiresAt}`;
    return { what: 'trial', endsAt: license.expiresAt, passed, text };
  }
  return { what: 'none', passed: false, text: 'the license itself never ends' };
}

function resultLines(result: VerifyResult, now: Date): string[] {
  const entitlement = result.entitlement;
  if (result.valid) {
    const l = result.entitlement.license;
    const head = `OK  ${l.kind} ${l.model} (${l.capacity} devices), License ID ${l.licenseId}, activation ${result.entitlement.tokenId}, token expires ${isoSeconds(new Date(result.entitlement.expiresAt * 1000))}`;
    return [head, `    ${licenseEnd(l, now).text}`];
  }
  const head = `${result.code}${result.usable ? ' (usable)' : ''}  ${result.message}`;
  return entitlement ? [head, `    ${licenseEnd(entitlement.license, now).text}`] : [head];
}

function resultJson(result: VerifyResult, now: Date) {
  const entitlement = result.entitlement;
  return {
    valid: result.valid,
    code: result.code,
    usable: result.usable,
    message: result.message,
    meaning: VERIFY_CODE_DESCRIPTIONS[result.code],
    ...(entitlement
      ? {
          license: entitlement.license,
          licenseEnd: licenseEnd(entitlement.license, now),
          activationId: entitlement.tokenId,
          ...(entitlement.keyThumbprint !== undefined ? { keyThumbprint: entitlement.keyThumbprint } : {}),
          expiresAt: entitlement.expiresAt,
          kid: entitlement.kid,
        }
      : {}),
  };
}

async function verifyFile(
  io: CliIo,
  json: boolean,
  text: string,
  options: VerifyOptions,
  thumbprint: string | undefined,
  now: Date,
): Promise<number> {
  const read = await readActivationFile(text, { ...options, keyThumbprint: thumbprint ?? '' });
  if (!read.ok) {
    // The file's own problems (version, signature, SmartServer) come first; then the thumbprint.
    if (read.code === 'INVALID_OPTIONS' && thumbprint === undefined) throw new UsageError(NEEDS_THUMBPRINT);
    print(
      io,
      json,
      { valid: false, code: read.code, message: read.message },
      `${read.code}  ${read.message}`,
    );
    return read.code === 'INVALID_OPTIONS' ? EXIT.USAGE : EXIT.REFUSED;
  }
  const allOk = read.results.every((r) => r.valid);
  const { file } = read;
  const lines = [
    `activation file ${file.fileId} for ${file.aud}${file.requestId ? `, answering request ${file.requestId}` : ''}:`,
    ...read.results.flatMap((r, i) =>
      resultLines(r, now).map((line, j) => (j === 0 ? `  token ${i + 1}: ${line}` : `  ${line}`)),
    ),
    ...(read.revoked.length > 0 ? [`  revokes activation(s): ${read.revoked.join(', ')}`] : []),
  ];
  print(
    io,
    json,
    { valid: allOk, file, results: read.results.map((r) => resultJson(r, now)) },
    lines.join('\n'),
  );
  return allOk ? EXIT.OK : EXIT.REFUSED;
}

export async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      ...valueOptions(
        'jwks',
        'smartserver',
        'request',
        'key-thumbprint',
        'revoked',
        'issuer',
        'now',
        'algorithms',
      ),
    },
    1,
  );
  if (values['help']) return help(io, 'verify');
  const jwksPath = required(values, 'jwks');
  const requestPath = optionalString(values, 'request');
  const given = thumbprintOption(values, 'key-thumbprint');
  if (requestPath !== undefined && given !== undefined) {
    throw new UsageError('give --request or --key-thumbprint, not both');
  }
  const revoked = uuidListOption(values, 'revoked');
  const now = timeOption(values, io);
  const text = await readSubject(io, positionals[0]);
  const request = requestPath === undefined ? undefined : await readActivationRequest(io, requestPath);
  const smartServerId = smartServerFor(optionalString(values, 'smartserver'), request);
  const thumbprint = request?.thumbprint ?? given;
  const keys = await importKeySet(await readJson(io, jwksPath, 'key set'));
  if (!keys.ok) throw new UsageError(`${jwksPath}: ${keys.error.message}`);
  const algorithms = optionalString(values, 'algorithms')
    ?.split(',')
    .map((a) => a.trim());
  const options: VerifyOptions = {
    keys: keys.value,
    smartServerId,
    issuer: optionalString(values, 'issuer') ?? DEFAULT_ISSUER,
    now,
    ...(algorithms ? { algorithms: algorithms as EntitlementAlgorithm[] } : {}),
    ...(thumbprint !== undefined ? { keyThumbprint: thumbprint } : {}),
    ...(revoked !== undefined ? { revoked: new Set(revoked) } : {}),
  };
  const json = values['json'] === true;
  if (isJsonText(text)) return verifyFile(io, json, text, options, thumbprint, now);
  const result = await verifyEntitlement(text, options);
  print(io, json, resultJson(result, now), resultLines(result, now).join('\n'));
  if (result.code === 'INVALID_OPTIONS') return EXIT.USAGE;
  return result.valid ? EXIT.OK : EXIT.REFUSED;
}
