// Turns a route table into a Hono app: body limit, JSON parsing and validation, access and
// CSRF checks, typed errors, security headers, and the OpenAPI document.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from '../errors.js';
import { openApiDocument, type OpenApiOptions } from './openapi.js';
import { validate, type Route } from './route.js';
import { checkCsrf } from './sessions.js';

/** Largest request body accepted by default, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface ApiAppOptions<Access extends string, Principal> {
  routes: readonly Route<Access, Principal>[];
  /** Who is calling, for a route of this access level. */
  principal(access: Access, c: Context): Promise<Principal>;
  /** Throws an ApiError (401/403) when the principal may not call a route of this access level. */
  authorize(access: Access, principal: Principal): void;
  /**
   * The CSRF token a state-changing request must echo, when the principal acts through a
   * browser session; undefined for public routes and non-cookie callers.
   */
  csrfOf(access: Access, principal: Principal): string | undefined;
  openApi?: { path: string } & OpenApiOptions;
  maxBodyBytes?: number;
  /** Logs an unexpected error (its text never reaches the client). */
  log?: (message: string, error: unknown) => void;
}

export function errorResponse(c: Context, error: ApiError) {
  const body = {
    error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) },
  };
  if (error.code === 'RATE_LIMITED' && typeof error.detail?.['retryAfterSeconds'] === 'number') {
    c.header('Retry-After', String(error.detail['retryAfterSeconds']));
  }
  return c.json(body, error.status as 400);
}

export function buildApiApp<Access extends string, Principal>(
  options: ApiAppOptions<Access, Principal>,
): Hono {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        errorResponse(
          c,
          new ApiError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBody} bytes.`),
        ),
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  for (const r of options.routes) {
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      const principal = await options.principal(r.access, c);
      options.authorize(r.access, principal);
      const csrf = options.csrfOf(r.access, principal);
      if (r.method !== 'get' && csrf !== undefined) checkCsrf(c, csrf);
      const params = r.params ? validate(r.params, c.req.param(), 'path') : {};
      let body: unknown = undefined;
      if (r.body) {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
        }
        const text = await c.req.text();
        if (r.rawBody) {
          body = text;
        } else {
          let raw: unknown;
          try {
            raw = JSON.parse(text);
          } catch {
            throw new ApiError('INVALID_INPUT', 'The body is not valid JSON.');
          }
          body = validate(r.body, raw, 'body');
        }
      }
      const remote = getConnInfo(c).remote.address ?? 'unknown';
      const result = await r.handler({ body, params, principal, hono: c, remote });
      if (result.text) {
        c.header('Content-Type', result.text.contentType);
        if (result.text.filename)
          c.header('Content-Disposition', `attachment; filename="${result.text.filename}"`);
        return c.body(result.text.content, result.status === 204 ? 200 : result.status);
      }
      if (result.status === 204) return c.body(null, 204);
      return c.json(result.body ?? {}, result.status);
    });
  }
  if (options.openApi) {
    const { path, ...doc } = options.openApi;
    app.get(path, (c) => c.json(openApiDocument(options.routes, doc)));
  }
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    (options.log ?? ((m, e) => console.error(m, e)))('unexpected error', error);
    return errorResponse(
      c,
      new ApiError('INTERNAL', 'Something went wrong on our side; nothing was changed.'),
    );
  });
  return app;
}

/** Answers unknown routes with a typed 404; call after the app's last route. */
export function notFoundAsError(app: Hono): void {
  app.notFound((c) => errorResponse(c, new ApiError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`)));
}
