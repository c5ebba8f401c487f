/**
 * Linting one file's text, the same in the main thread and in a worker: plain data in
 * (structured-clonable), plain data out, which the cache stores as it is.
 */
import { createIncidentCore, isReport, type Config } from '../core';
import { sortJson, toJson, type JsonDiagnostic } from './format';
import { pathExistsInside } from './workspace';

/** What every file of a run is linted with. */
export interface LintSettings {
  readonly templateText: string | undefined;
  readonly config: Config;
  readonly final: boolean;
  readonly now: Date;
  readonly today: string;
  /** The workspace root evidence paths are looked up in. */
  readonly root: string;
}

/** A diagnostic before the output names its file. */
export type FileDiagnostic = Omit<JsonDiagnostic, 'file'>;

export interface FileLint {
  /** Sorted by line, column and rule, as the output lists them. */
  readonly diagnostics: FileDiagnostic[];
  /** Every workspace path the rules asked about and the answer (null: outside the workspace), for the cache to check again. */
  readonly paths: [string, boolean | null][];
}

/**
 * Lints a file; with `onlyReports` (a file found in a folder, not named), only if it is a
 * report, else undefined. (That check parses the file's head: it is done here, on the
 * worker, not in the thread that reads and prints.)
 */
export type FileLinter = (text: string, fileName: string, onlyReports: boolean) => FileLint | undefined;

export function createFileLinter(settings: LintSettings): FileLinter {
  const core = createIncidentCore({ templateText: settings.templateText, config: settings.config });
  return (text, fileName, onlyReports) => {
    if (onlyReports && !isReport(text)) return undefined;
    const asked = new Map<string, boolean | null>();
    const result = core.lint(text, {
      mode: settings.final ? 'final' : undefined,
      now: settings.now,
      today: settings.today,
      fileName,
      pathExists: (p) => {
        const answer = pathExistsInside(settings.root, p);
        asked.set(p, answer ?? null);
        return answer;
      },
    });
    // Sorted here, one file at a time: the run lists files in the output's order.
    const diagnostics = sortJson(result.diagnostics.map((d) => toJson('', d))).map(withoutFile);
    return { diagnostics, paths: [...asked] };
  };
}

export function withoutFile(d: JsonDiagnostic): FileDiagnostic {
  const { file: _file, ...rest } = d;
  return rest;
}

/** The diagnostic as the output prints it; `file` first, as in SPEC's JSON. */
export function withFile(file: string, d: FileDiagnostic): JsonDiagnostic {
  return { file, ...d };
}
