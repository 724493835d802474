// Offline activation files (R20, R21), version 2: the cloud signs the whole file (every field:
// the SmartServer, its key, the request it answers, the tokens, the revoked activation ids), so
// nothing in it can be rewritten. Version 1 files (unsigned envelopes) are refused.
import { CompactSign, compactVerify } from 'jose';
import {
  ActivationFileClaimsSchema,
  FILE_FORMATS,
  MAX_PROTOCOL_FILE_CHARS,
  MESSAGE_TYPES,
  parseSmartServerId,
  parseWith,
  protocolFileText,
  SignedActivationFileSchema,
  type ActivationFileClaims,
} from '@smartserver-licensing/schemas';
import type { ClockState } from './clock.js';
import {
  decodeBase64url,
  decodeJsonPart,
  decodeUtf8,
  encodeText,
  isJsonObject,
  parseStrictJson,
} from './encoding.js';
import { describeCause, failure, type EntitlementResult } from './errors.js';
import { importSigningKey, type SigningKey } from './keys.js';
import { toSeconds, type TimeInput, type VerifiedEntitlement } from './token.js';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  resolveKeys,
  verifyEntitlements,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';
import { membership } from './verify-options.js';

export interface CreateActivationFileInput {
  /** Compact tokens, all bound to `smartServerId` and its key. May be empty (a revocation list). */
  tokens: readonly string[];
  smartServerId: string;
  /** The thumbprint of the SmartServer key the file is for (from its activation request). */
  keyThumbprint: string;
  /** The activation request the file answers. */
  requestId?: string;
  /** Activation ids of this SmartServer that were force-released. */
  revoked?: readonly string[];
  /** The cloud's name (`iss`) and signing key, as for tokens. */
  issuer: string;
  signingKey: SigningKey | Record<string, unknown>;
  now: TimeInput;
  /** Default a random UUID. */
  fileId?: string;
}

export interface CreatedActivationFile {
  readonly file: ActivationFileClaims;
  /** The file's text, as written to disk or offered for download. */
  readonly text: string;
}

/** The `aud` and `cnf.jkt` a token claims, read without trusting them: only to catch a file assembled by mistake. */
function claimedBinding(token: string): { aud: unknown; jkt: unknown } {
  const payload = token.split('.')[1];
  const bytes = payload === undefined ? undefined : decodeBase64url(payload);
  const text = bytes && decodeUtf8(bytes);
  const parsed = text === undefined ? undefined : parseStrictJson(text);
  const value = parsed?.ok && isJsonObject(parsed.value) ? parsed.value : {};
  const cnf = value['cnf'];
  return { aud: value['aud'], jkt: isJsonObject(cnf) ? cnf['jkt'] : undefined };
}

/**
 * Signs an activation file (format version 2). Refuses (`INVALID_FILE`) tokens that claim
 * another SmartServer or key; bad options are `INVALID_OPTIONS`, a bad key `INVALID_KEY`.
 */
export async function createActivationFile(
  input: CreateActivationFileInput,
): Promise<EntitlementResult<CreatedActivationFile>> {
  if (typeof input !== 'object' || input === null)
    return failure('INVALID_OPTIONS', 'expected an options object');
  const seconds = toSeconds(input.now);
  if (seconds === undefined)
    return failure('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const id = parseSmartServerId(input.smartServerId);
  if (!id.ok) return failure('INVALID_OPTIONS', id.error.message);
  const candidate = {
    iss: input.issuer,
    aud: id.value,
    keyThumbprint: input.keyThumbprint,
    fileId: input.fileId ?? globalThis.crypto.randomUUID(),
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
    iat: seconds,
    tokens: Array.isArray(input.tokens) ? [...input.tokens] : input.tokens,
    revoked: Array.isArray(input.revoked) ? [...input.revoked] : (input.revoked ?? []),
  };
  const parsed = parseWith(ActivationFileClaimsSchema, candidate, 'activation file');
  if (!parsed.ok) return failure('INVALID_FILE', parsed.error.message);
  const claims = parsed.value;
  const stranger = claims.tokens.findIndex((token) => {
    const bound = claimedBinding(token);
    return bound.aud !== id.value || bound.jkt !== claims.keyThumbprint;
  });
  if (stranger >= 0) {
    return failure('INVALID_FILE', `tokens[${stranger}] is not bound to SmartServer ${id.value} and its key`);
  }
  let key: SigningKey;
  if (typeof input.signingKey === 'object' && input.signingKey !== null && 'key' in input.signingKey) {
    key = input.signingKey as SigningKey;
  } else {
    const imported = await importSigningKey(input.signingKey);
    if (!imported.ok) return imported;
    key = imported.value;
  }
  try {
    const signed = await new CompactSign(encodeText(JSON.stringify(claims)))
      .setProtectedHeader({ alg: key.alg, typ: MESSAGE_TYPES.activationFile, kid: key.kid })
      .sign(key.key);
    return { ok: true, value: { file: claims, text: protocolFileText('activationFile', signed) } };
  } catch (cause) {
    return failure('CRYPTO_FAILED', `signing failed: ${describeCause(cause)}`);
  }
}

/**
 * Why a whole file was refused (no token in it was used):
 * - `INVALID_OPTIONS`: bad verifier options;
 * - `FILE_TOO_LARGE`: longer than `MAX_PROTOCOL_FILE_CHARS`; refused before parsing;
 * - `FILE_MALFORMED`: not strict JSON, not the envelope, or its signed part is not readable;
 * - `FILE_UNSUPPORTED_VERSION`: version 1 (unsigned) or a version this SDK does not know;
 * - `FILE_BAD_SIGNATURE`: not signed by a trusted key of the license cloud;
 * - `FILE_WRONG_SMARTSERVER`: made for another SmartServer or another key of this one;
 * - `FILE_REPLAYED`: this file was applied already;
 * - `FILE_FROM_FUTURE`: created later than now plus the clock skew.
 */
export type FileFailureCode =
  | 'INVALID_OPTIONS'
  | 'FILE_TOO_LARGE'
  | 'FILE_MALFORMED'
  | 'FILE_UNSUPPORTED_VERSION'
  | 'FILE_BAD_SIGNATURE'
  | 'FILE_WRONG_SMARTSERVER'
  | 'FILE_REPLAYED'
  | 'FILE_FROM_FUTURE';

export type ReadActivationFileResult =
  | { readonly ok: false; readonly code: FileFailureCode; readonly message: string }
  | {
      readonly ok: true;
      /** The signed claims without the tokens. */
      readonly file: Omit<ActivationFileClaims, 'tokens'>;
      /** One result per token, in file order: one bad token does not hide the good ones. */
      readonly results: readonly VerifyResult[];
      /** Only the tokens that verified (`OK`): nothing else may be activated. */
      readonly accepted: readonly VerifiedEntitlement[];
      /** Activation ids the cloud revoked: remember them (tombstones) before using anything. */
      readonly revoked: readonly string[];
      /** The advanced clock state: persist it. */
      readonly clock: ClockState | undefined;
    };

export interface ReadActivationFileOptions extends VerifyOptions {
  /** This SmartServer's key thumbprint: required, the file must name it. */
  keyThumbprint: string;
  /** File ids this SmartServer applied before, or a function that says so: refused as replays. */
  appliedFiles?: ReadonlySet<string> | ((fileId: string) => boolean);
}

function refuseFile(code: FileFailureCode, message: string): ReadActivationFileResult {
  return { ok: false, code, message };
}

/**
 * Reads an activation file (its text, or its already-parsed JSON value): checks the cloud's
 * signature over the whole file, that it is for this SmartServer and key, that it was not
 * applied before, then verifies every token with the given options. Never throws.
 */
export async function readActivationFile(
  input: unknown,
  options: ReadActivationFileOptions,
): Promise<ReadActivationFileResult> {
  if (typeof options !== 'object' || options === null)
    return refuseFile('INVALID_OPTIONS', 'expected an options object');
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_PROTOCOL_FILE_CHARS) {
      return refuseFile(
        'FILE_TOO_LARGE',
        `file is ${input.length} characters; at most ${MAX_PROTOCOL_FILE_CHARS} accepted`,
      );
    }
    const parsed = parseStrictJson(input);
    if (!parsed.ok) return refuseFile('FILE_MALFORMED', `activation file: ${parsed.problem}`);
    value = parsed.value;
  }
  if (isJsonObject(value) && value['format'] === FILE_FORMATS.activationFile && value['version'] !== 2) {
    return refuseFile(
      'FILE_UNSUPPORTED_VERSION',
      value['version'] === 1
        ? 'activation file: version 1 files are no longer accepted (their envelope was not signed); make a new file from an activation request'
        : 'activation file: unsupported version; this SDK reads version 2',
    );
  }
  const envelope = parseWith(SignedActivationFileSchema, value, 'activation file');
  if (!envelope.ok) return refuseFile('FILE_MALFORMED', envelope.error.message);

  const now = toSeconds(options.now);
  if (now === undefined)
    return refuseFile('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const keys = await resolveKeys(options.keys);
  if (typeof keys === 'string') return refuseFile('INVALID_OPTIONS', keys);
  const id = parseSmartServerId(options.smartServerId);
  if (!id.ok) return refuseFile('INVALID_OPTIONS', id.error.message);
  if (typeof options.keyThumbprint !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(options.keyThumbprint)) {
    return refuseFile('INVALID_OPTIONS', 'keyThumbprint must be this SmartServer key thumbprint');
  }
  const wasApplied = membership(options.appliedFiles);
  if (!wasApplied)
    return refuseFile('INVALID_OPTIONS', 'appliedFiles must be a Set of file ids or a function');

  // The signature first: nothing unsigned is looked at.
  const signed = envelope.value.signed;
  const [headerPart, payloadPart] = signed.split('.') as [string, string, string];
  const header = decodeJsonPart(headerPart, 'activation file: header');
  if (typeof header === 'string') return refuseFile('FILE_MALFORMED', header);
  const { alg, typ, kid } = header;
  if (
    typ !== MESSAGE_TYPES.activationFile ||
    Object.keys(header).some((k) => !['alg', 'typ', 'kid'].includes(k))
  ) {
    return refuseFile(
      'FILE_MALFORMED',
      `activation file: typ must be ${MESSAGE_TYPES.activationFile}, with alg and kid only`,
    );
  }
  const trusted = typeof kid === 'string' ? keys.get(kid) : undefined;
  if (!trusted || trusted.alg !== alg) {
    return refuseFile(
      'FILE_BAD_SIGNATURE',
      'activation file: not signed by a trusted key of the license cloud',
    );
  }
  try {
    await compactVerify(signed, trusted.key, { algorithms: [trusted.alg] });
  } catch {
    return refuseFile('FILE_BAD_SIGNATURE', 'activation file: the signature does not verify');
  }
  const payload = decodeJsonPart(payloadPart, 'activation file: signed payload');
  if (typeof payload === 'string') return refuseFile('FILE_MALFORMED', payload);
  const claims = parseWith(ActivationFileClaimsSchema, payload, 'activation file');
  if (!claims.ok) return refuseFile('FILE_MALFORMED', claims.error.message);
  const file = claims.value;

  if (file.iss !== options.issuer)
    return refuseFile('FILE_BAD_SIGNATURE', 'activation file: issued by another license cloud');
  if (file.aud !== id.value || file.keyThumbprint !== options.keyThumbprint) {
    return refuseFile(
      'FILE_WRONG_SMARTSERVER',
      file.aud !== id.value
        ? `the file is for SmartServer ${file.aud}, not ${id.value}`
        : `the file is for another key of SmartServer ${file.aud} (a reset or replaced SmartServer)`,
    );
  }
  const skew =
    typeof options.clockSkewSeconds === 'number' ? options.clockSkewSeconds : DEFAULT_CLOCK_SKEW_SECONDS;
  if (file.iat > now + skew) {
    return refuseFile(
      'FILE_FROM_FUTURE',
      `the file was created at ${new Date(file.iat * 1000).toISOString()}, after now`,
    );
  }
  if (wasApplied(file.fileId)) return refuseFile('FILE_REPLAYED', `file ${file.fileId} was applied already`);

  // Revocations in the file count for the tokens in it too.
  const revokedHere = membership(new Set(file.revoked))!;
  const earlier = membership(options.revoked);
  if (!earlier) return refuseFile('INVALID_OPTIONS', 'revoked must be a Set of activation ids or a function');
  const revoked = (activationId: string) => revokedHere(activationId) || earlier(activationId);
  const batch = await verifyEntitlements(file.tokens, { ...options, keys, revoked });
  const { tokens: _tokens, ...meta } = file;
  return {
    ok: true,
    file: meta,
    results: batch.results,
    accepted: batch.accepted,
    revoked: file.revoked,
    clock: batch.clock,
  };
}
