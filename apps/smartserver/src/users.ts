// CMS users (R22: the user type decides who may manage licenses), as stored.
import type { UserType } from '@smartserver-licensing/schemas';
import { hashSecret, type Queryable } from '@smartserver-licensing/server-kit';

export class Users {
  constructor(private readonly db: Queryable) {}

  /** A user's type and password hash, for a login. */
  async login(username: string): Promise<{ userType: UserType; passwordHash: string } | undefined> {
    const rows = await this.db.query<{ user_type: UserType; password_hash: string }>(
      'SELECT user_type, password_hash FROM users WHERE username = $1',
      [username],
    );
    return rows[0] ? { userType: rows[0].user_type, passwordHash: rows[0].password_hash } : undefined;
  }

  /** A user's type, or undefined when no such user exists (any more). */
  async typeOf(username: string): Promise<UserType | undefined> {
    const rows = await this.db.query<{ user_type: UserType }>(
      'SELECT user_type FROM users WHERE username = $1',
      [username],
    );
    return rows[0]?.user_type;
  }

  /** Adds a user with a hash of the password; false when the name is taken. */
  async add(username: string, type: UserType, password: string): Promise<boolean> {
    const rows = await this.db.query(
      'INSERT INTO users (username, user_type, password_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING username',
      [username, type, await hashSecret(password)],
    );
    return rows.length > 0;
  }
}
