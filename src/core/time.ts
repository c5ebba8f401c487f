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

/**
 * `now` as a timeline written in `zone` says it: the date and clock there (UTC without a zone).
 * Undefined for a zone that cannot say (an ambiguous abbreviation such as `IST`).
 */
export function wallClock(now: Date, zone: Zone | undefined): { readonly date: string; readonly clock: string } | undefined {
  const offset = zone === undefined ? 0 : zone.kind === 'fixed' ? zone.minutes : zone.kind === 'iana' ? ianaOffsetMinutes(zone.name, Math.floor(now.getTime() / 60_000)) : undefined;
  if (offset === undefined) return undefined;
  const local = new Date(now.getTime() + offset * 60_000);
  return { date: utcDate(local), clock: utcTime(local) };
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
  /**
   * A time with a non-UTC offset or zone (or a `UTC` marker): `utc` is how to write it, `minutes`
   * its instant. `zone` names the zone when it was a name (`PDT`, `Europe/Paris`); `ambiguous`
   * says which zones an abbreviation may mean (no `utc` then, and `minutes` read as UTC);
   * `declared` marks a time without a zone of its own, read in the timeline's declared zone.
   */
  | {
      readonly kind: 'offset';
      readonly offset: string;
      readonly utc: string | undefined;
      readonly minutes: number;
      readonly zone?: string;
      readonly ambiguous?: string;
      readonly declared?: boolean;
    }
  | { readonly kind: 'invalid' };

/** How a timeline reads its times, beyond the cell itself (see `timelineZone.ts`). */
export interface TimeReading {
  /** The zone the timeline declares (`Time (PDT)`, "All times CET"): times without a zone are in it. */
  readonly zone?: Zone;
  /** The template's example time is date-only: a date alone is a row's time (midnight UTC of that day). */
  readonly dateOnly?: boolean;
  /** The template writes its times with `UTC`: a `UTC`-marked time is in the timeline's form. */
  readonly utcMarked?: boolean;
}

/**
 * A time zone as a timeline names it: a fixed offset (`-07:00`, `PDT`, `UTC+2`), an IANA name
 * (`America/Los_Angeles`: its offset depends on the date, read through Intl), or an ambiguous
 * abbreviation (`IST`, `CST`) that cannot be converted.
 */
export type Zone =
  | { readonly kind: 'fixed'; readonly name: string; readonly minutes: number }
  | { readonly kind: 'iana'; readonly name: string }
  | { readonly kind: 'ambiguous'; readonly name: string; readonly meanings: string };

/**
 * Zone abbreviations with one meaning in incident reports, and their offsets from UTC in
 * minutes. Fixed: `PDT` is always UTC-7 (the summer/winter choice is in the abbreviation).
 * docs/rules/timeline-time.md lists them; keep the two in step.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  PKT: 300, NPT: 345, ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480, PHT: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630,
  AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, HST: -600, AKST: -540, AKDT: -480, PST: -480, PDT: -420, MST: -420, MDT: -360,
  CDT: -300, EST: -300, EDT: -240, NST: -210, NDT: -150, BRT: -180, ART: -180,
};

/** Abbreviations that name several zones: reported as such, never converted. */
export const AMBIGUOUS_ZONES: Readonly<Record<string, string>> = {
  IST: 'India UTC+05:30, Ireland UTC+01:00 or Israel UTC+02:00',
  CST: 'US Central UTC-06:00, China UTC+08:00 or Cuba UTC-05:00',
  AST: 'Atlantic UTC-04:00 or Arabia UTC+03:00',
  GST: 'Gulf UTC+04:00 or South Georgia UTC-02:00',
  ECT: 'Ecuador UTC-05:00 or Eastern Caribbean UTC-04:00',
};

const NUMERIC_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const IANA_NAME = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/;

/** The zone a word names (`PDT`, `+0100`, `UTC-7`, `Europe/Paris`), else undefined. */
export function zoneByName(written: string): Zone | undefined {
  const name = written.trim();
  const upper = name.toUpperCase();
  if (Object.hasOwn(ZONE_ABBREVIATIONS, upper)) return { kind: 'fixed', name, minutes: ZONE_ABBREVIATIONS[upper]! };
  if (Object.hasOwn(AMBIGUOUS_ZONES, upper)) return { kind: 'ambiguous', name, meanings: AMBIGUOUS_ZONES[upper]! };
  const numeric = NUMERIC_OFFSET.exec(name);
  if (numeric) {
    const [hours, minutes] = [Number(numeric[2]), Number(numeric[3] ?? 0)];
    // `+0100` and `+01:00` have minutes; `+100` is not an offset.
    if (hours > 14 || minutes > 59 || (numeric[3] === undefined && numeric[2]!.length > 2)) return undefined;
    return { kind: 'fixed', name, minutes: (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes) };
  }
  if (IANA_NAME.test(name) && ianaOffsetMinutes(name, 0) !== undefined) return { kind: 'iana', name };
  return undefined;
}

/** The zone's offset from UTC at a UTC instant (minutes since epoch); undefined for an unknown IANA name. */
function ianaOffsetMinutes(zone: string, utcMinutes: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(utcMinutes * 60_000));
    const written = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (written === 'GMT') return 0;
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(written);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The UTC instant of a wall-clock time in a zone (both in minutes since epoch); undefined
 * when the zone cannot say (ambiguous). An IANA zone's offset is the one in force on that
 * date (DST included): found from the offset at the wall time read as UTC, then corrected once.
 */
function toUtc(local: number, zone: Zone): number | undefined {
  if (zone.kind === 'fixed') return local - zone.minutes;
  if (zone.kind === 'ambiguous') return undefined;
  const first = ianaOffsetMinutes(zone.name, local);
  if (first === undefined) return undefined;
  const second = ianaOffsetMinutes(zone.name, local - first);
  return second === undefined ? undefined : local - second;
}

/** Whether a zone is UTC under another name (`Z`, `GMT`, `+00:00`). */
function isUtcZone(zone: Zone): boolean {
  return zone.kind === 'fixed' && zone.minutes === 0;
}

/** The longest cell read as a time (`2026-10-20 09:05:30.250 America/Argentina/Buenos_Aires` is 55). */
const MAX_TIME_LENGTH = 100;

/** `**09:08**`, `` `09:09` ``, `_9:05_` -> the text inside; runs of spaces -> one. */
function unwrapMarkup(text: string): string {
  let value = text.trim();
  for (;;) {
    const inner = /^(\*\*|__|\*|_|`|~~)(.+)\1$/s.exec(value);
    if (!inner) break;
    value = inner[2]!.trim();
  }
  return value.replace(/\s+/g, ' ');
}

/** `2026-12-02`, `2026/12/02` (a day of the calendar, month and day of one or two digits). */
const DAY = String.raw`(\d{4})(?<sep>[-/])(\d{1,2})\k<sep>(\d{1,2})`;
/** `9:05`, `09:05:30`, `09:05:30.250`, `9:05 AM`. */
const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([AaPp])\.?[Mm]\.?(?![A-Za-z]))?`;
/** `2026-10-20T14:05Z`: ISO 8601, its zone (`Z` or a numeric offset) attached, or none. */
const ISO_FORM = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$`, 'i');
/** Everything else: `[UTC ]` `[date ]clock` `[ zone]`; a zone is a word, an offset or an IANA name. */
const WRITTEN_FORM = new RegExp(String.raw`^(?:(UTC|GMT) )?(?:${DAY} )?${CLOCK}(?: ?([A-Za-z]+(?:/[A-Za-z0-9_+-]+)+|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}))?$`);
const DATE_ONLY = new RegExp(`^${DAY}$`);

/**
 * A timeline Time cell as people write it. UTC forms (no diagnostic): `HH:MM` (also `9:05`,
 * `09:05:30`, `9:05 AM`) on the report's Date, `YYYY-MM-DD HH:MM` (or `YYYY/MM/DD`), ISO 8601
 * ending in `Z`; markup around it and extra spaces are ignored. A time with a zone of its own
 * (`09:05 PDT`, `14:00 CET`, `09:05 -07:00`, `+0100`, `Europe/Paris`) or, without one, in the
 * timeline's declared zone, is an `offset` with its UTC value. Minutes count from
 * 1970-01-01T00:00Z; without a report date, clock rows sit on day 0, comparable with each other.
 */
export function parseTimelineTime(text: string, reportDay: number | undefined, reading: TimeReading = {}): TimelineTime {
  // No time is this long; a hostile cell (`****…`) must not cost more than one look.
  if (text.length > MAX_TIME_LENGTH && text.trim().length > MAX_TIME_LENGTH) return { kind: 'invalid' };
  const value = unwrapMarkup(text);
  if (value === '') return { kind: 'empty' };
  if (/^HH:MM$/i.test(value)) return { kind: 'placeholder' };

  const iso = ISO_FORM.exec(value);
  if (iso) {
    const day = parseDate(`${iso[1]}-${iso[2]}-${iso[3]}`);
    const minutes = clockMinutes(iso[4]!, iso[5]!, iso[6], undefined);
    if (day === undefined || minutes === undefined) return { kind: 'invalid' };
    const local = day * 1440 + minutes;
    const written = iso[7];
    if (written?.toUpperCase() === 'Z') return { kind: 'ok', minutes: local, explicitDate: true };
    const isoUtc = (instant: number): string => {
      const utc = new Date(Math.round(instant * 60_000)).toISOString();
      return iso[6] ? `${utc.slice(0, 19)}Z` : `${utc.slice(0, 16)}Z`;
    };
    if (written === undefined) {
      // ISO 8601 without a zone is local time to a reader: in the declared zone, else read as UTC but to be written with Z.
      if (reading.zone && !isUtcZone(reading.zone)) return inZone(local, reading.zone, reading.zone.name, true, isoUtc);
      return { kind: 'offset', offset: '', utc: `${value.replace(/\.\d+$/, '')}Z`, minutes: local };
    }
    return inZone(local, zoneByName(written)!, written, false, isoUtc);
  }

  const form = WRITTEN_FORM.exec(value);
  if (form) {
    const [, prefix, year, , month, dayOfMonth, h, m, s, ampm, suffix] = form;
    if (prefix && suffix) return { kind: 'invalid' };
    const minutes = clockMinutes(h!, m!, s, ampm);
    if (minutes === undefined) return { kind: 'invalid' };
    const explicitDate = year !== undefined;
    const day = explicitDate ? parseDate(`${year}-${month!.padStart(2, '0')}-${dayOfMonth!.padStart(2, '0')}`) : reportDay ?? 0;
    if (day === undefined) return { kind: 'invalid' };
    const local = day * 1440 + minutes;
    const zoneText = prefix ?? suffix;
    const zone = zoneText === undefined ? undefined : zoneByName(zoneText);
    if (zoneText !== undefined && !zone) return { kind: 'invalid' };
    // Written as UTC in the template's own way: nothing to say.
    if (zone && isUtcZone(zone) && reading.utcMarked && /^(UTC|GMT|Z)$/i.test(zoneText!)) return { kind: 'ok', minutes: local, explicitDate };
    const effective = zone ?? (reading.zone && !isUtcZone(reading.zone) ? reading.zone : undefined);
    if (!effective) return { kind: 'ok', minutes: local, explicitDate };
    const seconds = s !== undefined;
    const written = (instant: number): string | undefined => {
      const utc = new Date(Math.round(instant * 60_000)).toISOString();
      const clock = utc.slice(11, seconds ? 19 : 16);
      // A clock on the report's Date stays a clock; on another day (or a dated row) it takes its date.
      if (!explicitDate && Math.floor(instant / 1440) === (reportDay ?? 0)) return clock;
      if (!explicitDate && reportDay === undefined) return undefined;
      return `${utc.slice(0, 10)} ${clock}`;
    };
    return inZone(local, effective, zone ? zoneText! : effective.name, !zone, written);
  }

  if (reading.dateOnly) {
    const date = DATE_ONLY.exec(value);
    const day = date ? parseDate(`${date[1]}-${date[3]!.padStart(2, '0')}-${date[4]!.padStart(2, '0')}`) : undefined;
    if (day !== undefined) return { kind: 'ok', minutes: day * 1440, explicitDate: true };
  }
  return { kind: 'invalid' };
}

/** A wall-clock time (`local`, minutes since epoch) in `zone`, as an `offset` reading with its UTC text. */
function inZone(local: number, zone: Zone, written: string, declared: boolean, utcText: (instant: number) => string | undefined): TimelineTime {
  const named = zone.kind !== 'fixed' || (/[A-Za-z]{2}/.test(written) && !isUtcZone(zone));
  const extra = { ...(named ? { zone: zone.name } : {}), ...(declared ? { declared: true } : {}) };
  const instant = toUtc(local, zone);
  if (instant === undefined) {
    return { kind: 'offset', offset: written, utc: undefined, minutes: local, ...extra, ...(zone.kind === 'ambiguous' ? { ambiguous: zone.meanings } : {}) };
  }
  return { kind: 'offset', offset: written, utc: utcText(instant), minutes: instant, ...extra };
}

/** `9`, `05`, `30`, `p` -> minutes into the day (21:05:30); undefined when out of range. */
function clockMinutes(h: string, m: string, s: string | undefined, ampm: string | undefined): number | undefined {
  let hours = Number(h);
  const [minutes, seconds] = [Number(m), s === undefined ? 0 : Number(s)];
  if (ampm) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return hours * 60 + minutes + seconds / 60;
}
