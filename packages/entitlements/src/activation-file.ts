// Offline activation files (R20, R21): write tokens into the versioned envelope, and read one back
// with a result per token, refusing files for another SmartServer and files replayed after a newer one.
import {
  ACTIVATION_FILE_FORMAT,
  MAX_ACTIVATION_FILE_CHARS,
  parseActivationFile,
  parseSmartServerId,
  type ActivationFile,
} from '@smartserver-licensing/schemas';
import type { ClockState } from './clock.js';
import { decodeBase64url, decodeUtf8, isJsonObject, parseStrictJson } from './encoding.js';
import { failure, type EntitlementResult } from './errors.js';
import { toSeconds, type TimeInput, type VerifiedEntitlement } from './token.js';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  verifyEntitlements,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';

export interface CreateActivationFileInput {
  /** Compact tokens, all bound to `smartServerId`. */
  tokens: readonly string[];
  smartServerId: string;
  /** The file's creation time; later files replace earlier ones. */
  now: TimeInput;
  /** Default a random UUID. */
  fileId?: string;
}

export interface CreatedActivationFile {
  readonly file: ActivationFile;
  /** The file's text, as written to disk or offered for download. */
  readonly text: string;
}

/** The `aud` a token claims, read without trusting it: only to catch a file assembled by mistake. */
function claimedAudience(token: string): unknown {
  const payload = token.split('.')[1];
  const bytes = payload === undefined ? undefined : decodeBase64url(payload);
  const text = bytes && decodeUtf8(bytes);
  const parsed = text === undefined ? undefined : parseStrictJson(text);
  return parsed?.ok && isJsonObject(parsed.value) ? parsed.value['aud'] : undefined;
}

/**
 * Wraps tokens into an activation file (format version 1). Refuses (`INVALID_FILE`)
 * tokens that are not compact JWS or that claim another SmartServer.
 */
export function createActivationFile(
  input: CreateActivationFileInput,
): EntitlementResult<CreatedActivationFile> {
  if (typeof input !== 'object' || input === null)
    return failure('INVALID_OPTIONS', 'expected an options object');
  const seconds = toSeconds(input.now);
  if (seconds === undefined)
    return failure('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  const id = parseSmartServerId(input.smartServerId);
  if (!id.ok) return failure('INVALID_OPTIONS', id.error.message);
  const candidate = {
    format: ACTIVATION_FILE_FORMAT,
    version: 1,
    fileId: input.fileId ?? globalThis.crypto.randomUUID(),
    // Milliseconds: two files for one SmartServer made in the same second must still be ordered.
    createdAt: new Date(input.now instanceof Date ? input.now.getTime() : Number(input.now)).toISOString(),
    smartServerId: id.value,
    tokens: Array.isArray(input.tokens) ? [...input.tokens] : input.tokens,
  };
  const parsed = parseActivationFile(candidate);
  if (!parsed.ok) return failure('INVALID_FILE', parsed.error.message);
  const stranger = parsed.value.tokens.findIndex((token) => claimedAudience(token) !== id.value);
  if (stranger >= 0) {
    return failure('INVALID_FILE', `tokens[${stranger}] is not bound to SmartServer ${id.value}`);
  }
  return { ok: true, value: { file: parsed.value, text: `${JSON.stringify(parsed.value, null, 2)}\n` } };
}

/** What a SmartServer keeps about the last file it applied, to refuse replays. */
export interface FileMark {
  readonly fileId: string;
  /** ISO 8601 instant of that file's `createdAt`. */
  readonly createdAt: string;
}

/**
 * Why a whole file was refused (no token in it was looked at):
 * - `INVALID_OPTIONS`: bad verifier options or a bad `lastFile`.
 * - `FILE_TOO_LARGE`: longer than `MAX_ACTIVATION_FILE_CHARS`; refused before parsing.
 * - `FILE_MALFORMED`: not strict JSON (duplicate keys, deep nesting) or not the envelope.
 * - `FILE_UNSUPPORTED_VERSION`: an envelope version this SDK does not read.
 * - `FILE_WRONG_SMARTSERVER`: made for another SmartServer.
 * - `FILE_REPLAYED`: the file already applied, or one created no later than it.
 * - `FILE_FROM_FUTURE`: created later than now plus the clock skew.
 */
export type FileFailureCode =
  | 'INVALID_OPTIONS'
  | 'FILE_TOO_LARGE'
  | 'FILE_MALFORMED'
  | 'FILE_UNSUPPORTED_VERSION'
  | 'FILE_WRONG_SMARTSERVER'
  | 'FILE_REPLAYED'
  | 'FILE_FROM_FUTURE';

export type ReadActivationFileResult =
  | { readonly ok: false; readonly code: FileFailureCode; readonly message: string }
  | {
      readonly ok: true;
      readonly file: Omit<ActivationFile, 'tokens'>;
      /** One result per token, in file order: one bad token does not hide the good ones. */
      readonly results: readonly VerifyResult[];
      /** Only the tokens that verified (`OK`): nothing else may be activated. */
      readonly accepted: readonly VerifiedEntitlement[];
      /** Persist this after applying `accepted`, and pass it as `lastFile` next time. */
      readonly mark: FileMark;
      /** The advanced clock state: persist it with the mark. */
      readonly clock: ClockState | undefined;
    };

export interface ReadActivationFileOptions extends VerifyOptions {
  /** The last file this SmartServer applied; an older or equal file is a replay. */
  lastFile?: FileMark;
}

function refuseFile(code: FileFailureCode, message: string): ReadActivationFileResult {
  return { ok: false, code, message };
}

/**
 * Reads an activation file (its text, or its already-parsed JSON value) and verifies
 * every token in it with the given options. Never throws.
 */
export async function readActivationFile(
  input: unknown,
  options: ReadActivationFileOptions,
): Promise<ReadActivationFileResult> {
  if (typeof options !== 'object' || options === null)
    return refuseFile('INVALID_OPTIONS', 'expected an options object');
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_ACTIVATION_FILE_CHARS) {
      return refuseFile(
        'FILE_TOO_LARGE',
        `file is ${input.length} characters; at most ${MAX_ACTIVATION_FILE_CHARS} accepted`,
      );
    }
    const parsed = parseStrictJson(input);
    if (!parsed.ok) return refuseFile('FILE_MALFORMED', `activation file: ${parsed.problem}`);
    value = parsed.value;
  }
  if (isJsonObject(value) && value['format'] === ACTIVATION_FILE_FORMAT && value['version'] !== 1) {
    return refuseFile(
      'FILE_UNSUPPORTED_VERSION',
      'activation file: unsupported version; this SDK reads version 1',
    );
  }
  const envelope = parseActivationFile(value);
  if (!envelope.ok) return refuseFile('FILE_MALFORMED', envelope.error.message);
  const file = envelope.value;

  const now = toSeconds(options.now);
  if (now === undefined)
    return refuseFile('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  if (file.smartServerId !== options.smartServerId) {
    return refuseFile(
      'FILE_WRONG_SMARTSERVER',
      `the file is for SmartServer ${file.smartServerId}, not ${String(options.smartServerId).slice(0, 64)}`,
    );
  }
  const created = Date.parse(file.createdAt) / 1000;
  const skew =
    typeof options.clockSkewSeconds === 'number' ? options.clockSkewSeconds : DEFAULT_CLOCK_SKEW_SECONDS;
  if (created > now + skew)
    return refuseFile('FILE_FROM_FUTURE', `the file was created at ${file.createdAt}, after now`);
  const { lastFile } = options;
  if (lastFile !== undefined) {
    const lastCreated =
      typeof lastFile === 'object' && lastFile !== null
        ? Date.parse(String(lastFile.createdAt)) / 1000
        : Number.NaN;
    if (!Number.isFinite(lastCreated) || typeof lastFile.fileId !== 'string') {
      return refuseFile(
        'INVALID_OPTIONS',
        'lastFile must be { fileId, createdAt } as stored from an earlier read',
      );
    }
    if (lastFile.fileId.toLowerCase() === file.fileId.toLowerCase()) {
      return refuseFile('FILE_REPLAYED', `file ${file.fileId} was applied already`);
    }
    if (created <= lastCreated) {
      return refuseFile(
        'FILE_REPLAYED',
        `the file was created at ${file.createdAt}, not after the file applied last (${lastFile.createdAt})`,
      );
    }
  }

  const batch = await verifyEntitlements(file.tokens, options);
  const { tokens: _tokens, ...meta } = file;
  return {
    ok: true,
    file: meta,
    results: batch.results,
    accepted: batch.accepted,
    mark: { fileId: file.fileId, createdAt: file.createdAt },
    clock: batch.clock,
  };
}
