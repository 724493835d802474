// The tokens this SmartServer accepted (one per license), the activations that ended here
// (tombstones, kept forever: a returned or revoked activation never counts again), and the
// offline files it applied (each file once). Storage only: verifying is the store's job.
import { decodeEntitlementUnverified, type VerifyResult } from '@smartserver-licensing/entitlements';
import type { Db, Queryable } from '@smartserver-licensing/server-kit';

export interface StoredToken {
  licenseId: string;
  token: string;
  note: string | null;
}

/** The activation id (`jti`) a stored token names; read without trusting it (it was verified when kept). */
export function activationIdOf(token: string): string | null {
  const decoded = decodeEntitlementUnverified(token);
  const jti = decoded.ok ? decoded.value.payload['jti'] : undefined;
  return typeof jti === 'string' && jti.length > 0 && jti.length <= 128 ? jti : null;
}

export class Tokens {
  /** Ended activation ids (lower case), loaded once and kept in step with the table. */
  private ended: Set<string> | undefined;

  constructor(private readonly db: Db) {}

  /** Fills the activation id of tokens kept by the first release (its table had no such column). */
  async fillActivationIds(): Promise<void> {
    const rows = await this.db.query<{ license_id: string; token: string }>(
      'SELECT license_id, token FROM license_tokens WHERE activation_id IS NULL',
    );
    for (const row of rows) {
      await this.db.query('UPDATE license_tokens SET activation_id = $2 WHERE license_id = $1', [
        row.license_id,
        activationIdOf(row.token),
      ]);
    }
  }

  /** Every kept token, in the order they were accepted. */
  async stored(): Promise<StoredToken[]> {
    const rows = await this.db.query<{ license_id: string; token: string; note: string | null }>(
      'SELECT license_id, token, note FROM license_tokens ORDER BY accepted_at, license_id',
    );
    return rows.map((r) => ({ licenseId: r.license_id, token: r.token, note: r.note }));
  }

  /** The kept token of one license and the activation it belongs to. */
  async activationOf(licenseId: string): Promise<{ token: string; activationId: string | null } | undefined> {
    const rows = await this.db.query<{ token: string; activation_id: string | null }>(
      'SELECT token, activation_id FROM license_tokens WHERE license_id = $1',
      [licenseId],
    );
    return rows[0] ? { token: rows[0].token, activationId: rows[0].activation_id } : undefined;
  }

  /** Keeps a verified token inside `tx` (replacing the license's earlier one). */
  async keep(tx: Queryable, result: VerifyResult, channel: 'online' | 'offline', at: Date): Promise<void> {
    if (!result.valid) return;
    const { licenseId, token, tokenId } = result.entitlement;
    await tx.query(
      `INSERT INTO license_tokens (license_id, token, channel, accepted_at, activation_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (license_id) DO UPDATE SET token = $2, channel = $3, accepted_at = $4, activation_id = $5`,
      [licenseId, token, channel, at, tokenId],
    );
  }

  async hasLicense(licenseId: string): Promise<boolean> {
    return (
      (await this.db.query('SELECT 1 FROM license_tokens WHERE license_id = $1', [licenseId])).length > 0
    );
  }

  /** Saves the Owner's note of a license here; false when the license is not here. */
  async saveNote(licenseId: string, note: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE license_tokens SET note = $2 WHERE license_id = $1 RETURNING license_id',
      [licenseId, note],
    );
    return rows.length > 0;
  }

  // ---- ended activations (tombstones) ---------------------------------------------------------

  /** The ended activation ids (lower case). */
  async endedIds(): Promise<ReadonlySet<string>> {
    if (!this.ended) {
      const rows = await this.db.query<{ activation_id: string }>(
        'SELECT activation_id FROM ended_activations',
      );
      this.ended = new Set(rows.map((r) => r.activation_id.toLowerCase()));
    }
    return this.ended;
  }

  /** Whether an activation ended here (returned or revoked). */
  async hasEnded(activationId: string): Promise<boolean> {
    return (await this.endedIds()).has(activationId.toLowerCase());
  }

  /**
   * Ends activations inside `tx`: a tombstone for each (kept forever) and their tokens dropped.
   * Call `remember` with the same ids once `tx` committed.
   */
  async endActivations(
    tx: Queryable,
    ids: readonly string[],
    reason: 'returned' | 'revoked',
    at: Date,
  ): Promise<void> {
    for (const id of ids) {
      const token = await tx.query<{ license_id: string }>(
        'DELETE FROM license_tokens WHERE lower(activation_id) = lower($1) RETURNING license_id',
        [id],
      );
      await this.tombstone(tx, id, token[0]?.license_id ?? null, reason, at);
    }
  }

  /** The return's half of ending: the tombstone and the license's token dropped, inside `tx`. */
  async endReturned(tx: Queryable, activationId: string, licenseId: string, at: Date): Promise<void> {
    await this.tombstone(tx, activationId, licenseId, 'returned', at);
    await tx.query('DELETE FROM license_tokens WHERE license_id = $1', [licenseId]);
  }

  private async tombstone(
    tx: Queryable,
    activationId: string,
    licenseId: string | null,
    reason: 'returned' | 'revoked',
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ended_activations (activation_id, license_id, reason, ended_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (activation_id) DO NOTHING`,
      [activationId, licenseId, reason, at],
    );
  }

  /** Adds committed tombstones to the ids kept in memory. */
  remember(ids: readonly string[]): void {
    for (const id of ids) this.ended?.add(id.toLowerCase());
  }

  // ---- applied offline files ------------------------------------------------------------------

  /** The ids (lower case) of every activation file applied here. */
  async appliedFileIds(): Promise<Set<string>> {
    const rows = await this.db.query<{ file_id: string }>('SELECT file_id FROM applied_files');
    return new Set(rows.map((r) => r.file_id.toLowerCase()));
  }

  /** Records an applied file inside `tx`; its primary key refuses a second application. */
  async recordFile(tx: Queryable, fileId: string, requestId: string | null, at: Date): Promise<void> {
    await tx.query('INSERT INTO applied_files (file_id, request_id, applied_at) VALUES ($1, $2, $3)', [
      fileId,
      requestId,
      at,
    ]);
  }
}
