import { parseArgs } from 'node:util';
import { basename, join, relative, resolve } from 'node:path';
import { DEFAULT_INCIDENTS_DIR, createIncidentCore } from '../core';
import { availableParallelism } from 'node:os';
import { LintCache, cachePath, hash, settingsKey, todayPlace } from './cache';
import { discover } from './files';
import { withFile, type FileDiagnostic, type FileLint, type LintSettings } from './lintFile';
import { exportCommand } from './exportHtml';
import { actionsCommand, statsCommand } from './insights';
import { newCommand } from './newCommand';
import { createWriter } from './output';
import { createPool } from './pool';
import { UsageError, loadWorkspace, readErrorReason, readText } from './workspace';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const HELP = `incident-report ${VERSION}: validate and create incident reports (Markdown).

Usage:
  incident-report lint [paths or globs...] [--format text|json|sarif] [--final]
                       [--config FILE] [--root DIR] [--today YYYY-MM-DD]
                       [--jobs N] [--cache] [--cache-location FILE|DIR]
  incident-report new --severity critical|major|minor --title "..." [--dir incidents] [--root DIR]
  incident-report stats [paths...] [--format table|json|csv|markdown]
                        [--by severity,month,service] [--since YYYY-MM-DD]
  incident-report actions [paths...] [--overdue [--fail]] [--owner NAME] [--all]
                          [--format table|json|csv]
  incident-report export FILE --html OUT [--force]
  incident-report --help | --version

lint   Directories are searched for *.md reports (files with an **Incident ID:** field
       or report front matter); files named explicitly are always linted.
       Exit 0: no error-level diagnostic; 1: at least one; 2: bad usage or unreadable input.
       --final    apply final severities whatever the report's Status
       --config   config file (default: .incident-report.json|.yaml at --root)
       --root     workspace root for config, template and evidence paths (default: .)
       --today    the date "today" is for rules that need one (default: now, UTC)
       --jobs     threads to lint on (default: the number of cores); same output
       --cache    re-lint only files whose content, config, template, tool version
                  or date checks changed; the others' diagnostics come from the cache
       --cache-location  the cache file, or a folder for it (default: ./.incident-report-cache)
new    Writes a new report (next free INC-YYYYMMDD-NNN for today, UTC) into --dir
       (default: the config's incidentsDir, else incidents/), prints its path,
       and never overwrites a file.
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
    if (command === 'stats') return statsCommand(rest, io, HELP);
    if (command === 'actions') return actionsCommand(rest, io, HELP);
    if (command === 'export') return exportCommand(rest, io, HELP);
    throw new UsageError(`unknown command "${command}"; expected lint, new, stats, actions or export (see --help)`);
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
      root: { type: 'string', default: '.' },
      today: { type: 'string' },
      jobs: { type: 'string' },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format ${format}: expected text, json or sarif`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today ${values.today}: expected YYYY-MM-DD`);
  if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(`--jobs ${values.jobs}: expected a positive whole number (threads to lint on)`);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);

  const root = resolve(io.cwd, values.root);
  const workspace = loadWorkspace(root, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const now = io.now();
  const today = values.today ?? now.toISOString().slice(0, 10);
  const settings: LintSettings = { templateText: workspace.templateText, config: workspace.config, final: values.final, now, today, root: workspace.root };
  const { targets, problems } = discover(positionals.length ? positionals : [root], io.cwd, root);
  const cache = values.cache ? LintCache.open(cachePath(io.cwd, values['cache-location']), VERSION, settingsKey(settings), now, (note) => io.err(`incident-report: ${note}`)) : undefined;

  // Files in the output's order (sortJson's: by the name printed), so each file's
  // diagnostics are printed as soon as it and the files before it are linted.
  const files = targets.map((target) => ({ ...target, display: relative(io.cwd, target.path) || basename(target.path) }));
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));

  const writer = createWriter(format, io.out, { rules: core.rules.map((r) => ({ id: r.id, description: r.description, docsUrl: r.docsUrl, level: r.final as 'error' })), version: VERSION });
  const pool = createPool(settings, jobs, io.workerScript);
  let linted = 0;
  let errors = false;
  type Outcome = { display: string; diagnostics: FileDiagnostic[] } | { problem: string } | undefined;
  const emit = (outcome: Outcome): void => {
    if (outcome === undefined) return;
    if ('problem' in outcome) {
      problems.push(outcome.problem);
      return;
    }
    linted++;
    if (outcome.diagnostics.some((d) => d.severity === 'error')) errors = true;
    writer.file(outcome.diagnostics.map((d) => withFile(outcome.display, d)));
  };
  const lintOne = (file: (typeof files)[number]): Outcome | Promise<Outcome> => {
    let text: string;
    try {
      text = readText(file.path, 'report');
    } catch (error) {
      cache?.forget(file.path);
      return { problem: (error as Error).message };
    }
    // The team template looks like a report (it has an Incident ID field) but is not one.
    if (!file.explicit && file.path === workspace.templatePath) {
      cache?.forget(file.path);
      return undefined;
    }
    const fileName = basename(file.path);
    // A file found in a folder is linted only if it is a report (which the linter checks).
    const onlyReports = !file.explicit;
    const outcome = (result: FileLint | undefined): Outcome => result && { display: file.display, diagnostics: result.diagnostics };
    if (!cache) return pool.lint(text, fileName, onlyReports).then(outcome);
    const textHash = hash(text);
    const place = todayPlace(text, fileName, today);
    const cached = cache.lookup(file.path, onlyReports, textHash, place, today, workspace.root);
    if (cached === 'not a report') return undefined;
    if (cached) return { display: file.display, diagnostics: cached };
    return pool.lint(text, fileName, onlyReports).then((result) => {
      cache.store(file.path, onlyReports, text, textHash, place, today, result);
      return outcome(result);
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
  writer.end(linted);

  if (cache) {
    try {
      cache.save();
    } catch (error) {
      io.err(`incident-report: ${cache.path}: cannot write the cache file: ${readErrorReason(error)}`);
    }
  }
  for (const problem of problems) io.err(`incident-report: ${problem}`);
  if (problems.length > 0) return 2;
  return errors ? 1 : 0;
}

async function newCmd(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      severity: { type: 'string' },
      title: { type: 'string' },
      dir: { type: 'string' },
      root: { type: 'string', default: '.' },
      config: { type: 'string' },
      owner: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const root = resolve(io.cwd, values.root);
  const workspace = loadWorkspace(root, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const levels = core.template.severityLevels.map((l) => l.word.toLowerCase()).join('|');
  if (!levels) throw new UsageError(`new: the template${workspace.templatePath ? ` ${relative(io.cwd, workspace.templatePath) || workspace.templatePath}` : ''} lists no severity levels; write them on its Severity line, e.g. "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor"`);
  if (!values.severity) throw new UsageError(`new: --severity ${levels} is required`);
  if (!core.severityLevel(values.severity)) throw new UsageError(`new: --severity ${values.severity}: expected ${levels}`);
  const title = (values.title ?? '').trim();
  if (!title) throw new UsageError('new: --title "..." is required');
  if (/[\r\n]/.test(title)) throw new UsageError('new: --title must be one line');
  const dir = values.dir !== undefined ? resolve(io.cwd, values.dir) : join(root, workspace.config.incidentsDir ?? DEFAULT_INCIDENTS_DIR);
  const path = await newCommand(core, dir, { title, severity: values.severity, now: io.now(), owner: values.owner });
  io.out(relative(io.cwd, path) || path);
  return 0;
}
