// Public entry of @smartserver-licensing/schemas.
export * from './result.js';
export { isoSeconds } from './time.js';
export { FORBIDDEN_KEYS } from './primitives.js';
export * from './ids.js';
export * from './catalog.js';
export * from './claims.js';
export * from './device.js';
export * from './users.js';
export * from './product.js';
export * from './notifications.js';
export * from './activation-file.js';
export * from './license-state.js';
export * from './protocol.js';
export * from './api/cloud.js';
