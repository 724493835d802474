// Builds the SmartServer: storage, identity, license store, cloud client, and the HTTP app.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { API_ROUTES } from '@smartserver-licensing/client';
import type { Jwks } from '@smartserver-licensing/entitlements';
import { parseProduct, parseSmartServerId, type Product } from '@smartserver-licensing/schemas';
import type { ApiError } from '@smartserver-licensing/server-kit';
import {
  AttemptLimiter,
  buildApiApp,
  errorResponse,
  notFoundAsError,
  type Db,
  type Route,
} from '@smartserver-licensing/server-kit';
import { CloudClient } from './cloud-client.js';
import type { SmartServer } from './context.js';
import { authorize, csrfOf, principalOf, SESSION_COOKIE, type Access, type Principal } from './http/auth.js';
import { routes } from './http/routes.js';
import { openSmartServerStorage } from './storage.js';
import { LicenseStore, type Identity } from './store.js';

export const OPENAPI_PATH = '/api/openapi.json';

export interface SmartServerOptions {
  dataDir: string;
  /** The license cloud's base URL; also the issuer its tokens must name. */
  cloudUrl: string;
  /** The issuer (`iss`) of accepted tokens; default the cloud URL. */
  issuer?: string;
  /** This SmartServer's id; default: kept from the first start, or generated. */
  smartServerId?: string;
  name?: string;
  product?: Product;
  timeZone?: string;
  databaseUrl?: string | undefined;
  memoryDb?: boolean;
  db?: Db;
  /** Trusted issuer keys; default: fetched from the cloud and kept for offline use. */
  jwks?: Jwks;
  /** A folder of built CMS page files served at `/`. */
  cmsDir?: string | undefined;
  secureCookies?: boolean;
  now?: () => Date;
  loginAttempts?: number;
}

export interface RunningSmartServer extends SmartServer {
  app: Hono;
  routes: Route<Access, Principal>[];
  identity: Identity;
  /** The install secret this SmartServer proves itself to the cloud with (shown to the Owner). */
  installSecret: string;
  close(): Promise<void>;
}

async function keepOrCreate<T>(store: LicenseStore, key: string, make: () => T): Promise<T> {
  const kept = await store.setting<T>(key);
  if (kept !== undefined) return kept;
  const value = make();
  await store.setSetting(key, value);
  return value;
}

export async function createSmartServer(options: SmartServerOptions): Promise<RunningSmartServer> {
  const now = options.now ?? (() => new Date());
  const db =
    options.db ??
    (await openSmartServerStorage(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { dataDir: options.memoryDb ? undefined : join(options.dataDir, 'db') },
    ));
  try {
    const product = parseProduct(options.product ?? { edition: 'SmartServer', version: '4.2' });
    if (!product.ok) throw new Error(product.error.message);
    // Identity and secret are settings too; a bootstrap store reads them before the real one exists.
    const boot = new LicenseStore(
      db,
      { smartServerId: 'boot', name: 'boot', product: product.value, timeZone: 'UTC' },
      '',
      now,
    );
    const smartServerId = await keepOrCreate(
      boot,
      'smartServerId',
      () => options.smartServerId ?? `SID-${randomBytes(4).toString('hex')}`,
    );
    if (!parseSmartServerId(smartServerId).ok) throw new Error(`bad SmartServer id ${smartServerId}`);
    const installSecret = await keepOrCreate(boot, 'installSecret', () =>
      randomBytes(18).toString('base64url'),
    );
    const identity: Identity = {
      smartServerId,
      name: options.name ?? 'SmartServer',
      product: product.value,
      timeZone: options.timeZone ?? 'UTC',
    };
    const store = new LicenseStore(db, identity, options.issuer ?? options.cloudUrl, now);
    const cloud = new CloudClient(options.cloudUrl, smartServerId, installSecret);
    if (options.jwks) await store.setSetting('jwks', options.jwks);
    else {
      // Online: refresh the trusted keys (rotations add keys); offline: keep the last known set.
      try {
        await store.setSetting('jwks', await cloud.jwks());
      } catch (error) {
        if (!(await store.setting('jwks'))) throw error;
      }
    }
    await keepOrCreate(boot, 'identity', () => identity);
    const server: SmartServer = {
      db,
      store,
      cloud,
      session: { cookie: SESSION_COOKIE, hours: 8, secureCookies: options.secureCookies ?? false },
      loginLimiter: new AttemptLimiter(options.loginAttempts ?? 10, 15 * 60_000),
      now,
    };
    const table = routes(server);
    const app = buildApiApp<Access, Principal>({
      routes: table,
      principal: (_access, c) => principalOf(db, c, now(), server.session),
      authorize,
      csrfOf,
      openApi: {
        path: OPENAPI_PATH,
        title: 'SmartServer license API',
        serverUrl: '/',
        security: { public: [], user: [{ session: [] }], owner: [{ session: [], csrf: [] }] },
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      log: (message, error) => console.error(`smartserver: ${message}`, error),
    });
    liveUpdates(app, server);
    if (options.cmsDir) servePage(app, options.cmsDir);
    notFoundAsError(app);
    await store.state();
    return {
      ...server,
      app,
      routes: table,
      identity,
      installSecret,
      async close() {
        await db.close();
      },
    };
  } catch (error) {
    if (!options.db) await db.close().catch(() => undefined);
    throw error;
  }
}

/** `GET /iap/lic/status/events`: the status now, then again on every change (Server-Sent Events). */
function liveUpdates(app: Hono, s: SmartServer): void {
  app.get(API_ROUTES.events.path, async (c) => {
    const principal = await principalOf(s.db, c, s.now(), s.session);
    try {
      authorize('user', principal);
    } catch (error) {
      return errorResponse(c, error as ApiError);
    }
    const userType = principal.kind === 'user' ? principal.userType : 'User';
    return streamSSE(c, async (stream) => {
      let closed = false;
      const send = (state: unknown) =>
        stream.writeSSE({ event: 'state', data: JSON.stringify({ userType, state }) }).catch(() => undefined);
      await send(await s.store.state());
      const unsubscribe = s.store.subscribe((state) => void send(state));
      stream.onAbort(() => {
        closed = true;
        unsubscribe();
      });
      // Keep the connection open; a comment line now and then keeps proxies from closing it.
      while (!closed) {
        await stream.sleep(25_000);
        if (!closed) await stream.write(': keep-alive\n\n').catch(() => undefined);
      }
    });
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** Serves the built CMS page; any other path under it falls back to its index.html. */
function servePage(app: Hono, dir: string): void {
  const root = resolve(dir);
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/iap/')) return next();
    const wanted = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = normalize(join(root, wanted));
    if (!file.startsWith(root)) return next();
    const ext = /\.[a-z]+$/.exec(file)?.[0] ?? '';
    const type = TYPES[ext];
    if (!type) return next();
    try {
      const body = await readFile(file);
      c.header('Content-Type', type);
      c.header('Content-Security-Policy', CSP);
      return c.body(body);
    } catch {
      return next();
    }
  });
}
