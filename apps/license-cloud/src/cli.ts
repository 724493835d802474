// `license-cloud` command: serve the cloud, add a partner or support account, rotate the signing key.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCloudStorage } from './storage.js';
import { openKeyStore } from './keystore.js';
import { hashSecret } from '@smartserver-licensing/server-kit';
import { startCloudServer } from './main.js';

const HELP = `license-cloud — the reference SmartServer license cloud

Usage:
  license-cloud serve [--port 8787] [--host 127.0.0.1] [--data-dir DIR] [--public-url URL]
  license-cloud add-account --role partner|support --email ADDRESS --password TEXT [--name TEXT] [--data-dir DIR]
  license-cloud rotate-key [--data-dir DIR]

Storage: embedded PGlite in DIR/db, or the PostgreSQL server in DATABASE_URL.
Mail: SMTP_HOST/SMTP_PORT when set, else .eml files in DIR/outbox.
`;

function fail(message: string): never {
  process.stderr.write(`license-cloud: ${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'public-url': { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values['help']) {
    process.stdout.write(HELP);
    return;
  }
  const dataDir = resolve(String(values['data-dir'] ?? '.data/license-cloud'));
  const databaseUrl = process.env['DATABASE_URL'] || undefined;

  switch (command) {
    case 'serve': {
      const port = Number(values['port'] ?? 8787);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        fail(`--port must be 0..65535, not ${values['port']}`);
      const host = String(values['host'] ?? '127.0.0.1');
      const running = await startCloudServer({
        port,
        host,
        dataDir,
        databaseUrl,
        publicUrl: values['public-url'] as string | undefined,
      });
      process.stdout.write(
        `license-cloud: listening on ${running.url} (storage: ${running.cloud.db.engine}, mail: ${running.cloud.mailer.describe})\n`,
      );
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'add-account': {
      const role = values['role'];
      if (role !== 'partner' && role !== 'support') fail('--role must be partner or support');
      const email = String(values['email'] ?? '').toLowerCase();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254)
        fail('--email must be an email address');
      const password = String(values['password'] ?? '');
      if (password.length < 8 || password.length > 200) fail('--password must be 8..200 characters');
      const db = await openCloudStorage(databaseUrl ? { databaseUrl } : { dataDir: resolve(dataDir, 'db') });
      try {
        const rows = await db.query<{ id: string }>(
          `INSERT INTO accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (email) DO NOTHING RETURNING id`,
          [randomUUID(), email, String(values['name'] ?? email), role, await hashSecret(password)],
        );
        if (!rows[0]) fail(`an account with ${email} exists already`);
        process.stdout.write(`license-cloud: added ${role} ${email} (${rows[0].id})\n`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'rotate-key': {
      const keys = await openKeyStore(dataDir);
      const kid = await keys.rotate();
      process.stdout.write(
        `license-cloud: new signing key ${kid}; ${keys.jwks.keys.length} keys published\n`,
      );
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${HELP}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`license-cloud: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
