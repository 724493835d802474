// Builds the SmartServer: storage, its own key, license store, cloud client, return delivery,
// and the HTTP app.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { API_ROUTES } from '@smartserver-licensing/client';
import type { Jwks, SmartServerKey } from '@smartserver-licensing/entitlements';
import { licenseStateFor } from '@smartserver-licensing/policy';
import {
  parseProduct,
  parseSmartServerId,
  type LicenseState,
  type Product,
} from '@smartserver-licensing/schemas';
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
import { loadOrCreateKey } from './identity.js';
import { refreshKeys, startupSync } from './online.js';
import { ReturnDelivery } from './returns.js';
import { timerScheduler, type Scheduler } from './scheduler.js';
import { openSmartServerStorage } from './storage.js';
import { Settings } from './settings.js';
import { LicenseStore, type Identity } from './store.js';
import { Users } from './users.js';

export const OPENAPI_PATH = '/api/openapi.json';

export interface SmartServerOptions {
  /** Holds `identity/smartserver-key.json` (the SmartServer's key) and, with PGlite, `db/`. */
  dataDir: string;
  /** The license cloud's base URL; also the issuer its tokens must name. */
  cloudUrl: string;
  /** The issuer (`iss`) of accepted tokens and the `aud` of this SmartServer's requests; default the cloud URL. */
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
  /** Runs things at a moment of `now()` (state changes, retries); default unref'd timers. */
  scheduler?: Scheduler;
  /** Delays of the background retry of return receipts; `false` turns it off (tests). */
  returnRetryDelaysMs?: readonly number[] | false;
  /** Make a new key although the database recorded one whose key file is missing. */
  newKey?: boolean;
  /** Where unexpected problems are written; default stderr. */
  log?: (message: string, error?: unknown) => void;
}

export interface RunningSmartServer extends SmartServer {
  app: Hono;
  routes: Route<Access, Principal>[];
  identity: Identity;
  key: SmartServerKey;
  /** Settles when the start's delivery of owed receipts and its revocation check are done. */
  synced: Promise<void>;
  /** Stops timers and closes the database (unless it was handed in as `db`). */
  close(): Promise<void>;
}

export async function createSmartServer(options: SmartServerOptions): Promise<RunningSmartServer> {
  const now = options.now ?? (() => new Date());
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      error === undefined
        ? console.error(`smartserver: ${message}`)
        : console.error(`smartserver: ${message}`, error));
  const db =
    options.db ??
    (await openSmartServerStorage(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { dataDir: options.memoryDb ? undefined : join(options.dataDir, 'db') },
    ));
  let store: LicenseStore | undefined;
  try {
    const product = parseProduct(options.product ?? { edition: 'SmartServer', version: '4.2' });
    if (!product.ok) throw new Error(product.error.message);
    const settings = new Settings(db);
    const smartServerId = await settings.keepOrCreate(
      'smartServerId',
      () => options.smartServerId ?? `SID-${randomBytes(4).toString('hex')}`,
    );
    if (!parseSmartServerId(smartServerId).ok) throw new Error(`bad SmartServer id ${smartServerId}`);
    // The key: made at first start, loaded after; the database remembers whose key it was made with.
    const recorded = await settings.get('keyThumbprint');
    const { key, created } = await loadOrCreateKey(options.dataDir, {
      expectedThumbprint: options.newKey ? undefined : recorded,
      allowNewKey: options.newKey ?? false,
    });
    await settings.set('keyThumbprint', key.thumbprint);
    // The first release proved itself with a shared secret; the key replaces it.
    await settings.forgetInstallSecret();
    if (created) log(`made this SmartServer's key (Install Code ${key.installCode})`);
    const identity: Identity = {
      smartServerId,
      name: options.name ?? 'SmartServer',
      product: product.value,
      timeZone: options.timeZone ?? 'UTC',
    };
    const issuer = options.issuer ?? options.cloudUrl;
    const scheduler = options.scheduler ?? timerScheduler(now);
    store = new LicenseStore({ db, settings, identity, issuer, now, key, scheduler });
    await store.init();
    const cloud = new CloudClient({ baseUrl: options.cloudUrl, issuer, smartServerId, key, now });
    const returns = new ReturnDelivery({
      receipts: store.receipts,
      settings,
      cloud,
      now,
      scheduler,
      ...(options.returnRetryDelaysMs !== undefined ? { retryDelaysMs: options.returnRetryDelaysMs } : {}),
      log: (message) => log(message),
    });
    await settings.keepOrCreate('identity', () => identity);
    const server: SmartServer = {
      db,
      store,
      users: new Users(db),
      cloud,
      key,
      returns,
      session: { cookie: SESSION_COOKIE, hours: 8, secureCookies: options.secureCookies ?? false },
      loginLimiter: new AttemptLimiter(options.loginAttempts ?? 10, 15 * 60_000),
      now,
      log,
    };
    let online = false;
    if (options.jwks) await settings.set('jwks', options.jwks);
    else online = await refreshKeys(server);
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
      log: (message, error) => log(message, error),
    });
    liveUpdates(app, server);
    if (options.cmsDir) servePage(app, options.cmsDir);
    notFoundAsError(app);
    await store.state();
    const synced = startupSync(server, online || options.jwks !== undefined).catch((error: unknown) =>
      log('the start-up sync with the license cloud failed', error),
    );
    const running = store;
    return {
      ...server,
      app,
      routes: table,
      identity,
      key,
      synced,
      async close() {
        running.close();
        returns.close();
        await synced;
        // A database handed in belongs to the caller (a test restarting on it, say).
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    store?.close();
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
      // License IDs are credentials: only the Owner's stream carries them.
      const send = (state: LicenseState) =>
        stream
          .writeSSE({
            event: 'state',
            data: JSON.stringify({ userType, state: licenseStateFor(userType, state) }),
          })
          .catch(() => undefined);
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
