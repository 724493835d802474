// Keys and sessions: the JWKS, partner/support and customer logins (R20), logging out.
import * as z from 'zod/mini';
import { LicenseIdSchema } from '@smartserver-licensing/schemas';
import { endSession, startSession, type Route } from '@smartserver-licensing/server-kit';
import type { Cloud } from '../../cloud.js';
import { accountLogin, customerOfLicenseId, mailLoginLinks, redeemLoginLink } from '../../sessions.js';
import type { Access, Principal } from '../auth.js';
import { email, route } from './shared.js';

export function sessionRoutes(cloud: Cloud): Route<Access, Principal>[] {
  const { db } = cloud;
  const limit = (keys: string[]) => cloud.loginLimiter.hit(keys, cloud.now().getTime());
  return [
    route({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: 'The public keys SmartServers trust; every key ever used stays listed after a rotation.',
      access: 'public',
      handler: async () => ({ status: 200, body: cloud.keys.jwks }),
    }),
    route({
      method: 'post',
      path: '/api/v1/session/account',
      summary: 'Partner or support login with email and password (rate-limited).',
      access: 'public',
      body: z.strictObject({ email, password: z.string().check(z.minLength(1), z.maxLength(200)) }),
      response: z.object({ role: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        limit([`ip:${remote}`, `email:${body.email.toLowerCase()}`]);
        const account = await accountLogin(db, body.email, body.password);
        const session = { kind: 'account', id: account.accountId } as const;
        const csrfToken = await startSession(db, hono, session, cloud.now(), cloud.session);
        return { status: 200, body: { role: account.role, csrfToken } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer',
      summary: 'Customer Portal login with a License ID (EID) of the account (R20; rate-limited).',
      access: 'public',
      body: z.strictObject({ licenseId: LicenseIdSchema }),
      response: z.object({ customerId: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        limit([`ip:${remote}`]);
        const customerId = await customerOfLicenseId(db, body.licenseId);
        const session = { kind: 'customer', id: customerId } as const;
        const csrfToken = await startSession(db, hono, session, cloud.now(), cloud.session);
        return { status: 200, body: { customerId, csrfToken } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer/link',
      summary: 'Mails a one-time login link to a contact address a partner added (R20). Always answers 202.',
      access: 'public',
      body: z.strictObject({ email }),
      handler: async ({ body, remote }) => {
        limit([`ip:${remote}`, `email:${body.email.toLowerCase()}`]);
        await mailLoginLinks(cloud, body.email);
        // The same answer whether or not the address is known: no account discovery.
        return { status: 202, body: { sent: true } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/session/customer/redeem',
      summary: 'Exchanges a mailed one-time login token for a Customer Portal session.',
      access: 'public',
      body: z.strictObject({ token: z.string().check(z.minLength(20), z.maxLength(100)) }),
      response: z.object({ customerId: z.string(), csrfToken: z.string() }),
      handler: async ({ body, hono, remote }) => {
        limit([`ip:${remote}`]);
        const customerId = await redeemLoginLink(db, body.token, cloud.now());
        const session = { kind: 'customer', id: customerId } as const;
        const csrfToken = await startSession(db, hono, session, cloud.now(), cloud.session);
        return { status: 200, body: { customerId, csrfToken } };
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/session',
      summary: 'Logs out.',
      access: 'public',
      handler: async ({ hono, principal }) => {
        await endSession(db, hono, 'session' in principal ? principal.session : undefined, cloud.session);
        return { status: 204 };
      },
    }),
  ];
}
