// A SmartServer's offline activation request, read from its file and checked: the request is
// signed by the SmartServer key it carries (proof that whoever made it holds that key), and its
// Install Code must belong to that key. `mint` binds tokens to the key; `verify` checks against it.
import { verifySmartServerMessage } from '@smartserver-licensing/entitlements';
import { parseActivationRequestFile, type ActivationRequestClaims } from '@smartserver-licensing/schemas';
import { readText, type CliIo } from './io.js';
import { RefusedError, UsageError } from './options.js';

export interface CheckedRequest {
  readonly claims: ActivationRequestClaims;
  /** The thumbprint of the SmartServer key: tokens bind to it (`cnf.jkt`), files name it. */
  readonly thumbprint: string;
}

/**
 * Reads and checks the request file at `path`. A file that is not a request envelope is a
 * UsageError (exit 2); a request whose signature or claims do not hold is a RefusedError (exit 1).
 */
export async function readActivationRequest(io: CliIo, path: string): Promise<CheckedRequest> {
  const text = await readText(io, path, 'activation request');
  const envelope = parseActivationRequestFile(text);
  if (!envelope.ok) {
    throw new UsageError(`${path} is not an activation request file: ${envelope.error.message}`);
  }
  const checked = await verifySmartServerMessage('activationRequest', envelope.value.signed);
  if (!checked.ok) {
    throw new RefusedError(
      `the activation request ${path} was refused (${checked.code}): ${checked.message}; ask the Owner for a new request from the SmartServer`,
    );
  }
  return { claims: checked.claims, thumbprint: checked.thumbprint };
}

/**
 * The SmartServer id a command works for: the request's when one is given (`--smartserver`, if
 * also given, must agree), else `--smartserver`, which is then required.
 */
export function smartServerFor(given: string | undefined, request: CheckedRequest | undefined): string {
  if (request === undefined) {
    if (given === undefined || given.length === 0)
      throw new UsageError('--smartserver is required (or --request <activation request file>)');
    return given;
  }
  if (given !== undefined && given !== request.claims.smartServerId) {
    throw new UsageError(
      `--smartserver ${given} does not match the activation request, which comes from ${request.claims.smartServerId}`,
    );
  }
  return request.claims.smartServerId;
}
