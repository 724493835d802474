// Public entry of @smartserver-licensing/server-kit: what the reference services share.
export * from './errors.js';
export * from './passwords.js';
export * from './db/database.js';
export { migrate } from './db/migrate.js';
export { openStorage, type StorageOptions } from './db/open.js';
export { openPglite } from './db/pglite.js';
export { openPostgres } from './db/postgres.js';
export * from './http/route.js';
export * from './http/openapi.js';
export * from './http/sessions.js';
export * from './http/api-app.js';
export * from './runner.js';
