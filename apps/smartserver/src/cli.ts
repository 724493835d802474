// `smartserver` command: serve the reference SmartServer, add CMS users and devices.
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DEVICE_PROTOCOLS,
  USER_TYPES,
  type DeviceProtocol,
  type UserType,
} from '@smartserver-licensing/schemas';
import { listen, serviceCli } from '@smartserver-licensing/server-kit';
import { createSmartServer } from './app.js';
import { Devices } from './devices.js';
import { openSmartServerStorage } from './storage.js';
import { Users } from './users.js';

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

const cli = serviceCli({
  name: 'smartserver',
  help: HELP,
  defaultDataDir: '.data/smartserver',
  options: [
    'cloud-url',
    'id',
    'name',
    'edition',
    'version',
    'time-zone',
    'cms-dir',
    'username',
    'password',
    'type',
    'protocol',
    'created',
  ],
  flags: ['smartserver', 'new-key'],
  openStorage: openSmartServerStorage,
  commands: {
    async serve({ values, dataDir, databaseUrl, host, port: portOf, fail, print, stopOnSignal }) {
      const cloudUrl = values['cloud-url'];
      if (typeof cloudUrl !== 'string' || !/^https?:\/\//.test(cloudUrl))
        return fail('--cloud-url must be the license cloud’s http(s) URL');
      const port = portOf(8080);
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
      const http = await listen((req, env) => server.app.fetch(req, env), port, host);
      print(
        `${server.identity.smartServerId} (Install Code ${server.key.installCode}) listening on http://${host}:${http.port} (storage: ${server.db.engine}, cloud: ${cloudUrl})`,
      );
      stopOnSignal(async () => {
        http.server.close();
        // Live-update streams keep sockets open; closing the store ends the process cleanly,
        // and the process ends (with 0) even if closing failed.
        await server.close().catch(() => undefined);
      });
    },
    async 'add-user'({ values, fail, print, withStorage }) {
      const username = String(values['username'] ?? '');
      const type = values['type'] as UserType;
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(username))
        return fail('--username must be 1..64 letters, digits, . _ -');
      if (!USER_TYPES.includes(type)) return fail(`--type must be one of ${USER_TYPES.join(', ')}`);
      const password = String(values['password'] ?? '');
      if (password.length < 8 || password.length > 200) return fail('--password must be 8..200 characters');
      await withStorage(async (db) => {
        if (!(await new Users(db).add(username, type, password)))
          return fail(`a user ${username} exists already`);
        print(`added ${type} ${username}`);
      });
    },
    async 'add-device'({ values, fail, print, withStorage }) {
      const name = String(values['name'] ?? '');
      if (name.length < 1 || name.length > 256) return fail('--name must be 1..256 characters');
      const protocol = String(values['protocol'] ?? 'bacnet') as DeviceProtocol;
      if (!DEVICE_PROTOCOLS.includes(protocol))
        return fail(`--protocol must be one of ${DEVICE_PROTOCOLS.join(', ')}`);
      const created = values['created'] ? new Date(String(values['created'])) : new Date();
      if (Number.isNaN(created.getTime())) return fail('--created must be an ISO date-time');
      await withStorage(async (db) => {
        const id = values['smartserver'] ? 'smartserver' : `dev-${randomUUID()}`;
        await new Devices(db).add({
          id,
          name,
          createdAt: created.toISOString(),
          protocol,
          isSmartServer: Boolean(values['smartserver']),
        });
        print(`added device ${name} (${id})`);
      });
    },
  },
});

export const main = cli.main;
cli.runIfMain(import.meta.url);
