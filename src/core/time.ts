/** Dates and times as reports write them. Everything is UTC; nothing here reads the clock. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real `YYYY-MM-DD`, else undefined. */
export function parseDate(text: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}

export function isRealDate(text: string): boolean {
  return parseDate(text) !== undefined;
}

/** `YYYYMMDD` -> `YYYY-MM-DD` (not validated). */
export function compactToIsoDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Why `date` cannot be an incident's date (undefined when it can): a real `YYYY-MM-DD`,
 * not after today (UTC). A report is written during or after the incident, never before.
 */
export function incidentDateProblem(date: string, now: Date): string | undefined {
  if (parseDate(date) === undefined) return `"${date}" is not a date; expected YYYY-MM-DD, e.g. ${utcDate(now)}`;
  if (date > utcDate(now)) return `${date} is in the future; today is ${utcDate(now)} (UTC)`;
  return undefined;
}

export function utcTime(now: Date): string {
  return now.toISOString().slice(11, 16);
}

/** `2026-11-26T14:05:00Z` (seconds, no fraction). */
export function utcTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** `20261126T140500Z`, for file names. */
export function compactTimestamp(now: Date): string {
  return utcTimestamp(now).replace(/[-:]/g, '');
}

export type TimelineTime =
  | { readonly kind: 'ok'; readonly minutes: number; readonly explicitDate: boolean }
  | { readonly kind: 'empty' }
  | { readonly kind: 'placeholder' }
  /** A time with a non-UTC offset (or a `UTC` suffix): `utc` is how to write it, `minutes` its instant. */
  | { readonly kind: 'offset'; readonly offset: string; readonly utc: string | undefined; readonly minutes: number }
  | { readonly kind: 'invalid' };

const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_CLOCK = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;
/** `2026-10-20 16:05+02:00`, `2026-10-20 14:05 UTC`: the timeline's dated form with a zone. */
const DATE_CLOCK_ZONED = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;
/** ISO 8601 without a zone is local time to a reader: read as UTC, but to be written with Z. */
const ISO_NO_ZONE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** `18:20+01:00`, `18:20Z`, `18:20 UTC`: a clock with a zone but no date (on the report's Date). */
const ZONED_CLOCK = /^(\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;

/**
 * A timeline Time cell: `HH:MM` on the report's Date, `YYYY-MM-DD HH:MM`, or ISO 8601
 * ending in `Z`. Minutes count from 1970-01-01T00:00Z; without a report date, `HH:MM`
 * rows are placed on day 0, which keeps them comparable with each other.
 */
export function parseTimelineTime(text: string, reportDay: number | undefined): TimelineTime {
  const value = text.trim();
  if (value === '') return { kind: 'empty' };
  if (/^HH:MM$/i.test(value)) return { kind: 'placeholder' };
  const clock = CLOCK.exec(value);
  if (clock) {
    const minutes = clockMinutes(clock[1]!, clock[2]!, clock[3]);
    return minutes === undefined ? { kind: 'invalid' } : { kind: 'ok', minutes: (reportDay ?? 0) * 1440 + minutes, explicitDate: false };
  }
  const dateClock = DATE_CLOCK.exec(value);
  if (dateClock) {
    const day = parseDate(dateClock[1]!);
    const minutes = clockMinutes(dateClock[2]!, dateClock[3]!, dateClock[4]);
    return day === undefined || minutes === undefined ? { kind: 'invalid' } : { kind: 'ok', minutes: day * 1440 + minutes, explicitDate: true };
  }
  const dateClockZoned = DATE_CLOCK_ZONED.exec(value);
  if (dateClockZoned) {
    const day = parseDate(dateClockZoned[1]!);
    const minutes = clockMinutes(dateClockZoned[2]!, dateClockZoned[3]!, dateClockZoned[4]);
    if (day === undefined || minutes === undefined) return { kind: 'invalid' };
    const instant = day * 1440 + minutes - zoneMinutes(dateClockZoned[5]!);
    const utc = new Date(Math.round(instant * 60_000)).toISOString();
    return { kind: 'offset', offset: dateClockZoned[5]!, utc: `${utc.slice(0, 10)} ${utc.slice(11, dateClockZoned[4] ? 19 : 16)}`, minutes: instant };
  }
  const unzoned = ISO_NO_ZONE.exec(value);
  if (unzoned) {
    const day = parseDate(unzoned[1]!);
    const minutes = clockMinutes(unzoned[2]!, unzoned[3]!, unzoned[4]);
    if (day === undefined || minutes === undefined) return { kind: 'invalid' };
    return { kind: 'offset', offset: '', utc: `${value.replace(/\.\d+$/, '')}Z`, minutes: day * 1440 + minutes };
  }
  const zoned = ZONED_CLOCK.exec(value);
  if (zoned) {
    const minutes = clockMinutes(zoned[1]!, zoned[2]!, zoned[3]);
    if (minutes === undefined) return { kind: 'invalid' };
    const offsetMinutes = zoneMinutes(zoned[4]!);
    const instant = (reportDay ?? 0) * 1440 + minutes - offsetMinutes;
    const clock = (total: number): string => `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(Math.floor(total) % 60).padStart(2, '0')}`;
    // Still on the report's day in UTC: HH:MM; else the date must be written out.
    const sameDay = Math.floor(instant / 1440) === (reportDay ?? 0);
    const utc = sameDay ? clock(instant - (reportDay ?? 0) * 1440) : reportDay === undefined ? undefined : `${new Date(Math.floor(instant) * 60_000).toISOString().slice(0, 10)} ${clock(((instant % 1440) + 1440) % 1440)}`;
    return { kind: 'offset', offset: zoned[4]!, utc, minutes: instant };
  }
  const iso = ISO.exec(value);
  if (iso) {
    const day = parseDate(iso[1]!);
    const minutes = clockMinutes(iso[2]!, iso[3]!, iso[4]);
    if (day === undefined || minutes === undefined) return { kind: 'invalid' };
    const zone = iso[5]!;
    if (zone.toUpperCase() === 'Z') return { kind: 'ok', minutes: day * 1440 + minutes, explicitDate: true };
    const offsetMinutes = zoneMinutes(zone);
    if (offsetMinutes === 0) return { kind: 'offset', offset: zone, utc: `${iso[1]}T${iso[2]}:${iso[3]}${iso[4] ? `:${iso[4]}` : ''}Z`, minutes: day * 1440 + minutes };
    // `minutes` already holds the seconds (as a fraction).
    const utcMs = Math.round((day * 1440 + minutes - offsetMinutes) * 60_000);
    const utc = new Date(utcMs).toISOString();
    return { kind: 'offset', offset: zone, utc: iso[4] ? `${utc.slice(0, 19)}Z` : `${utc.slice(0, 16)}Z`, minutes: day * 1440 + minutes - offsetMinutes };
  }
  return { kind: 'invalid' };
}

/** `+01:00` -> 60, `-0530` -> -330, `Z`/`UTC`/`GMT` -> 0. */
function zoneMinutes(zone: string): number {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function clockMinutes(h: string, m: string, s: string | undefined): number | undefined {
  const [hours, minutes, seconds] = [Number(h), Number(m), s === undefined ? 0 : Number(s)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return hours * 60 + minutes + seconds / 60;
}
