// Offline activation (R20 capacity by the customer, R21 maintenance by support): the SmartServer's
// signed activation request comes in as a file; the answer is a signed activation file (v2) for
// that SmartServer id and key, with the tokens and the key's revoked activation ids.
import { installCodeOf, verifySmartServerMessage } from '@smartserver-licensing/entitlements';
import { parseActivationRequestFile, type ActivationRequestClaims } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import { bindLicense } from './activation/bind.js';
import { revokedActivations } from './activation/release.js';
import type { BoundKey } from './activation/rows.js';
import type { Cloud } from './cloud.js';
import { ProtocolError } from './errors.js';
import { findLicense } from './inventory.js';
import { keyConflict, registeredKey } from './registration.js';
import { signedFile, signerFor } from './signing.js';

export interface VerifiedRequest {
  claims: ActivationRequestClaims;
  key: BoundKey;
}

/** Reads an activation request file and checks the SmartServer's signature with the key it carries. */
export async function readActivationRequest(text: string): Promise<VerifiedRequest> {
  const file = parseActivationRequestFile(text);
  if (!file.ok) {
    throw new ProtocolError(
      'REQUEST_INVALID',
      `This is not a SmartServer activation request file: ${file.error.message}`,
    );
  }
  const verified = await verifySmartServerMessage('activationRequest', file.value.signed);
  if (!verified.ok) {
    throw new ProtocolError(
      'REQUEST_INVALID',
      `The activation request does not verify: ${verified.message}. Create a new request in the SmartServer's Manage Licenses dialog.`,
    );
  }
  if ((await installCodeOf(verified.publicKey)) !== verified.claims.installCode) {
    throw new ProtocolError('REQUEST_INVALID', 'The Install Code in the request does not belong to its key.');
  }
  return { claims: verified.claims, key: { thumbprint: verified.thumbprint, publicKey: verified.publicKey } };
}

/**
 * Binds the chosen licenses to the requesting SmartServer key and signs the file. All or
 * nothing: one license that cannot be bound refuses the whole file. A license of an account in
 * which another key holds the SmartServer id is a KEY_CONFLICT.
 */
export async function offlineFileFor(
  cloud: Cloud,
  input: {
    /** The customer's account; null for support (any account). */
    customerId: string | null;
    requestFile: string;
    licenseIds: string[];
    kind: 'capacity' | 'maintenance';
    actor: string;
  },
): Promise<{ fileId: string; text: string; smartServerId: string }> {
  const request = await readActivationRequest(input.requestFile);
  const smartServerId = request.claims.smartServerId;
  const now = cloud.now();
  const sign = signerFor(cloud);
  return cloud.db.transaction(async (tx) => {
    const checkedAccounts = new Set<string>();
    const checkRegistration = async (customerId: string) => {
      if (checkedAccounts.has(customerId)) return;
      checkedAccounts.add(customerId);
      const registered = await registeredKey(tx, customerId, smartServerId);
      if (registered && registered.keyThumbprint !== request.key.thumbprint) {
        keyConflict(smartServerId, registered.installCode, request.claims.installCode);
      }
    };
    if (input.customerId !== null) await checkRegistration(input.customerId);
    const tokens: string[] = [];
    // A license named twice is bound and carried once.
    for (const licenseId of new Set(input.licenseIds.map((id) => id.toLowerCase()))) {
      const license = await findLicense(tx, licenseId);
      if (license?.customerId && (input.customerId === null || license.customerId === input.customerId)) {
        if (license.kind !== input.kind) {
          throw new ApiError(
            'INVALID_INPUT',
            input.kind === 'capacity'
              ? `License ${licenseId} is a ${license.kind} license; the Customer Portal makes device-capacity files only (R20).`
              : `License ${licenseId} is a ${license.kind} license; support issues maintenance files only (R21).`,
            { licenseId },
          );
        }
        await checkRegistration(license.customerId);
      }
      const bound = await bindLicense(tx, {
        customerId: input.customerId,
        licenseId,
        smartServerId,
        key: request.key,
        channel: 'offline',
        now,
        actor: input.actor,
      });
      if (!bound.ok) {
        throw new ApiError(bound.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT', bound.message, {
          licenseId,
        });
      }
      tokens.push(
        await sign({
          license: bound.license,
          activationId: bound.activation.activationId,
          activatedAt: bound.activation.activatedAt,
          smartServerId,
          keyThumbprint: request.key.thumbprint,
          now,
        }),
      );
    }
    const file = await signedFile(cloud, {
      tokens,
      smartServerId,
      keyThumbprint: request.key.thumbprint,
      revoked: await revokedActivations(tx, smartServerId, request.key.thumbprint),
      requestId: request.claims.requestId,
      now,
    });
    await tx.query(
      `INSERT INTO offline_files (file_id, smart_server_id, created_at, created_by, request_id, key_thumbprint)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [file.fileId, smartServerId, now, input.actor, request.claims.requestId, request.key.thumbprint],
    );
    return { ...file, smartServerId };
  });
}
