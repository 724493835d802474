// Per-locale string tables. English is built in; other tables load on first use, so a page pays
// only for the languages it shows. A locale without a table falls back to English.
import { en, type LicStrings } from './en.js';

export type { CoreStrings, LicStrings, MaintenanceWording } from './en.js';
export type { PanelStrings } from './en-panels.js';
export { en };

// The English panel strings are not in `en`: the dialog's panels bring them when they load.
const tables = new Map<string, LicStrings>([['en', en as LicStrings]]);
const loaders: Record<string, () => Promise<LicStrings>> = {
  de: () => import('./de.js').then((m) => m.de),
};
const loading = new Map<string, Promise<LicStrings>>();

/** The language subtag of a BCP 47 tag: `de-CH` -> `de`. */
export const languageOf = (locale: string | undefined): string =>
  (locale || 'en').toLowerCase().split('-')[0] || 'en';

/** Adds or replaces the table of a language (e.g. `fr`). */
export function registerStrings(locale: string, table: LicStrings): void {
  tables.set(languageOf(locale), table);
}

/** The table for a locale if it is loaded; English otherwise (see {@link loadStrings}). */
export function stringsFor(locale: string | undefined): LicStrings {
  return tables.get(languageOf(locale)) ?? (en as LicStrings);
}

/** Whether the table of a locale is at hand, or none exists (so English is final). */
export function stringsReady(locale: string | undefined): boolean {
  const language = languageOf(locale);
  return tables.has(language) || !(language in loaders);
}

/** Loads the table of a locale (German ships with the package); resolves to English if there is none. */
export function loadStrings(locale: string | undefined): Promise<LicStrings> {
  const language = languageOf(locale);
  const known = tables.get(language);
  if (known) return Promise.resolve(known);
  const load = loaders[language];
  if (!load) return Promise.resolve(en as LicStrings);
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then((table) => {
      if (!tables.has(language)) tables.set(language, table);
      return tables.get(language)!;
    });
    loading.set(language, pending);
  }
  return pending;
}
