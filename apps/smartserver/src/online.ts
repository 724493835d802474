// What the SmartServer does whenever it talks to the cloud: first deliver the return receipts it
// still owes (so the cloud frees those licenses before anything else), then learn the
// activations a partner or support force-released (revocations), and keep the issuer keys fresh.
import { ApiError } from '@smartserver-licensing/server-kit';
import type { SmartServer } from './context.js';

/** The Customer ID this SmartServer is linked to, or a conflict that says to enter it. */
export async function accountOf(s: SmartServer): Promise<string> {
  const customerId = await s.store.settings.get('customerId');
  if (!customerId) throw new ApiError('CONFLICT', 'Enter the Customer ID first (Manage Customer Accounts).');
  return customerId;
}

/** Before every cloud call: pending return receipts go out first (their failures stay on them). */
export async function beforeCloudCall(s: SmartServer): Promise<void> {
  await s.returns.deliver();
}

/** Fetches the signed revocation list and ends the revoked activations here; returns the new ones. */
export async function syncRevocations(s: SmartServer, customerId: string): Promise<string[]> {
  const file = await s.cloud.revocations(customerId);
  const ended = await s.store.applyRevocations(file);
  if (ended.length > 0) s.log(`the license cloud revoked ${ended.length} activation(s) of this SmartServer`);
  return ended;
}

/** Refreshes the trusted issuer keys (rotations add keys); offline, the last known set stays. */
export async function refreshKeys(s: SmartServer): Promise<boolean> {
  try {
    await s.store.settings.set('jwks', await s.cloud.jwks());
    return true;
  } catch (error) {
    if (!(await s.store.settings.get('jwks'))) throw error;
    return false;
  }
}

/** At start, when the cloud answers: deliver owed receipts and learn revocations. Never throws. */
export async function startupSync(s: SmartServer, online: boolean): Promise<void> {
  const customerId = await s.store.settings.get('customerId');
  await s.returns.deliver();
  if (!online || !customerId) return;
  try {
    await syncRevocations(s, customerId);
  } catch (error) {
    s.log(`revocations could not be fetched at start: ${(error as Error).message}`);
  }
}
