// Public entry of @smartserver-licensing/client.
export * from './errors.js';
export * from './license-source.js';
export * from './memory-source.js';
export * from './http-source.js';
export * from './demo-state.js';
export { SseParser, type SseEvent } from './sse.js';
export {
  API_ROUTES,
  MAX_IDS_PER_REQUEST,
  MAX_NOTE_CHARS,
  checkAccountResponse,
  checkAddFileResponse,
  checkCloudListResponse,
  checkErrorResponse,
  checkLicenseActionResponse,
  checkLicenseIdsRequest,
  checkNoteResponse,
  checkNotificationSettings,
  checkPendingReturnsResponse,
  checkStatusResponse,
  runCheck,
  type AccountResponse,
  type AddFileResponse,
  type ApiRoute,
  type CloudLicense,
  type CloudListResponse,
  type ErrorResponse,
  type LicenseActionResponse,
  type LicenseActionResult,
  type LicenseIdsRequest,
  type NoteResponse,
  type PendingReturn,
  type PendingReturnsResponse,
  type StatusResponse,
  type TokenResult,
} from './api.js';
