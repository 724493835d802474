// Returns (docs/protocol.md, Return): an activation ends on a return receipt signed by the key
// it is bound to, delivered online by the SmartServer or as a file in the Customer Portal (R19).
import { verifySmartServerMessage } from '@smartserver-licensing/entitlements';
import {
  parseReturnReceiptFile,
  parseWith,
  ReturnReceiptClaimsSchema,
  type ReturnAnswer,
  type ReturnReceiptClaims,
  type SmartServerPublicKey,
} from '@smartserver-licensing/schemas';
import { ApiError, type Db } from '@smartserver-licensing/server-kit';
import { ProtocolError } from '../errors.js';
import { findLicense } from '../inventory.js';
import { jwkOf, registeredKey } from '../registration.js';
import { currentActivation, endActivation } from './rows.js';

interface EndedRow {
  activation_id: string;
  license_id: string;
  smart_server_id: string;
  key_thumbprint: string | null;
  public_jwk: SmartServerPublicKey | string | null;
  how: 'returned' | 'revoked';
}

/** The signed receipt in a return receipt file (the Customer Portal's upload). */
export function receiptOfFile(text: string): string {
  const file = parseReturnReceiptFile(text);
  if (!file.ok) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This is not a SmartServer return receipt file: ${file.error.message}`,
    );
  }
  return file.value.signed;
}

/** The claims of a receipt, read before its signature is checked: only to find the activation it names. */
function peekReceipt(receipt: string): ReturnReceiptClaims {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(receipt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const parsed = parseWith(ReturnReceiptClaimsSchema, payload, 'return receipt');
  if (!parsed.ok || receipt.split('.').length !== 3) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This is not a return receipt of a SmartServer${parsed.ok ? '' : ` (${parsed.error.message})`}.`,
    );
  }
  return parsed.value;
}

/**
 * R19 and our offline extension: ends an activation on a receipt signed by the key recorded on
 * it (or, for a binding of the first release, the key registered for its SmartServer id in the
 * license's account). Idempotent by activation id: a receipt for an activation that ended
 * already answers `already-returned` and changes nothing.
 *
 * `scope` narrows who may deliver it: a SmartServer delivers only its own receipts, a customer
 * only receipts for licenses of its account.
 */
export async function returnWithReceipt(
  db: Db,
  receipt: string,
  scope: { smartServerId?: string; customerId?: string; actor: string; now: Date },
): Promise<ReturnAnswer> {
  const claimed = peekReceipt(receipt);
  if (scope.smartServerId !== undefined && claimed.smartServerId !== scope.smartServerId) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This receipt is from SmartServer ${claimed.smartServerId}, not from the SmartServer sending it.`,
    );
  }
  const unknown = () =>
    new ApiError(
      'NOT_FOUND',
      `No activation ${claimed.activationId} of license ${claimed.licenseId} on SmartServer ${claimed.smartServerId} is known.`,
    );

  const current = await currentActivation(db, { activationId: claimed.activationId });
  const ended = current
    ? undefined
    : (
        await db.query<EndedRow>('SELECT * FROM ended_activations WHERE activation_id = $1', [
          claimed.activationId,
        ])
      )[0];
  const target = current ?? ended;
  if (!target) throw unknown();
  const license = await findLicense(db, target.license_id);
  if (!license?.customerId || (scope.customerId !== undefined && license.customerId !== scope.customerId)) {
    throw unknown();
  }

  // The key the receipt must verify with: the activation's own, else the id's registration.
  const recorded = target.public_jwk ? jwkOf(target.public_jwk) : undefined;
  const publicKey =
    recorded ?? (await registeredKey(db, license.customerId, target.smart_server_id))?.publicKey;
  if (!publicKey) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `No key is known for SmartServer ${target.smart_server_id} in this account: link it to the account (Manage Customer Accounts), then return the license.`,
    );
  }
  const verified = await verifySmartServerMessage('returnReceipt', receipt, { publicKey });
  if (!verified.ok) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      `This receipt is not signed by the SmartServer the license is activated on (${verified.message}).`,
    );
  }
  const { claims } = verified;
  if (
    claims.smartServerId !== target.smart_server_id ||
    claims.licenseId.toLowerCase() !== target.license_id.toLowerCase() ||
    claims.keyThumbprint !== verified.thumbprint
  ) {
    throw new ProtocolError(
      'RECEIPT_INVALID',
      'This receipt names another SmartServer, license or key than the activation it ends.',
    );
  }
  const outcome = { licenseId: target.license_id, activationId: claimed.activationId.toLowerCase() };
  if (!current) return { ...outcome, status: 'already-returned' };

  const returned = await db.transaction(
    async (tx) =>
      (await endActivation(
        tx,
        { licenseId: current.license_id, activationId: current.token_id },
        {
          how: 'returned',
          actor: scope.actor,
          key: { thumbprint: verified.thumbprint, publicKey },
          at: scope.now,
        },
      )) !== undefined,
  );
  // Two deliveries of one receipt at once: the other one ended it.
  return { ...outcome, status: returned ? 'returned' : 'already-returned' };
}
