// An ApiError whose `error.code` is a protocol code (FILE_REPLAYED, KEY_CONFLICT, …) rather than
// one of the kit's status names; the status comes from the kit code it is based on.
import { API_ERROR_STATUS, ApiError, type ApiErrorCode } from '@smartserver-licensing/server-kit';

export class CodedError extends ApiError {
  private readonly baseStatus: number;
  constructor(base: ApiErrorCode, code: string, message: string) {
    super(base, message);
    // The kit writes `error.code` into the answer: here it is the protocol's code.
    Object.defineProperty(this, 'code', { value: code, enumerable: true });
    this.baseStatus = API_ERROR_STATUS[base];
  }
  override get status(): number {
    return this.baseStatus;
  }
}

/** The words of any failure, for a pending return's `lastError` and per-license results. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
