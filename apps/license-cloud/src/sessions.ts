// Who may log in (R20 for customers): partner and support accounts by email and password,
// customers by a License ID of their account or by a one-time link mailed to an address their
// partner added. The HTTP side starts the session for the identity these answer.
import { createHash, randomBytes } from 'node:crypto';
import { ApiError, verifyLogin, type Queryable } from '@smartserver-licensing/server-kit';
import type { Cloud } from './cloud.js';
import { findLicense } from './inventory.js';

const LINK_MINUTES = 30;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The partner or support account with this email and password. */
export async function accountLogin(
  db: Queryable,
  email: string,
  password: string,
): Promise<{ accountId: string; role: string }> {
  const rows = await db.query<{ id: string; role: string; password_hash: string }>(
    'SELECT id, role, password_hash FROM accounts WHERE email = $1',
    [email.toLowerCase()],
  );
  const account = rows[0];
  const ok = await verifyLogin(password, account?.password_hash);
  if (!account || !ok) throw new ApiError('UNAUTHENTICATED', 'Wrong email or password.');
  return { accountId: account.id, role: account.role };
}

/** The role of a logged-in account, if it still has one that may log in. */
export async function accountRole(
  db: Queryable,
  accountId: string,
): Promise<'partner' | 'support' | undefined> {
  const rows = await db.query<{ role: string }>('SELECT role FROM accounts WHERE id = $1', [accountId]);
  const role = rows[0]?.role;
  return role === 'partner' || role === 'support' ? role : undefined;
}

/** R20: the customer account a current (not transferred away) License ID belongs to. */
export async function customerOfLicenseId(db: Queryable, licenseId: string): Promise<string> {
  const license = await findLicense(db, licenseId);
  if (!license || !license.customerId || license.supersededBy) {
    throw new ApiError('UNAUTHENTICATED', 'No customer account has this License ID.');
  }
  return license.customerId;
}

/**
 * Mails a one-time login link for every customer account that lists this contact address
 * (none when it is unknown; the caller answers the same either way).
 */
export async function mailLoginLinks(cloud: Cloud, email: string): Promise<void> {
  const rows = await cloud.db.query<{ customer_id: string; name: string }>(
    'SELECT c.customer_id, c.name FROM customer_emails e JOIN customers c ON c.customer_id = e.customer_id WHERE e.email = $1',
    [email.toLowerCase()],
  );
  for (const row of rows) {
    const token = randomBytes(32).toString('base64url');
    await cloud.db.query(
      'INSERT INTO login_links (token_hash, customer_id, expires_at) VALUES ($1, $2, $3)',
      [sha256(token), row.customer_id, new Date(cloud.now().getTime() + LINK_MINUTES * 60_000)],
    );
    await cloud.mailer.send({
      to: email,
      subject: `Your License Customer Portal login for ${row.name}`,
      text: `Open this link within ${LINK_MINUTES} minutes to log into the License Customer Portal for ${row.name}:\n\n${cloud.publicUrl}/customer#login=${token}\n\nIf you did not ask for it, ignore this mail.\n`,
    });
  }
}

/** Uses up a mailed login token: the customer account it logs into. */
export async function redeemLoginLink(db: Queryable, token: string, now: Date): Promise<string> {
  const rows = await db.query<{ customer_id: string }>(
    `UPDATE login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING customer_id`,
    [sha256(token), now],
  );
  if (!rows[0]) throw new ApiError('UNAUTHENTICATED', 'This login link is unknown, used or expired.');
  return rows[0].customer_id;
}
