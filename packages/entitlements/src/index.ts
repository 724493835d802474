// Public entry of @smartserver-licensing/entitlements.
export {
  VERIFY_FAILURE_CODES,
  VERIFY_CODE_DESCRIPTIONS,
  USABLE_CODES,
  isUsableCode,
  type VerifyCode,
  type VerifyFailureCode,
} from './codes.js';
export { EntitlementError, type EntitlementErrorCode, type EntitlementResult } from './errors.js';
export {
  ENTITLEMENT_TYPE,
  LICENSE_CLAIM,
  SUPPORTED_ALGORITHMS,
  type EntitlementAlgorithm,
  type TimeInput,
  type VerifiedEntitlement,
} from './token.js';
export {
  importKeySet,
  importSigningKey,
  generateIssuerKeyPair,
  publicJwkOf,
  MAX_KID_CHARS,
  MAX_KEYS_PER_SET,
  type Jwks,
  type PublicJwk,
  type PrivateJwk,
  type KeySet,
  type TrustedKey,
  type SigningKey,
  type GeneratedKeyPair,
} from './keys.js';
export {
  advanceClock,
  isClockState,
  INITIAL_CLOCK_STATE,
  DEFAULT_ROLLBACK_TOLERANCE_SECONDS,
  type ClockState,
} from './clock.js';
export {
  issueEntitlement,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  MAX_ISSUER_CHARS,
  type IssueEntitlementInput,
} from './issue.js';
export {
  verifyEntitlement,
  verifyEntitlements,
  DEFAULT_CLOCK_SKEW_SECONDS,
  MAX_CLOCK_SKEW_SECONDS,
  MAX_ROLLBACK_TOLERANCE_SECONDS,
  MAX_BATCH_TOKENS,
  type VerifyOptions,
  type VerifyResult,
  type VerifySuccess,
  type VerifyFailure,
  type BatchVerifyResult,
} from './verify.js';
export {
  createActivationFile,
  readActivationFile,
  type CreateActivationFileInput,
  type CreatedActivationFile,
  type FileFailureCode,
  type ReadActivationFileOptions,
  type ReadActivationFileResult,
} from './activation-file.js';
export { decodeEntitlementUnverified, type UnverifiedToken } from './inspect.js';
export {
  generateSmartServerKey,
  loadSmartServerKey,
  keyThumbprint,
  installCodeOf,
  installCodeOfThumbprint,
  signSmartServerMessage,
  verifySmartServerMessage,
  type SmartServerKey,
  type SmartServerPrivateKey,
  type MessageFailureCode,
  type VerifiedMessage,
  type VerifyMessageOptions,
} from './smartserver-key.js';
