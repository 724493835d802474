// The offline activation file (R20, R21) as a person carries it: a versioned envelope around one
// part signed by the license cloud (protocol.ts holds the signed claims). Reading the envelope here
// only checks its shape; `readActivationFile` of the entitlements package checks the signature.
import * as z from 'zod/mini';
import {
  FILE_FORMATS,
  MAX_PROTOCOL_FILE_CHARS,
  SignedActivationFileSchema,
  type ProtocolFile,
} from './protocol.js';
import { fail, parseJsonWith, parseWith, type Result } from './result.js';

export const ACTIVATION_FILE_FORMAT = FILE_FORMATS.activationFile;

/** Longest token text accepted (a token is a few hundred bytes). */
export const MAX_TOKEN_CHARS = 8192;
/** Longest activation file text accepted: refused before JSON parsing. */
export const MAX_ACTIVATION_FILE_CHARS = MAX_PROTOCOL_FILE_CHARS;

/** A JWS in compact form: three base64url parts. Only the shape is checked here. */
export const CompactTokenSchema = z
  .string()
  .check(
    z.maxLength(MAX_TOKEN_CHARS, `must be at most ${MAX_TOKEN_CHARS} characters`),
    z.regex(
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/,
      'must be a compact JWS (three base64url parts)',
    ),
  );

/** The envelope this SDK reads: version 2, signed whole. */
export const ActivationFileSchema = SignedActivationFileSchema;
export type ActivationFile = ProtocolFile;

/** A file of ours with another version gets a sentence that says what to do, not a field list. */
function versionProblem(input: unknown): Result<ActivationFile> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const { format, version } = input as Record<string, unknown>;
  if (format !== ACTIVATION_FILE_FORMAT || version === 2) return undefined;
  return fail('INVALID', 'activation file', [
    {
      path: 'version',
      message:
        version === 1
          ? 'version 1 files are no longer accepted (they were not signed whole): make a new file from an activation request'
          : 'unsupported version: this SDK reads version 2',
    },
  ]);
}

export const parseActivationFile = (input: unknown): Result<ActivationFile> =>
  versionProblem(input) ?? parseWith(ActivationFileSchema, input, 'activation file');

/** Parses the text of an activation file's envelope, refusing text over {@link MAX_ACTIVATION_FILE_CHARS}. */
export function parseActivationFileText(text: unknown): Result<ActivationFile> {
  const parsed = parseJsonWith(z.unknown(), text, 'activation file', MAX_ACTIVATION_FILE_CHARS);
  return parsed.ok ? parseActivationFile(parsed.value) : parsed;
}
