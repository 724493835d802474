// This SmartServer's calls to the license cloud (R19): list an account, download, return,
// and hand over reminder settings. It proves who it is with its id and install secret.
import type { Jwks } from '@smartserver-licensing/entitlements';
import type { NotificationSettings } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';

export interface CloudLicenseView {
  licenseId: string;
  model: string;
  kind: 'capacity' | 'maintenance' | 'core';
  capacity: number;
  termYears: number | null;
  boundTo: string | null;
}

export type CloudDownloadResult =
  | { licenseId: string; ok: true; token: string }
  | { licenseId: string; ok: false; code: string; message: string };

const TIMEOUT_MS = 15_000;
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export class CloudClient {
  constructor(
    readonly baseUrl: string,
    private readonly smartServerId: string,
    private readonly secret: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'x-smartserver-id': this.smartServerId,
          'x-smartserver-secret': this.secret,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError(
        'UNAVAILABLE',
        `The license cloud at ${this.baseUrl} cannot be reached; online activation needs it.`,
      );
    }
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES)
      throw new ApiError('BAD_GATEWAY', 'The license cloud answered with too much data.');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(
        'BAD_GATEWAY',
        `The license cloud answered ${response.status} with something that is not JSON.`,
      );
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const message = typeof error?.message === 'string' ? error.message : `status ${response.status}`;
      // The cloud's refusal is the user's answer (unknown account, …); its own failures are ours to report.
      if (response.status === 404) throw new ApiError('NOT_FOUND', `The license cloud: ${message}`);
      if (response.status >= 400 && response.status < 500)
        throw new ApiError('CONFLICT', `The license cloud refused: ${message}`);
      throw new ApiError('BAD_GATEWAY', `The license cloud failed: ${message}`);
    }
    return json as T;
  }

  async jwks(): Promise<Jwks> {
    return this.call<Jwks>('GET', '/.well-known/jwks.json');
  }

  async listAccount(customerId: string): Promise<CloudLicenseView[]> {
    const answer = await this.call<{ licenses?: unknown }>(
      'GET',
      `/api/v1/smartserver/accounts/${encodeURIComponent(customerId)}/licenses`,
    );
    if (!Array.isArray(answer?.licenses))
      throw new ApiError('BAD_GATEWAY', 'The license cloud sent no license list.');
    return answer.licenses as CloudLicenseView[];
  }

  async download(customerId: string, licenseIds: readonly string[]): Promise<CloudDownloadResult[]> {
    const answer = await this.call<{ results?: unknown }>(
      'POST',
      `/api/v1/smartserver/accounts/${encodeURIComponent(customerId)}/download`,
      {
        licenseIds,
      },
    );
    if (!Array.isArray(answer?.results))
      throw new ApiError('BAD_GATEWAY', 'The license cloud sent no download results.');
    return answer.results as CloudDownloadResult[];
  }

  async returnLicense(licenseId: string): Promise<void> {
    await this.call('POST', '/api/v1/smartserver/return', { licenseId });
  }

  async saveNotifications(settings: NotificationSettings): Promise<void> {
    await this.call('PUT', '/api/v1/smartserver/notifications', settings);
  }
}
