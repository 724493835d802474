// The offline activation file (R20, R21): signed tokens for one SmartServer in a versioned envelope.
import * as z from 'zod/mini';
import { SmartServerIdSchema } from './ids.js';
import { isoDateTime, uuid } from './primitives.js';
import { parseJsonWith, parseWith, type Result } from './result.js';

export const ACTIVATION_FILE_FORMAT = 'smartserver-license-activation';

/** Longest token text accepted in a file (a token is a few hundred bytes). */
export const MAX_TOKEN_CHARS = 8192;
/** Most tokens one file may carry. */
export const MAX_TOKENS_PER_FILE = 64;
/** Longest activation file text accepted: refused before JSON parsing. */
export const MAX_ACTIVATION_FILE_CHARS = 256 * 1024;

/** A JWS in compact form: three base64url segments. Only the shape is checked here. */
export const CompactTokenSchema = z
  .string()
  .check(
    z.maxLength(MAX_TOKEN_CHARS, `must be at most ${MAX_TOKEN_CHARS} characters`),
    z.regex(
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/,
      'must be a compact JWS (three base64url parts)',
    ),
  );

export const ActivationFileV1Schema = z.strictObject({
  format: z.literal(ACTIVATION_FILE_FORMAT),
  version: z.literal(1),
  /** Unique per file. */
  fileId: uuid,
  /** When the cloud wrote the file: a file older than one already applied is refused as a replay. */
  createdAt: isoDateTime,
  /** The SmartServer the file is for; each token's `aud` must match it too. */
  smartServerId: SmartServerIdSchema,
  tokens: z
    .array(CompactTokenSchema)
    .check(
      z.minLength(1, 'must hold at least one token'),
      z.maxLength(MAX_TOKENS_PER_FILE, `must hold at most ${MAX_TOKENS_PER_FILE} tokens`),
    ),
});
export type ActivationFileV1 = z.output<typeof ActivationFileV1Schema>;

/** Every envelope version this SDK reads; new versions join this union. */
export const ActivationFileSchema = z.discriminatedUnion('version', [ActivationFileV1Schema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'unsupported file version: this SDK reads version 1' : undefined,
});
export type ActivationFile = z.output<typeof ActivationFileSchema>;

export const parseActivationFile = (input: unknown): Result<ActivationFile> =>
  parseWith(ActivationFileSchema, input, 'activation file');

/** Parses the text of an activation file, refusing text over {@link MAX_ACTIVATION_FILE_CHARS}. */
export const parseActivationFileText = (text: unknown): Result<ActivationFile> =>
  parseJsonWith(ActivationFileSchema, text, 'activation file', MAX_ACTIVATION_FILE_CHARS);
