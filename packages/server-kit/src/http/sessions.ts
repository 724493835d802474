// Browser sessions for a service: an HTTP-only SameSite cookie whose hash is stored, a CSRF
// token bound to the session, and a limiter for login attempts. The service's migrations
// create the `sessions` table (token_hash, principal_kind, principal_id, csrf_token, expires_at).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';

export const CSRF_HEADER = 'x-csrf-token';

export interface SessionOptions {
  /** The cookie's name. */
  cookie: string;
  /** Mark the cookie `Secure` (behind HTTPS; off for a loopback reference setup). */
  secureCookies: boolean;
  /** How long a session lasts. */
  hours: number;
}

export interface Session {
  kind: string;
  id: string;
  csrf: string;
  /** Identifies the stored row (the cookie's hash). */
  hash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Starts a session and sets its cookie; returns the CSRF token the page must echo. */
export async function startSession(
  db: Db,
  c: Context,
  principal: { kind: string; id: string },
  now: Date,
  options: SessionOptions,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + options.hours * 3600_000);
  await db.query(
    'INSERT INTO sessions (token_hash, principal_kind, principal_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), principal.kind, principal.id, csrf, expires],
  );
  setCookie(c, options.cookie, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.secureCookies,
    path: '/',
    expires,
  });
  return csrf;
}

/** The session of the request's cookie, if it exists and has not expired. */
export async function readSession(
  db: Db,
  c: Context,
  now: Date,
  options: SessionOptions,
): Promise<Session | undefined> {
  const token = getCookie(c, options.cookie);
  if (!token || token.length > 100) return undefined;
  const hash = sha256(token);
  const rows = await db.query<{ principal_kind: string; principal_id: string; csrf_token: string }>(
    'SELECT principal_kind, principal_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at > $2',
    [hash, now],
  );
  const row = rows[0];
  return row ? { kind: row.principal_kind, id: row.principal_id, csrf: row.csrf_token, hash } : undefined;
}

export async function endSession(
  db: Db,
  c: Context,
  session: Session | undefined,
  options: SessionOptions,
): Promise<void> {
  if (session) await db.query('DELETE FROM sessions WHERE token_hash = $1', [session.hash]);
  deleteCookie(c, options.cookie, { path: '/' });
}

/** A state-changing request made with a session's authority must echo its CSRF token. */
export function checkCsrf(c: Context, csrf: string): void {
  const sent = c.req.header(CSRF_HEADER);
  if (!sent || !sameText(sent, csrf)) {
    throw new ApiError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header for this session.`);
  }
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
        throw new ApiError('RATE_LIMITED', `Too many attempts; try again in ${retry} s.`, {
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
