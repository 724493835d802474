// The kit's database engines with this service's migrations.
import { engines as kitEngines, type Engine } from '@smartserver-licensing/server-kit/testing';
import { MIGRATIONS_DIR } from '../src/storage.js';

export type { Engine };
export const engines = (): Engine[] => kitEngines(MIGRATIONS_DIR);
