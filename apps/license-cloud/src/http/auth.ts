// Who calls the cloud: partner, support and customer sessions (the kit's cookies and CSRF),
// and SmartServers (id + install secret).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import {
  ApiError,
  hashSecret,
  readSession,
  sameText,
  verifySecret,
  type Db,
  type Session,
} from '@smartserver-licensing/server-kit';
import type { Cloud } from '../cloud.js';

/** Who may call a route. */
export type Access = 'public' | 'partner' | 'support' | 'customer' | 'smartserver';

export type Principal =
  | { kind: 'anonymous'; session?: Session }
  | { kind: 'account'; role: 'partner' | 'support'; accountId: string; session: Session }
  | { kind: 'customer'; customerId: string; session: Session }
  | { kind: 'smartserver'; smartServerId: string };

export const SESSION_COOKIE = 'lc_session';
export const SMARTSERVER_ID_HEADER = 'x-smartserver-id';
export const SMARTSERVER_SECRET_HEADER = 'x-smartserver-secret';

/** Reads the session cookie; an unknown or expired session is anonymous. */
export async function sessionPrincipal(cloud: Cloud, c: Context): Promise<Principal> {
  const session = await readSession(cloud.db, c, cloud.now(), cloud.session);
  if (!session) return { kind: 'anonymous' };
  if (session.kind === 'customer') return { kind: 'customer', customerId: session.id, session };
  if (session.kind === 'account') {
    const rows = await cloud.db.query<{ role: string }>('SELECT role FROM accounts WHERE id = $1', [
      session.id,
    ]);
    const role = rows[0]?.role;
    if (role === 'partner' || role === 'support')
      return { kind: 'account', role, accountId: session.id, session };
  }
  return { kind: 'anonymous', session };
}

const SMARTSERVER_SECRET = /^[\x21-\x7e]{16,128}$/;

/**
 * A SmartServer proves itself with its id and its install secret. The first request of
 * an id registers the secret's hash; every later one must present the same secret, so one
 * SmartServer cannot download or return licenses for another.
 */
/** Verified SmartServer credentials, per database (test databases never share them). */
const remembered = new WeakMap<Db, Map<string, string>>();
const MAX_REMEMBERED = 10_000;

function rememberedFor(db: Db): Map<string, string> {
  let verified = remembered.get(db);
  if (!verified) {
    verified = new Map();
    remembered.set(db, verified);
  }
  return verified;
}

export async function smartServerPrincipal(db: Db, c: Context): Promise<Principal> {
  const id = c.req.header(SMARTSERVER_ID_HEADER);
  const secret = c.req.header(SMARTSERVER_SECRET_HEADER);
  if (id === undefined && secret === undefined) return { kind: 'anonymous' };
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(id)) {
    throw new ApiError('UNAUTHENTICATED', `${SMARTSERVER_ID_HEADER} must be a SmartServer id.`);
  }
  if (!secret || !SMARTSERVER_SECRET.test(secret)) {
    throw new ApiError(
      'UNAUTHENTICATED',
      `${SMARTSERVER_SECRET_HEADER} must be 16..128 printable characters.`,
    );
  }
  // scrypt is deliberately slow: run it once per SmartServer, then compare a SHA-256 of the
  // secret in constant time. The registered hash never changes, so the memo cannot go stale.
  const verified = rememberedFor(db);
  const digest = createHash('sha256').update(secret).digest('base64url');
  const known = verified.get(id);
  if (known !== undefined) {
    if (sameText(known, digest)) return { kind: 'smartserver', smartServerId: id };
    throw new ApiError('UNAUTHENTICATED', 'This SmartServer id is registered with another secret.');
  }
  const registered = () =>
    db.query<{ secret_hash: string }>('SELECT secret_hash FROM smartservers WHERE smart_server_id = $1', [
      id,
    ]);
  let rows = await registered();
  if (!rows[0]) {
    // First contact: register this secret (hashing only now, not on every request).
    await db.query(
      'INSERT INTO smartservers (smart_server_id, secret_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [id, await hashSecret(secret)],
    );
    rows = await registered();
  }
  if (!rows[0] || !(await verifySecret(secret, rows[0].secret_hash))) {
    throw new ApiError('UNAUTHENTICATED', 'This SmartServer id is registered with another secret.');
  }
  if (verified.size >= MAX_REMEMBERED) verified.clear();
  verified.set(id, digest);
  return { kind: 'smartserver', smartServerId: id };
}

export function authorize(access: Access, p: Principal): void {
  const ok =
    access === 'public' ||
    (access === 'customer' && p.kind === 'customer') ||
    (access === 'smartserver' && p.kind === 'smartserver') ||
    ((access === 'partner' || access === 'support') && p.kind === 'account' && p.role === access);
  if (ok) return;
  if (p.kind === 'anonymous') throw new ApiError('UNAUTHENTICATED', 'Log in first.');
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
