// Signs activated licenses with the cloud's current key, and wraps tokens into offline files.
import { createActivationFile, issueEntitlement } from '@smartserver-licensing/entitlements';
import type { ActivationSigner } from './activation.js';
import type { Cloud } from './cloud.js';
import { ApiError } from '@smartserver-licensing/server-kit';

/** Tokens are refreshed by downloading again; a year is the refresh horizon, not the license's end. */
const TOKEN_LIFETIME_MS = 365 * 86_400_000;

export function signerFor(cloud: Cloud): ActivationSigner {
  return async ({ claims, smartServerId, tokenId, now }) => {
    const issued = await issueEntitlement({
      license: claims,
      smartServerId,
      issuer: cloud.issuer,
      signingKey: cloud.keys.signingKey,
      now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS),
      tokenId,
    });
    if (!issued.ok)
      throw new ApiError('INTERNAL', `could not sign license ${claims.licenseId}: ${issued.error.message}`);
    return issued.value;
  };
}

export function offlineFile(
  tokens: string[],
  smartServerId: string,
  now: Date,
): { fileId: string; text: string } {
  const created = createActivationFile({ tokens, smartServerId, now });
  if (!created.ok)
    throw new ApiError('INTERNAL', `could not write the activation file: ${created.error.message}`);
  return { fileId: created.value.file.fileId, text: created.value.text };
}
