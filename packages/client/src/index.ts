// Public entry of @smartserver-licensing/client.
export * from './errors.js';
export * from './license-source.js';
export * from './memory-source.js';
export * from './http-source.js';
/**
 * @deprecated Hand-written states, kept only while apps/cms/test/browser/cms.test.ts imports them:
 * use situationState from @smartserver-licensing/policy/testing. Delete with that import.
 */
export * from './demo-files.js';
export { SseParser, type SseEvent } from './sse.js';
export {
  API_ROUTES,
  MAX_FILE_CHARS,
  MAX_IDS_PER_REQUEST,
  MAX_NOTE_CHARS,
  checkAccountResponse,
  checkActivationRequestFile,
  checkAddFileResponse,
  checkCloudListResponse,
  checkErrorResponse,
  checkLicenseActionResponse,
  checkLicenseIdsRequest,
  checkNoteResponse,
  checkNotificationSettings,
  checkPendingReturnsResponse,
  checkReturnReceiptFile,
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
  type ProtocolFileAnswer,
  type StatusResponse,
  type TokenResult,
} from './api.js';
