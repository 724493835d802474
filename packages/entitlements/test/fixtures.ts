// Keys, licenses and a raw signer shared by the Node and Chromium tests (no Node built-ins here).
import type { LicenseClaims } from '@smartserver-licensing/schemas';
import {
  generateSmartServerKey,
  generateIssuerKeyPair,
  importKeySet,
  importSigningKey,
  issueEntitlement,
  type GeneratedKeyPair,
  type IssueEntitlementInput,
  type KeySet,
  type SigningKey,
  type SmartServerKey,
  type VerifyOptions,
} from '@smartserver-licensing/entitlements';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const NOW_S = NOW.getTime() / 1000;
export const DAY = 24 * 3600;
export const SID = 'SID-17q2d6x';
export const OTHER_SID = 'SID-99zz000';
export const ISSUER = 'https://license-cloud.example';
export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
export const LICENSE_ID = 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2';
export const OTHER_LICENSE_ID = '7d4f2c1e-9a8b-4c3d-8e7f-6a5b4c3d2e1f';
export const THIRD_LICENSE_ID = '3c9e1a52-0b7d-4e8f-9a61-5d2c8b4f7e10';

export const capacityLicense = (over: Partial<Record<string, unknown>> = {}) =>
  ({
    kind: 'capacity',
    licenseId: LICENSE_ID,
    customerId: CUSTOMER_ID,
    model: '72220-200',
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
    capacity: 200,
    trial: false,
    ...over,
  }) as LicenseClaims;

export const trialLicense = (over: Partial<Record<string, unknown>> = {}) =>
  capacityLicense({
    model: '72220-00',
    capacity: 5,
    trial: true,
    expiresAt: '2026-04-12T09:30:00Z',
    ...over,
  });

export const maintenanceLicense = (over: Partial<Record<string, unknown>> = {}) =>
  ({
    kind: 'maintenance',
    licenseId: LICENSE_ID,
    customerId: CUSTOMER_ID,
    model: '92201R-P-200',
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
    capacity: 200,
    termYears: 3,
    termStart: '2026-01-12',
    termEnd: '2029-01-11',
    ...over,
  }) as LicenseClaims;

export const coreLicense = (over: Partial<Record<string, unknown>> = {}) =>
  ({
    kind: 'core',
    licenseId: LICENSE_ID,
    customerId: CUSTOMER_ID,
    model: 'SSPI-CORE',
    issuedAt: '2026-01-10T08:00:00Z',
    activatedAt: '2026-01-12T09:30:00Z',
    capacity: 0,
    ...over,
  }) as LicenseClaims;

function must<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Everything a test needs: trusted keys (two Ed25519 for rotation, one P-256) and an untrusted one. */
export interface Kit {
  k1: GeneratedKeyPair;
  k2: GeneratedKeyPair;
  ec: GeneratedKeyPair;
  /** Not in the trusted set, but it claims kid "k1". */
  impostor: GeneratedKeyPair;
  signer1: SigningKey;
  signer2: SigningKey;
  signerEc: SigningKey;
  signerImpostor: SigningKey;
  keys: KeySet;
  /** This SmartServer's own key (SID), and another SmartServer's. */
  ss: SmartServerKey;
  otherSs: SmartServerKey;
  options: (over?: Partial<VerifyOptions>) => VerifyOptions;
  /** Options for reading an activation file on SID with its own key. */
  fileOptions: (over?: Partial<VerifyOptions>) => VerifyOptions & { keyThumbprint: string };
  issue: (over?: Partial<IssueEntitlementInput>) => Promise<string>;
}

let kitPromise: Promise<Kit> | undefined;

/** One kit per test process: key generation is the slow part. */
export function makeKit(): Promise<Kit> {
  kitPromise ??= (async () => {
    const k1 = must(await generateIssuerKeyPair({ kid: 'k1' }));
    const k2 = must(await generateIssuerKeyPair({ kid: 'k2' }));
    const ec = must(await generateIssuerKeyPair({ kid: 'ec1', alg: 'ES256' }));
    const impostor = must(await generateIssuerKeyPair({ kid: 'k1' }));
    const keys = must(await importKeySet({ keys: [k1.publicJwk, k2.publicJwk, ec.publicJwk] }));
    const signer1 = must(await importSigningKey(k1.privateJwk));
    const signer2 = must(await importSigningKey(k2.privateJwk));
    const signerEc = must(await importSigningKey(ec.privateJwk));
    const signerImpostor = must(await importSigningKey(impostor.privateJwk));
    const ss = must(await generateSmartServerKey());
    const otherSs = must(await generateSmartServerKey());
    const options = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
      keys,
      smartServerId: SID,
      issuer: ISSUER,
      now: NOW,
      ...over,
    });
    const fileOptions = (over: Partial<VerifyOptions> = {}) => ({
      ...options(over),
      keyThumbprint: ss.thumbprint,
    });
    const issue = async (over: Partial<IssueEntitlementInput> = {}) =>
      must(
        await issueEntitlement({
          license: capacityLicense(),
          smartServerId: SID,
          issuer: ISSUER,
          signingKey: signer1,
          now: NOW.getTime() - DAY * 1000,
          tokenId: 'c0ffee00-0000-4000-8000-000000000001',
          ...over,
        }),
      );
    return {
      k1,
      k2,
      ec,
      impostor,
      signer1,
      signer2,
      signerEc,
      signerImpostor,
      keys,
      ss,
      otherSs,
      options,
      fileOptions,
      issue,
    };
  })();
  return kitPromise;
}

const encoder = new TextEncoder();

export function b64url(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Signs arbitrary header and payload text, bypassing every check the SDK's issuer makes. */
export async function rawToken(
  header: string | Record<string, unknown>,
  payload: string | Uint8Array | Record<string, unknown>,
  signer: SigningKey | { hmac: Uint8Array } | 'none',
): Promise<string> {
  const h = b64url(typeof header === 'string' ? header : JSON.stringify(header));
  const p = b64url(
    typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload),
  );
  const input = encoder.encode(`${h}.${p}`);
  if (signer === 'none') return `${h}.${p}.`;
  let signature: ArrayBuffer;
  if ('hmac' in signer) {
    const key = await crypto.subtle.importKey(
      'raw',
      signer.hmac as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    signature = await crypto.subtle.sign('HMAC', key, input);
  } else {
    const algorithm = signer.alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
    signature = await crypto.subtle.sign(algorithm, signer.key, input);
  }
  return `${h}.${p}.${b64url(new Uint8Array(signature))}`;
}

/** The header and payload an honest issuer writes, for tests that change one thing. */
export function honestHeader(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'EdDSA', typ: 'smartserver-license+jwt', kid: 'k1', ...over };
}

export function honestPayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: LICENSE_ID,
    aud: SID,
    iat: NOW_S - DAY,
    nbf: NOW_S - DAY,
    exp: NOW_S + 300 * DAY,
    jti: 'c0ffee00-0000-4000-8000-000000000002',
    'urn:smartserver-licensing:license': capacityLicense(),
    ...over,
  };
}
