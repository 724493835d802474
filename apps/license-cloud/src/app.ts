// Builds the license cloud: storage, keys, mail, and the HTTP app over the route table.
import { join } from 'node:path';
import type { Hono } from 'hono';
import { SMARTSERVER_AUTH_SCHEME } from '@smartserver-licensing/schemas';
import {
  AttemptLimiter,
  buildApiApp,
  notFoundAsError,
  type Db,
  type Route,
} from '@smartserver-licensing/server-kit';
import type { Cloud } from './cloud.js';
import {
  authorize,
  csrfOf,
  SESSION_COOKIE,
  sessionPrincipal,
  smartServerPrincipal,
  type Access,
  type Principal,
} from './http/auth.js';
import { routes } from './http/routes.js';
import { pages } from './http/pages.js';
import { openKeyStore } from './keystore.js';
import { createMailer, type SmtpConfig } from './mailer.js';
import { openCloudStorage } from './storage.js';

export { DEFAULT_MAX_BODY_BYTES as MAX_BODY_BYTES } from '@smartserver-licensing/server-kit';
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
  routes: Route<Access, Principal>[];
  close(): Promise<void>;
}

export function buildApp(cloud: Cloud, table: Route<Access, Principal>[]): Hono {
  const app = buildApiApp<Access, Principal>({
    routes: table,
    principal: (access, c) =>
      access === 'smartserver' || access === 'registration'
        ? smartServerPrincipal(cloud, c, access)
        : sessionPrincipal(cloud, c),
    authorize,
    csrfOf,
    openApi: {
      path: OPENAPI_PATH,
      title: 'SmartServer license cloud',
      serverUrl: cloud.publicUrl,
      security: {
        public: [],
        partner: [{ session: [], csrf: [] }],
        support: [{ session: [], csrf: [] }],
        customer: [{ session: [], csrf: [] }],
        smartserver: [{ smartServerAssertion: [] }],
        registration: [{ smartServerAssertion: [] }],
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        smartServerAssertion: {
          type: 'http',
          scheme: SMARTSERVER_AUTH_SCHEME,
          description:
            'Authorization: SmartServer <assertion>: a JWS signed by the SmartServer key (typ smartserver-assertion+jwt) naming the SmartServer (iss), this cloud (aud), the customer account (acct), the method and path (htm, htu), the body hash (bh), a single-use jti and a lifetime of at most 300 s. See docs/protocol.md.',
        },
      },
    },
    log: (message, error) => console.error(`license-cloud: ${message}`, error),
  });
  pages(app);
  notFoundAsError(app);
  return app;
}

/** Opens storage and keys, and builds the app. */
export async function createCloud(options: CloudOptions): Promise<RunningCloud> {
  const now = options.now ?? (() => new Date());
  const db: Db =
    options.db ??
    (await openCloudStorage(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { dataDir: options.memoryDb ? undefined : join(options.dataDir, 'db') },
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
      session: {
        cookie: SESSION_COOKIE,
        hours: 8,
        secureCookies: options.secureCookies ?? publicUrl.startsWith('https:'),
      },
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
