// The SmartServer product line and its release numbers (3.3, 3.3 Update 1, 4.2 …).
import * as z from 'zod/mini';
import { parseWith, fail, type Result } from './result.js';

export const EDITIONS = ['SmartServer', 'SmartServer Pi'] as const;
export type Edition = (typeof EDITIONS)[number];

/** A release: `major.minor`, optionally ` Update n` (a non-feature update, R17). */
export interface ReleaseVersion {
  major: number;
  minor: number;
  /** 0 for the release itself, n for "Update n". */
  update: number;
}

const VERSION_PATTERN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?: Update ([1-9]\d{0,2}))?$/;

/** The text form of a release, such as `3.3` or `3.3 Update 1`. */
export const VersionTextSchema = z
  .string()
  .check(
    z.maxLength(32, 'must be at most 32 characters'),
    z.regex(VERSION_PATTERN, 'must be a release such as 3.3, 4.2 or 3.3 Update 1'),
  );

/** Parses `3.3`, `4.0`, `3.3 Update 1`; anything else is `UNSUPPORTED_VERSION`. */
export function parseVersion(text: unknown): Result<ReleaseVersion> {
  const match = typeof text === 'string' && text.length <= 32 ? VERSION_PATTERN.exec(text) : null;
  if (!match) {
    const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, 40)) : typeof text;
    return fail('UNSUPPORTED_VERSION', 'SmartServer version', [
      { path: '', message: `${shown} is not a release such as 3.3, 4.2 or 3.3 Update 1` },
    ]);
  }
  return {
    ok: true,
    value: { major: Number(match[1]), minor: Number(match[2]), update: Number(match[3] ?? 0) },
  };
}

/** The text form of a parsed release. */
export function formatVersion(version: ReleaseVersion): string {
  const base = `${version.major}.${version.minor}`;
  return version.update > 0 ? `${base} Update ${version.update}` : base;
}

/** Orders two releases: negative when `a` is older. */
export function compareVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return a.major - b.major || a.minor - b.minor || a.update - b.update;
}

export const ProductSchema = z.strictObject({
  edition: z.enum(EDITIONS),
  version: VersionTextSchema,
});
export type Product = z.output<typeof ProductSchema>;

export const parseProduct = (input: unknown): Result<Product> => parseWith(ProductSchema, input, 'product');
