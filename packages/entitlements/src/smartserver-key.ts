// A SmartServer's own key (Ed25519): its Install Code, and the messages it signs for the cloud:
// request assertions, offline activation requests and return receipts.
import {
  calculateJwkThumbprint,
  CompactSign,
  compactVerify,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';
import {
  ActivationRequestClaimsSchema,
  AssertionClaimsSchema,
  MAX_ASSERTION_SECONDS,
  MESSAGE_TYPES,
  parseWith,
  ReturnReceiptClaimsSchema,
  SmartServerPublicKeySchema,
  type ActivationRequestClaims,
  type AssertionClaims,
  type MessageKind,
  type ReturnReceiptClaims,
  type SmartServerPublicKey,
} from '@smartserver-licensing/schemas';
import { decodeBase64url, decodeJsonPart, encodeText } from './encoding.js';
import { describeCause, failure, type EntitlementResult } from './errors.js';
import { toSeconds, type TimeInput } from './token.js';

/** The private half, as kept in the SmartServer's data directory (file mode 0600). */
export interface SmartServerPrivateKey extends SmartServerPublicKey {
  d: string;
}

export interface SmartServerKey {
  readonly privateKey: SmartServerPrivateKey;
  readonly publicKey: SmartServerPublicKey;
  /** RFC 7638 SHA-256 thumbprint: the `kid` of everything this key signs. */
  readonly thumbprint: string;
  readonly installCode: string;
}

/** Crockford's base32: no I, L, O or U, so a person cannot misread a code. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The RFC 7638 SHA-256 thumbprint of a SmartServer public key. */
export async function keyThumbprint(publicKey: SmartServerPublicKey): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, 'sha256');
}

/** The Install Code of a key thumbprint: its first 100 bits as five groups of four base32 letters. */
export function installCodeOfThumbprint(thumbprint: string): string {
  const bytes = decodeBase64url(thumbprint);
  if (!bytes || bytes.length !== 32) throw new TypeError('installCodeOfThumbprint: not a SHA-256 thumbprint');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === 20) break;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The Install Code of a SmartServer public key. */
export async function installCodeOf(publicKey: SmartServerPublicKey): Promise<string> {
  return installCodeOfThumbprint(await keyThumbprint(publicKey));
}

async function describeKey(privateKey: SmartServerPrivateKey): Promise<SmartServerKey> {
  const publicKey: SmartServerPublicKey = { kty: 'OKP', crv: 'Ed25519', x: privateKey.x };
  const thumbprint = await keyThumbprint(publicKey);
  return Object.freeze({
    privateKey,
    publicKey,
    thumbprint,
    installCode: installCodeOfThumbprint(thumbprint),
  });
}

/** Makes a new SmartServer key (once, at first start). */
export async function generateSmartServerKey(): Promise<EntitlementResult<SmartServerKey>> {
  try {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    return { ok: true, value: await describeKey({ kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! }) };
  } catch (cause) {
    return failure('CRYPTO_FAILED', `key generation failed: ${describeCause(cause)}`);
  }
}

/** Reads a stored private key back (e.g. the JSON of the key file). Refuses anything else. */
export async function loadSmartServerKey(input: unknown): Promise<EntitlementResult<SmartServerKey>> {
  const isRecord = typeof input === 'object' && input !== null && !Array.isArray(input);
  const d = isRecord ? (input as Record<string, unknown>)['d'] : undefined;
  const pub = isRecord ? { ...(input as Record<string, unknown>) } : input;
  if (isRecord) delete (pub as Record<string, unknown>)['d'];
  const parsed = parseWith(SmartServerPublicKeySchema, pub, 'SmartServer key');
  if (!parsed.ok) return failure('INVALID_KEY', parsed.error.message);
  if (typeof d !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(d)) {
    return failure('INVALID_KEY', 'SmartServer key: d must be the 32-byte private part in base64url');
  }
  const described = await describeKey({ ...parsed.value, d });
  // The private part must belong to the public one: sign and verify one message to be sure.
  const probe = await signSmartServerMessage('assertion', { probe: true }, described);
  if (!probe.ok) {
    return failure('INVALID_KEY', 'SmartServer key: the private part does not match the public part');
  }
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: described.publicKey.x }, 'EdDSA');
    await compactVerify(probe.value, key);
  } catch {
    return failure('INVALID_KEY', 'SmartServer key: the private part does not match the public part');
  }
  return { ok: true, value: described };
}

const signingKeys = new WeakMap<SmartServerKey, Promise<CryptoKey>>();

function signingKeyOf(key: SmartServerKey): Promise<CryptoKey> {
  let pending = signingKeys.get(key);
  if (!pending) {
    const { x, d } = key.privateKey;
    pending = importJWK({ kty: 'OKP', crv: 'Ed25519', x, d }, 'EdDSA') as Promise<CryptoKey>;
    signingKeys.set(key, pending);
  }
  return pending;
}

/** Signs one message of the given kind with the SmartServer's key (compact JWS, `kid` = thumbprint). */
export async function signSmartServerMessage(
  kind: MessageKind,
  claims: Record<string, unknown>,
  key: SmartServerKey,
): Promise<EntitlementResult<string>> {
  try {
    const token = await new CompactSign(encodeText(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', typ: MESSAGE_TYPES[kind], kid: key.thumbprint })
      .sign(await signingKeyOf(key));
    return { ok: true, value: token };
  } catch (cause) {
    return failure('CRYPTO_FAILED', `signing failed: ${describeCause(cause)}`);
  }
}

/**
 * Why a SmartServer message was refused. Codes:
 * - `MALFORMED`: not a compact JWS of strict JSON, wrong `typ`, header parameters beyond alg/typ/kid;
 * - `CLAIMS_INVALID`: the claims fail their schema;
 * - `UNKNOWN_KEY`: no key to check it with, or `kid` is not that key's thumbprint;
 * - `BAD_SIGNATURE`: the signature does not verify;
 * - `EXPIRED` / `ISSUED_IN_FUTURE` / `TOO_LONG_LIVED`: an assertion outside its time window.
 */
export type MessageFailureCode =
  | 'MALFORMED'
  | 'CLAIMS_INVALID'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'ISSUED_IN_FUTURE'
  | 'TOO_LONG_LIVED';

export type VerifiedMessage<C> =
  | { ok: true; claims: C; publicKey: SmartServerPublicKey; thumbprint: string }
  | { ok: false; code: MessageFailureCode; message: string };

interface MessageClaims {
  assertion: AssertionClaims;
  activationRequest: ActivationRequestClaims;
  returnReceipt: ReturnReceiptClaims;
}

const SCHEMAS = {
  assertion: AssertionClaimsSchema,
  activationRequest: ActivationRequestClaimsSchema,
  returnReceipt: ReturnReceiptClaimsSchema,
} as const;

export interface VerifyMessageOptions {
  /**
   * The key the message must verify with (a registered key, or the key recorded with an
   * activation). Without it, a key carried in the message itself is used: the `publicKey` of
   * an activation request, or the `jwk` of a registration assertion (proof of possession only;
   * the caller decides whether to trust that key).
   */
  publicKey?: SmartServerPublicKey;
  /** Assertions only: the current time, and the clock skew allowed (default 60 s). */
  now?: TimeInput;
  skewSeconds?: number;
}

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_MESSAGE_CHARS = 16 * 1024;

/** Verifies a message a SmartServer signed. Never throws. */
export async function verifySmartServerMessage<K extends keyof MessageClaims>(
  kind: K,
  token: unknown,
  options: VerifyMessageOptions = {},
): Promise<VerifiedMessage<MessageClaims[K]>> {
  const failMessage = (code: MessageFailureCode, message: string) => ({ ok: false as const, code, message });
  if (typeof token !== 'string' || token.length > MAX_MESSAGE_CHARS || !COMPACT.test(token)) {
    return failMessage('MALFORMED', 'not a compact JWS of a reasonable size');
  }
  const [headerPart, payloadPart] = token.split('.') as [string, string, string];
  const header = decodeJsonPart(headerPart, 'header');
  const payload = decodeJsonPart(payloadPart, 'payload');
  if (typeof header === 'string' || typeof payload === 'string')
    return failMessage('MALFORMED', 'header and payload must be strict JSON objects');
  if (header['alg'] !== 'EdDSA') return failMessage('MALFORMED', 'alg must be EdDSA');
  if (header['typ'] !== MESSAGE_TYPES[kind])
    return failMessage('MALFORMED', `typ must be ${MESSAGE_TYPES[kind]}`);
  if (Object.keys(header).some((name) => name !== 'alg' && name !== 'typ' && name !== 'kid')) {
    return failMessage('MALFORMED', 'only the alg, typ and kid header parameters are accepted');
  }
  const parsed = parseWith(SCHEMAS[kind] as never, payload, MESSAGE_TYPES[kind]);
  if (!parsed.ok) return failMessage('CLAIMS_INVALID', (parsed.error as Error).message);
  const claims = parsed.value as MessageClaims[K];

  const carried =
    kind === 'activationRequest'
      ? (claims as ActivationRequestClaims).publicKey
      : kind === 'assertion'
        ? (claims as AssertionClaims).jwk
        : undefined;
  const publicKey = options.publicKey ?? carried;
  if (!publicKey) return failMessage('UNKNOWN_KEY', 'no key is known to check this message with');
  const thumbprint = await keyThumbprint(publicKey);
  if (header['kid'] !== thumbprint)
    return failMessage('UNKNOWN_KEY', 'kid is not the thumbprint of the expected key');
  if (carried && options.publicKey && (await keyThumbprint(carried)) !== thumbprint) {
    return failMessage('UNKNOWN_KEY', 'the key carried in the message is not the expected key');
  }
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, 'EdDSA');
    await compactVerify(token, key, { algorithms: ['EdDSA'] });
  } catch {
    return failMessage('BAD_SIGNATURE', 'the signature does not verify with the SmartServer key');
  }
  if (kind === 'activationRequest') {
    const { installCode } = claims as ActivationRequestClaims;
    if (installCode !== installCodeOfThumbprint(thumbprint)) {
      return failMessage('CLAIMS_INVALID', 'the Install Code is not the one of the key the request carries');
    }
  }
  if (kind === 'assertion') {
    const { iat, exp } = claims as AssertionClaims;
    const now = toSeconds(options.now);
    if (now === undefined) return failMessage('EXPIRED', 'no current time was given to check the assertion');
    const skew = Math.min(Math.max(options.skewSeconds ?? 60, 0), 600);
    if (exp - iat > MAX_ASSERTION_SECONDS || exp <= iat) {
      return failMessage('TOO_LONG_LIVED', `an assertion may live at most ${MAX_ASSERTION_SECONDS} s`);
    }
    if (iat > now + skew) {
      return failMessage(
        'ISSUED_IN_FUTURE',
        `the SmartServer's clock is ${iat - now} s ahead of the cloud's`,
      );
    }
    if (exp <= now - skew)
      return failMessage('EXPIRED', 'the assertion has expired; check the SmartServer clock');
  }
  return { ok: true, claims, publicKey, thumbprint };
}
