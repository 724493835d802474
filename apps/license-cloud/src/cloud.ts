// Everything a request handler needs, created once per running cloud.
import type { AttemptLimiter, Db, SessionOptions } from '@smartserver-licensing/server-kit';
import type { KeyStore } from './keystore.js';
import type { Mailer } from './mailer.js';

export interface Cloud {
  db: Db;
  keys: KeyStore;
  mailer: Mailer;
  /** The `iss` of every token this cloud signs. */
  issuer: string;
  /** Base URL of the portal pages, used in mailed login links. */
  publicUrl: string;
  session: SessionOptions;
  /** Login attempts per client address and per login name. */
  loginLimiter: AttemptLimiter;
  /** The clock; tests set it. */
  now(): Date;
}
