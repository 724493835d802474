// What every route file of the SmartServer shares: the typed route builder, the client's route
// names, the caller as a CMS user, and the body naming licenses.
import * as z from 'zod/mini';
import { API_ROUTES, MAX_IDS_PER_REQUEST } from '@smartserver-licensing/client';
import { LicenseIdSchema } from '@smartserver-licensing/schemas';
import { ApiError, routeFor, type Route } from '@smartserver-licensing/server-kit';
import type { Access, Principal } from '../auth.js';

export type SmartServerRoute = Route<Access, Principal>;

export const route = routeFor<Access, Principal>();

/** The path and method of a route the client calls (`API_ROUTES` of @smartserver-licensing/client). */
export const path = (name: keyof typeof API_ROUTES) => API_ROUTES[name].path;
export const method = (name: keyof typeof API_ROUTES) =>
  API_ROUTES[name].method.toLowerCase() as Route['method'];

export const LicenseIdsBody = z.strictObject({
  licenseIds: z.array(LicenseIdSchema).check(z.minLength(1), z.maxLength(MAX_IDS_PER_REQUEST)),
});

export function user(p: Principal) {
  if (p.kind !== 'user') throw new ApiError('UNAUTHENTICATED', 'Log into the CMS first.');
  return p;
}
