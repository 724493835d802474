// Demo protocol files for the in-memory source, stories and tests. They have the real envelope
// (`{ format, version: 2, signed }`) around a compact JWS whose signature is a placeholder: nothing
// here signs or verifies (a real SmartServer and license cloud do, with the entitlements package).
import {
  MESSAGE_TYPES,
  parseActivationFileText,
  protocolFileText,
  type ActivationFile,
  type MessageKind,
} from '@smartserver-licensing/schemas';
import type { PendingReturn } from './api.js';
import type { SourceFile } from './license-source.js';

/** The Install Code of the demo SmartServer (five groups of four, Crockford base32). */
export const DEMO_INSTALL_CODE = '7K3Q-M2XD-9FPA-R4TC-H8WN';
/** The key thumbprint and public key the demo files name: placeholders of the right form. */
export const DEMO_KEY_THUMBPRINT = 'ZGVtby1rZXktdGh1bWJwcmludC1ub3QtYS1yZWFsLWs';
export const DEMO_PUBLIC_KEY = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'ZGVtby1wdWJsaWMta2V5LW5vdC1hLXJlYWwta2V5LTA',
} as const;

/** A UUID that is a pure function of `n`, for activations the demo source makes. */
export const demoActivationId = (n: number): string =>
  `a0c71a7e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const base64url = (text: string): string => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A compact JWS of `claims` with the message's `typ` and a placeholder signature (`alg: none`). */
export function demoSigned(kind: MessageKind, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: MESSAGE_TYPES[kind] }));
  return `${header}.${base64url(JSON.stringify(claims))}.${base64url('demo, not signed')}`;
}

/** The claims of a demo JWS, or undefined when its payload is not a JSON object. Nothing is verified. */
export function readDemoSigned(signed: string): Record<string, unknown> | undefined {
  try {
    const payload = signed.split('.')[1] ?? '';
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export interface DemoActivationFileOptions {
  /** The SmartServer the file is for (default `SID-17q2d6x`, the demo source's id). */
  smartServerId?: string;
  /** Compact tokens, or a count of placeholder tokens (default 1). */
  tokens?: readonly string[] | number;
  /** Default a fixed id: add a file twice and the second is `FILE_REPLAYED`. */
  fileId?: string;
}

/** The text of a demo activation file (version 2) that {@link MemoryLicenseSource} accepts. */
export function demoActivationFileText(options: DemoActivationFileOptions = {}): string {
  const tokens =
    typeof options.tokens === 'object'
      ? [...options.tokens]
      : Array.from({ length: options.tokens ?? 1 }, (_, i) => demoSigned('activationFile', { token: i }));
  const claims = {
    iss: 'demo-license-cloud',
    aud: options.smartServerId ?? 'SID-17q2d6x',
    keyThumbprint: DEMO_KEY_THUMBPRINT,
    fileId: options.fileId ?? '0f8fad5b-d9cb-469f-a165-70867728950e',
    iat: 1_772_366_400,
    tokens,
    revoked: [],
  };
  return protocolFileText('activationFile', demoSigned('activationFile', claims));
}

/** A demo return receipt file of this SmartServer, named as a SmartServer names it. */
export function demoReceiptFile(smartServerId: string, record: PendingReturn): SourceFile {
  const claims = {
    smartServerId,
    keyThumbprint: DEMO_KEY_THUMBPRINT,
    licenseId: record.licenseId,
    activationId: record.activationId,
    returnedAt: record.returnedAt,
  };
  return {
    filename: `return-${record.licenseId}.json`,
    text: protocolFileText('returnReceipt', demoSigned('returnReceipt', claims)),
  };
}

/** A demo activation request file, named as a SmartServer names it. */
export function demoActivationRequestFile(request: {
  requestId: string;
  smartServerId: string;
  segmentController: string;
  installCode: string;
  createdAt: string;
}): SourceFile {
  const claims = { ...request, publicKey: DEMO_PUBLIC_KEY };
  return {
    filename: `activation-request-${request.smartServerId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`,
    text: protocolFileText('activationRequest', demoSigned('activationRequest', claims)),
  };
}

/** A demo activation file that may be applied, or why it is refused, as a SmartServer says it. */
export type DemoFileReading =
  | { ok: true; file: ActivationFile; fileId: string; tokens: unknown[] }
  | { ok: false; code: string; message: string; status: number };

/**
 * Reads an activation file the way a SmartServer checks one (version, SmartServer, not applied
 * before), except that the signature is only read, not verified: demo files carry none.
 */
export function readDemoActivationFile(
  text: string,
  smartServerId: string,
  applied: ReadonlySet<string>,
): DemoFileReading {
  const refuse = (code: string, message: string, status = 400) => ({
    ok: false as const,
    code,
    message,
    status,
  });
  const parsed = parseActivationFileText(text);
  if (!parsed.ok) {
    const issue = parsed.error.issues[0];
    if (parsed.error.code === 'TOO_LARGE') return refuse('FILE_TOO_LARGE', parsed.error.message, 413);
    return issue?.path === 'version'
      ? refuse('FILE_UNSUPPORTED_VERSION', issue.message)
      : refuse('FILE_MALFORMED', parsed.error.message);
  }
  const claims = readDemoSigned(parsed.value.signed);
  const tokens = claims?.['tokens'];
  const fileId = claims?.['fileId'];
  if (!Array.isArray(tokens) || typeof fileId !== 'string') {
    return refuse('FILE_BAD_SIGNATURE', 'The activation file is not signed by the license cloud.');
  }
  if (claims?.['aud'] !== smartServerId) {
    return refuse('FILE_WRONG_SMARTSERVER', 'The activation file was made for another SmartServer.');
  }
  if (applied.has(fileId.toLowerCase())) {
    return refuse('FILE_REPLAYED', 'This activation file was added before; nothing was changed.');
  }
  return { ok: true, file: parsed.value, fileId: fileId.toLowerCase(), tokens: tokens as unknown[] };
}
