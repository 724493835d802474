// CMS users: a login with a slow salted hash, a session cookie with a CSRF token, and the
// user type that decides who may manage licenses (R22: the Owner only).
import type { Context } from 'hono';
import { canManageLicenses } from '@smartserver-licensing/policy';
import type { UserType } from '@smartserver-licensing/schemas';
import {
  ApiError,
  readSession,
  type Db,
  type Session,
  type SessionOptions,
} from '@smartserver-licensing/server-kit';
import { Users } from '../users.js';

/** public: anyone; user: any logged-in CMS user; owner: the Owner only (R22). */
export type Access = 'public' | 'user' | 'owner';

export type Principal =
  | { kind: 'anonymous'; session?: Session }
  | { kind: 'user'; username: string; userType: UserType; session: Session };

export const SESSION_COOKIE = 'cms_session';

export async function principalOf(
  db: Db,
  c: Context,
  now: Date,
  options: SessionOptions,
): Promise<Principal> {
  const session = await readSession(db, c, now, options);
  if (!session || session.kind !== 'user') return { kind: 'anonymous' };
  const userType = await new Users(db).typeOf(session.id);
  return userType
    ? { kind: 'user', username: session.id, userType, session }
    : { kind: 'anonymous', session };
}

export function authorize(access: Access, p: Principal): void {
  if (access === 'public') return;
  if (p.kind !== 'user') throw new ApiError('UNAUTHENTICATED', 'Log into the CMS first.');
  if (access === 'owner') {
    const check = canManageLicenses(p.userType);
    if (!check.allowed) throw new ApiError('FORBIDDEN', check.reason, { code: check.code });
  }
}

/** State-changing requests made with a session's authority echo its CSRF token; logging in or out is public. */
export function csrfOf(access: Access, p: Principal): string | undefined {
  return access !== 'public' && p.kind === 'user' ? p.session.csrf : undefined;
}
