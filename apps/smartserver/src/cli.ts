// `smartserver` command: serve the reference SmartServer, add CMS users and devices.
import { parseArgs } from 'node:util';
import { resolve, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import {
  DEVICE_PROTOCOLS,
  USER_TYPES,
  type DeviceProtocol,
  type UserType,
} from '@smartserver-licensing/schemas';
import { hashSecret } from '@smartserver-licensing/server-kit';
import { createSmartServer } from './app.js';
import { openSmartServerStorage } from './storage.js';

const HELP = `smartserver — the reference SmartServer back end

Usage:
  smartserver serve --cloud-url URL [--port 8080] [--host 127.0.0.1] [--data-dir DIR]
                    [--id SID-…] [--name TEXT] [--edition "SmartServer"|"SmartServer Pi"] [--version 4.2]
                    [--time-zone Europe/Berlin] [--cms-dir DIR] [--new-key]
  smartserver add-user --username NAME --password TEXT --type Owner|Admin|Supervisor|User [--data-dir DIR]
  smartserver add-device --name TEXT [--protocol lon|bacnet|modbus|mbus|iap|other] [--smartserver] [--created ISO] [--data-dir DIR]

Storage: embedded PGlite in DIR/db, or the PostgreSQL server in DATABASE_URL.
Identity: the SmartServer's key in DIR/identity/smartserver-key.json, made at first start (keep
it with the database's backups). --new-key makes a new one when the database recorded a key whose
file is gone: licenses bound to the old key stop counting and the Owner links the SmartServer again.
`;

function fail(message: string): never {
  process.stderr.write(`smartserver: ${message}\n`);
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
        'cloud-url': { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        edition: { type: 'string' },
        version: { type: 'string' },
        'time-zone': { type: 'string' },
        'cms-dir': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        type: { type: 'string' },
        protocol: { type: 'string' },
        smartserver: { type: 'boolean' },
        'new-key': { type: 'boolean' },
        created: { type: 'string' },
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
  const dataDir = resolve(String(values['data-dir'] ?? '.data/smartserver'));
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const openDb = () =>
    openSmartServerStorage(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir, 'db') });

  switch (command) {
    case 'serve': {
      const cloudUrl = values['cloud-url'];
      if (typeof cloudUrl !== 'string' || !/^https?:\/\//.test(cloudUrl))
        fail('--cloud-url must be the license cloud’s http(s) URL');
      const port = Number(values['port'] ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        fail(`--port must be 0..65535, not ${values['port']}`);
      const host = String(values['host'] ?? '127.0.0.1');
      const server = await createSmartServer({
        dataDir,
        cloudUrl: cloudUrl.replace(/\/+$/, ''),
        databaseUrl,
        ...(values['id'] ? { smartServerId: String(values['id']) } : {}),
        ...(values['name'] ? { name: String(values['name']) } : {}),
        product: {
          edition: (values['edition'] as 'SmartServer' | 'SmartServer Pi') ?? 'SmartServer',
          version: String(values['version'] ?? '4.2'),
        },
        timeZone: String(values['time-zone'] ?? 'UTC'),
        cmsDir: values['cms-dir'] ? resolve(String(values['cms-dir'])) : undefined,
        newKey: Boolean(values['new-key']),
      });
      const http = serve({ fetch: (req, env) => server.app.fetch(req, env), port, hostname: host });
      await new Promise<void>((ok, bad) => {
        http.once('listening', () => ok());
        http.once('error', bad);
      });
      const address = http.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      process.stdout.write(
        `smartserver: ${server.identity.smartServerId} (Install Code ${server.key.installCode}) listening on http://${host}:${actual} (storage: ${server.db.engine}, cloud: ${cloudUrl})\n`,
      );
      const stop = () => {
        http.close();
        // Live-update streams keep sockets open; closing the store ends the process cleanly.
        server.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'add-user': {
      const username = String(values['username'] ?? '');
      const type = values['type'] as UserType;
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) fail('--username must be 1..64 letters, digits, . _ -');
      if (!USER_TYPES.includes(type)) fail(`--type must be one of ${USER_TYPES.join(', ')}`);
      const password = String(values['password'] ?? '');
      if (password.length < 8 || password.length > 200) fail('--password must be 8..200 characters');
      const db = await openDb();
      try {
        const rows = await db.query(
          'INSERT INTO users (username, user_type, password_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING username',
          [username, type, await hashSecret(password)],
        );
        if (rows.length === 0) fail(`a user ${username} exists already`);
        process.stdout.write(`smartserver: added ${type} ${username}\n`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'add-device': {
      const name = String(values['name'] ?? '');
      if (name.length < 1 || name.length > 256) fail('--name must be 1..256 characters');
      const protocol = String(values['protocol'] ?? 'bacnet') as DeviceProtocol;
      if (!DEVICE_PROTOCOLS.includes(protocol))
        fail(`--protocol must be one of ${DEVICE_PROTOCOLS.join(', ')}`);
      const created = values['created'] ? new Date(String(values['created'])) : new Date();
      if (Number.isNaN(created.getTime())) fail('--created must be an ISO date-time');
      const db = await openDb();
      try {
        const id = values['smartserver'] ? 'smartserver' : `dev-${randomUUID()}`;
        await db.query(
          'INSERT INTO devices (id, name, created_at, protocol, is_smartserver) VALUES ($1, $2, $3, $4, $5)',
          [id, name, created, protocol, Boolean(values['smartserver'])],
        );
        process.stdout.write(`smartserver: added device ${name} (${id})\n`);
      } finally {
        await db.close();
      }
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${HELP}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`smartserver: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
