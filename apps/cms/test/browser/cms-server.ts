// A stand-in for the SmartServer's /api/session and /api/devices endpoints, as a fetch function.
// License data never goes through it: the page reads that from a MemoryLicenseSource. The real
// server (apps/smartserver) is exercised against this page by the lead's end-to-end test.
import type { MemoryLicenseSource } from '@smartserver-licensing/client';
import type { DeviceStatus, UserType } from '@smartserver-licensing/schemas';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface CmsServerOptions {
  users?: Record<string, { password: string; userType: UserType }>;
  /** Sessions already open (as after a reload). */
  signedIn?: string;
  /** Leave the token out of `GET /api/session`, as a server may. */
  omitTokenOnGet?: boolean;
  /** Answer every login with 429. */
  rateLimited?: boolean;
  /** What `POST /api/devices/:id/operations/:op` answers; by default it runs. */
  operation?: (deviceId: string, operation: string) => { status: number; body: unknown };
  /** Where a created device shows up, as the live channel would bring it. */
  source?: MemoryLicenseSource;
}

export const CSRF = 'csrf-0123456789abcdef';
export const WRONG_PASSWORD = 'The user name or password is wrong.';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

export function cmsServer(options: CmsServerOptions = {}) {
  const users = options.users ?? {
    owner: { password: 'secret', userType: 'Owner' as const },
    admin: { password: 'secret', userType: 'Admin' as const },
  };
  let session: string | null = options.signedIn ?? null;
  const calls: Call[] = [];

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), location.origin);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, headers, body });
    const me = session === null ? undefined : { username: session, userType: users[session]!.userType };
    if (method !== 'GET' && me && headers['x-csrf-token'] !== CSRF) {
      return error(403, 'FORBIDDEN', 'Missing or wrong x-csrf-token header for this session.');
    }

    if (url.pathname === '/api/session') {
      if (method === 'GET') {
        if (!me) return error(401, 'UNAUTHENTICATED', 'Not logged in.');
        return json(200, options.omitTokenOnGet ? me : { ...me, csrfToken: CSRF });
      }
      if (method === 'POST') {
        if (options.rateLimited) return error(429, 'RATE_LIMITED', 'Too many attempts: wait a minute.');
        const user = users[body.username];
        if (!user || user.password !== body.password) return error(401, 'BAD_CREDENTIALS', WRONG_PASSWORD);
        session = body.username;
        return json(200, { username: body.username, userType: user.userType, csrfToken: CSRF });
      }
      if (method === 'DELETE') {
        session = null;
        return new Response(null, { status: 204 });
      }
    }
    if (!me) return error(401, 'UNAUTHENTICATED', 'Not logged in.');
    if (url.pathname === '/api/devices' && method === 'POST') {
      const state = options.source?.snapshot.state;
      const device = {
        id: `dev-new-${calls.length}`,
        name: body.name,
        createdAt: '2026-03-02T00:00:00Z',
        protocol: body.protocol,
        isSmartServer: false,
      };
      if (state) {
        // R11: a device beyond capacity is still created, unlicensed.
        const status: DeviceStatus = { ...device, licensed: state.capacity.licensed > state.devices.length };
        const used = state.capacity.used + 1;
        const unlicensed = state.capacity.unlicensed + (status.licensed ? 0 : 1);
        setTimeout(() =>
          options.source!.setState({
            ...state,
            devices: [...state.devices, status],
            capacity: { ...state.capacity, used, unlicensed, badge: state.capacity.licensed < used },
          }),
        );
      }
      return json(201, device);
    }
    const op = /^\/api\/devices\/([^/]+)\/operations\/([^/]+)$/.exec(url.pathname);
    if (op && method === 'POST') {
      const answer = options.operation?.(decodeURIComponent(op[1]!), decodeURIComponent(op[2]!)) ?? {
        status: 200,
        body: { ok: true, message: `${op[2]} done on ${decodeURIComponent(op[1]!)}.` },
      };
      return json(answer.status, answer.body);
    }
    throw new Error(`the test server has no ${method} ${url.pathname}`);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    get session() {
      return session;
    },
  };
}

/** A sessionStorage of the test's own, so tests do not share a token. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}
