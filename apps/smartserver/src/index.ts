// Public entry of the reference SmartServer back end.
export { createSmartServer, OPENAPI_PATH, type SmartServerOptions, type RunningSmartServer } from './app.js';
export { LicenseStore, type Identity } from './store.js';
