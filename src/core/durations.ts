/**
 * Durations as people write them in a report (`**Duration:** 2h 35m`), read and written.
 *
 * Read (case-insensitive, spaces optional between a number and its unit):
 * - one or more `<number> <unit>` parts: `2h 35m`, `2h35m`, `155 minutes`, `155 min`,
 *   `2 hours 35 minutes`, `1 hour 20 minutes`, `1d 3h`, `45m`, `90s`, `1w 2d`;
 *   parts may be joined by `,`, `and`, `&` or `+` (`2 hours and 35 minutes`);
 * - decimals in any part: `2.5 hours` is 150 minutes, `1.5h` is 90 (a decimal comma is not
 *   read: `2,5 hours` is a list separator followed by garbage);
 * - units: w/wk/wks/week(s), d/day(s), h/hr/hrs/hour(s), m/min/mins/minute(s),
 *   s/sec/secs/second(s). `m` is minutes, never months;
 * - ISO 8601 `PT2H35M` / `P1DT3H`;
 * - a leading `~`, `≈`, `about`, `approx.`, `approximately`, `around`, `roughly` or `ca.`
 *   (the value is still compared exactly);
 * - text after the duration: `2h 35m (detected 14:02, resolved 16:37)`, `155 minutes total`,
 *   `2h 35m, 14:02-16:37`, but not a number left without its unit (`2 hours 35`).
 *
 * Not read, on purpose: a bare number (`155`: minutes or hours?), clock forms (`2:35` reads
 * like a time of day, and `14:02-16:37` is a range, not a length), months and years.
 */

export interface ParsedDuration {
  /** Total minutes (may be fractional: `90s` is 1.5). */
  readonly minutes: number;
  /** Offset in the parsed text where the duration starts (an approximator included). */
  readonly start: number;
  /** Offset just after the duration's last unit. */
  readonly end: number;
}

const APPROX = /^(?:~|≈|about\b|approx\.|approx\b|approximately\b|around\b|roughly\b|ca\.)\s*/i;
const PART = /^(\d+(?:\.\d+)?)\s*(weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?!\p{L})/iu;
const JOINER = /^\s*(?:,|\band\b|&|\+)?\s*/i;
const ISO = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?(?![\p{L}\p{N}])/iu;

const UNIT_MINUTES: readonly [RegExp, number][] = [
  [/^(?:weeks?|wks?|w)$/i, 7 * 1440],
  [/^(?:days?|d)$/i, 1440],
  [/^(?:hours?|hrs?|h)$/i, 60],
  [/^(?:minutes?|mins?|m)$/i, 1],
  [/^(?:seconds?|secs?|s)$/i, 1 / 60],
];

function unitMinutes(unit: string): number {
  return UNIT_MINUTES.find(([pattern]) => pattern.test(unit))?.[1] ?? Number.NaN;
}

/** Reads the duration at the start of `text` (leading spaces allowed); undefined when there is none. */
export function parseDuration(text: string): ParsedDuration | undefined {
  const leading = text.length - text.trimStart().length;
  let rest = text.slice(leading);
  const start = leading;
  let at = leading;
  const approx = APPROX.exec(rest);
  if (approx) {
    at += approx[0].length;
    rest = rest.slice(approx[0].length);
  }

  const iso = ISO.exec(rest);
  if (iso && iso.slice(1).some((g) => g !== undefined) && !/T$/i.test(iso[0])) {
    const [w, d, h, m, s] = iso.slice(1).map((g) => (g === undefined ? 0 : Number(g)));
    const minutes = w! * 7 * 1440 + d! * 1440 + h! * 60 + m! + s! / 60;
    return followedByNumber(rest.slice(iso[0].length)) ? undefined : { minutes, start, end: at + iso[0].length };
  }

  let minutes = 0;
  let parts = 0;
  let end = at;
  let cursor = rest;
  let offset = at;
  for (;;) {
    const joiner = parts > 0 ? JOINER.exec(cursor)![0] : '';
    const part = PART.exec(cursor.slice(joiner.length));
    if (!part) break;
    minutes += Number(part[1]) * unitMinutes(part[2]!);
    parts++;
    const consumed = joiner.length + part[0].length;
    offset += consumed;
    end = offset;
    cursor = cursor.slice(consumed);
  }
  if (parts === 0 || !Number.isFinite(minutes)) return undefined;
  // `2 hours 35` leaves a number without its unit: not a duration we can trust.
  if (followedByNumber(cursor)) return undefined;
  return { minutes, start, end };
}

/** A number left without a unit right after the duration (`2 hours 35`); a time (`, 14:02`) is fine. */
function followedByNumber(rest: string): boolean {
  return /^\s*(?:,|\band\b|&|\+)?\s*\.?\d+(?:\.\d+)?(?![\d:.])/i.test(rest);
}

/**
 * `2h 35m`, `45m`, `3h`, `1d 3h 5m`, `0m`: whole minutes (rounded), zero parts left out,
 * days from 24 hours on (the form `parseDuration` reads back to the same minutes).
 */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', mins ? `${mins}m` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0m';
}
