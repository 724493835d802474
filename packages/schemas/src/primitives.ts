// Small building blocks shared by the record schemas: bounded text, ids, dates.
import * as z from 'zod/mini';

// C0 and C1 control characters, DEL; newline and tab are allowed only where noted.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** One line of text: 1..max characters, no control characters. */
export function lineText(max: number) {
  return z.string().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !CONTROL.test(s), 'must not contain control characters'),
  );
}

/** Free text such as a note: 0..max characters; newlines and tabs allowed. */
export function freeText(max: number) {
  return z.string().check(
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !CONTROL_BUT_NEWLINE_TAB.test(s), 'must not contain control characters'),
  );
}

/** A UUID in its canonical 8-4-4-4-12 hex form, any version, either case. */
export const uuid = z
  .string()
  .check(
    z.regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      'must be a UUID such as 2133c667-af41-4518-94df-a2bb3b775330',
    ),
  );

/** An instant as ISO 8601 text with a time zone (`Z` or `+01:00`). */
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a time zone, such as 2026-03-01T09:30:00Z',
});

/** A calendar day as `YYYY-MM-DD`. */
export const isoDate = z.iso.date({ message: 'must be a calendar date as YYYY-MM-DD' });

/** A whole number in `[min, max]`. */
export function intIn(min: number, max: number) {
  return z.int().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));
}

/** Keys an object from outside must never carry into ours. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A cross-field check: `rule` returns a list of `[path, message]` problems (empty when fine). */
export function crossCheck<T>(rule: (value: T) => Array<[PropertyKey[], string]>) {
  return z.check<T>((payload) => {
    // Field checks that failed but let parsing go on leave a value whose fields may be
    // the wrong type: a cross-field rule only runs on a value that passed them all.
    if (payload.issues.length > 0) return;
    for (const [path, message] of rule(payload.value)) {
      payload.issues.push({ code: 'custom', input: payload.value, path, message });
    }
  });
}

/**
 * A string-keyed map that refuses (instead of silently dropping) the reserved keys
 * `__proto__`, `constructor` and `prototype`.
 */
export function safeRecord<K extends z.ZodMiniType<string, string>, V extends z.ZodMiniType>(
  key: K,
  value: V,
) {
  const guard = z.custom<Record<string, unknown>>(
    (input) =>
      typeof input === 'object' &&
      input !== null &&
      !Array.isArray(input) &&
      !Object.keys(input).some((k) => FORBIDDEN_KEYS.has(k)),
    { error: 'must be an object without the reserved keys __proto__, constructor, prototype' },
  );
  return z.pipe(guard, z.record(key, value));
}
