// Typed failures of a service's operations; the HTTP layer maps each code to a status.

export const API_ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A service this one depends on answered badly. */
  BAD_GATEWAY: 502,
  /** A service this one depends on cannot be reached. */
  UNAVAILABLE: 503,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extra machine-readable detail, e.g. which SmartServer holds a license. */
    readonly detail?: Record<string, string | number | boolean>,
  ) {
    super(message);
  }
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}
