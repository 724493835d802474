// The SmartServer's database: the kit's storage with this service's migrations.
import { fileURLToPath } from 'node:url';
import { openStorage, type Db, type StorageOptions } from '@smartserver-licensing/server-kit';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export const openSmartServerStorage = (options: Omit<StorageOptions, 'migrationsDir'>): Promise<Db> =>
  openStorage({ migrationsDir: MIGRATIONS_DIR, ...options });
