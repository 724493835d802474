// Every HTTP route of the SmartServer: the CMS session, devices and their operations, and the
// license API the widgets' HTTP source calls (`API_ROUTES` of @smartserver-licensing/client).
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { API_ROUTES, MAX_IDS_PER_REQUEST, MAX_NOTE_CHARS } from '@smartserver-licensing/client';
import {
  checkDeviceOperation,
  DEVICE_OPERATIONS,
  licenseStateFor,
  type DeviceOperation,
} from '@smartserver-licensing/policy';
import { signSmartServerMessage } from '@smartserver-licensing/entitlements';
import {
  CustomerIdSchema,
  FILE_FORMATS,
  protocolFileText,
  DEVICE_PROTOCOLS,
  LICENSE_MODELS,
  LicenseIdSchema,
  NotificationSettingsSchema,
  type ModelNumber,
} from '@smartserver-licensing/schemas';
import {
  ApiError,
  endSession,
  routeFor,
  startSession,
  verifyLogin,
  type Route,
} from '@smartserver-licensing/server-kit';
import type { SmartServer } from '../context.js';
import { faultPoint } from '../faults.js';
import { accountOf, beforeCloudCall, refreshKeys, syncRevocations } from '../online.js';
import type { ReturnRecord } from '../store.js';
import type { Access, Principal } from './auth.js';

const route = routeFor<Access, Principal>();

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const licenseIds = z.array(LicenseIdSchema).check(z.minLength(1), z.maxLength(MAX_IDS_PER_REQUEST));
const LicenseIdsBody = z.strictObject({ licenseIds });
const path = (name: keyof typeof API_ROUTES) => API_ROUTES[name].path;
const method = (name: keyof typeof API_ROUTES) => API_ROUTES[name].method.toLowerCase() as Route['method'];

function user(p: Principal) {
  if (p.kind !== 'user') throw new ApiError('UNAUTHENTICATED', 'Log into the CMS first.');
  return p;
}

async function accountResponse(s: SmartServer) {
  return {
    customerId: (await s.store.setting<string>('customerId')) ?? null,
    smartServerId: s.store.identity.smartServerId,
    segmentController: s.store.identity.name,
    installCode: s.key.installCode,
  };
}

const pendingView = (r: ReturnRecord) => ({
  licenseId: r.licenseId,
  activationId: r.activationId,
  returnedAt: r.returnedAt,
  ...(r.lastError ? { lastError: r.lastError } : {}),
});

/** A SmartServer id as part of a file name. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

export function routes(s: SmartServer): Route<Access, Principal>[] {
  const { db, store } = s;
  return [
    // --- CMS session ----------------------------------------------------------------------------
    route({
      method: 'post',
      path: '/api/session',
      summary: 'CMS login with username and password (rate-limited).',
      access: 'public',
      body: z.strictObject({
        username: z.string().check(z.minLength(1), z.maxLength(64)),
        password: z.string().check(z.minLength(1), z.maxLength(200)),
      }),
      handler: async ({ body, hono, remote }) => {
        s.loginLimiter.hit([`ip:${remote}`, `user:${body.username.toLowerCase()}`], s.now().getTime());
        const rows = await db.query<{ user_type: string; password_hash: string }>(
          'SELECT user_type, password_hash FROM users WHERE username = $1',
          [body.username],
        );
        // Always one scrypt run, known name or not: the timing must not tell which names exist.
        const ok = await verifyLogin(body.password, rows[0]?.password_hash);
        if (!rows[0] || !ok) {
          throw new ApiError('UNAUTHENTICATED', 'Wrong username or password.');
        }
        const csrfToken = await startSession(
          db,
          hono,
          { kind: 'user', id: body.username },
          s.now(),
          s.session,
        );
        return { status: 200, body: { username: body.username, userType: rows[0].user_type, csrfToken } };
      },
    }),
    route({
      method: 'get',
      path: '/api/session',
      summary: 'The logged-in CMS user.',
      access: 'user',
      handler: async ({ principal }) => {
        const u = user(principal);
        return {
          status: 200,
          body: { username: u.username, userType: u.userType, csrfToken: u.session.csrf },
        };
      },
    }),
    route({
      method: 'delete',
      path: '/api/session',
      summary: 'Logs out.',
      access: 'public',
      handler: async ({ hono, principal }) => {
        await endSession(db, hono, principal.session, s.session);
        return { status: 204 };
      },
    }),

    // --- devices (R11) ---------------------------------------------------------------------------
    route({
      method: 'get',
      path: '/api/devices',
      summary: 'Every device with its licence status.',
      access: 'user',
      handler: async () => ({ status: 200, body: { devices: (await store.state()).devices } }),
    }),
    route({
      method: 'post',
      path: '/api/devices',
      summary: 'Creates a device; allowed whether or not capacity is left (R11).',
      access: 'user',
      body: z.strictObject({
        name: z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(256),
            z.regex(NO_CONTROL, 'must not contain control characters'),
          ),
        protocol: z.enum(DEVICE_PROTOCOLS),
      }),
      handler: async ({ body }) => {
        const device = {
          id: `dev-${randomUUID()}`,
          name: body.name,
          protocol: body.protocol,
          createdAt: s.now().toISOString(),
          isSmartServer: false,
        };
        await store.addDevice(device);
        const state = await store.state();
        return { status: 201, body: state.devices.find((d) => d.id === device.id) };
      },
    }),
    route({
      method: 'post',
      path: '/api/devices/:deviceId/operations/:operation',
      summary:
        'Runs an operation on a device; device-facing operations are refused for unlicensed devices (R11).',
      access: 'user',
      params: z.strictObject({
        deviceId: z.string().check(z.minLength(1), z.maxLength(128)),
        operation: z.enum(DEVICE_OPERATIONS as unknown as [DeviceOperation, ...DeviceOperation[]]),
      }),
      handler: async ({ params }) => {
        const state = await store.state();
        const device = state.devices.find((d) => d.id === params.deviceId);
        if (!device) throw new ApiError('NOT_FOUND', `No device ${params.deviceId}.`);
        const check = checkDeviceOperation(state, params.operation, params.deviceId);
        if (!check.allowed) throw new ApiError('FORBIDDEN', check.reason, { code: check.code });
        // The reference server has no field bus: an allowed operation is acknowledged, not performed.
        return { status: 200, body: { ok: true, message: `${params.operation} done for ${device.name}.` } };
      },
    }),

    // --- the license API (R19-R23) ----------------------------------------------------------------
    route({
      method: method('status'),
      path: path('status'),
      summary:
        'The license state of now and the caller’s user type (the dashboard reads it; R10, R14, R16). License IDs only for the Owner.',
      access: 'user',
      handler: async ({ principal }) => {
        const { userType } = user(principal);
        return { status: 200, body: { userType, state: licenseStateFor(userType, await store.state()) } };
      },
    }),
    route({
      method: method('addFile'),
      path: path('addFile'),
      summary:
        'Adds a signed offline activation file (version 2; R20, R21): one result per token. A refused file changes nothing and answers { error: { code: FILE_… } }.',
      access: 'owner',
      rawBody: true,
      body: z.object({
        format: z.literal(FILE_FORMATS.activationFile),
        version: z.literal(2),
        signed: z.string(),
      }),
      handler: async ({ body }) => {
        const outcomes = await store.addFile(body as unknown as string);
        return { status: 200, body: { results: outcomes.map((o, index) => ({ index, ...o })) } };
      },
    }),
    route({
      method: method('activationRequest'),
      path: path('activationRequest'),
      summary:
        'A new offline activation request of this SmartServer, signed with its key: a file for the Customer Portal or support (R20, R21).',
      access: 'owner',
      handler: async () => {
        const claims = {
          requestId: randomUUID(),
          smartServerId: store.identity.smartServerId,
          segmentController: store.identity.name,
          installCode: s.key.installCode,
          publicKey: s.key.publicKey,
          createdAt: s.now().toISOString(),
        };
        const signed = await signSmartServerMessage('activationRequest', claims, s.key);
        if (!signed.ok)
          throw new ApiError('INTERNAL', `The request could not be signed: ${signed.error.message}`);
        return {
          status: 200,
          text: {
            contentType: 'application/json; charset=utf-8',
            filename: `activation-request-${fileSafe(store.identity.smartServerId)}.json`,
            content: protocolFileText('activationRequest', signed.value),
          },
        };
      },
    }),
    route({
      method: method('saveNote'),
      path: path('saveNote'),
      summary: 'Saves the owner’s note of one license (R23).',
      access: 'owner',
      params: z.strictObject({ licenseId: LicenseIdSchema }),
      body: z.strictObject({ note: z.string().check(z.maxLength(MAX_NOTE_CHARS)) }),
      handler: async ({ params, body }) => {
        if (!(await store.saveNote(params.licenseId, body.note))) {
          throw new ApiError('NOT_FOUND', `License ${params.licenseId} is not on this SmartServer.`);
        }
        return { status: 200, body: { licenseId: params.licenseId, note: body.note } };
      },
    }),
    route({
      method: method('getAccount'),
      path: path('getAccount'),
      summary:
        'This SmartServer (id, segment controller, Install Code) and the customer licensing account it uses (R19).',
      access: 'owner',
      handler: async () => ({ status: 200, body: await accountResponse(s) }),
    }),
    route({
      method: method('setAccount'),
      path: path('setAccount'),
      summary:
        'Links this SmartServer to a customer account: registers its key with the cloud, then keeps the Customer ID (R19). KEY_CONFLICT (409) when the account holds another key for this id.',
      access: 'owner',
      body: z.strictObject({ customerId: CustomerIdSchema }),
      handler: async ({ body }) => {
        const customerId = body.customerId.toLowerCase();
        await s.cloud.register(customerId);
        await store.setSetting('customerId', customerId);
        // Linked: receipts owed can go out now, and revocations be learnt.
        await beforeCloudCall(s);
        await syncRevocations(s, customerId).catch((error: unknown) =>
          s.log(`revocations could not be fetched after linking: ${(error as Error).message}`),
        );
        return { status: 200, body: await accountResponse(s) };
      },
    }),
    route({
      method: method('listCloud'),
      path: path('listCloud'),
      summary: 'The account’s licenses in the cloud, and where each is activated (R19).',
      access: 'owner',
      handler: async () => {
        const customerId = await accountOf(s);
        await beforeCloudCall(s);
        await syncRevocations(s, customerId);
        const me = store.identity.smartServerId;
        const licenses = (await s.cloud.listLicenses(customerId)).map((l) => {
          const model = LICENSE_MODELS[l.model as ModelNumber];
          return {
            licenseId: l.licenseId,
            kind: l.kind,
            model: l.model,
            capacity: l.capacity,
            trial: model?.kind === 'capacity' && model.trial,
            ...(l.termYears ? { termYears: l.termYears } : {}),
            activatedOn: l.boundTo === null ? null : l.boundTo === me ? store.identity.name : l.boundTo,
          };
        });
        return { status: 200, body: { customerId, licenses } };
      },
    }),
    route({
      method: method('download'),
      path: path('download'),
      summary:
        'Downloads (activates) chosen licenses from the cloud onto this SmartServer (R19); owed return receipts go out first.',
      access: 'owner',
      body: LicenseIdsBody,
      handler: async ({ body }) => {
        const customerId = await accountOf(s);
        await beforeCloudCall(s);
        await refreshKeys(s);
        await syncRevocations(s, customerId);
        const fromCloud = await s.cloud.download(customerId, body.licenseIds);
        const tokens = fromCloud.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
        const accepted = await store.acceptTokens(
          tokens.map((t) => t.token),
          'online',
        );
        const byId = new Map(tokens.map((t, i) => [t.licenseId.toLowerCase(), accepted[i]!]));
        const pending = new Set((await store.pendingReturns()).map((p) => p.licenseId.toLowerCase()));
        const results = body.licenseIds.map((licenseId) => {
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
          return { licenseId, ok: false, code: outcome.code, message: outcome.message };
        });
        return { status: 200, body: { results } };
      },
    }),
    route({
      method: method('upload'),
      path: path('upload'),
      summary:
        'Returns licenses (R19): each stops counting here at once (tombstone, token dropped, signed receipt queued, one transaction), then the receipts go to the cloud. delivered: false keeps a receipt pending.',
      access: 'owner',
      body: LicenseIdsBody,
      handler: async ({ body }) => {
        // Stop using first…
        const returned = new Map<string, string>();
        for (const licenseId of new Set(body.licenseIds.map((id) => id.toLowerCase()))) {
          const record = await store.returnLicense(licenseId);
          if (record) returned.set(licenseId, record.activationId);
        }
        if (returned.size > 0) faultPoint('after-return-commit');
        // …then tell the cloud.
        const pending = returned.size > 0 ? await s.returns.deliver() : [];
        const results = body.licenseIds.map((licenseId) => {
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
        return { status: 200, body: { results } };
      },
    }),
    route({
      method: method('pendingReturns'),
      path: path('pendingReturns'),
      summary: 'Returns made here that the cloud has not acknowledged yet, with the last delivery error.',
      access: 'owner',
      handler: async () => ({
        status: 200,
        body: { returns: (await store.pendingReturns()).map(pendingView) },
      }),
    }),
    route({
      method: method('deliverReturns'),
      path: path('deliverReturns'),
      summary: 'Delivers every pending return receipt now; answers the returns still pending.',
      access: 'owner',
      handler: async () => ({ status: 200, body: { returns: (await s.returns.deliver()).map(pendingView) } }),
    }),
    route({
      method: method('receiptFile'),
      path: path('receiptFile'),
      summary:
        'The signed receipt of a return as a file, for the Customer Portal when this SmartServer cannot reach the cloud.',
      access: 'owner',
      params: z.strictObject({ activationId: LicenseIdSchema }),
      handler: async ({ params }) => {
        const record = await store.returnRecord(params.activationId);
        if (!record)
          throw new ApiError('NOT_FOUND', `No return of activation ${params.activationId} was made here.`);
        return {
          status: 200,
          text: {
            contentType: 'application/json; charset=utf-8',
            filename: `return-${record.licenseId}.json`,
            content: store.receiptFileText(record),
          },
        };
      },
    }),
    route({
      method: method('getNotifications'),
      path: path('getNotifications'),
      summary: 'The owner’s maintenance reminder settings (R18).',
      access: 'owner',
      handler: async () => ({ status: 200, body: await store.notificationSettings() }),
    }),
    route({
      method: method('saveNotifications'),
      path: path('saveNotifications'),
      summary: 'Saves the reminder settings here and in the cloud, which sends the mails (R18).',
      access: 'owner',
      body: NotificationSettingsSchema,
      handler: async ({ body }) => {
        // The cloud sends the mails: tell it first, so a failure changes nothing here either.
        const customerId = await accountOf(s);
        await beforeCloudCall(s);
        await s.cloud.saveNotifications(customerId, body);
        await store.setSetting('notifications', body);
        return { status: 200, body };
      },
    }),
  ];
}
