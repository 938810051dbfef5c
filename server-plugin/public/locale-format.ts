/**
 * Sizes and expiry as a recipient reads them, in their language. Sizes use decimal units
 * (1 GB = 10^9 bytes, as phones and file managers show them); gallery.js formats the
 * selection's size the same way.
 */
import { plural, type Locale, type PublicStrings } from './public-strings.js';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** `1.2 GB`, `1,2 Go`, `980 kB`: one decimal at most, the unit chosen so the number stays under 1000. */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "Available for 3 more days", or hours on the last day: whole units left, rounded down. */
export function timeLeft(expiresAt: Date, now: Date, locale: Locale, strings: PublicStrings): string {
  const left = expiresAt.getTime() - now.getTime();
  if (left >= DAY_MS) return plural(locale, strings.availableDays, Math.floor(left / DAY_MS));
  if (left >= HOUR_MS) return plural(locale, strings.availableHours, Math.floor(left / HOUR_MS));
  return strings.availableMinutes;
}

/** The instant in UTC, for pages read without script; gallery.js rewrites it in the reader's zone. */
export function formatUtc(when: Date, locale: Locale): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(when)} UTC`;
}
