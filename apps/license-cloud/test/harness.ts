// A running cloud on a loopback port for HTTP tests, and a small client that keeps cookies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createCloud, type CloudOptions, type RunningCloud } from '../src/app.js';
import type { Engine } from './engines.js';
import { hashSecret } from '@smartserver-licensing/server-kit';
import { HttpTestClient, type Reply } from '@smartserver-licensing/server-kit/testing';
import {
  generateSmartServerKey,
  type Jwks,
  signSmartServerMessage,
  type SmartServerKey,
} from '@smartserver-licensing/entitlements';
import {
  CLOUD_ROUTES,
  pathFor,
  protocolFileText,
  SMARTSERVER_AUTH_SCHEME,
} from '@smartserver-licensing/schemas';

export type { Reply };

export interface TestCloud {
  cloud: RunningCloud;
  url: string;
  dataDir: string;
  /** Moves the cloud's clock. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startTestCloud(
  engine: Engine,
  options: Partial<CloudOptions> = {},
): Promise<TestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'license-cloud-'));
  const clock = { now: new Date('2026-03-01T10:00:00Z') };
  const db = await engine.open();
  const cloud = await createCloud({ dataDir, db, now: () => clock.now, ...options });
  const server = serve({ fetch: cloud.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    cloud,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    clock,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function addAccount(
  cloud: RunningCloud,
  role: 'partner' | 'support',
  password = 'correct horse battery',
) {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.com`;
  await cloud.db.query(
    'INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)',
    [id, email, `${role} ${id.slice(0, 4)}`, role, await hashSecret(password)],
  );
  return { id, email, password };
}

/** A new partner or support account, logged in. */
export async function loggedIn(t: TestCloud, role: 'partner' | 'support'): Promise<Client> {
  const account = await addAccount(t.cloud, role);
  const client = new Client(t.url);
  const reply = await client.loginAccount(account.email, account.password);
  if (reply.status !== 200) throw new Error(`${role} login failed: ${reply.status} ${reply.text}`);
  return client;
}

/** A Customer Portal session, logged in with a License ID of the account. */
export async function loggedInCustomer(t: TestCloud, licenseId: string): Promise<Client> {
  const client = new Client(t.url);
  const reply = await client.loginCustomer(licenseId);
  if (reply.status !== 200) throw new Error(`customer login failed: ${reply.status} ${reply.text}`);
  return client;
}

/** The cloud's published keys. */
export const cloudJwks = async (t: TestCloud): Promise<Jwks> =>
  (await new Client(t.url).get('/.well-known/jwks.json')).body as Jwks;

/** The kit's cookie- and CSRF-keeping client, with the cloud's logins. */
export class Client extends HttpTestClient {
  async loginAccount(email: string, password: string): Promise<Reply> {
    const reply = await this.post('/api/v1/session/account', { email, password });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }

  async loginCustomer(licenseId: string): Promise<Reply> {
    const reply = await this.post('/api/v1/session/customer', { licenseId });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }
}

/** Claims of a request assertion a test may bend (to prove the cloud refuses them). */
export interface AssertionOverrides {
  iss?: string;
  aud?: string;
  acct?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  htm?: string;
  htu?: string;
  bh?: string;
  /** Leave out the `jwk` claim on a registration, or add it elsewhere. */
  jwk?: boolean;
  /** Sign with another key than this SmartServer's. */
  signWith?: SmartServerKey;
}

export const newKey = async (): Promise<SmartServerKey> => {
  const made = await generateSmartServerKey();
  if (!made.ok) throw made.error;
  return made.value;
};

/**
 * A SmartServer as the cloud sees it: its id and key, signing every request as the protocol
 * says (docs/protocol.md). Tests use it to talk to the real HTTP service.
 */
export class TestSmartServer {
  /** The jti and body of the last request, to replay it. */
  last: { method: string; path: string; raw: string | undefined; authorization: string } | undefined;
  private readonly http: HttpTestClient;

  constructor(
    readonly base: string,
    readonly id: string,
    readonly key: SmartServerKey,
    readonly cloud: { issuer: string; now(): Date },
    public customerId: string,
  ) {
    this.http = new HttpTestClient(base);
  }

  static async create(t: TestCloud, id: string, customerId: string, key?: SmartServerKey) {
    return new TestSmartServer(
      t.url,
      id,
      key ?? (await newKey()),
      { issuer: t.cloud.issuer, now: () => t.cloud.now() },
      customerId,
    );
  }

  async assertion(method: string, path: string, raw: string | undefined, o: AssertionOverrides = {}) {
    const iat = o.iat ?? Math.floor(this.cloud.now().getTime() / 1000);
    const withKey = o.jwk ?? path === CLOUD_ROUTES.register.path;
    const claims = {
      iss: o.iss ?? this.id,
      aud: o.aud ?? this.cloud.issuer,
      acct: o.acct ?? this.customerId,
      iat,
      exp: o.exp ?? iat + 120,
      jti: o.jti ?? randomUUID(),
      htm: o.htm ?? method,
      htu: o.htu ?? path,
      bh:
        o.bh ??
        createHash('sha256')
          .update(raw ?? '')
          .digest('base64url'),
      ...(withKey ? { jwk: (o.signWith ?? this.key).publicKey } : {}),
    };
    const signed = await signSmartServerMessage('assertion', claims, o.signWith ?? this.key);
    if (!signed.ok) throw signed.error;
    return `${SMARTSERVER_AUTH_SCHEME} ${signed.value}`;
  }

  async request(method: string, path: string, body?: unknown, o: AssertionOverrides = {}): Promise<Reply> {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const authorization = await this.assertion(method, path, raw, o);
    this.last = { method, path, raw, authorization };
    return this.send(method, path, raw, authorization);
  }

  /** Sends the last request again, assertion and all. */
  replay(): Promise<Reply> {
    const last = this.last!;
    return this.send(last.method, last.path, last.raw, last.authorization);
  }

  private send(method: string, path: string, raw: string | undefined, authorization: string) {
    return this.http.request(method, path, undefined, {
      ...(raw !== undefined ? { raw } : {}),
      headers: { authorization },
    });
  }

  register(o: AssertionOverrides = {}) {
    return this.request(
      'POST',
      CLOUD_ROUTES.register.path,
      { customerId: this.customerId, installCode: this.key.installCode },
      o,
    );
  }

  list(o: AssertionOverrides = {}) {
    return this.request(
      'GET',
      pathFor(CLOUD_ROUTES.listLicenses.path, { customerId: this.customerId }),
      undefined,
      o,
    );
  }

  download(licenseIds: string[], o: AssertionOverrides = {}) {
    return this.request(
      'POST',
      pathFor(CLOUD_ROUTES.download.path, { customerId: this.customerId }),
      { licenseIds },
      o,
    );
  }

  returnWith(receipt: string, o: AssertionOverrides = {}) {
    return this.request('POST', CLOUD_ROUTES.returnLicense.path, { receipt }, o);
  }

  revocations(o: AssertionOverrides = {}) {
    return this.request(
      'GET',
      pathFor(CLOUD_ROUTES.revocations.path, { customerId: this.customerId }),
      undefined,
      o,
    );
  }

  notifications(settings: unknown, o: AssertionOverrides = {}) {
    return this.request(
      'PUT',
      pathFor(CLOUD_ROUTES.notifications.path, { customerId: this.customerId }),
      settings,
      o,
    );
  }

  /** A return receipt for an activation, signed by this SmartServer's key (or another). */
  async receipt(
    licenseId: string,
    activationId: string,
    o: { signWith?: SmartServerKey; smartServerId?: string; keyThumbprint?: string } = {},
  ): Promise<string> {
    const signed = await signSmartServerMessage(
      'returnReceipt',
      {
        smartServerId: o.smartServerId ?? this.id,
        keyThumbprint: o.keyThumbprint ?? (o.signWith ?? this.key).thumbprint,
        licenseId,
        activationId,
        returnedAt: this.cloud.now().toISOString(),
      },
      o.signWith ?? this.key,
    );
    if (!signed.ok) throw signed.error;
    return signed.value;
  }

  receiptFile = async (licenseId: string, activationId: string) =>
    protocolFileText('returnReceipt', await this.receipt(licenseId, activationId));

  /** The activation request file the SmartServer's Manage Licenses dialog would save. */
  async requestFile(o: { signWith?: SmartServerKey; installCode?: string } = {}): Promise<string> {
    const key = o.signWith ?? this.key;
    const signed = await signSmartServerMessage(
      'activationRequest',
      {
        requestId: randomUUID(),
        smartServerId: this.id,
        segmentController: `${this.id} controller`,
        installCode: o.installCode ?? key.installCode,
        publicKey: key.publicKey,
        createdAt: this.cloud.now().toISOString(),
      },
      key,
    );
    if (!signed.ok) throw signed.error;
    return protocolFileText('activationRequest', signed.value);
  }
}

/**
 * A cookie-less client whose every request is signed by a SmartServer, whatever body it sends:
 * for route-table tests that send the same hostile input to every route.
 */
export class SignedClient extends Client {
  constructor(readonly smartServer: TestSmartServer) {
    super(smartServer.base);
  }

  override async request(
    method: string,
    path: string,
    body?: unknown,
    init: { raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const raw = body !== undefined ? JSON.stringify(body) : init.raw;
    const authorization = await this.smartServer.assertion(method, path, raw);
    return super.request(method, path, body, { ...init, headers: { authorization, ...init.headers } });
  }
}

/** A registered SmartServer of an account. */
export async function registeredSmartServer(
  t: TestCloud,
  id: string,
  customerId: string,
  key?: SmartServerKey,
) {
  const sid = await TestSmartServer.create(t, id, customerId, key);
  const reply = await sid.register();
  if (reply.status !== 200) throw new Error(`registration of ${id} failed: ${reply.status} ${reply.text}`);
  return sid;
}

/** The activation id (`jti`) of a token, read without verifying. */
export const activationIdOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
/** The payload of a token, read without verifying. */
export const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
