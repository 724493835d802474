// Who calls the cloud: partner, support and customer sessions (the kit's cookies and CSRF), and
// SmartServers, each request signed with the SmartServer's own key (docs/protocol.md).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import {
  installCodeOfThumbprint,
  verifySmartServerMessage,
  type MessageFailureCode,
} from '@smartserver-licensing/entitlements';
import {
  AssertionClaimsSchema,
  parseWith,
  SMARTSERVER_AUTH_SCHEME,
  type AssertionClaims,
  type SmartServerPublicKey,
} from '@smartserver-licensing/schemas';
import { ApiError, readSession, type Session } from '@smartserver-licensing/server-kit';
import type { Cloud } from '../cloud.js';
import { firstUseOfAssertion } from '../assertions.js';
import { registeredKey } from '../registration.js';
import { accountRole } from '../sessions.js';

/** Who may call a route. `registration`: a SmartServer proving its own key, to register it. */
export type Access = 'public' | 'partner' | 'support' | 'customer' | 'smartserver' | 'registration';

/** A SmartServer whose request verified, and the key it signed with. */
export interface SmartServerCaller {
  smartServerId: string;
  /** The account the assertion names (`acct`). */
  customerId: string;
  publicKey: SmartServerPublicKey;
  thumbprint: string;
  installCode: string;
}

export type Principal =
  | { kind: 'anonymous'; session?: Session }
  | { kind: 'account'; role: 'partner' | 'support'; accountId: string; session: Session }
  | { kind: 'customer'; customerId: string; session: Session }
  /** A SmartServer with a key registered in `customerId`. */
  | ({ kind: 'smartserver' } & SmartServerCaller)
  /** A SmartServer that proved it holds the key it carries (registration only; not yet trusted). */
  | ({ kind: 'registering' } & SmartServerCaller);

export const SESSION_COOKIE = 'lc_session';

/** Reads the session cookie; an unknown or expired session is anonymous. */
export async function sessionPrincipal(cloud: Cloud, c: Context): Promise<Principal> {
  const session = await readSession(cloud.db, c, cloud.now(), cloud.session);
  if (!session) return { kind: 'anonymous' };
  if (session.kind === 'customer') return { kind: 'customer', customerId: session.id, session };
  if (session.kind === 'account') {
    const role = await accountRole(cloud.db, session.id);
    if (role) return { kind: 'account', role, accountId: session.id, session };
  }
  return { kind: 'anonymous', session };
}

/** Clock skew allowed on a SmartServer's assertion, in seconds (the verifier's default). */
const ASSERTION_SKEW_SECONDS = 60;

const AUTHORIZATION = new RegExp(
  `^${SMARTSERVER_AUTH_SCHEME} ([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)$`,
);

function refuse(message: string): never {
  throw new ApiError('UNAUTHENTICATED', message);
}

/** The claims of an assertion, read before its signature is checked: only to find the key to check it with. */
function peekClaims(token: string): AssertionClaims | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const parsed = parseWith(AssertionClaimsSchema, payload, 'assertion');
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}

function explain(code: MessageFailureCode, message: string, smartServerId: string): string {
  switch (code) {
    case 'BAD_SIGNATURE':
    case 'UNKNOWN_KEY':
      return `The request is not signed by the key registered for SmartServer ${smartServerId} in this customer account.`;
    case 'EXPIRED':
    case 'ISSUED_IN_FUTURE':
    case 'TOO_LONG_LIVED':
      return `The request's signature is outside its time window (${message}).`;
    default:
      return `The request's signature cannot be read: ${message}.`;
  }
}

/**
 * A SmartServer request: `Authorization: SmartServer <assertion>`. For `registration` the
 * assertion must carry its key (`jwk`) and be signed with it; for every other SmartServer route
 * it must verify with the key registered for (`acct`, `iss`). Either way the assertion must be
 * for this cloud (`aud`), this method and path (`htm`, `htu`), this body (`bh`), and unused (`jti`).
 */
export async function smartServerPrincipal(
  cloud: Cloud,
  c: Context,
  access: 'smartserver' | 'registration',
): Promise<Principal> {
  const header = c.req.header('authorization');
  if (header === undefined) return { kind: 'anonymous' };
  const token = AUTHORIZATION.exec(header)?.[1];
  if (!token)
    refuse(`Send Authorization: ${SMARTSERVER_AUTH_SCHEME} <assertion signed by the SmartServer key>.`);
  const peeked = peekClaims(token) ?? refuse('The request assertion is not readable or misses claims.');
  const now = cloud.now();
  let publicKey: SmartServerPublicKey | undefined;
  if (access === 'smartserver') {
    const registered = await registeredKey(cloud.db, peeked.acct, peeked.iss);
    if (!registered) {
      refuse(
        `SmartServer ${peeked.iss} is not registered in customer account ${peeked.acct}: link it to the account first (Manage Customer Accounts).`,
      );
    }
    publicKey = registered.publicKey;
  } else if (!peeked.jwk) {
    refuse('A registration must carry the SmartServer public key (jwk) and be signed with it.');
  }
  const verified = await verifySmartServerMessage('assertion', token, {
    ...(publicKey ? { publicKey } : {}),
    now,
    skewSeconds: ASSERTION_SKEW_SECONDS,
  });
  if (!verified.ok) refuse(explain(verified.code, verified.message, peeked.iss));
  const claims = verified.claims;

  if (claims.aud !== cloud.issuer)
    refuse(`The request is addressed to ${claims.aud}, not to this license cloud (${cloud.issuer}).`);
  if (claims.htm !== c.req.method) refuse(`The request was signed for ${claims.htm}, not ${c.req.method}.`);
  const url = new URL(c.req.url);
  const target = `${url.pathname}${url.search}`;
  if (claims.htu !== target) refuse(`The request was signed for ${claims.htu}, not ${target}.`);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  if (claims.bh !== bodyHash) refuse('The request body is not the body that was signed.');

  // Single use: the first request with this jti wins; a replay, even a concurrent one, is refused.
  const keepUntil = new Date((claims.exp + ASSERTION_SKEW_SECONDS) * 1000);
  if (!(await firstUseOfAssertion(cloud.db, claims.jti, keepUntil, now)))
    refuse('This request was sent before (its jti was used); sign every request anew.');

  const caller: SmartServerCaller = {
    smartServerId: claims.iss,
    customerId: claims.acct,
    publicKey: verified.publicKey,
    thumbprint: verified.thumbprint,
    installCode: installCodeOfThumbprint(verified.thumbprint),
  };
  return access === 'smartserver' ? { kind: 'smartserver', ...caller } : { kind: 'registering', ...caller };
}

export function authorize(access: Access, p: Principal): void {
  const ok =
    access === 'public' ||
    (access === 'customer' && p.kind === 'customer') ||
    (access === 'smartserver' && p.kind === 'smartserver') ||
    (access === 'registration' && p.kind === 'registering') ||
    ((access === 'partner' || access === 'support') && p.kind === 'account' && p.role === access);
  if (ok) return;
  if (p.kind === 'anonymous') {
    throw new ApiError(
      'UNAUTHENTICATED',
      access === 'smartserver' || access === 'registration'
        ? `A SmartServer request needs Authorization: ${SMARTSERVER_AUTH_SCHEME} <assertion>.`
        : 'Log in first.',
    );
  }
  throw new ApiError('FORBIDDEN', `This needs a ${access} login.`);
}

/**
 * CSRF guards what a session may do with its authority. Logging in or out is public: a page
 * must be able to start a new session whatever cookie the browser still holds.
 */
export function csrfOf(access: Access, p: Principal): string | undefined {
  if (access === 'public') return undefined;
  return p.kind === 'account' || p.kind === 'customer' ? p.session.csrf : undefined;
}
