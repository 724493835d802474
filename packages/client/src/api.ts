// The SmartServer license API: routes and payloads, and the checks every response passes before use.
//
// The payload checks compose the zod schemas of `@smartserver-licensing/schemas` (they check every
// leaf: states, ids, models, settings) with a small structural layer for the envelopes here.
import {
  CustomerIdSchema,
  LicenseIdSchema,
  LicenseKindSchema,
  LicenseStateSchema,
  ModelNumberSchema,
  NotificationSettingsSchema,
  SmartServerIdSchema,
  UserTypeSchema,
  type CustomerId,
  type LicenseId,
  type LicenseKind,
  type LicenseState,
  type ModelNumber,
  type NotificationSettings,
  type UserType,
} from '@smartserver-licensing/schemas';

/** Every route of the API, relative to the source's base URL. `:licenseId` is a path parameter. */
export const API_ROUTES = {
  /** The license state and the signed-in user's type. */
  status: { method: 'GET', path: '/iap/lic/status' },
  /** Server-Sent Events: `event: state`, `data:` a status response, on every change. */
  events: { method: 'GET', path: '/iap/lic/status/events' },
  /** Add an offline activation file (R20, R21); the body is the file's JSON text. */
  addFile: { method: 'POST', path: '/iap/lic' },
  /** Save the note of one license (R23). */
  saveNote: { method: 'PATCH', path: '/iap/lic/licenses/:licenseId' },
  /** The customer licensing account this SmartServer uses (R19). */
  getAccount: { method: 'GET', path: '/iap/lic/accounts' },
  setAccount: { method: 'PUT', path: '/iap/lic/accounts' },
  /** The licenses of the account that the cloud holds (R19). */
  listCloud: { method: 'GET', path: '/iap/lic/cloud' },
  /** Activate cloud licenses on this SmartServer (R19). */
  download: { method: 'POST', path: '/iap/lic/cloud/download' },
  /** Return licenses from this SmartServer to the cloud (R19). */
  upload: { method: 'POST', path: '/iap/lic/cloud/upload' },
  /**
   * A new offline activation request of this SmartServer (a signed file to take to the Customer
   * Portal or to support); answered as a file download.
   */
  activationRequest: { method: 'GET', path: '/iap/lic/activation-request' },
  /** Returns this SmartServer stopped using but the cloud has not acknowledged yet. */
  pendingReturns: { method: 'GET', path: '/iap/lic/returns' },
  /** Try to deliver every pending return receipt now. */
  deliverReturns: { method: 'POST', path: '/iap/lic/returns/deliver' },
  /** One pending return's signed receipt as a file (for the Customer Portal when offline). */
  receiptFile: { method: 'GET', path: '/iap/lic/returns/:activationId/receipt' },
  /** Maintenance reminder settings (R18). */
  getNotifications: { method: 'GET', path: '/iap/lic/notifications' },
  saveNotifications: { method: 'PUT', path: '/iap/lic/notifications' },
} as const;
export type ApiRoute = keyof typeof API_ROUTES;

/** `GET /iap/lic/status` and every live event. */
export interface StatusResponse {
  userType: UserType;
  state: LicenseState;
}

/** `GET` / `PUT /iap/lic/accounts` (Owner only): this SmartServer and the account it uses. */
export interface AccountResponse {
  customerId: CustomerId | null;
  /** Shown in Manage Customer Accounts next to the Customer ID (the portals ask for them). */
  smartServerId: string;
  segmentController: string;
  /** From the SmartServer's own public key: compare it with the portal's before resetting a registration. */
  installCode: string;
}

/** A return this SmartServer made (it stopped using the license at once) that the cloud has not acknowledged. */
export interface PendingReturn {
  licenseId: LicenseId;
  activationId: string;
  returnedAt: string;
  /** The last delivery failure, in words, if one was tried. */
  lastError?: string;
}

/** `GET /iap/lic/returns` and `POST /iap/lic/returns/deliver`. */
export interface PendingReturnsResponse {
  returns: PendingReturn[];
}

/** A license the cloud holds for the account. */
export interface CloudLicense {
  licenseId: LicenseId;
  kind: LicenseKind;
  model: ModelNumber;
  capacity: number;
  trial: boolean;
  /** Maintenance only: 1 or 3. */
  termYears?: number;
  /** The segment controller it is activated on; null while it is free to download. */
  activatedOn: string | null;
}

/** `GET /iap/lic/cloud`. */
export interface CloudListResponse {
  customerId: CustomerId;
  licenses: CloudLicense[];
}

/** Body of `POST /iap/lic/cloud/download` and `/upload`: 1..100 License IDs. */
export interface LicenseIdsRequest {
  licenseIds: LicenseId[];
}

/** The outcome for one license of a download or a return. */
export interface LicenseActionResult {
  licenseId: LicenseId;
  ok: boolean;
  /**
   * Returns only: whether the cloud acknowledged the receipt. `false`: the license is no longer
   * used here, and the receipt waits in `pendingReturns` (retried, or taken to the portal as a file).
   */
  delivered?: boolean;
  /** On failure: a stable code such as `ALREADY_ACTIVATED`, `NOT_IN_ACCOUNT`. */
  code?: string;
  message?: string;
}

/** The outcome for one token of an activation file. */
export interface TokenResult {
  /** Position of the token in the file. */
  index: number;
  ok: boolean;
  licenseId?: LicenseId;
  /** On failure: a stable code such as `BAD_SIGNATURE`, `WRONG_SMARTSERVER`, `EXPIRED`. */
  code?: string;
  message?: string;
}

/** `POST /iap/lic/cloud/download` and `/upload`. */
export interface LicenseActionResponse {
  results: LicenseActionResult[];
}

/** `POST /iap/lic`. */
export interface AddFileResponse {
  results: TokenResult[];
}

/** `PATCH /iap/lic/licenses/:licenseId`: body `{ note }`, answer the same with the id. */
export interface NoteResponse {
  licenseId: LicenseId;
  note: string;
}

/** Every non-2xx answer. */
export interface ErrorResponse {
  /** `detail`: facts about the refusal (a more specific code, a License ID), short values only. */
  error: { code: string; message: string; detail?: Record<string, string | number | boolean> };
}

/** Most licenses one download or return request may name. */
export const MAX_IDS_PER_REQUEST = 100;
/** Longest note (as in LicenseEntry). */
export const MAX_NOTE_CHARS = 500;

// ---- structural checks -------------------------------------------------------------------

/** A failed check: where and why. */
export class PayloadIssue {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

type Check<T> = (value: unknown, path: string) => T;

interface LeafSchema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } };
}

/** A zod schema of the schemas package as a check; the first issue's message is kept. */
function zod<T>(schema: LeafSchema): Check<T> {
  return (value, path) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as T;
    const first = parsed.error.issues[0] as { path?: PropertyKey[]; message?: string } | undefined;
    const inner = (first?.path ?? []).map(String).join('.');
    throw new PayloadIssue(inner ? `${path}.${inner}` : path, first?.message ?? 'is invalid');
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function object<T>(
  fields: { [K in keyof T]-?: Check<T[K]> },
  optional: ReadonlyArray<keyof T> = [],
): Check<T> {
  const keys = Object.keys(fields) as Array<keyof T & string>;
  return (value, path) => {
    if (!isRecord(value)) throw new PayloadIssue(path, 'expected an object');
    for (const key of Object.keys(value)) {
      if (!keys.includes(key as keyof T & string)) {
        throw new PayloadIssue(path, `unknown field ${JSON.stringify(key.slice(0, 40))}`);
      }
    }
    const out = {} as T;
    for (const key of keys) {
      const present = Object.hasOwn(value, key);
      if (!present && optional.includes(key)) continue;
      out[key] = fields[key](value[key], path ? `${path}.${key}` : key);
    }
    return out;
  };
}

function array<T>(item: Check<T>, max: number): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new PayloadIssue(path, 'expected an array');
    if (value.length > max) throw new PayloadIssue(path, `must hold at most ${max} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path);

const boolean: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new PayloadIssue(path, 'expected a boolean');
  return value;
};

function integer(min: number, max: number): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new PayloadIssue(path, `expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
function text(max: number, pattern?: RegExp): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string' || value.length > max || CONTROL.test(value)) {
      throw new PayloadIssue(path, `expected text of at most ${max} characters`);
    }
    if (pattern && !pattern.test(value)) throw new PayloadIssue(path, 'has an unexpected form');
    return value;
  };
}
const code = text(64, /^[A-Z][A-Z0-9_]*$/);

const licenseId = zod<LicenseId>(LicenseIdSchema);

const CloudLicenseCheck = object<CloudLicense>(
  {
    licenseId,
    kind: zod(LicenseKindSchema),
    model: zod(ModelNumberSchema),
    capacity: integer(0, 100_000),
    trial: boolean,
    termYears: integer(1, 3),
    activatedOn: nullable(text(64)),
  },
  ['termYears'],
);

const LicenseActionResultCheck = object<LicenseActionResult>(
  { licenseId, ok: boolean, delivered: boolean, code, message: text(500) },
  ['delivered', 'code', 'message'],
);

const PendingReturnCheck = object<PendingReturn>(
  {
    licenseId,
    activationId: zod<string>(LicenseIdSchema),
    returnedAt: text(40),
    lastError: text(500),
  },
  ['lastError'],
);
export const checkPendingReturnsResponse = object<PendingReturnsResponse>({
  returns: array(PendingReturnCheck, 10_000),
});

const TokenResultCheck = object<TokenResult>(
  { index: integer(0, 1000), ok: boolean, licenseId, code, message: text(500) },
  ['licenseId', 'code', 'message'],
);

/** A protocol file as the SmartServer hands it over: `{ format, version: 2, signed }` (see docs/protocol.md). */
export interface ProtocolFileAnswer {
  format: string;
  version: 2;
  signed: string;
}
/** Longest protocol file text accepted (as the schemas package's `MAX_PROTOCOL_FILE_CHARS`). */
export const MAX_FILE_CHARS = 600 * 1024;

// The schemas package's file parsers would bring every protocol schema into a page that only needs
// these two shapes; the test suite checks that both agree.
function literal<T extends string | number>(expected: T): Check<T> {
  return (value, path) => {
    if (value !== expected) throw new PayloadIssue(path, `must be ${JSON.stringify(expected)}`);
    return expected;
  };
}
const protocolFile = (format: string) =>
  object<ProtocolFileAnswer>({
    format: literal(format),
    version: literal(2),
    signed: text(MAX_FILE_CHARS, /^[\w-]+\.[\w-]+\.[\w-]+$/),
  });
/** The file of `GET /iap/lic/activation-request`. */
export const checkActivationRequestFile = protocolFile('smartserver-activation-request');
/** The file of `GET /iap/lic/returns/:activationId/receipt`. */
export const checkReturnReceiptFile = protocolFile('smartserver-return-receipt');

export const checkStatusResponse = object<StatusResponse>({
  userType: zod(UserTypeSchema),
  state: zod(LicenseStateSchema),
});
export const checkAccountResponse = object<AccountResponse>({
  customerId: nullable(zod(CustomerIdSchema)),
  smartServerId: zod(SmartServerIdSchema),
  segmentController: text(64),
  // InstallCodeSchema's pattern, written out: that schema's module would bring every protocol schema.
  installCode: text(24, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/),
});
export const checkCloudListResponse = object<CloudListResponse>({
  customerId: zod(CustomerIdSchema),
  licenses: array(CloudLicenseCheck, 10_000),
});
export const checkLicenseActionResponse = object<LicenseActionResponse>({
  results: array(LicenseActionResultCheck, MAX_IDS_PER_REQUEST),
});
export const checkAddFileResponse = object<AddFileResponse>({
  results: array(TokenResultCheck, 1000),
});
export const checkNoteResponse = object<NoteResponse>({ licenseId, note: text(MAX_NOTE_CHARS) });
export const checkNotificationSettings = zod<NotificationSettings>(NotificationSettingsSchema);
const detail: Check<Record<string, string | number | boolean>> = (value, path) => {
  if (!isRecord(value)) throw new PayloadIssue(path, 'expected an object');
  const entries = Object.entries(value);
  if (entries.length > 20) throw new PayloadIssue(path, 'must hold at most 20 fields');
  const out: Record<string, string | number | boolean> = {};
  for (const [key, v] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(key))
      throw new PayloadIssue(path, 'has an unexpected field name');
    if (typeof v === 'string') out[key] = text(500)(v, `${path}.${key}`);
    else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
    else throw new PayloadIssue(`${path}.${key}`, 'expected text, a number or a boolean');
  }
  return out;
};

export const checkErrorResponse = object<ErrorResponse>({
  error: object<ErrorResponse['error']>({ code, message: text(500), detail }, ['detail']),
});
export const checkLicenseIdsRequest = object<LicenseIdsRequest>({
  licenseIds: array(licenseId, MAX_IDS_PER_REQUEST),
});

/** Runs a check and reports the first issue as text instead of throwing. */
export function runCheck<T>(
  check: Check<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: check(value, '') };
  } catch (issue) {
    if (issue instanceof PayloadIssue) {
      return { ok: false, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
    }
    return { ok: false, message: 'the value could not be read' };
  }
}
