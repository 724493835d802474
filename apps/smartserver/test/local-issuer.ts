// A license issuer inside the test process, built from the real entitlements and policy code
// (the cloud's own building blocks): it signs tokens and v2 activation files for a SmartServer's
// key, for the suites that check the SmartServer alone (time, visibility, files). The suites of
// the online protocol run against the real license cloud process instead.
import { randomUUID } from 'node:crypto';
import {
  createActivationFile,
  generateIssuerKeyPair,
  issueEntitlement,
  type Jwks,
  type PrivateJwk,
} from '@smartserver-licensing/entitlements';
import { activationClaims, firstActivationTerms } from '@smartserver-licensing/policy';

export const LOCAL_ISSUER = 'https://license-cloud.test';
export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';

export interface ForServer {
  smartServerId: string;
  keyThumbprint: string;
}

export interface Issued {
  licenseId: string;
  activationId: string;
  token: string;
}

export class LocalIssuer {
  private constructor(
    readonly jwks: Jwks,
    private readonly privateJwk: PrivateJwk,
  ) {}

  static async create(): Promise<LocalIssuer> {
    const pair = await generateIssuerKeyPair({ kid: `test-${randomUUID().slice(0, 8)}` });
    if (!pair.ok) throw new Error(pair.error.message);
    return new LocalIssuer({ keys: [pair.value.publicJwk] } as Jwks, pair.value.privateJwk);
  }

  /** A token for one license, first activated at `activatedAt` (its terms fixed then). */
  async token(
    server: ForServer,
    model: string,
    activatedAt: Date,
    options: { licenseId?: string; activationId?: string; termYears?: number; now?: Date } = {},
  ): Promise<Issued> {
    const licenseId = options.licenseId ?? randomUUID();
    const activationId = options.activationId ?? randomUUID();
    const terms = firstActivationTerms({
      model,
      now: activatedAt,
      ...(options.termYears ? { termYears: options.termYears } : {}),
    });
    if (!terms.ok) throw new Error(terms.error.message);
    const claims = activationClaims(
      {
        licenseId,
        customerId: CUSTOMER_ID,
        model,
        issuedAt: new Date(activatedAt.getTime() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ...(options.termYears ? { termYears: options.termYears } : {}),
      },
      terms.value,
      activatedAt,
    );
    if (!claims.ok) throw new Error(claims.error.message);
    const token = await issueEntitlement({
      license: claims.value,
      smartServerId: server.smartServerId,
      issuer: LOCAL_ISSUER,
      signingKey: this.privateJwk as unknown as Record<string, unknown>,
      now: options.now ?? activatedAt,
      tokenId: activationId,
      keyThumbprint: server.keyThumbprint,
    });
    if (!token.ok) throw new Error(token.error.message);
    return { licenseId, activationId, token: token.value };
  }

  /** A signed v2 activation file with these tokens and revoked activation ids. */
  async file(
    server: ForServer,
    tokens: readonly string[],
    now: Date,
    revoked: readonly string[] = [],
  ): Promise<string> {
    const made = await createActivationFile({
      tokens,
      smartServerId: server.smartServerId,
      keyThumbprint: server.keyThumbprint,
      requestId: randomUUID(),
      revoked,
      issuer: LOCAL_ISSUER,
      signingKey: this.privateJwk as unknown as Record<string, unknown>,
      now,
    });
    if (!made.ok) throw new Error(made.error.message);
    return made.value.text;
  }
}
