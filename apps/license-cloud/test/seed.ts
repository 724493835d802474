// Small builders for test data in a fresh database.
import { randomUUID } from 'node:crypto';
import type { Db } from '@smartserver-licensing/server-kit';

export async function addPartner(db: Db, name = 'Partner'): Promise<string> {
  const id = randomUUID();
  await db.query(
    "INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, 'partner', 'unused')",
    [id, `${id}@partners.example`, name],
  );
  return id;
}
