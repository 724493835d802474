// Everything a request handler of the SmartServer needs, created once per running server.
import type { SmartServerKey } from '@smartserver-licensing/entitlements';
import type { AttemptLimiter, Db, SessionOptions } from '@smartserver-licensing/server-kit';
import type { CloudClient } from './cloud-client.js';
import type { ReturnDelivery } from './returns.js';
import type { LicenseStore } from './store.js';
import type { Users } from './users.js';

export interface SmartServer {
  db: Db;
  store: LicenseStore;
  users: Users;
  cloud: CloudClient;
  /** This SmartServer's own key (its Install Code is `key.installCode`). */
  key: SmartServerKey;
  returns: ReturnDelivery;
  session: SessionOptions;
  loginLimiter: AttemptLimiter;
  now(): Date;
  log(message: string, error?: unknown): void;
}
