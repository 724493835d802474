// Calendar days in a SmartServer's time zone, with Intl only (no date library, no Node built-ins).
import { PolicyError } from './errors.js';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building an Intl formatter costs far more than using one: keep one per zone for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) {
      throw new PolicyError('INVALID_TIME_ZONE', `${describe(timeZone)} is not an IANA time zone`);
    }
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new PolicyError('INVALID_TIME_ZONE', `${describe(timeZone)} is not an IANA time zone`);
    }
    // A hostile caller could pass endless distinct zones; the real set is a few hundred.
    if (formatters.size >= 1_000) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
}

/** Throws a PolicyError (caught by `guarded`) unless `timeZone` is usable. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (no 1900 offset for small years). */
function dayNumberOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / DAY_MS);
}

/** Parses `YYYY-MM-DD` to a day number, or throws `INVALID_TIME` for anything else. */
export function dayNumber(date: string, what = 'date'): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const number = dayNumberOf(year, month, day);
    // Rejects 2026-02-30 and friends, which setUTCFullYear would silently roll over.
    if (formatDay(number) === date) return number;
  }
  throw new PolicyError('INVALID_TIME', `${what}: ${describe(date)} is not a calendar date (YYYY-MM-DD)`);
}

/** The `YYYY-MM-DD` text of a day number. */
export function formatDay(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The calendar day an instant falls on in `timeZone`, as a day number. */
export function zonedDayNumber(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  return dayNumberOf(clock.year, clock.month, clock.day);
}

/** The calendar day an instant falls on in `timeZone`, as `YYYY-MM-DD`. */
export function zonedDay(instant: number, timeZone: string): string {
  return formatDay(zonedDayNumber(instant, timeZone));
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const clock = wallClock(whole, timeZone);
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return date.getTime() - whole;
}

/**
 * The first instant of a calendar day in `timeZone`. Two passes settle the offset across a
 * daylight-saving change; in the rare zone whose clocks skip midnight, the day starts at the
 * first wall time that exists.
 */
export function startOfDay(dayNumber: number, timeZone: string): number {
  const asUtc = dayNumber * DAY_MS;
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  if (zonedDayNumber(instant, timeZone) < dayNumber) instant += 3_600_000;
  return instant;
}

/** Adds whole years; 29 February becomes 28 February in a year without it. */
export function addYears(dayNumber: number, years: number): number {
  const date = new Date(dayNumber * DAY_MS);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth() + 1;
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return dayNumberOf(year, month, Math.min(date.getUTCDate(), lastDay.getUTCDate()));
}

/** Parses an instant given as a Date, ISO text or epoch milliseconds; throws `INVALID_TIME`. */
export function toInstant(value: Date | string | number, what: string): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : typeof value === 'number'
          ? value
          : Number.NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new PolicyError('INVALID_TIME', `${what}: ${describe(value)} is not a point in time`);
  }
  return ms;
}

const ZERO = 48;

/** Digits at `text[from..from+length)` as a number, or -1 if any is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days since 1970-01-01 of a Gregorian date, by arithmetic alone (era-based civil-to-days). */
function civilDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of an ISO 8601 date-time (NaN when it does not parse). The common form
 * `YYYY-MM-DDTHH:MM:SS[.fff]` with `Z` or `±HH:MM` is read by hand, several times faster than
 * `Date.parse`, which matters once per device for 100,000 devices; anything else goes to `Date.parse`.
 */
export function parseInstant(text: string): number {
  if (typeof text !== 'string') return Number.NaN;
  const length = text.length;
  if (
    length < 20 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return Date.parse(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return Date.parse(text);
  }
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (second < 0 || second > 59 || day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return Date.parse(text);
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    let scale = 100;
    at++;
    const first = at;
    while (at < length) {
      const digit = text.charCodeAt(at) - ZERO;
      if (digit < 0 || digit > 9) break;
      millis += digit * scale;
      scale /= 10;
      at++;
    }
    if (at === first) return Date.parse(text);
    millis = Math.floor(millis);
  }
  let offset: number;
  const zone = text.charCodeAt(at);
  if (zone === 90 && at + 1 === length) {
    offset = 0;
  } else if ((zone === 43 || zone === 45) && at + 6 === length && text.charCodeAt(at + 3) === 58) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Date.parse(text);
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else {
    return Date.parse(text);
  }
  return civilDays(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}
