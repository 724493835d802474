// Builds the license cloud: storage, keys, mail, and the HTTP app over the route table.
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Cloud } from './cloud.js';
import type { Db } from './db/database.js';
import { openStorage } from './db/open.js';
import { CloudError } from './errors.js';
import {
  AttemptLimiter,
  checkCsrf,
  sessionPrincipal,
  smartServerPrincipal,
  type Principal,
} from './http/auth.js';
import { openApiDocument } from './http/openapi.js';
import { validate, type Route } from './http/route.js';
import { routes } from './http/routes.js';
import { pages } from './http/pages.js';
import { openKeyStore } from './keystore.js';
import { createMailer, type SmtpConfig } from './mailer.js';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;
export const OPENAPI_PATH = '/api/v1/openapi.json';

export interface CloudOptions {
  /** Holds signing keys and (with PGlite) the database. */
  dataDir: string;
  /** A PostgreSQL server URL; without it, PGlite in `<dataDir>/db` (or in memory with `memoryDb`). */
  databaseUrl?: string | undefined;
  /** Keep PGlite in memory (tests). */
  memoryDb?: boolean;
  /** An already open, migrated database (tests run one suite on each engine). */
  db?: Db;
  issuer?: string;
  publicUrl?: string;
  smtp?: SmtpConfig | undefined;
  mailFrom?: string;
  secureCookies?: boolean;
  now?: () => Date;
  /** Login attempts allowed per address or name in 15 minutes. */
  loginAttempts?: number;
}

export interface RunningCloud extends Cloud {
  app: Hono;
  routes: Route[];
  close(): Promise<void>;
}

function errorResponse(c: Context, error: CloudError) {
  const body = {
    error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) },
  };
  if (error.code === 'RATE_LIMITED' && typeof error.detail?.['retryAfterSeconds'] === 'number') {
    c.header('Retry-After', String(error.detail['retryAfterSeconds']));
  }
  return c.json(body, error.status as 400);
}

async function principalFor(cloud: Cloud, access: Route['access'], c: Context): Promise<Principal> {
  if (access === 'smartserver') return smartServerPrincipal(cloud.db, c);
  return sessionPrincipal(cloud.db, c, cloud.now());
}

function allowed(access: Route['access'], p: Principal): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'partner':
    case 'support':
      return p.kind === 'account' && p.role === access;
    case 'customer':
      return p.kind === 'customer';
    case 'smartserver':
      return p.kind === 'smartserver';
  }
}

export function buildApp(cloud: Cloud, table: Route[]): Hono {
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          new CloudError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
        ),
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  for (const r of table) {
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      const principal = await principalFor(cloud, r.access, c);
      if (!allowed(r.access, principal)) {
        throw new CloudError(
          principal.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
          principal.kind === 'anonymous' ? 'Log in first.' : `This needs a ${r.access} login.`,
        );
      }
      // CSRF guards what a session may do with its authority. Logging in or out is public:
      // a page must be able to start a new session whatever cookie the browser still holds.
      if (r.method !== 'get' && r.access !== 'public') checkCsrf(c, principal);
      const params = r.params ? validate(r.params, c.req.param(), 'path') : {};
      let body: unknown = undefined;
      if (r.body) {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          throw new CloudError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
        }
        let raw: unknown;
        try {
          raw = JSON.parse(await c.req.text());
        } catch {
          throw new CloudError('INVALID_INPUT', 'The body is not valid JSON.');
        }
        body = validate(r.body, raw, 'body');
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
  app.get(OPENAPI_PATH, (c) => c.json(openApiDocument(table, cloud.publicUrl)));
  pages(app);
  app.notFound((c) =>
    errorResponse(c, new CloudError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`)),
  );
  app.onError((error, c) => {
    if (error instanceof CloudError) return errorResponse(c, error);
    console.error('license-cloud: unexpected error', error);
    return errorResponse(
      c,
      new CloudError('INTERNAL', 'Something went wrong on our side; nothing was changed.'),
    );
  });
  return app;
}

/** Opens storage and keys, and builds the app. */
export async function createCloud(options: CloudOptions): Promise<RunningCloud> {
  const now = options.now ?? (() => new Date());
  const db: Db =
    options.db ??
    (await openStorage(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : options.memoryDb
          ? {}
          : { dataDir: join(options.dataDir, 'db') },
    ));
  try {
    const keys = await openKeyStore(options.dataDir, now);
    const publicUrl = options.publicUrl ?? 'http://127.0.0.1:8787';
    const mailer = createMailer({
      from: options.mailFrom ?? 'SmartServer license cloud <licenses@localhost>',
      smtp: options.smtp,
      outboxDir: join(options.dataDir, 'outbox'),
    });
    const cloud: Cloud = {
      db,
      keys,
      mailer,
      issuer: options.issuer ?? publicUrl,
      publicUrl,
      session: { secureCookies: options.secureCookies ?? publicUrl.startsWith('https:') },
      loginLimiter: new AttemptLimiter(options.loginAttempts ?? 10, 15 * 60_000),
      now,
    };
    const table = routes(cloud);
    return {
      ...cloud,
      routes: table,
      app: buildApp(cloud, table),
      async close() {
        mailer.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
