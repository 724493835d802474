// Single use of SmartServer request assertions (docs/protocol.md): each `jti` is accepted once,
// kept until its assertion could no longer verify, then pruned.
import type { Db } from '@smartserver-licensing/server-kit';

/** Expired jtis are deleted at most this often (per database). */
const PRUNE_EVERY_MS = 60_000;
const lastPrune = new WeakMap<Db, number>();

/**
 * Records a jti; false when it was recorded before (a replay, even a concurrent one: the first
 * request wins). `keepUntil` is when its assertion stops verifying.
 */
export async function firstUseOfAssertion(db: Db, jti: string, keepUntil: Date, now: Date): Promise<boolean> {
  const fresh = await db.query(
    'INSERT INTO seen_assertions (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING RETURNING jti',
    [jti, keepUntil],
  );
  if (fresh.length === 0) return false;
  if (now.getTime() - (lastPrune.get(db) ?? 0) >= PRUNE_EVERY_MS) {
    lastPrune.set(db, now.getTime());
    await db.query('DELETE FROM seen_assertions WHERE expires_at < $1', [now]);
  }
  return true;
}
