// Everything a request handler of the SmartServer needs, created once per running server.
import type { AttemptLimiter, Db, SessionOptions } from '@smartserver-licensing/server-kit';
import type { CloudClient } from './cloud-client.js';
import type { LicenseStore } from './store.js';

export interface SmartServer {
  db: Db;
  store: LicenseStore;
  cloud: CloudClient;
  session: SessionOptions;
  loginLimiter: AttemptLimiter;
  now(): Date;
}
