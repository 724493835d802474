// The CMS session (login, who is logged in, logout) and the devices with their operations (R11).
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { checkDeviceOperation, DEVICE_OPERATIONS, type DeviceOperation } from '@smartserver-licensing/policy';
import { DEVICE_PROTOCOLS } from '@smartserver-licensing/schemas';
import { ApiError, endSession, startSession, verifyLogin } from '@smartserver-licensing/server-kit';
import type { SmartServer } from '../../context.js';
import { route, user, type SmartServerRoute } from './common.js';

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;

export function sessionRoutes(s: SmartServer): SmartServerRoute[] {
  const { db, store } = s;
  return [
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
        const found = await s.users.login(body.username);
        // Always one scrypt run, known name or not: the timing must not tell which names exist.
        const ok = await verifyLogin(body.password, found?.passwordHash);
        if (!found || !ok) {
          throw new ApiError('UNAUTHENTICATED', 'Wrong username or password.');
        }
        const csrfToken = await startSession(
          db,
          hono,
          { kind: 'user', id: body.username },
          s.now(),
          s.session,
        );
        return { status: 200, body: { username: body.username, userType: found.userType, csrfToken } };
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
  ];
}
