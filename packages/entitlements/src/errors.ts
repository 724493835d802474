// The one error type of the issuer side and of key handling; verification returns codes instead.
import type { Result } from '@smartserver-licensing/schemas';

/**
 * Stable codes of {@link EntitlementError}:
 * - `INVALID_KEY`: a JWK or key set that is not a usable Ed25519 / P-256 key of the expected kind.
 * - `INVALID_CLAIMS`: license claims or token fields that fail their schema.
 * - `INVALID_OPTIONS`: an option of the wrong type or out of range (a bad time, an unknown algorithm).
 * - `INVALID_FILE`: an activation file that cannot be created from the given tokens.
 * - `CRYPTO_FAILED`: the platform's WebCrypto refused an operation (e.g. no Ed25519 support).
 */
export type EntitlementErrorCode =
  'INVALID_KEY' | 'INVALID_CLAIMS' | 'INVALID_OPTIONS' | 'INVALID_FILE' | 'CRYPTO_FAILED';

export class EntitlementError extends Error {
  override readonly name = 'EntitlementError';
  constructor(
    readonly code: EntitlementErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type EntitlementResult<T> = Result<T, EntitlementError>;

export function failure<T>(code: EntitlementErrorCode, message: string): EntitlementResult<T> {
  return { ok: false, error: new EntitlementError(code, message) };
}

/** A short, safe description of a thrown value for an error message. */
export function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.slice(0, 200);
}
