// Reading a token without trusting it: for tools that show what a token claims.
import { MAX_TOKEN_CHARS } from '@smartserver-licensing/schemas';
import { decodeBase64url, decodeUtf8, isJsonObject, parseStrictJson } from './encoding.js';
import { failure, type EntitlementResult } from './errors.js';

/** A token's header and payload as written, NOT verified: never base a decision on it. */
export interface UnverifiedToken {
  readonly verified: false;
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  /** Whether a signature part is present at all (not whether it is right). */
  readonly hasSignature: boolean;
}

function part(text: string, what: string): EntitlementResult<Record<string, unknown>> {
  const bytes = decodeBase64url(text);
  const json = bytes && decodeUtf8(bytes);
  if (json === undefined) return failure('INVALID_CLAIMS', `${what} is not base64url-encoded UTF-8`);
  const parsed = parseStrictJson(json);
  if (!parsed.ok) return failure('INVALID_CLAIMS', `${what}: ${parsed.problem}`);
  if (!isJsonObject(parsed.value)) return failure('INVALID_CLAIMS', `${what} is not a JSON object`);
  return { ok: true, value: parsed.value };
}

/**
 * Decodes a compact token's header and payload WITHOUT checking the signature or
 * any claim. The result says `verified: false`; use `verifyEntitlement` to trust a token.
 */
export function decodeEntitlementUnverified(token: unknown): EntitlementResult<UnverifiedToken> {
  if (typeof token !== 'string') return failure('INVALID_CLAIMS', 'a token must be a string');
  if (token.length > MAX_TOKEN_CHARS) {
    return failure(
      'INVALID_CLAIMS',
      `token is ${token.length} characters; at most ${MAX_TOKEN_CHARS} accepted`,
    );
  }
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    return failure('INVALID_CLAIMS', 'not a compact JWS: expected three parts separated by dots');
  const header = part(parts[0]!, 'header');
  if (!header.ok) return header;
  const payload = part(parts[1]!, 'payload');
  if (!payload.ok) return payload;
  return {
    ok: true,
    value: {
      verified: false,
      header: header.value,
      payload: payload.value,
      hasSignature: parts[2]!.length > 0,
    },
  };
}
