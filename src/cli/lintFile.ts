/**
 * Linting one file's text, the same in the main thread and in a worker: plain data in
 * (structured-clonable), plain data out, which the cache stores as it is.
 */
import { createIncidentCore, detectEol, isProblem, ReportParser, type Config } from '../core';
import { sortJson, toJson, type JsonDiagnostic } from './format';
import { pathExistsInside } from './workspace';

/** What a file is linted with: its root's template, its config (overrides applied), its root. */
export interface LintProfile {
  readonly templateText: string | undefined;
  readonly config: Config;
  /** The workspace root evidence paths are looked up in. */
  readonly root: string;
  /** The root as messages name it (relative to the working directory). */
  readonly rootName?: string;
}

/** What every file of a run is linted with; `profiles` for files whose root or config differ (by index). */
export interface LintSettings extends LintProfile {
  readonly final: boolean;
  readonly now: Date;
  readonly today: string;
  readonly profiles?: readonly LintProfile[];
}

/** A diagnostic before the output names its file. */
export type FileDiagnostic = Omit<JsonDiagnostic, 'file'>;

export interface FileLint {
  /** Sorted by line, column and rule, as the output lists them. */
  readonly diagnostics: FileDiagnostic[];
  /** Every workspace path the rules asked about and the answer (null: outside the workspace), for the cache to check again. */
  readonly paths: [string, boolean | null][];
  /** With `fix`: the text after every safe fix (the diagnostics are this text's), when it differs. */
  readonly fixed?: { readonly text: string; readonly problems: number };
  /** With `fix`: whether Fix All would change nothing more in the text the diagnostics are of. */
  readonly fixClean?: boolean;
}

/**
 * Lints a file; with `onlyReports` (a file found in a folder, not named), only if it is a
 * report, else undefined. (That check parses the file's head: it is done here, on the
 * worker, not in the thread that reads and prints.)
 */
export type FileLinter = (text: string, fileName: string, onlyReports: boolean, profile?: number, fix?: boolean) => FileLint | undefined;

export function createFileLinter(settings: LintSettings): FileLinter {
  // One core per profile, made when its first file comes.
  const cores = new Map<number | undefined, ReturnType<typeof createIncidentCore>>();
  return (text, fileName, onlyReports, profileIndex, fix = false) => {
    const profile = profileIndex === undefined ? settings : settings.profiles![profileIndex]!;
    let core = cores.get(profileIndex);
    if (!core) cores.set(profileIndex, (core = createIncidentCore({ templateText: profile.templateText, config: profile.config })));
    // One parser per file: the head isReport parses is the lint's, and its sections are parsed
    // one by one even the first time (cheaper over many files: ReportParser's wholeFirstParse).
    const parser = new ReportParser({ wholeFirstParse: false });
    // A report of this folder's template: its shape, not only the shipped template's Incident ID.
    if (onlyReports && !core.isReport(text, parser)) return undefined;
    const asked = new Map<string, boolean | null>();
    const request = {
      mode: settings.final ? ('final' as const) : undefined,
      now: settings.now,
      today: settings.today,
      fileName,
      rootName: profile.rootName,
      parser,
      pathExists: (p: string) => {
        const answer = pathExistsInside(profile.root, p);
        asked.set(p, answer ?? null);
        return answer;
      },
    };
    // `lint --fix`: the editor's Fix All (the same core function), then the fixed text is linted.
    let fixed: FileLint['fixed'];
    let fixClean: boolean | undefined;
    let linted = text;
    if (fix) {
      // As in the editor, Fix All is for reports: a named file that is not one is linted, never rewritten.
      const after = core.isReport(text, parser) ? keepLineBreaks(text, core.fixAll(text, request).text) : text;
      if (after === text) fixClean = true;
      else {
        const before = core.lint(text, request).diagnostics.filter(isProblem).length;
        linted = after;
        // Fix All stops after a few passes: what it would still change is not "clean" for the cache.
        fixClean = core.fixAll(after, request).edit === undefined;
        fixed = { text: after, problems: before };
      }
    }
    const result = core.lint(linted, request);
    // Sorted here, one file at a time: the run lists files in the output's order.
    const diagnostics = sortJson(result.diagnostics.map((d) => toJson('', d))).map(withoutFile);
    if (fixed) fixed = { text: fixed.text, problems: Math.max(0, fixed.problems - result.diagnostics.filter(isProblem).length) };
    return { diagnostics, paths: [...asked], ...(fixed ? { fixed } : {}), ...(fixClean !== undefined ? { fixClean } : {}) };
  };
}

/**
 * The fixed text with the file's own line breaks: a file written with CRLF only stays CRLF
 * only (the fixes follow the text's line break, this guards any that did not).
 */
export function keepLineBreaks(original: string, fixed: string): string {
  if (fixed === original || detectEol(original) !== '\r\n' || /(?<!\r)\n/.test(original)) return fixed;
  return fixed.replace(/\r?\n/g, '\r\n');
}

export function withoutFile(d: JsonDiagnostic): FileDiagnostic {
  const { file: _file, ...rest } = d;
  return rest;
}

/** The diagnostic as the output prints it; `file` first, as in SPEC's JSON. */
export function withFile(file: string, d: FileDiagnostic): JsonDiagnostic {
  return { file, ...d };
}
