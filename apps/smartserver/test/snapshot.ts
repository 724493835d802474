// A fingerprint of every table a SmartServer keeps, to prove that a refused request changed nothing.
import type { Db } from '@smartserver-licensing/server-kit';

export const DATA_TABLES = [
  'devices',
  'license_tokens',
  'users',
  'licensed_devices',
  'ended_activations',
  'return_receipts',
  'applied_files',
];

export async function snapshot(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of DATA_TABLES) {
    const rows = await db.query<{ d: string }>(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${table} x`,
    );
    out[table] = rows[0]!.d;
  }
  // The clock's high-water mark moves with every computation; everything else must stay.
  const settings = await db.query<{ d: string }>(
    "SELECT md5(coalesce(string_agg(key || value::text, '|' ORDER BY key), '')) AS d FROM settings WHERE key <> 'clock'",
  );
  out['settings'] = settings[0]!.d;
  return out;
}
