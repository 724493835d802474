// Strict decoding of the token's parts: canonical base64url, well-formed UTF-8, and JSON
// without duplicate keys or deep nesting, so every party reads the same bytes the same way.

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Decodes unpadded base64url, refusing any text that is not the one canonical
 * encoding of its bytes. Without this, changing the unused low bits of the last
 * character would give a different token with the same signature bytes.
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const rest = text.length % 4;
  if (rest === 1) return undefined;
  if (rest !== 0) {
    const last = ALPHABET.indexOf(text[text.length - 1]!);
    const unusedBits = rest === 2 ? 0x0f : 0x03;
    if ((last & unusedBits) !== 0) return undefined;
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeText(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Deepest nesting of objects and arrays accepted in a token part. Ours use two levels. */
export const MAX_JSON_DEPTH = 6;

class JsonProblem extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Walks JSON text once and reports the first problem: a syntax error, an object
 * with two equal keys (JSON.parse would silently keep the last), or nesting over
 * `maxDepth`. Only text that passes is handed to JSON.parse.
 */
class StrictScanner {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  run(): void {
    this.value(0);
    this.space();
    if (this.i !== this.text.length) throw new JsonProblem('unexpected text after the JSON value');
  }

  private space(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  private value(depth: number): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return void this.string();
    if (c === 't') return this.word('true');
    if (c === 'f') return this.word('false');
    if (c === 'n') return this.word('null');
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match || match[0].length === 0) throw new JsonProblem(`unexpected character at ${this.i}`);
    this.i += match[0].length;
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) throw new JsonProblem(`nested deeper than ${this.maxDepth} levels`);
    this.i++;
    this.space();
  }

  private object(depth: number): void {
    this.enter(depth);
    const keys = new Set<string>();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new JsonProblem(`expected a key at ${this.i}`);
      const key = this.string();
      if (keys.has(key)) throw new JsonProblem(`duplicate key ${JSON.stringify(key.slice(0, 40))}`);
      keys.add(key);
      this.space();
      if (this.text[this.i] !== ':') throw new JsonProblem(`expected ':' at ${this.i}`);
      this.i++;
      this.value(depth);
      this.space();
      const next = this.text[this.i++];
      if (next === '}') return;
      if (next !== ',') throw new JsonProblem(`expected ',' or '}' at ${this.i - 1}`);
    }
  }

  private array(depth: number): void {
    this.enter(depth);
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value(depth);
      this.space();
      const next = this.text[this.i++];
      if (next === ']') return;
      if (next !== ',') throw new JsonProblem(`expected ',' or ']' at ${this.i - 1}`);
    }
  }

  /** Scans a string literal and returns its decoded value (keys are compared decoded). */
  private string(): string {
    const t = this.text;
    const start = this.i++;
    let escaped = false;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        const raw = t.slice(start, this.i);
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      if (c < 0x20) throw new JsonProblem(`control character in a string at ${this.i}`);
      if (c === 0x5c) {
        escaped = true;
        const e = t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) {
            throw new JsonProblem(`bad \\u escape at ${this.i}`);
          }
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new JsonProblem(`bad escape at ${this.i}`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
    throw new JsonProblem('unterminated string');
  }

  private word(word: string): void {
    if (!this.text.startsWith(word, this.i)) throw new JsonProblem(`unexpected character at ${this.i}`);
    this.i += word.length;
  }
}

/** Parses JSON text strictly (see {@link StrictScanner}); a problem comes back as a message. */
export function parseStrictJson(
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    new StrictScanner(text, maxDepth).run();
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, problem: cause instanceof Error ? cause.message : 'not JSON' };
  }
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One base64url part of a compact JWS as a JSON object: canonical base64url, UTF-8 and strict
 * JSON, or a sentence that says which of them failed.
 */
export function decodeJsonPart(part: string, what: string): Record<string, unknown> | string {
  const bytes = decodeBase64url(part);
  if (!bytes) return `${what} is not canonical base64url`;
  const text = decodeUtf8(bytes);
  if (text === undefined) return `${what} is not valid UTF-8`;
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return `${what} is not strict JSON: ${parsed.problem}`;
  if (!isJsonObject(parsed.value)) return `${what} is not a JSON object`;
  return parsed.value;
}
