// `mint`: sign one license for one SmartServer. The claims come from policy (the license's
// terms fixed at its first activation, then the claims of this activation), never from here.
// With a SmartServer's activation request the token is bound to its key, and `--file` writes the
// signed offline activation file that answers the request.
import {
  createActivationFile,
  importSigningKey,
  issueEntitlement,
  type SigningKey,
} from '@smartserver-licensing/entitlements';
import { activationClaims, firstActivationTerms } from '@smartserver-licensing/policy';
import {
  LICENSE_MODELS,
  lookupModel,
  MAINTENANCE_TERMS_YEARS,
  MODEL_NUMBERS,
  type LicenseClaims,
  type ModelNumber,
} from '@smartserver-licensing/schemas';
import { help } from '../help.js';
import { readJson, writeText, type CliIo } from '../io.js';
import {
  dayOption,
  DEFAULT_ISSUER,
  EXIT,
  integer,
  isoSeconds,
  optionalString,
  parse,
  valueOptions,
  required,
  timeOption,
  UsageError,
  uuidOption,
  type Values,
} from '../options.js';
import { readActivationRequest, smartServerFor, type CheckedRequest } from '../request.js';

const DAY_MS = 86_400_000;

const FILE_NEEDS_REQUEST =
  '--file needs --request <activation request file>: an activation file is bound to the SmartServer key, ' +
  'which only its activation request names. Without --file, mint prints a bare token.';

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

function termYearsOption(values: Values): number | undefined {
  const years = integer(values, 'term-years', 1, 99);
  if (years !== undefined && !(MAINTENANCE_TERMS_YEARS as readonly number[]).includes(years)) {
    throw new UsageError(`--term-years must be ${MAINTENANCE_TERMS_YEARS.join(' or ')}`);
  }
  return years;
}

/** The claims of this activation, built by policy from the license record and its first activation. */
function licenseClaims(values: Values, model: ModelNumber, now: Date): LicenseClaims {
  const entry = LICENSE_MODELS[model];
  const firstDay = dayOption(values, 'term-start');
  const hasTerm = entry.kind === 'maintenance' || (entry.kind === 'capacity' && entry.trial);
  if (firstDay !== undefined && !hasTerm) {
    throw new UsageError('--term-start applies to maintenance and trial licenses only: this one never ends');
  }
  const termYears = termYearsOption(values);
  const trialDays = integer(values, 'trial-days', 1, 3650);
  const terms = firstActivationTerms({
    model,
    now: firstDay === undefined ? now : `${firstDay}T00:00:00Z`,
    ...(termYears !== undefined ? { termYears } : {}),
    ...(trialDays !== undefined ? { trialDays } : {}),
  });
  if (!terms.ok) throw new UsageError(`the license's terms: ${terms.error.message}`);
  const note = optionalString(values, 'note');
  const supersedes = uuidOption(values, 'supersedes');
  const claims = activationClaims(
    {
      licenseId: uuidOption(values, 'license-id') ?? globalThis.crypto.randomUUID(),
      customerId: uuidOption(values, 'customer') ?? globalThis.crypto.randomUUID(),
      model,
      issuedAt: isoSeconds(now),
      ...(termYears !== undefined ? { termYears } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(supersedes !== undefined ? { supersedes } : {}),
    },
    terms.value,
    now,
  );
  if (!claims.ok) throw new UsageError(`the license: ${claims.error.message}`);
  return claims.value;
}

async function loadSigningKey(io: CliIo, path: string): Promise<SigningKey> {
  const imported = await importSigningKey(await readJson(io, path, 'private key'));
  if (!imported.ok) throw new UsageError(`${path}: ${imported.error.message}`);
  return imported.value;
}

interface Minted {
  output: string;
  fileId?: string;
}

/** The signed activation file answering `request`, holding `token`. */
async function activationFile(
  token: string,
  request: CheckedRequest,
  issuer: string,
  signingKey: SigningKey,
  now: Date,
): Promise<Minted> {
  const file = await createActivationFile({
    tokens: [token],
    smartServerId: request.claims.smartServerId,
    keyThumbprint: request.thumbprint,
    requestId: request.claims.requestId,
    issuer,
    signingKey,
    now,
  });
  if (!file.ok) throw new UsageError(file.error.message);
  return { output: file.value.text, fileId: file.value.file.fileId };
}

export async function mint(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    ...valueOptions(
      'key',
      'request',
      'smartserver',
      'model',
      'kind',
      'capacity',
      'customer',
      'license-id',
      'activation-id',
      'supersedes',
      'term-years',
      'term-start',
      'trial-days',
      'note',
      'issuer',
      'ttl-days',
      'now',
      'out',
    ),
    file: { type: 'boolean' },
  });
  if (values['help']) return help(io, 'mint');
  const keyPath = required(values, 'key');
  const requestPath = optionalString(values, 'request');
  if (values['file'] && requestPath === undefined) throw new UsageError(FILE_NEEDS_REQUEST);
  const model = pickModel(values);
  const now = timeOption(values, io);
  const ttlDays = integer(values, 'ttl-days', 1, 3650) ?? 365;
  const activationId = uuidOption(values, 'activation-id') ?? globalThis.crypto.randomUUID();
  const license = licenseClaims(values, model, now);
  const request = requestPath === undefined ? undefined : await readActivationRequest(io, requestPath);
  const smartServerId = smartServerFor(optionalString(values, 'smartserver'), request);
  const signingKey = await loadSigningKey(io, keyPath);
  const issuer = optionalString(values, 'issuer') ?? DEFAULT_ISSUER;
  const issued = await issueEntitlement({
    license,
    smartServerId,
    issuer,
    signingKey,
    now,
    expiresAt: now.getTime() + ttlDays * DAY_MS,
    tokenId: activationId,
    ...(request !== undefined ? { keyThumbprint: request.thumbprint } : {}),
  });
  if (!issued.ok) throw new UsageError(issued.error.message);

  const minted: Minted =
    values['file'] && request !== undefined
      ? await activationFile(issued.value, request, issuer, signingKey, now)
      : { output: `${issued.value}\n` };
  const out = optionalString(values, 'out');
  const written = out === undefined ? undefined : await writeText(io, out, minted.output);
  const { fileId } = minted;
  const summary = {
    licenseId: license.licenseId,
    customerId: license.customerId,
    kind: license.kind,
    model,
    capacity: license.capacity,
    smartServerId,
    activationId,
    ...(request !== undefined
      ? {
          keyThumbprint: request.thumbprint,
          installCode: request.claims.installCode,
          requestId: request.claims.requestId,
        }
      : {}),
    ...(fileId !== undefined ? { fileId } : {}),
    ...(written !== undefined
      ? { out: written }
      : fileId !== undefined
        ? { file: JSON.parse(minted.output) as unknown }
        : { token: issued.value }),
  };
  if (values['json']) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else if (out === undefined) io.stdout(minted.output);
  else {
    const key = request === undefined ? '' : ` (Install Code ${request.claims.installCode})`;
    io.stdout(
      `Minted ${license.kind} license ${license.licenseId} (${model}) for ${smartServerId}${key}: ${out}\n`,
    );
  }
  return EXIT.OK;
}
