// A route is declared once: method, path, who may call it, the body it takes, and its
// handler. The same declaration validates requests and writes the OpenAPI document.
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { parseWith } from '@smartserver-licensing/schemas';
import { CloudError } from '../errors.js';
import type { Principal } from './auth.js';

/** Who may call a route: nobody in particular, a portal session of a kind, or a SmartServer. */
export type Access = 'public' | 'partner' | 'support' | 'customer' | 'smartserver';

export interface RouteContext<Body, Params> {
  body: Body;
  params: Params;
  principal: Principal;
  hono: Context;
  /** The client's address, for rate limits. */
  remote: string;
}

export interface RouteResult {
  status: 200 | 201 | 202 | 204;
  body?: unknown;
  /** Sent instead of JSON (a file download). */
  text?: { contentType: string; filename?: string; content: string };
}

export interface Route<B extends z.ZodMiniType = z.ZodMiniType, P extends z.ZodMiniType = z.ZodMiniType> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono path, e.g. `/api/v1/partner/customers/:customerId/emails`. */
  path: string;
  summary: string;
  access: Access;
  params?: P;
  body?: B;
  /** Schema of the success response, for the OpenAPI document. */
  response?: z.ZodMiniType;
  handler(ctx: RouteContext<z.output<B>, z.output<P>>): Promise<RouteResult>;
}

/** Keeps the route's generic types while building the table. */
export const route = <B extends z.ZodMiniType, P extends z.ZodMiniType>(r: Route<B, P>): Route =>
  r as unknown as Route;

/** Validates path params or a JSON body; refusal is a 400 naming the field. */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = parseWith(schema, value, what);
  if (!result.ok) throw new CloudError('INVALID_INPUT', result.error.message);
  return result.value;
}

/** The error body every route answers with. */
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    detail: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  }),
});
