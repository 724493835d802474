// What the Owner's license actions do (R19-R21), between the HTTP routes and the store, the
// cloud client and return delivery: link an account, list the account's licenses, download,
// return, make an offline activation request. Routes validate and answer; this decides the
// per-license results.
import { randomUUID } from 'node:crypto';
import { signSmartServerMessage } from '@smartserver-licensing/entitlements';
import { LICENSE_MODELS, protocolFileText, type ModelNumber } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type { SmartServer } from './context.js';
import { faultPoint } from './faults.js';
import { accountOf, beforeCloudCall, refreshKeys, syncRevocations } from './online.js';

export interface LicenseResult {
  licenseId: string;
  ok: boolean;
  delivered?: boolean;
  code?: string;
  message?: string;
}

/** This SmartServer (id, segment controller, Install Code) and the Customer ID it is linked to. */
export async function accountResponse(s: SmartServer) {
  return {
    customerId: (await s.store.settings.get('customerId')) ?? null,
    smartServerId: s.store.identity.smartServerId,
    segmentController: s.store.identity.name,
    installCode: s.key.installCode,
  };
}

/** Registers this SmartServer's key with the account, keeps the Customer ID, then catches up. */
export async function linkAccount(s: SmartServer, customerId: string) {
  await s.cloud.register(customerId);
  await s.store.settings.set('customerId', customerId);
  // Linked: receipts owed can go out now, and revocations be learnt.
  await beforeCloudCall(s);
  await syncRevocations(s, customerId).catch((error: unknown) =>
    s.log(`revocations could not be fetched after linking: ${(error as Error).message}`),
  );
  return accountResponse(s);
}

/** The account's licenses in the cloud, each with where it is activated (this one by its name). */
export async function cloudLicenses(s: SmartServer) {
  const customerId = await accountOf(s);
  await beforeCloudCall(s);
  await syncRevocations(s, customerId);
  const me = s.store.identity.smartServerId;
  const licenses = (await s.cloud.listLicenses(customerId)).map((l) => {
    const model = LICENSE_MODELS[l.model as ModelNumber];
    return {
      licenseId: l.licenseId,
      kind: l.kind,
      model: l.model,
      capacity: l.capacity,
      trial: model?.kind === 'capacity' && model.trial,
      ...(l.termYears ? { termYears: l.termYears } : {}),
      activatedOn: l.boundTo === null ? null : l.boundTo === me ? s.store.identity.name : l.boundTo,
    };
  });
  return { customerId, licenses };
}

/** Downloads (activates) licenses from the cloud onto this SmartServer; one result per id asked. */
export async function downloadLicenses(
  s: SmartServer,
  licenseIds: readonly string[],
): Promise<LicenseResult[]> {
  const customerId = await accountOf(s);
  await beforeCloudCall(s);
  await refreshKeys(s);
  await syncRevocations(s, customerId);
  const fromCloud = await s.cloud.download(customerId, [...licenseIds]);
  const tokens = fromCloud.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
  const accepted = await s.store.acceptTokens(
    tokens.map((t) => t.token),
    'online',
  );
  const byId = new Map(tokens.map((t, i) => [t.licenseId.toLowerCase(), accepted[i]!]));
  const pending = new Set((await s.store.receipts.pending()).map((p) => p.licenseId.toLowerCase()));
  return licenseIds.map((licenseId) => {
    const cloud = fromCloud.find((r) => r.licenseId.toLowerCase() === licenseId.toLowerCase());
    if (!cloud)
      return {
        licenseId,
        ok: false,
        code: 'NO_ANSWER',
        message: 'The cloud gave no result for this license.',
      };
    if (!cloud.ok) return { licenseId, ok: false, code: cloud.code, message: cloud.message };
    const outcome = byId.get(licenseId.toLowerCase())!;
    if (outcome.ok) return { licenseId, ok: true };
    if (outcome.code === 'REVOKED' && pending.has(licenseId.toLowerCase()))
      return {
        licenseId,
        ok: false,
        code: 'RETURN_PENDING',
        message:
          'This license was returned from this SmartServer and the cloud has not confirmed the return yet; deliver the pending return first (or take its receipt to the Customer Portal), then download it again.',
      };
    return { licenseId, ok: false, code: outcome.code!, message: outcome.message! };
  });
}

/**
 * Returns licenses (R19): each stops counting here first (one transaction each), then the
 * receipts go to the cloud. One result per id asked; `delivered: false` keeps a receipt pending.
 */
export async function returnLicenses(
  s: SmartServer,
  licenseIds: readonly string[],
): Promise<LicenseResult[]> {
  // Stop using first…
  const returned = new Map<string, string>();
  for (const licenseId of new Set(licenseIds.map((id) => id.toLowerCase()))) {
    const record = await s.store.returnLicense(licenseId);
    if (record) returned.set(licenseId, record.activationId);
  }
  if (returned.size > 0) faultPoint('after-return-commit');
  // …then tell the cloud.
  const pending = returned.size > 0 ? await s.returns.deliver() : [];
  return licenseIds.map((licenseId) => {
    const activationId = returned.get(licenseId.toLowerCase());
    if (!activationId)
      return {
        licenseId,
        ok: false,
        code: 'NOT_HERE',
        message: 'This license is not activated on this SmartServer.',
      };
    const waiting = pending.find((p) => p.activationId === activationId);
    if (!waiting) return { licenseId, ok: true, delivered: true };
    return {
      licenseId,
      ok: true,
      delivered: false,
      code: 'RETURN_PENDING',
      message:
        `The license no longer counts on this SmartServer, but the cloud has not confirmed the return yet${
          waiting.lastError ? ` (${waiting.lastError.replace(/\.$/, '')})` : ''
        }. The receipt is sent again automatically; offline, take its file to the Customer Portal.`.slice(
          0,
          500,
        ),
    };
  });
}

/** A new offline activation request, signed with this SmartServer's key, as file name and text. */
export async function activationRequestFile(s: SmartServer): Promise<{ filename: string; content: string }> {
  const claims = {
    requestId: randomUUID(),
    smartServerId: s.store.identity.smartServerId,
    segmentController: s.store.identity.name,
    installCode: s.key.installCode,
    publicKey: s.key.publicKey,
    createdAt: s.now().toISOString(),
  };
  const signed = await signSmartServerMessage('activationRequest', claims, s.key);
  if (!signed.ok) throw new ApiError('INTERNAL', `The request could not be signed: ${signed.error.message}`);
  return {
    filename: `activation-request-${fileSafe(s.store.identity.smartServerId)}.json`,
    content: protocolFileText('activationRequest', signed.value),
  };
}

/** A SmartServer id as part of a file name. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
