import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_INCIDENTS_DIR, REPORT_DEFINITION, createIncidentCore, incidentDateProblem } from '../core';
import { availableParallelism } from 'node:os';
import { LintCache, cachePath, hash, settingsKey, todayPlace } from './cache';
import { discover } from './files';
import { printable } from './format';
import { writeFixed } from './fixFile';
import { withFile, type FileDiagnostic, type FileLint, type LintProfile, type LintSettings } from './lintFile';
import { exportCommand } from './exportHtml';
import { actionsCommand, statsCommand } from './insights';
import { newCommand } from './newCommand';
import { templateCommand } from './templateCommand';
import { FORMATS, createWriter, type Format } from './output';
import { createPool, tuneGcForBatch } from './pool';
import { UsageError, configFor, displayPath, findPlace, loadWorkspace, neverLinted, readErrorReason, readTextFile, type Place, type Workspace } from './workspace';

import { VERSION } from './version';

/** What makes a Markdown file a report (core's isReport), as the CLI explains it. */

const HELP = `incident-report ${VERSION}: validate and create incident reports (Markdown).

Usage:
  incident-report lint [paths or globs...] [--format text|json|sarif|github|junit|codequality]
                       [--fix | --fix-dry-run] [--final] [--config FILE] [--root DIR]
                       [--today YYYY-MM-DD] [--jobs N] [--cache] [--cache-location FILE|DIR]
  incident-report new [--severity LEVEL] --title "..." [--date YYYY-MM-DD] [--dir incidents]
                      [--root DIR] [--config FILE] [--owner NAME]
  incident-report stats [paths...] [--format table|json|csv|markdown]
                        [--by severity,month,service] [--since YYYY-MM-DD]
                        [--cache] [--cache-location FILE|DIR]
  incident-report actions [paths...] [--overdue [--fail]] [--owner NAME] [--all]
                          [--format table|json|csv] [--cache] [--cache-location FILE|DIR]
  incident-report export FILE --html OUT [--force]
  incident-report template check [FILE] [--format text|json] [--root DIR] [--config FILE]
  incident-report --help | --version

lint   Directories are searched for *.md reports (files with an **Incident ID:** field
       or report front matter, or with the team template's shape); files named
       explicitly are always linted. The team
       template, README files and the config's "exclude" globs are never linted when
       found in a folder or by a glob.
       Exit 0: no error-level diagnostic; 1: at least one; 2: bad usage, unreadable input,
       no report found, or a config (or one it extends) that cannot be read or used. An invalid key in a
       config is a warning: that key is ignored, the rest applies, the exit code is unchanged.
       --format   text (default), json, sarif (SARIF 2.1.0), github (Actions annotations),
                  junit (JUnit XML), codequality (GitLab Code Quality)
       --fix      apply every safe fix (the editor's Fix All) and write the reports that
                  change (atomically); prints what it fixed; exit code and diagnostics
                  are of the fixed text
       --fix-dry-run  print the fixes as a unified diff instead of writing them
       --final    apply final severities whatever the report's Status
       --config   config file for every report (default: each report's nearest
                  .incident-report.json|.yaml, walking up to its root)
       --root     root for config, template and evidence paths (default: for each report,
                  the nearest folder with a config file or .git above it)
       --today    the date "today" is for rules that need one (default: now, UTC)
       --jobs     threads to lint on (default: the number of cores); same output
       --cache    re-lint only files whose content, config, template, tool version
                  or date checks changed; the others' diagnostics come from the cache
       --cache-location  the cache file, or a folder for it (default: ./.incident-report-cache)
template check  Prints what was understood of a template (FILE, else the workspace's
       team template, else the shipped one): sections, fields, tables and column
       roles, severity levels, checklists, placeholders, evidence slots, milestone
       words, and what is ambiguous. Exit 0: usable; 1: no ## section or no
       severity levels; 2: unreadable, or a path leading outside the root.
new    Writes a new report (next free INC-YYYYMMDD-NNN for the incident's day, UTC) into
       --dir (default: the config's incidentsDir, else incidents/), prints its path,
       and never overwrites a file (a name taken gives the next number). The config is
       the target folder's nearest, as for lint. The template's front matter keys,
       H1 and time format are kept; the config's "fileName" names the file.
       --severity one of the template's levels (needed only when it lists some)
       --date     the incident's day for a report written later (not after today)
stats  Count, time to detect / acknowledge / mitigate / restore / resolve (median and p90,
       nearest rank) and open / overdue action items per group. --by groups by severity,
       month (of the Date) and service (front matter Service; "unknown" without one);
       --since keeps reports dated on or after the date. Reports lacking a milestone row
       are counted and listed apart.
actions  Open action items across reports, overdue first (--all: done ones too);
       --owner keeps one person's (whole words, case ignored); --overdue only overdue
       ones; with --fail, exit 1 when any is overdue.
export Writes FILE as one self-contained HTML file (sanitised, no external resources,
       a print stylesheet, its metrics and timeline chart); never over an existing OUT
       unless --force.
stats, actions and export take --root and --config, stats and actions --today, like lint.
stats and actions take --cache: each report's facts are kept by the hash of its text (with
       the tool version, template and config), so unchanged reports are not parsed again;
       --cache-location as for lint (default: ./.incident-report-insights-cache).
`;

export interface Io {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  readonly now: () => Date;
  /** A script that runs as a lint worker (the built CLI, dist/cli.js); without one, files are linted in this thread. */
  readonly workerScript?: string;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(VERSION);
      return 0;
    }
    if (command === 'lint') return await lintCommand(rest, io);
    if (command === 'new') return await newCmd(rest, io);
    if (command === 'stats') return await statsCommand(rest, io, HELP);
    if (command === 'actions') return await actionsCommand(rest, io, HELP);
    if (command === 'export') return await exportCommand(rest, io, HELP);
    if (command === 'template') return await templateCommand(rest, io, HELP);
    throw new UsageError(`unknown command "${command}"; expected lint, new, stats, actions, export or template (see --help)`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`incident-report: ${(error as Error).message}`);
      return 2;
    }
    io.err(`incident-report: unexpected failure: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}

async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      final: { type: 'boolean', default: false },
      config: { type: 'string' },
      root: { type: 'string' },
      today: { type: 'string' },
      jobs: { type: 'string' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: expected ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}`);
  const dryRun = values['fix-dry-run'];
  const fix = values.fix || dryRun;
  if (values.fix && dryRun) throw new UsageError('--fix and --fix-dry-run: give one (--fix-dry-run writes nothing)');
  // The diff is the output: diagnostics in another format would be mixed into it.
  if (dryRun && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff; it takes no --format ${format}`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today ${values.today}: expected YYYY-MM-DD`);
  if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(`--jobs ${values.jobs}: expected a positive whole number (threads to lint on)`);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  const cores = availableParallelism();
  const jobs = values.jobs === undefined ? cores : Number(values.jobs);
  // Threads on every core: V8's GC without helper threads (pool.ts). Not for a run in this thread alone.
  if (io.workerScript !== undefined && jobs > 1 && jobs >= cores) tuneGcForBatch();

  const explicitRoot = values.root === undefined ? undefined : resolve(io.cwd, values.root);
  if (explicitRoot !== undefined && (!existsSync(explicitRoot) || !statSync(explicitRoot).isDirectory())) throw new UsageError(`--root ${values.root}: not a directory`);
  const configFlag = values.config === undefined ? undefined : resolve(io.cwd, values.config);
  const now = io.now();
  const today = values.today ?? now.toISOString().slice(0, 10);
  // Files are found with the working directory (or --root) as the wall for links, as before;
  // each file's root and config are then found from its own folder.
  const { targets, problems } = discover(positionals.length ? positionals : [explicitRoot ?? io.cwd], io.cwd, explicitRoot ?? io.cwd);

  // Each file's place (root and config), its workspace (config chain, template) and its
  // profile (the config with overrides applied for its path): each loaded once.
  const places = new Map<string, Place>();
  const workspaces = new Map<string, Workspace>();
  const profiles: LintProfile[] = [];
  const profileIndex = new Map<string, number>();
  const workspaceOf = async (dir: string): Promise<Workspace> => {
    let place = places.get(dir);
    if (!place) places.set(dir, (place = findPlace(dir, explicitRoot, io.cwd)));
    const key = `${place.root}\0${configFlag ?? place.configPath ?? ''}`;
    let workspace = workspaces.get(key);
    if (!workspace) {
      const loaded = await loadWorkspace(place, { cwd: io.cwd, explicitRoot, configFlag });
      // A key that is not valid is left out alone; the rest of the file applies (exit code unchanged).
      for (const warning of loaded.warnings) io.err(`incident-report: warning: ${warning}`);
      workspaces.set(key, (workspace = loaded));
    }
    return workspace;
  };
  const files: { path: string; explicit: boolean; display: string; workspace: Workspace; profile: number; profileKey: string }[] = [];
  // The config and template of each folder named (or the working directory) are checked even when it holds no report.
  for (const start of positionals.length ? positionals : [explicitRoot ?? io.cwd]) {
    const full = resolve(io.cwd, start);
    if (existsSync(full)) await workspaceOf(statSync(full).isDirectory() ? full : dirname(full));
  }
  // Files found in a folder or by a glob that are never linted: the team template, README files, `exclude`.
  let skipped = 0;
  for (const target of targets) {
    const workspace = await workspaceOf(dirname(target.path));
    if (neverLinted(workspace, target)) {
      skipped++;
      continue;
    }
    const profile: LintProfile = { templateText: workspace.templateText, config: configFor(workspace, target.path), root: workspace.root, rootName: displayPath(io.cwd, workspace.root) };
    const profileKey = settingsKey({ templateText: profile.templateText, config: profile.config, final: values.final }) + profile.root + '\0' + profile.rootName;
    let index = profileIndex.get(profileKey);
    if (index === undefined) {
      profileIndex.set(profileKey, (index = profiles.length));
      profiles.push(profile);
    }
    // Files in the output's order (sortJson's: by the name printed), so each file's
    // diagnostics are printed as soon as it and the files before it are linted.
    files.push({ ...target, display: relative(io.cwd, target.path) || basename(target.path), workspace, profile: index, profileKey });
  }
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const first = profiles[0] ?? { templateText: undefined, config: {}, root: explicitRoot ?? io.cwd };
  const settings: LintSettings = { ...first, final: values.final, now, today, profiles };
  const core = createIncidentCore({ templateText: first.templateText, config: first.config });
  // Each entry's hash covers its profile (config, template, root): one cache serves files of several configs.
  const cache = values.cache ? LintCache.open(cachePath(io.cwd, values['cache-location']), VERSION, settingsKey({ templateText: undefined, config: {}, final: values.final }), now, (note) => io.err(`incident-report: ${note}`)) : undefined;

  // SARIF's rule levels are the configured ones: final unless the run or the config says draft.
  const ruleMode = !values.final && first.config.mode === 'draft' ? 'draft' : 'final';
  const rules = core.rules.map((r) => ({ id: r.id, description: r.description, docsUrl: r.docsUrl, level: core.ruleSeverity(r.id, ruleMode) ?? 'off' }));
  const writer = createWriter(format, io.out, { rules, version: VERSION });
  const pool = createPool(settings, jobs, io.workerScript);
  let linted = 0;
  let errors = false;
  let fixedFiles = 0;
  let fixedProblems = 0;
  type Fixed = { text: string; original: string; bytes: Buffer; problems: number };
  type Outcome = { path: string; root: string; display: string; diagnostics: FileDiagnostic[]; fixed?: Fixed; store?: () => void } | { problem: string } | undefined;
  const emit = (outcome: Outcome): void => {
    if (outcome === undefined) return;
    if ('problem' in outcome) {
      problems.push(outcome.problem);
      return;
    }
    const fixed = outcome.fixed;
    if (fixed && dryRun) {
      const name = printable(outcome.display);
      io.out(unprintableEscaped(createTwoFilesPatch(`a/${name}`, `b/${name}`, fixed.original, fixed.text)));
    } else if (fixed) {
      try {
        writeFixed(outcome.path, outcome.root, fixed.bytes, fixed.text);
      } catch (error) {
        // Left as it was: its diagnostics (of a text not written) are not printed.
        cache?.forget(outcome.path);
        problems.push((error as Error).message);
        return;
      }
      const line = `${printable(outcome.display)}: fixed ${fixed.problems} problem${fixed.problems === 1 ? '' : 's'}`;
      // The machine formats keep stdout to themselves.
      if (format === 'text') io.out(line);
      else io.err(`incident-report: ${line}`);
    }
    if (fixed) {
      fixedFiles++;
      fixedProblems += fixed.problems;
    }
    outcome.store?.();
    linted++;
    if (outcome.diagnostics.some((d) => d.severity === 'error')) errors = true;
    if (!dryRun) writer.file(outcome.diagnostics.map((d) => withFile(outcome.display, d)), outcome.display);
  };
  const lintOne = (file: (typeof files)[number]): Outcome | Promise<Outcome> => {
    let text: string;
    let bytes: Buffer;
    try {
      ({ text, bytes } = readTextFile(file.path, 'report'));
    } catch (error) {
      cache?.forget(file.path);
      return { problem: (error as Error).message };
    }
    const fileName = basename(file.path);
    // A file found in a folder is linted only if it is a report (which the linter checks).
    const onlyReports = !file.explicit;
    const root = profiles[file.profile]!.root;
    // The team template (named explicitly) is linted but never fixed: its placeholders are meant.
    const fixThis = fix && file.path !== file.workspace.templatePath;
    const outcome = (result: FileLint | undefined): Outcome =>
      result && { path: file.path, root, display: file.display, diagnostics: result.diagnostics, ...(result.fixed ? { fixed: { ...result.fixed, original: text, bytes } } : {}) };
    if (!cache) return pool.lint(text, fileName, onlyReports, file.profile, fixThis).then(outcome);
    const hashOf = (content: string): string => hash(`${file.profileKey}\n${content}`);
    const textHash = hashOf(text);
    const place = todayPlace(text, fileName, today);
    const cached = cache.lookup(file.path, onlyReports, textHash, place, today, root, fixThis);
    if (cached === 'not a report') return undefined;
    if (cached) return { path: file.path, root, display: file.display, diagnostics: cached };
    return pool.lint(text, fileName, onlyReports, file.profile, fixThis).then((result) => {
      const done = outcome(result);
      if (!result?.fixed) cache.store(file.path, onlyReports, text, textHash, place, today, result);
      // A fixed file's entry is of its fixed text, stored once that is written (a dry run writes nothing).
      else if (!dryRun && done && !('problem' in done)) {
        const fixedText = result.fixed.text;
        done.store = () => cache.store(file.path, onlyReports, fixedText, hashOf(fixedText), todayPlace(fixedText, fileName, today), today, result);
      }
      return done;
    });
  };

  // A window of files read and linting ahead of the one printed next: every thread is kept
  // busy, and memory holds at most the window's texts and results, whatever the file count.
  const window = Math.max(16, jobs * 8);
  const ahead: (Outcome | Promise<Outcome>)[] = [];
  try {
    for (const file of files) {
      const outcome = lintOne(file);
      // Marked handled now: a failing worker rejects every file it was given, and all but
      // the first would otherwise be unhandled rejections (which end the process).
      if (outcome instanceof Promise) outcome.catch(() => undefined);
      ahead.push(outcome);
      while (ahead.length >= window) emit(await ahead.shift());
    }
    while (ahead.length > 0) emit(await ahead.shift());
  } finally {
    await pool.close();
  }
  if (!dryRun) writer.end(linted);
  if (dryRun && fixedFiles > 0) io.err(`incident-report: --fix-dry-run: would fix ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} report${fixedFiles === 1 ? '' : 's'}`);


  if (cache) {
    try {
      cache.save();
    } catch (error) {
      io.err(`incident-report: ${cache.path}: cannot write the cache file: ${readErrorReason(error)}`);
    }
  }
  for (const problem of problems) io.err(`incident-report: ${problem}`);
  if (problems.length > 0) return 2;
  // A CI job that checks nothing must not stay green: finding no report is an input problem.
  if (linted === 0) {
    const where = positionals.length ? positionals.join(' ') : displayPath(io.cwd, explicitRoot ?? io.cwd);
    const seen = `${targets.length} Markdown file${targets.length === 1 ? '' : 's'} looked at${skipped ? ` (${skipped} never linted: the team template, README files or the config's "exclude")` : ''}`;
    io.err(`incident-report: ${printable(where)}: no report found (${REPORT_DEFINITION}); ${seen}`);
    return 2;
  }
  return errors ? 1 : 0;
}

async function newCmd(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      severity: { type: 'string' },
      title: { type: 'string' },
      dir: { type: 'string' },
      root: { type: 'string' },
      config: { type: 'string' },
      owner: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const explicitRoot = values.root === undefined ? undefined : resolve(io.cwd, values.root);
  const configFlag = values.config === undefined ? undefined : resolve(io.cwd, values.config);
  // The config that applies is the target folder's nearest (as for lint); without --dir, the one of --root or the working directory.
  const target = values.dir === undefined ? undefined : resolve(io.cwd, values.dir);
  const place = findPlace(target ?? explicitRoot ?? io.cwd, explicitRoot, explicitRoot ?? io.cwd);
  const workspace = await loadWorkspace(place, { cwd: io.cwd, explicitRoot, configFlag });
  for (const warning of workspace.warnings) io.err(`incident-report: warning: ${warning}`);
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const levels = core.template.severityLevels.map((l) => l.word.toLowerCase()).join('|');
  const template = workspace.templatePath ? ` ${relative(io.cwd, workspace.templatePath) || workspace.templatePath}` : '';
  // A template without severity levels needs none; one with levels needs one of them.
  if (!levels && values.severity !== undefined) throw new UsageError(`new: --severity ${values.severity}: the template${template} lists no severity levels; leave out --severity, or write them on its Severity line, e.g. "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor"`);
  if (levels && !values.severity) throw new UsageError(`new: --severity ${levels} is required`);
  if (levels && !core.severityLevel(values.severity!)) throw new UsageError(`new: --severity ${values.severity}: expected ${levels}`);
  const title = (values.title ?? '').trim();
  if (!title) throw new UsageError('new: --title "..." is required');
  if (/[\r\n]/.test(title)) throw new UsageError('new: --title must be one line');
  const now = io.now();
  const dateProblem = values.date === undefined ? undefined : incidentDateProblem(values.date, now);
  if (dateProblem) throw new UsageError(`new: --date ${dateProblem}`);
  const dir = target ?? join(workspace.root, workspace.config.incidentsDir ?? DEFAULT_INCIDENTS_DIR);
  const path = await newCommand(core, dir, { title, severity: values.severity, now, date: values.date, owner: values.owner });
  io.out(relative(io.cwd, path) || path);
  return 0;
}

/**
 * A diff as inert terminal output: control characters other than tab and line breaks are
 * escaped as printable() writes them (a report holding one gives a diff that no longer
 * applies, but never a terminal escape sequence or a forged CI line).
 */
function unprintableEscaped(diff: string): string {
  return diff.replace(/[^\t\r\n]+/g, (run) => printable(run));
}
