// `license-cloud` command: serve the cloud, add a partner or support account, rotate the signing key.
import { randomUUID } from 'node:crypto';
import { openCloudStorage } from './storage.js';
import { openKeyStore } from './keystore.js';
import { hashSecret, serviceCli } from '@smartserver-licensing/server-kit';
import { startCloudServer } from './main.js';

const HELP = `license-cloud — the reference SmartServer license cloud

Usage:
  license-cloud serve [--port 8787] [--host 127.0.0.1] [--data-dir DIR] [--public-url URL]
  license-cloud add-account --role partner|support --email ADDRESS --password TEXT [--name TEXT] [--data-dir DIR]
  license-cloud rotate-key [--data-dir DIR]

Storage: embedded PGlite in DIR/db, or the PostgreSQL server in DATABASE_URL.
Mail: SMTP_HOST/SMTP_PORT when set, else .eml files in DIR/outbox.
`;

const cli = serviceCli({
  name: 'license-cloud',
  help: HELP,
  defaultDataDir: '.data/license-cloud',
  options: ['public-url', 'role', 'email', 'password', 'name'],
  openStorage: openCloudStorage,
  commands: {
    async serve({ values, dataDir, databaseUrl, host, port, print, stopOnSignal }) {
      const running = await startCloudServer({
        port: port(8787),
        host,
        dataDir,
        databaseUrl,
        publicUrl: values['public-url'] as string | undefined,
      });
      print(
        `listening on ${running.url} (storage: ${running.cloud.db.engine}, mail: ${running.cloud.mailer.describe})`,
      );
      stopOnSignal(() => running.close());
    },
    async 'add-account'({ values, fail, print, withStorage }) {
      const role = values['role'];
      if (role !== 'partner' && role !== 'support') return fail('--role must be partner or support');
      const email = String(values['email'] ?? '').toLowerCase();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254)
        return fail('--email must be an email address');
      const password = String(values['password'] ?? '');
      if (password.length < 8 || password.length > 200) return fail('--password must be 8..200 characters');
      await withStorage(async (db) => {
        const rows = await db.query<{ id: string }>(
          `INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (email) DO NOTHING RETURNING id`,
          [randomUUID(), email, String(values['name'] ?? email), role, await hashSecret(password)],
        );
        if (!rows[0]) return fail(`an account with ${email} exists already`);
        print(`added ${role} ${email} (${rows[0].id})`);
      });
    },
    async 'rotate-key'({ dataDir, print }) {
      const keys = await openKeyStore(dataDir);
      const kid = await keys.rotate();
      print(`new signing key ${kid}; ${keys.jwks.keys.length} keys published`);
    },
  },
});

export const main = cli.main;
cli.runIfMain(import.meta.url);
