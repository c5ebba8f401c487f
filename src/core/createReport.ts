import type { IncidentCore, NewReportOptions } from './index';
import { DEFAULT_ID_SCHEME, type IdScheme } from './ids';

/** The few file operations New Incident needs; the CLI and the editor each supply their own. */
export interface ReportStore {
  /** Names of the entries in the incidents folder (empty when it does not exist yet). */
  listNames(): Promise<readonly string[]>;
  /**
   * Creates `report.fileName` holding `report.text` unless that file or an entry that
   * `report.taken` says holds the same ID or number exists; never writes over anything.
   * Resolves false when taken.
   */
  createExclusive(report: { readonly id: string; readonly fileName: string; readonly text: string; readonly taken: (name: string) => boolean }): Promise<boolean>;
}

export interface CreatedReport {
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
}

const MAX_ATTEMPTS = 200;

/** Allocates the next free ID for the incident's day and creates the report, taking the next number on a clash. */
export async function createReport(core: IncidentCore, store: ReportStore, request: Omit<NewReportOptions, 'existingIds' | 'skip'>): Promise<CreatedReport> {
  for (let skip = 0; skip < MAX_ATTEMPTS; skip++) {
    const names = await store.listNames();
    const report = core.newReport({ ...request, existingIds: names, skip });
    if (await store.createExclusive(report)) return { id: report.id, fileName: report.fileName, text: report.text };
  }
  throw new Error(`Could not allocate an incident ID after ${MAX_ATTEMPTS} attempts; the incidents folder keeps changing.`);
}

/** Whether a folder entry name carries the given incident ID. */
export function nameHasId(name: string, id: string, scheme: IdScheme = DEFAULT_ID_SCHEME): boolean {
  return scheme.pattern.exec(name)?.[0] === id;
}
