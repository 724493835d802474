// A route is declared once: method, path, who may call it, the body it takes, and its
// handler. The same declaration validates requests and writes the OpenAPI document.
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { parseWith } from '@smartserver-licensing/schemas';
import { ApiError } from '../errors.js';

export interface RouteContext<Body, Params, Principal> {
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

export interface Route<
  Access extends string = string,
  Principal = unknown,
  B extends z.ZodMiniType = z.ZodMiniType,
  P extends z.ZodMiniType = z.ZodMiniType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path, e.g. `/api/v1/partner/customers/:customerId/emails`. */
  path: string;
  summary: string;
  /** Who may call it; the app decides what each access level means. */
  access: Access;
  params?: P;
  body?: B;
  /**
   * Take the body as text and hand it to the handler unparsed (an uploaded file that the
   * handler parses itself); its schema is then only documentation.
   */
  rawBody?: boolean;
  /** Schema of the success response, for the OpenAPI document. */
  response?: z.ZodMiniType;
  handler(ctx: RouteContext<z.output<B>, z.output<P>, Principal>): Promise<RouteResult>;
}

/**
 * Builds a route-declaring helper for one app, keeping each route's body and params types
 * while the table holds them all as one type.
 */
export function routeFor<Access extends string, Principal>() {
  return <B extends z.ZodMiniType, P extends z.ZodMiniType>(r: Route<Access, Principal, B, P>) =>
    r as unknown as Route<Access, Principal>;
}

/** Validates path params or a JSON body; refusal is a 400 naming the field. */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = parseWith(schema, value, what);
  if (!result.ok) throw new ApiError('INVALID_INPUT', result.error.message);
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
