// The one error type a LicenseSource hands back: actions resolve to it instead of throwing.
import type { Result } from '@smartserver-licensing/schemas';

/**
 * Stable codes of {@link SourceError}:
 * - `NETWORK`: the server could not be reached, or the connection broke.
 * - `TIMEOUT`: no answer within the source's time limit.
 * - `HTTP`: the server answered with an error status (see `status` and `serverCode`).
 * - `BAD_RESPONSE`: the answer is not what the API promises (not JSON, wrong shape, too large).
 * - `INVALID_INPUT`: the caller passed a value the API would refuse; nothing was sent.
 */
export type SourceErrorCode = 'NETWORK' | 'TIMEOUT' | 'HTTP' | 'BAD_RESPONSE' | 'INVALID_INPUT';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
    /** The `error.code` of the server's error body, e.g. `NOT_OWNER`, `UNKNOWN_ACCOUNT`. */
    readonly serverCode?: string,
  ) {
    super(message);
  }
}

export type SourceResult<T> = Result<T, SourceError>;

export const succeed = <T>(value: T): SourceResult<T> => ({ ok: true, value });
export const failWith = <T>(
  code: SourceErrorCode,
  message: string,
  status?: number,
  serverCode?: string,
): SourceResult<T> => ({ ok: false, error: new SourceError(code, message, status, serverCode) });
