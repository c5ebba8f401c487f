/**
 * `stats --cache` and `actions --cache`: each report's facts (src/core/insights.ts) kept by
 * the hash of its text, so a run over thousands of unchanged reports reads and hashes them
 * instead of parsing them. What facts depend on:
 *
 * - the tool's version, the template and the config: the cache's settings key; another key
 *   drops every entry;
 * - the text: the entry's hash;
 * - today: only which action items are overdue, which is read again from the stored due
 *   date and state on every run (core `factsOn`), so the entry serves any day.
 *
 * Stored facts are checked field by field on reading (a hand-edited or foreign file is
 * ignored with a note and rewritten, never trusted); the file is written atomically.
 */
import * as z from 'zod/mini';
import { factsOn, METRIC_IDS, MILESTONE_IDS, type IncidentFacts, type MetricId } from '../core';
import { CacheFile, canonicalJson, hash } from './cache';

export const INSIGHTS_CACHE_FILE_NAME = '.incident-report-insights-cache';
const FORMAT = 'incident-report-insights-cache';
const FORMAT_VERSION = 1;

const storedFacts = z.strictObject({
  id: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.string()),
  open: z.boolean(),
  severity: z.optional(z.string()),
  date: z.optional(z.string()),
  services: z.array(z.string()),
  minutes: z.partialRecord(z.enum(METRIC_IDS as [MetricId, ...MetricId[]]), z.number()),
  missingMilestones: z.array(z.enum(MILESTONE_IDS)),
  actionItems: z.array(
    z.strictObject({
      action: z.string(),
      owner: z.string(),
      due: z.string(),
      status: z.string(),
      done: z.boolean(),
      overdue: z.boolean(),
      line: z.number().check(z.int(), z.nonnegative()),
    }),
  ),
});

const entrySchema = z.strictObject({
  /** SHA-256 of the text, base64. */
  hash: z.string(),
  /** The report's facts; null when the text is no report. */
  facts: z.nullable(storedFacts),
});
/** An entry as stored; entrySchema checks each one read from the file. */
interface Entry {
  readonly hash: string;
  readonly facts: IncidentFacts | null;
}

/** What the cache knows of a file: its facts, that it is no report (null), or nothing (undefined: read it). */
export type FactsLookup = IncidentFacts | null | undefined;

export class InsightsCache extends CacheFile<Entry> {
  private constructor(path: string, tool: string, settings: string) {
    super(path, { format: FORMAT, version: FORMAT_VERSION, tool, settings });
  }

  /** Reads the cache file, if any (see CacheFile); `settings` from insightsSettingsKey. */
  static open(path: string, tool: string, settings: string, note: (message: string) => void): InsightsCache {
    const cache = new InsightsCache(path, tool, settings);
    cache.load((entry) => entrySchema.safeParse(entry).success, note);
    return cache;
  }

  /** The stored facts of `file` on `today` when its text is unchanged. */
  lookup(file: string, textHash: string, today: string): FactsLookup {
    const entry = this.entry(file);
    if (!entry || entry.hash !== textHash) return undefined;
    return entry.facts === null ? null : factsOn(entry.facts, today);
  }

  /** The facts read from a text (undefined: it is no report). */
  store(file: string, textHash: string, facts: IncidentFacts | undefined): void {
    this.put(file, { hash: textHash, facts: facts ?? null });
  }
}

/** The settings every entry depends on, as one key: the template's text and the config. */
export function insightsSettingsKey(templateText: string | undefined, config: unknown): string {
  return hash(canonicalJson({ template: templateText === undefined ? null : hash(templateText), config }));
}
