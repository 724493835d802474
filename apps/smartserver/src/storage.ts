// The SmartServer's database: the kit's storage with this service's migrations.
import { fileURLToPath } from 'node:url';
import { openStorage, type Db } from '@smartserver-licensing/server-kit';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export function openSmartServerStorage(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Db> {
  return openStorage({
    migrationsDir: MIGRATIONS_DIR,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
}
