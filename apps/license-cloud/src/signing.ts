// Signs activations with the cloud's current key: one token per activation (bound to the
// SmartServer id and its key, `jti` = the activation id) and signed activation files (v2).
import { createActivationFile, issueEntitlement } from '@smartserver-licensing/entitlements';
import { activationClaims, type LicenseTerms } from '@smartserver-licensing/policy';
import type { LicenseClaims } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type { Cloud } from './cloud.js';
import type { CloudLicense } from './inventory.js';

/** Tokens are refreshed by downloading again; a year is the refresh horizon, not the license's end. */
const TOKEN_LIFETIME_MS = 365 * 86_400_000;

/** The license's own terms (fixed at its first activation), as policy names them. */
export function termsOf(license: CloudLicense): LicenseTerms {
  if (!license.firstActivatedAt) {
    throw new ApiError('INTERNAL', `license ${license.licenseId} has no terms yet`);
  }
  return {
    firstActivatedAt: license.firstActivatedAt,
    ...(license.termStart ? { termStart: license.termStart } : {}),
    ...(license.termEnd ? { termEnd: license.termEnd } : {}),
    ...(license.trialEndsAt ? { trialEndsAt: license.trialEndsAt } : {}),
  };
}

/** The claims of one activation of a license: the record, its fixed terms, the activation moment. */
export function claimsOf(license: CloudLicense, activatedAt: Date): LicenseClaims {
  const claims = activationClaims(
    {
      licenseId: license.licenseId,
      customerId: license.customerId!,
      model: license.model,
      issuedAt: license.createdAt,
      termYears: license.termYears,
      note: license.note,
      supersedes: license.supersedes,
    },
    termsOf(license),
    activatedAt,
  );
  if (!claims.ok) {
    throw new ApiError(
      'INTERNAL',
      `could not describe license ${license.licenseId}: ${claims.error.message}`,
    );
  }
  return claims.value;
}

export interface TokenRequest {
  license: CloudLicense;
  activationId: string;
  activatedAt: Date;
  smartServerId: string;
  /** The SmartServer key the activation is bound to (`cnf.jkt`). */
  keyThumbprint: string;
  now: Date;
}

export type ActivationSigner = (request: TokenRequest) => Promise<string>;

export function signerFor(cloud: Cloud): ActivationSigner {
  return async ({ license, activationId, activatedAt, smartServerId, keyThumbprint, now }) => {
    const issued = await issueEntitlement({
      license: claimsOf(license, activatedAt),
      smartServerId,
      issuer: cloud.issuer,
      signingKey: cloud.keys.signingKey,
      now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS),
      tokenId: activationId,
      keyThumbprint,
    });
    if (!issued.ok)
      throw new ApiError('INTERNAL', `could not sign license ${license.licenseId}: ${issued.error.message}`);
    return issued.value;
  };
}

/** A signed activation file (v2) for one SmartServer key: tokens and revoked activation ids. */
export async function signedFile(
  cloud: Cloud,
  input: {
    tokens: string[];
    smartServerId: string;
    keyThumbprint: string;
    revoked: string[];
    requestId?: string;
    now: Date;
  },
): Promise<{ fileId: string; text: string }> {
  const created = await createActivationFile({
    ...input,
    issuer: cloud.issuer,
    signingKey: cloud.keys.signingKey,
  });
  if (!created.ok)
    throw new ApiError('INTERNAL', `could not write the activation file: ${created.error.message}`);
  return { fileId: created.value.file.fileId, text: created.value.text };
}
