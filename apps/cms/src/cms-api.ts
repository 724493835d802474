// The SmartServer's CMS endpoints that are not part of the license API: the session and devices.
// Every answer is checked before use; a wrong shape becomes an error, never an exception.
import { USER_TYPES, type UserType } from '@smartserver-licensing/schemas';
import type { DeviceOperation } from '@smartserver-licensing/widgets';
import type { NewDeviceProtocol } from './strings.js';

/** The header a state-changing request echoes the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

export const CMS_ROUTES = {
  session: '/api/session',
  devices: '/api/devices',
  operation: (deviceId: string, operation: DeviceOperation) =>
    `/api/devices/${encodeURIComponent(deviceId)}/operations/${encodeURIComponent(operation)}`,
} as const;

export interface Session {
  username: string;
  userType: UserType;
  /** Absent when the server leaves it out of `GET /api/session`: the stored one is used then. */
  csrfToken?: string;
}

/**
 * `status` 0: nothing came back (network); otherwise the HTTP status. `message` is the server's
 * own when its body was `{ error: { code, message } }`, else undefined (the page words it).
 */
export type ApiResult<T> =
  { ok: true; status: number; value: T } | { ok: false; status: number; code?: string; message?: string };

export interface CmsApiOptions {
  /** Origin (or base path) of the SmartServer; '' for the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The session's CSRF token, read for every request (it changes at login). */
  csrf: () => string;
}

/** Server text is shown as text; this only keeps a runaway answer from flooding the page. */
const MAX_MESSAGE_CHARS = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shortText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

export function checkSession(value: unknown): Session | undefined {
  if (!isRecord(value)) return undefined;
  const { username, userType, csrfToken } = value;
  if (!shortText(username, 256)) return undefined;
  if (!(USER_TYPES as readonly unknown[]).includes(userType)) return undefined;
  if (csrfToken !== undefined && !shortText(csrfToken, 512)) return undefined;
  return { username, userType: userType as UserType, ...(csrfToken ? { csrfToken } : {}) };
}

function errorOf(value: unknown): { code?: string; message?: string } {
  const error = isRecord(value) ? value['error'] : undefined;
  if (!isRecord(error)) return {};
  const { code, message } = error;
  return {
    ...(typeof code === 'string' ? { code: code.slice(0, 64) } : {}),
    ...(typeof message === 'string' && message ? { message: message.slice(0, MAX_MESSAGE_CHARS) } : {}),
  };
}

export class CmsApi {
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #csrf: () => string;

  constructor(options: CmsApiOptions) {
    this.#base = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#csrf = options.csrf;
  }

  async #call<T>(
    method: string,
    path: string,
    body: unknown,
    check: (value: unknown) => T | undefined,
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.#csrf();
    if (method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;
    let response: Response;
    try {
      response = await this.#fetch(this.#base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, status: 0 };
    }
    let value: unknown;
    try {
      const text = await response.text();
      value = text ? JSON.parse(text) : undefined;
    } catch {
      value = undefined;
    }
    if (!response.ok) return { ok: false, status: response.status, ...errorOf(value) };
    const checked = check(value);
    return checked === undefined
      ? { ok: false, status: response.status }
      : { ok: true, status: response.status, value: checked };
  }

  /** The current session, or 401 when there is none. */
  getSession(): Promise<ApiResult<Session>> {
    return this.#call('GET', CMS_ROUTES.session, undefined, checkSession);
  }

  logIn(username: string, password: string): Promise<ApiResult<Session>> {
    return this.#call('POST', CMS_ROUTES.session, { username, password }, (v) => {
      const session = checkSession(v);
      // A login that hands back no CSRF token leaves the page unable to change anything.
      return session?.csrfToken ? session : undefined;
    });
  }

  logOut(): Promise<ApiResult<true>> {
    return this.#call('DELETE', CMS_ROUTES.session, undefined, () => true);
  }

  /** Runs an operation on a device; the server refuses with 403 what the licence does not allow (R11). */
  runOperation(deviceId: string, operation: DeviceOperation): Promise<ApiResult<string>> {
    return this.#call('POST', CMS_ROUTES.operation(deviceId, operation), undefined, (v) =>
      isRecord(v) && v['ok'] === true
        ? typeof v['message'] === 'string'
          ? v['message'].slice(0, MAX_MESSAGE_CHARS)
          : ''
        : undefined,
    );
  }

  /** Creating a device is always allowed, licensed or not (R11). Resolves to the device's name. */
  createDevice(name: string, protocol: NewDeviceProtocol): Promise<ApiResult<string>> {
    return this.#call('POST', CMS_ROUTES.devices, { name, protocol }, (v) =>
      isRecord(v) && typeof v['name'] === 'string' ? v['name'].slice(0, 256) : name,
    );
  }
}
