// This SmartServer's calls to the license cloud, built from the shared contract (CLOUD_ROUTES).
// Every request carries a fresh assertion signed with the SmartServer's own key (method, path,
// body hash, customer account, single-use id); every answer is checked against the route's
// `answer` schema before anything uses it. docs/protocol.md describes the flows.
import { createHash, randomUUID } from 'node:crypto';
import {
  importKeySet,
  signSmartServerMessage,
  type Jwks,
  type SmartServerKey,
} from '@smartserver-licensing/entitlements';
import {
  CLOUD_ROUTES,
  parseWith,
  pathFor,
  SMARTSERVER_AUTH_SCHEME,
  type AccountLicense,
  type DownloadResult,
  type NotificationSettings,
  type ReturnAnswer,
} from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type * as z from 'zod/mini';
import { CodedError } from './errors.js';

export type { AccountLicense, DownloadResult, ReturnAnswer };

/** How long one call may take. */
export const CLOUD_TIMEOUT_MS = 15_000;
/** Largest answer read from the cloud. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** Lifetime of a request assertion, in seconds (the cloud accepts at most 300). */
export const ASSERTION_SECONDS = 120;

export interface CloudClientOptions {
  baseUrl: string;
  /** The cloud's issuer name: the `aud` of every assertion. */
  issuer: string;
  smartServerId: string;
  key: SmartServerKey;
  now: () => Date;
  timeoutMs?: number;
}

type Routes = typeof CLOUD_ROUTES;
type AnswerOf<K extends keyof Routes> = Routes[K] extends { answer: infer A extends z.ZodMiniType }
  ? z.output<A>
  : void;
type Named = { [K in keyof Routes]: Routes[K] & { method: string; path: string } };

interface Call {
  params?: Record<string, string>;
  body?: unknown;
  /** The customer account named in the assertion (`acct`). */
  account: string;
  /** Registration: the assertion carries the public key it is signed with. */
  withKey?: boolean;
}

const WHAT: Record<keyof Routes, string> = {
  jwks: 'the key set request',
  register: 'the registration',
  listLicenses: 'the license list request',
  download: 'the download',
  returnLicense: 'the return receipt',
  revocations: 'the revocation list request',
  notifications: 'the reminder settings',
};

// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 400);

export class CloudClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CloudClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? CLOUD_TIMEOUT_MS;
  }

  // ---- the routes ------------------------------------------------------------------------------

  /** The issuer's public keys (unsigned, public). */
  async jwks(): Promise<Jwks> {
    const { json } = await this.exchange('jwks', CLOUD_ROUTES.jwks.path, 'GET', undefined, {});
    const imported = await importKeySet(json);
    if (!imported.ok) {
      throw new ApiError(
        'BAD_GATEWAY',
        `The license cloud sent a key set this SmartServer cannot use (${imported.error.message}).`,
      );
    }
    return json as Jwks;
  }

  /** Registers this SmartServer's key in the account (the Owner entered the Customer ID). */
  async register(customerId: string) {
    return this.signed('register', {
      account: customerId,
      body: { customerId, installCode: this.options.key.installCode },
      withKey: true,
    });
  }

  async listLicenses(customerId: string): Promise<AccountLicense[]> {
    const answer = await this.signed('listLicenses', { account: customerId, params: { customerId } });
    return answer.licenses;
  }

  async download(customerId: string, licenseIds: readonly string[]): Promise<DownloadResult[]> {
    const answer = await this.signed('download', {
      account: customerId,
      params: { customerId },
      body: { licenseIds: [...licenseIds] },
    });
    return answer.results;
  }

  /** Delivers a signed return receipt; the cloud acknowledges it (idempotent by activation id). */
  async returnLicense(customerId: string, receipt: string): Promise<ReturnAnswer> {
    return this.signed('returnLicense', { account: customerId, body: { receipt } });
  }

  /** The force-released activations of this SmartServer, as a signed activation file's text. */
  async revocations(customerId: string): Promise<string> {
    const answer = await this.signed('revocations', { account: customerId, params: { customerId } });
    return answer.file;
  }

  async saveNotifications(customerId: string, settings: NotificationSettings): Promise<void> {
    await this.signed('notifications', { account: customerId, params: { customerId }, body: settings });
  }

  // ---- signing and checking ---------------------------------------------------------------------

  private async signed<K extends Exclude<keyof Routes, 'jwks'>>(name: K, call: Call): Promise<AnswerOf<K>> {
    const route = CLOUD_ROUTES[name] as Named[K];
    const method = route.method.toUpperCase();
    const path = pathFor(route.path, call.params ?? {});
    let bodyText = '';
    if ('body' in route && route.body) {
      const checked = parseWith(route.body, call.body, `${WHAT[name]} for the license cloud`);
      if (!checked.ok) throw new ApiError('INVALID_INPUT', checked.error.message);
      bodyText = JSON.stringify(checked.value);
    }
    const bytes = Buffer.from(bodyText, 'utf8');
    const iat = Math.floor(this.options.now().getTime() / 1000);
    const assertion = await signSmartServerMessage(
      'assertion',
      {
        iss: this.options.smartServerId,
        aud: this.options.issuer,
        iat,
        exp: iat + ASSERTION_SECONDS,
        jti: randomUUID(),
        htm: method,
        htu: path,
        bh: createHash('sha256').update(bytes).digest('base64url'),
        acct: call.account,
        ...(call.withKey ? { jwk: this.options.key.publicKey } : {}),
      },
      this.options.key,
    );
    if (!assertion.ok) {
      throw new ApiError(
        'INTERNAL',
        `This SmartServer could not sign its request: ${assertion.error.message}`,
      );
    }
    // The exact bytes hashed are the bytes sent: the UTF-8 of bodyText.
    const { json } = await this.exchange(name, path, method, bodyText === '' ? undefined : bodyText, {
      authorization: `${SMARTSERVER_AUTH_SCHEME} ${assertion.value}`,
    });
    if (!('answer' in route) || !route.answer) return undefined as never;
    const answer = parseWith(route.answer, json, `the license cloud's answer to ${WHAT[name]}`);
    if (!answer.ok) {
      throw new ApiError(
        'BAD_GATEWAY',
        `The license cloud answered ${WHAT[name]} in a form this SmartServer does not understand (${answer.error.message}); nothing was changed.`,
      );
    }
    return answer.value as never;
  }

  /** One HTTP exchange: timeout, bounded answer, JSON, and the cloud's refusals as ApiErrors. */
  private async exchange(
    name: keyof Routes,
    path: string,
    method: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new ApiError(
        'UNAVAILABLE',
        timedOut
          ? `The license cloud at ${this.baseUrl} did not answer ${WHAT[name]} within ${this.timeoutMs / 1000} s.`
          : `The license cloud at ${this.baseUrl} cannot be reached; online activation needs it.`,
      );
    }
    const text = await readBounded(response, this.baseUrl, name);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(
        'BAD_GATEWAY',
        `The license cloud answered ${WHAT[name]} (status ${response.status}) with something that is not JSON.`,
      );
    }
    if (!response.ok) throw this.refusal(name, response.status, json);
    return { status: response.status, json };
  }

  /** The cloud's refusal as this SmartServer's answer: the user's problem is named, ours is a 502. */
  private refusal(name: keyof Routes, status: number, json: unknown): ApiError {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code =
      typeof error?.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(error.code) ? error.code : undefined;
    const said = typeof error?.message === 'string' ? clean(error.message) : `status ${status}`;
    if (code === 'KEY_CONFLICT') {
      return new CodedError(
        'CONFLICT',
        'KEY_CONFLICT',
        `The license cloud already knows another key for SmartServer ${this.options.smartServerId} in this customer account (${said}). ` +
          `This SmartServer's Install Code is ${this.options.key.installCode}. Compare it with the Install Code the Customer or ` +
          'Partner Portal shows: if this SmartServer is the right one, have the partner or the customer reset its registration ' +
          'in the portal, then enter the Customer ID here again.',
      );
    }
    if (status >= 500)
      return new ApiError('BAD_GATEWAY', `The license cloud failed on ${WHAT[name]}: ${said}`);
    if (status === 429)
      return new ApiError('UNAVAILABLE', `The license cloud is busy; try again shortly (${said}).`);
    if (status === 404) return new CodedError('NOT_FOUND', code ?? 'NOT_FOUND', `The license cloud: ${said}`);
    if (status === 401 || status === 403) {
      // The cloud did not accept this SmartServer's assertion: never a CMS login problem.
      return new CodedError(
        'CONFLICT',
        code ?? 'CLOUD_REFUSED',
        `The license cloud did not accept this SmartServer's signed request (${said}). If this SmartServer is not linked ` +
          'to the customer account yet, or its registration was reset, enter the Customer ID again in Manage Customer Accounts.',
      );
    }
    if (status >= 400)
      return new CodedError(
        'CONFLICT',
        code ?? 'CLOUD_REFUSED',
        `The license cloud refused ${WHAT[name]}: ${said}`,
      );
    return new ApiError('BAD_GATEWAY', `The license cloud answered ${WHAT[name]} with status ${status}.`);
  }
}

/** Reads an answer's text, refusing one larger than MAX_ANSWER_BYTES without reading it all. */
async function readBounded(response: Response, baseUrl: string, name: keyof Routes): Promise<string> {
  const tooLarge = () =>
    new ApiError('BAD_GATEWAY', `The license cloud at ${baseUrl} answered ${WHAT[name]} with too much data.`);
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      'UNAVAILABLE',
      `The license cloud at ${baseUrl} broke off its answer to ${WHAT[name]}.`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
