// Who is calling: portal sessions (HTTP-only SameSite cookies with a CSRF token),
// SmartServers (id + install secret), and a limiter for login attempts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import { CloudError } from '../errors.js';
import { hashSecret, verifySecret } from '../passwords.js';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'account'; role: 'partner' | 'support'; accountId: string; csrf: string; sessionHash: string }
  | { kind: 'customer'; customerId: string; csrf: string; sessionHash: string }
  | { kind: 'smartserver'; smartServerId: string };

export const SESSION_COOKIE = 'lc_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SMARTSERVER_ID_HEADER = 'x-smartserver-id';
export const SMARTSERVER_SECRET_HEADER = 'x-smartserver-secret';
const SESSION_HOURS = 8;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionOptions {
  /** Mark cookies `Secure` (on behind HTTPS; off for the loopback reference setup). */
  secureCookies: boolean;
}

/** Starts a session and sets its cookie; returns the CSRF token the page must echo. */
export async function startSession(
  db: Db,
  c: Context,
  principal: { kind: 'account'; id: string } | { kind: 'customer'; id: string },
  now: Date,
  options: SessionOptions,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.query(
    'INSERT INTO sessions (token_hash, principal_kind, principal_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), principal.kind, principal.id, csrf, expires],
  );
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.secureCookies,
    path: '/',
    expires,
  });
  return csrf;
}

export async function endSession(db: Db, c: Context, principal: Principal): Promise<void> {
  if (principal.kind === 'account' || principal.kind === 'customer') {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [principal.sessionHash]);
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Reads the session cookie; an unknown or expired session is anonymous. */
export async function sessionPrincipal(db: Db, c: Context, now: Date): Promise<Principal> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return { kind: 'anonymous' };
  const sessionHash = sha256(token);
  const rows = await db.query<{
    principal_kind: string;
    principal_id: string;
    csrf_token: string;
    role: string | null;
  }>(
    `SELECT s.principal_kind, s.principal_id, s.csrf_token, a.role
     FROM sessions s LEFT JOIN accounts a ON s.principal_kind = 'account' AND a.id::text = s.principal_id
     WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [sessionHash, now],
  );
  const row = rows[0];
  if (!row) return { kind: 'anonymous' };
  if (row.principal_kind === 'customer') {
    return { kind: 'customer', customerId: row.principal_id, csrf: row.csrf_token, sessionHash };
  }
  if (row.role === 'partner' || row.role === 'support') {
    return {
      kind: 'account',
      role: row.role,
      accountId: row.principal_id,
      csrf: row.csrf_token,
      sessionHash,
    };
  }
  return { kind: 'anonymous' };
}

/** A state-changing request in a session must carry the session's CSRF token in a header. */
export function checkCsrf(c: Context, principal: Principal): void {
  if (principal.kind !== 'account' && principal.kind !== 'customer') return;
  const sent = c.req.header(CSRF_HEADER);
  if (!sent || !sameText(sent, principal.csrf)) {
    throw new CloudError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header for this session.`);
  }
}

const SMARTSERVER_SECRET = /^[\x21-\x7e]{16,128}$/;

/**
 * A SmartServer proves itself with its id and its install secret. The first request of
 * an id registers the secret's hash; every later one must present the same secret, so one
 * SmartServer cannot download or return licenses for another.
 */
export async function smartServerPrincipal(db: Db, c: Context): Promise<Principal> {
  const id = c.req.header(SMARTSERVER_ID_HEADER);
  const secret = c.req.header(SMARTSERVER_SECRET_HEADER);
  if (id === undefined && secret === undefined) return { kind: 'anonymous' };
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(id)) {
    throw new CloudError('UNAUTHENTICATED', `${SMARTSERVER_ID_HEADER} must be a SmartServer id.`);
  }
  if (!secret || !SMARTSERVER_SECRET.test(secret)) {
    throw new CloudError(
      'UNAUTHENTICATED',
      `${SMARTSERVER_SECRET_HEADER} must be 16..128 printable characters.`,
    );
  }
  const fresh = await hashSecret(secret);
  await db.query(
    'INSERT INTO smartservers (smart_server_id, secret_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [id, fresh],
  );
  const rows = await db.query<{ secret_hash: string }>(
    'SELECT secret_hash FROM smartservers WHERE smart_server_id = $1',
    [id],
  );
  if (!rows[0] || !(await verifySecret(secret, rows[0].secret_hash))) {
    throw new CloudError('UNAUTHENTICATED', 'This SmartServer id is registered with another secret.');
  }
  return { kind: 'smartserver', smartServerId: id };
}

/** Counts attempts per key in a sliding window; refuses past the limit. In memory: one process. */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records one attempt for each key; throws RATE_LIMITED when any key is over its limit. */
  hit(keys: readonly string[], now: number): void {
    for (const key of keys) {
      const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
      if (recent.length >= this.limit) {
        const retry = Math.ceil((recent[0]! + this.windowMs - now) / 1000);
        throw new CloudError('RATE_LIMITED', `Too many attempts; try again in ${retry} s.`, {
          retryAfterSeconds: retry,
        });
      }
      recent.push(now);
      this.attempts.set(key, recent);
    }
    if (this.attempts.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
