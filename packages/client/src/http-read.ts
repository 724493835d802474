// Reading a SmartServer's answers: bounded text, JSON that may not be, a safe file name, and the
// error of an answer that never came.
import { failWith, type SourceResult } from './errors.js';

/** Thrown by {@link readText} when an answer grows past its limit. */
export class TooLarge extends Error {}

/** What {@link parseJson} answers for text that is not JSON. */
export const NOT_JSON = Symbol('not JSON');
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The file name of a Content-Disposition header (RFC 6266: `filename*=UTF-8''…` first, then
 * `filename="…"`), cut to its last path segment and to letters, digits, `.`, `_` and `-`; the
 * fallback when nothing usable is left.
 */
export function fileNameOf(header: string | null, fallback: string): string {
  const match =
    /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header ?? '') ??
    /filename\s*=\s*"?([^";]+)/i.exec(header ?? '');
  let name = match?.[1] ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all: the raw text is cleaned like any other.
  }
  name = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return /[A-Za-z0-9]/.test(name) ? name : fallback;
}

/** The body's text, refused (TooLarge) as soon as it grows past `max` characters. */
export async function readText(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
    if (out.length > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
  }
  return out + decoder.decode();
}

/** The error of a request that got no (whole) answer: TIMEOUT when the time limit cut it. */
export const unreachable = <T>(timedOut: boolean, timeoutMs: number, what: string): SourceResult<T> =>
  timedOut
    ? failWith('TIMEOUT', `The SmartServer did not answer within ${timeoutMs / 1000} s.`)
    : failWith('NETWORK', what);
