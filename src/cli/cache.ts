/**
 * `lint --cache`: a file's diagnostics are reused while everything they depend on is
 * unchanged, else the file is linted again. What they depend on:
 *
 * - the tool's version and `--final`: one key for the whole file; another key drops every entry;
 * - the file's content and what it is linted with (its effective config, overrides applied,
 *   its root's template and its root): one SHA-256 over both; its name (the entry's key is its path);
 * - the evidence paths the rules looked up: each one is looked up again, and a different
 *   answer (a file created or deleted) means linting again;
 * - "today": rules compare today with the report's dates (a Date in the future, an action
 *   item overdue, a sign-off in the future) and print today in those messages. An entry
 *   records where today fell among the dates written in the report (how many are before
 *   it and how many equal to it), and the exact day only when a message names it; a run
 *   on another day reuses the entry while today has not moved past a date of the report.
 *   This holds while rules compare dates with today and do no date arithmetic (a test,
 *   test/unit/cli/cache.test.ts, checks it over the examples and generated reports);
 * - the clock: a suggested evidence file name holds the time of the lint
 *   (`rollback_20261126T140500Z.txt`); it is stored as a gap that a later run fills with
 *   its own time, which is what linting again would print (the same test checks that
 *   messages depend on the time in no other way);
 * - `lint --fix`: an entry serves it only when it records that Fix All changes nothing in
 *   that text (`fixClean`); a fixed file's entry is stored for its fixed text.
 *
 * The file is JSON with a format marker and version; anything else (truncated, another
 * tool's file, wrong types) is ignored with a note and rewritten. It is written to a
 * temporary file beside it and renamed over it, so a reader never sees half a cache.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Config, Severity } from '../core';
import type { FileDiagnostic, FileLint } from './lintFile';
import { pathExistsInside, readText } from './workspace';

export const CACHE_FILE_NAME = '.incident-report-cache';
const FORMAT = 'incident-report-cache';
const FORMAT_VERSION = 1;
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint'] satisfies Severity[];

/**
 * A diagnostic as stored: [ruleId, severity, line, column, endLine, endColumn, message]; a
 * message that held the time of the lint is the list of its parts around it.
 */
type StoredDiagnostic = [string, Severity, number, number, number, number, string | string[]];

interface Entry {
  /** SHA-256 of the text, base64. */
  hash: string;
  /** Whether the text is a report; null when it was linted because it was named, without asking. */
  report: boolean | null;
  /** Its diagnostics; null for a file found in a folder that is not a report. */
  lint: StoredLint | null;
}

interface StoredLint {
  /** todayPlace() when it was linted. */
  dates: string;
  /** The day it was linted, when a message names it; else null. */
  today: string | null;
  paths: [string, boolean | null][];
  diagnostics: StoredDiagnostic[];
  /** Whether Fix All changes nothing in the text (known when it was linted with --fix). */
  fixClean?: boolean;
}

/** What the cache knows of a file: its diagnostics, that it is no report, or nothing (lint it). */
export type Lookup = FileDiagnostic[] | 'not a report' | undefined;

/** Where `--cache-location` points: a folder (existing, or written with a trailing slash) holds the default name. */
export function cachePath(cwd: string, location: string | undefined, fileName = CACHE_FILE_NAME): string {
  if (location === undefined) return join(cwd, fileName);
  const full = resolve(cwd, location);
  const isFolder = /[\\/]$/.test(location) || (existsSync(full) && statSync(full).isDirectory());
  return isFolder ? join(full, fileName) : full;
}

/** The settings every entry depends on, as one key. */
export function settingsKey(settings: { templateText: string | undefined; config: Config; final: boolean }): string {
  return hash(canonicalJson({ template: settings.templateText === undefined ? null : hash(settings.templateText), config: settings.config, final: settings.final }));
}

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Dates as reports write them, `YYYY-MM-DD`, or `YYYYMMDD` as in an Incident ID or a file name. */
const DATE_LIKE = /(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)/g;

/**
 * Where today falls among the dates written in the text and file name: how many come before
 * it and how many are it. With the text unchanged, the same answer means every comparison of
 * one of its dates with today comes out the same. A `today` that is no real date is kept whole.
 */
export function todayPlace(text: string, fileName: string, today: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const real = day && new Date(`${today}T00:00:00Z`).toISOString().startsWith(today);
  if (!day || !real) return `=${today}`;
  const todayNumber = Number(day[1]! + day[2]! + day[3]!);
  let before = 0;
  let same = 0;
  for (const source of [text, fileName]) {
    for (const m of source.matchAll(DATE_LIKE)) {
      const n = Number(m[1]! + m[2]! + m[3]!);
      if (n < todayNumber) before++;
      else if (n === todayNumber) same++;
    }
  }
  return `${before}<${same}=`;
}

/**
 * A cache file: entries by path (relative to the file's folder, `/`-separated), under a header
 * naming its format, the tool's version and the settings every entry depends on. A file that
 * is not whole or not of this format is ignored with a note and rewritten; one of another
 * version of the tool or other settings is dropped without a note (its entries cannot be
 * right). It is written to a temporary file beside it and renamed over it, so a reader
 * never sees half a cache. Subclasses say what an entry is and when it still holds.
 */
export abstract class CacheFile<Entry> {
  /**
   * By path; an entry stored in this run is kept as its JSON text in a Buffer: a fraction of
   * the memory of the objects (a cold run over thousands of reports stores them all), and
   * outside the JS heap, whose next collection V8 schedules at a multiple of what it holds
   * (as strings, 2,000 entries raised the peak RSS of a cold run by ~60 MB).
   */
  private readonly entries = new Map<string, Entry | Buffer>();
  private readonly touched = new Set<string>();
  private changed = false;

  protected constructor(
    readonly path: string,
    private readonly header: CacheHeader,
  ) {}

  /** Reads the file into this cache; `validEntry` checks each entry's shape (nothing in it is trusted). */
  protected load(validEntry: (entry: unknown) => boolean, note: (message: string) => void): void {
    if (!existsSync(this.path)) {
      this.changed = true;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(readText(this.path, 'cache file'));
    } catch (error) {
      note(`${this.path}: ignoring the cache file (${error instanceof SyntaxError ? 'not JSON, or cut short' : (error as Error).message}); it will be rewritten`);
      this.changed = true;
      return;
    }
    const problem = invalid(data, this.header, validEntry);
    if (problem) {
      note(`${this.path}: ignoring the cache file (${problem}); it will be rewritten`);
      this.changed = true;
      return;
    }
    const valid = data as CacheHeader & { entries: Record<string, Entry> };
    if (valid.tool !== this.header.tool || valid.settings !== this.header.settings) {
      this.changed = true;
      return;
    }
    for (const [key, entry] of Object.entries(valid.entries)) this.entries.set(key, entry);
  }

  private key(file: string): string {
    return relative(dirname(this.path), file).split(sep).join('/');
  }

  /** The stored entry of `file`, if any; the file counts as seen in this run. */
  protected entry(file: string): Entry | undefined {
    const key = this.key(file);
    this.touched.add(key);
    const stored = this.entries.get(key);
    return Buffer.isBuffer(stored) ? (JSON.parse(stored.toString('utf8')) as Entry) : stored;
  }

  protected put(file: string, entry: Entry): void {
    const key = this.key(file);
    this.touched.add(key);
    this.changed = true;
    this.entries.set(key, Buffer.from(JSON.stringify(entry), 'utf8'));
  }

  /** A file of this run whose entry cannot be kept (unreadable, the template, not cacheable): its entry goes. */
  forget(file: string): void {
    const key = this.key(file);
    this.touched.add(key);
    if (this.entries.delete(key)) this.changed = true;
  }

  /** Writes the cache if anything changed: entries of files gone from disk are dropped. */
  save(): void {
    const dir = dirname(this.path);
    for (const key of [...this.entries.keys()]) {
      if (!this.touched.has(key) && !existsSync(resolve(dir, key))) {
        this.entries.delete(key);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      // The JSON of the header and entries, written entry by entry rather than built whole in memory.
      const fd = openSync(temporary, 'w');
      try {
        writeSync(fd, `${JSON.stringify(this.header).slice(0, -1)},"entries":{`);
        let first = true;
        for (const [key, entry] of this.entries) {
          writeSync(fd, `${first ? '' : ','}${JSON.stringify(key)}:`);
          if (Buffer.isBuffer(entry)) writeSync(fd, entry);
          else writeSync(fd, JSON.stringify(entry));
          first = false;
        }
        writeSync(fd, '}}');
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

/** What a cache file starts with: its format and version, then what its entries depend on. */
export interface CacheHeader {
  readonly format: string;
  readonly version: number;
  readonly tool: string;
  readonly settings: string;
}

export class LintCache extends CacheFile<Entry> {
  /** The time of this run as messages print it: `20261126T140500Z`. */
  private readonly stamp: string;

  private constructor(path: string, tool: string, settings: string, now: Date) {
    super(path, { format: FORMAT, version: FORMAT_VERSION, tool, settings });
    this.stamp = `${now.toISOString().slice(0, 19)}Z`.replace(/[-:]/g, '');
  }

  /** Reads the cache file, if any (see CacheFile). */
  static open(path: string, tool: string, settings: string, now: Date, note: (message: string) => void): LintCache {
    const cache = new LintCache(path, tool, settings, now);
    cache.load(validEntry, note);
    return cache;
  }

  /**
   * The stored diagnostics of `file` if they still hold for this text and today, or that it
   * is not a report (`onlyReports`: found in a folder); else undefined. With `fix`, only
   * diagnostics of a text Fix All would not change.
   */
  lookup(file: string, onlyReports: boolean, textHash: string, place: string, today: string, root: string, fix = false): Lookup {
    const entry = this.entry(file);
    if (!entry || entry.hash !== textHash) return undefined;
    if (onlyReports && entry.report !== true) return entry.report === false ? 'not a report' : undefined;
    const lint = entry.lint;
    if (!lint || lint.dates !== place || (lint.today !== null && lint.today !== today)) return undefined;
    if (fix && lint.fixClean !== true) return undefined;
    if (lint.paths.some(([p, answer]) => (pathExistsInside(root, p) ?? null) !== answer)) return undefined;
    return lint.diagnostics.map(([ruleId, severity, line, column, endLine, endColumn, message]) => ({ ruleId, severity, line, column, endLine, endColumn, message: typeof message === 'string' ? message : message.join(this.stamp) }));
  }

  /** What linting found: `result` undefined when `onlyReports` and the file is not a report; `text` is the text its diagnostics are of. */
  store(file: string, onlyReports: boolean, text: string, textHash: string, place: string, today: string, result: FileLint | undefined): void {
    if (!result) {
      this.put(file, { hash: textHash, report: false, lint: null });
      return;
    }
    // The report itself holds this second's stamp: a later run could not tell it from the
    // time of the lint (never the case in practice, but then the file is just not cached).
    if (text.includes(this.stamp)) {
      this.forget(file);
      return;
    }
    const lint: StoredLint = {
      dates: place,
      today: result.diagnostics.some((d) => d.message.includes(today)) ? today : null,
      paths: result.paths,
      diagnostics: result.diagnostics.map((d) => {
        const parts = d.message.split(this.stamp);
        return [d.ruleId, d.severity, d.line, d.column, d.endLine, d.endColumn, parts.length === 1 ? d.message : parts];
      }),
      ...(result.fixClean !== undefined ? { fixClean: result.fixClean } : {}),
    };
    this.put(file, { hash: textHash, report: onlyReports ? true : null, lint });
  }
}

/** Why `data` is not a cache file of ours, or undefined when it is one. */
function invalid(data: unknown, header: CacheHeader, validEntry: (entry: unknown) => boolean): string | undefined {
  if (!isObject(data) || data['format'] !== header.format) return `not an ${header.format.replace(/-cache$/, ' cache')}`;
  if (data['version'] !== header.version) return `cache format ${JSON.stringify(data['version'])}, expected ${header.version}`;
  if (typeof data['tool'] !== 'string' || typeof data['settings'] !== 'string' || !isObject(data['entries'])) return 'malformed header';
  for (const [key, entry] of Object.entries(data['entries'])) {
    if (!validEntry(entry)) return `malformed entry for ${JSON.stringify(key)}`;
  }
  return undefined;
}

function validEntry(entry: unknown): boolean {
  if (!isObject(entry)) return false;
  const { hash: h, report, lint } = entry;
  if (typeof h !== 'string' || !(report === null || typeof report === 'boolean')) return false;
  return lint === null ? report === false : report !== false && validLint(lint);
}

function validLint(lint: unknown): boolean {
  if (!isObject(lint)) return false;
  const { dates, today, paths, diagnostics, fixClean } = lint;
  if (typeof dates !== 'string' || !(today === null || typeof today === 'string')) return false;
  if (!(fixClean === undefined || typeof fixClean === 'boolean')) return false;
  if (!Array.isArray(paths) || !paths.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && (p[1] === null || typeof p[1] === 'boolean'))) return false;
  return (
    Array.isArray(diagnostics) &&
    diagnostics.every(
      (d) =>
        Array.isArray(d) &&
        d.length === 7 &&
        typeof d[0] === 'string' &&
        SEVERITIES.includes(d[1]) &&
        [d[2], d[3], d[4], d[5]].every((n) => Number.isInteger(n) && n >= 1) &&
        (typeof d[6] === 'string' || (Array.isArray(d[6]) && d[6].length >= 2 && d[6].every((part) => typeof part === 'string'))),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal settings give equal keys whatever their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}
