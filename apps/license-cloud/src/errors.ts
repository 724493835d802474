// Error codes of the signed protocol that the kit's generic codes do not name. They answer
// like every other error: `{ error: { code, message, detail? } }` with their own status.
import { ApiError } from '@smartserver-licensing/server-kit';

const PROTOCOL_ERRORS = {
  /** 409: another key holds this SmartServer id in the account (docs/protocol.md, Registration). */
  KEY_CONFLICT: { status: 409, base: 'CONFLICT' },
  /** 400: a return receipt that does not verify, or does not match the activation it names. */
  RECEIPT_INVALID: { status: 400, base: 'INVALID_INPUT' },
  /** 400: an activation request file that does not verify. */
  REQUEST_INVALID: { status: 400, base: 'INVALID_INPUT' },
} as const;
export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

export class ProtocolError extends ApiError {
  readonly #status: number;
  constructor(code: ProtocolErrorCode, message: string, detail?: Record<string, string | number | boolean>) {
    super(PROTOCOL_ERRORS[code].base, message, detail);
    // The kit answers with `code` and `status`: this code is more specific than the base one.
    Object.defineProperty(this, 'code', { value: code, enumerable: true });
    this.#status = PROTOCOL_ERRORS[code].status;
  }
  override get status(): number {
    return this.#status;
  }
}
