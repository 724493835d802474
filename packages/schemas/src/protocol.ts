// The messages a SmartServer signs with its own key, and the signed offline activation file.
// docs/protocol.md gives the sequence and the threat model; these are the shapes.
import * as z from 'zod/mini';
import { CustomerIdSchema, LicenseIdSchema, SmartServerIdSchema } from './ids.js';
import { isoDateTime, uuid } from './primitives.js';
import { parseJsonWith, type Result } from './result.js';

/** A SmartServer's public key: Ed25519 as a JWK (RFC 8037), nothing else. */
export const SmartServerPublicKeySchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  /** 32 bytes, base64url without padding. */
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 32-byte Ed25519 key in base64url')),
});
export type SmartServerPublicKey = z.output<typeof SmartServerPublicKeySchema>;

/** RFC 7638 SHA-256 thumbprint of a key, base64url: how every message names a SmartServer key. */
export const KeyThumbprintSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a SHA-256 key thumbprint in base64url'));

/** The Install Code a person reads and compares: five groups of four, from the key thumbprint. */
export const InstallCodeSchema = z
  .string()
  .check(
    z.regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/, 'must be an Install Code such as 7K3Q-…'),
  );

/** `typ` headers: a verifier accepts each message only where its type belongs (RFC 8725 §3.11). */
export const MESSAGE_TYPES = {
  /** A short-lived assertion on every request a SmartServer makes to the cloud. */
  assertion: 'smartserver-assertion+jwt',
  /** An offline activation request, carried to the Customer Portal or support as a file. */
  activationRequest: 'smartserver-activation-request+jwt',
  /** Proof that a SmartServer stopped using an activation. */
  returnReceipt: 'smartserver-return-receipt+jwt',
  /** The cloud's offline activation file (and its signed revocation list). */
  activationFile: 'smartserver-activation-file+jwt',
} as const;
export type MessageKind = keyof typeof MESSAGE_TYPES;

/** Longest lifetime of a request assertion, in seconds. */
export const MAX_ASSERTION_SECONDS = 300;

/** The claims of a request assertion (in the spirit of RFC 7523 and RFC 9449's `htm`/`htu`). */
export const AssertionClaimsSchema = z.strictObject({
  /** The SmartServer id. */
  iss: SmartServerIdSchema,
  /** The cloud's issuer name. */
  aud: z.string().check(z.minLength(1), z.maxLength(256)),
  iat: z.int(),
  exp: z.int(),
  /** Unique per request: the cloud refuses a second use. */
  jti: uuid,
  /** HTTP method, upper case. */
  htm: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
  /** Request path (and query), as sent. */
  htu: z.string().check(z.minLength(1), z.maxLength(512), z.regex(/^\//, 'must be a path')),
  /** SHA-256 of the request body bytes, base64url (the empty body hashes too). */
  bh: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a SHA-256 in base64url')),
  /** The customer account whose registration holds this SmartServer's key. */
  acct: CustomerIdSchema,
  /** Registration only: the key the assertion is signed with (proof of possession). */
  jwk: z.optional(SmartServerPublicKeySchema),
});
export type AssertionClaims = z.output<typeof AssertionClaimsSchema>;

/** An offline activation request (R20, R21 made request/response). */
export const ActivationRequestClaimsSchema = z.strictObject({
  requestId: uuid,
  smartServerId: SmartServerIdSchema,
  /** The segment controller's name, to show in the portal. */
  segmentController: z.string().check(z.minLength(1), z.maxLength(64)),
  installCode: InstallCodeSchema,
  publicKey: SmartServerPublicKeySchema,
  createdAt: isoDateTime,
});
export type ActivationRequestClaims = z.output<typeof ActivationRequestClaimsSchema>;

/** A return receipt: this SmartServer no longer uses this activation. */
export const ReturnReceiptClaimsSchema = z.strictObject({
  smartServerId: SmartServerIdSchema,
  keyThumbprint: KeyThumbprintSchema,
  licenseId: LicenseIdSchema,
  /** The activation (the token's `jti`) that ended. */
  activationId: uuid,
  returnedAt: isoDateTime,
});
export type ReturnReceiptClaims = z.output<typeof ReturnReceiptClaimsSchema>;

/** Most tokens, and most revoked activation ids, one file may carry. */
export const MAX_FILE_TOKENS = 64;
export const MAX_FILE_REVOCATIONS = 1024;

/** The payload of a signed activation file: every field is covered by the cloud's signature. */
export const ActivationFileClaimsSchema = z.strictObject({
  iss: z.string().check(z.minLength(1), z.maxLength(256)),
  /** The SmartServer id (`aud`). */
  aud: SmartServerIdSchema,
  /** The SmartServer key the file is for. */
  keyThumbprint: KeyThumbprintSchema,
  fileId: uuid,
  /** The activation request it answers; absent on an online revocation list. */
  requestId: z.optional(uuid),
  iat: z.int(),
  tokens: z
    .array(z.string().check(z.maxLength(8192)))
    .check(z.maxLength(MAX_FILE_TOKENS, `must hold at most ${MAX_FILE_TOKENS} tokens`)),
  /** Activation ids of this SmartServer that were force-released: never usable again. */
  revoked: z
    .array(uuid)
    .check(z.maxLength(MAX_FILE_REVOCATIONS, `must hold at most ${MAX_FILE_REVOCATIONS} ids`)),
});
export type ActivationFileClaims = z.output<typeof ActivationFileClaimsSchema>;

const COMPACT_JWS = z
  .string()
  .check(
    z.maxLength(512 * 1024, 'is too long'),
    z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be a compact JWS'),
  );

/** The file formats people carry between the CMS and the portals: one signed message each. */
export const FILE_FORMATS = {
  activationRequest: 'smartserver-activation-request',
  returnReceipt: 'smartserver-return-receipt',
  /** The same name as the first release's unsigned files; version 2 is signed whole. */
  activationFile: 'smartserver-license-activation',
} as const;

/** Longest text of any protocol file: refused before JSON parsing. */
export const MAX_PROTOCOL_FILE_CHARS = 600 * 1024;

function fileSchema<F extends string>(format: F) {
  return z.strictObject({ format: z.literal(format), version: z.literal(2), signed: COMPACT_JWS });
}
export const ActivationRequestFileSchema = fileSchema(FILE_FORMATS.activationRequest);
export const ReturnReceiptFileSchema = fileSchema(FILE_FORMATS.returnReceipt);
export const SignedActivationFileSchema = fileSchema(FILE_FORMATS.activationFile);
/** A protocol file once read: its format and the signed message it carries. */
export interface ProtocolFile {
  format: string;
  version: 2;
  signed: string;
}

export const parseActivationRequestFile = (text: unknown): Result<ProtocolFile> =>
  parseJsonWith(ActivationRequestFileSchema, text, 'activation request file', MAX_PROTOCOL_FILE_CHARS);
export const parseReturnReceiptFile = (text: unknown): Result<ProtocolFile> =>
  parseJsonWith(ReturnReceiptFileSchema, text, 'return receipt file', MAX_PROTOCOL_FILE_CHARS);

/** The text of a protocol file as written to disk. */
export function protocolFileText(format: keyof typeof FILE_FORMATS, signed: string): string {
  return `${JSON.stringify({ format: FILE_FORMATS[format], version: 2, signed }, null, 2)}\n`;
}
