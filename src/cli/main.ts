import { parseArgs } from 'node:util';
import { basename, join, relative, resolve } from 'node:path';
import { DEFAULT_INCIDENTS_DIR, createIncidentCore, isReport } from '../core';
import { discover } from './files';
import { formatSarif, formatText, sortJson, toJson, type JsonDiagnostic } from './format';
import { newCommand } from './newCommand';
import { UsageError, loadWorkspace, pathExistsInside, readText } from './workspace';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const HELP = `incident-report ${VERSION}: validate and create incident reports (Markdown).

Usage:
  incident-report lint [paths or globs...] [--format text|json|sarif] [--final]
                       [--config FILE] [--root DIR] [--today YYYY-MM-DD]
  incident-report new --severity critical|major|minor --title "..." [--dir incidents] [--root DIR]
  incident-report --help | --version

lint   Directories are searched for *.md reports (files with an **Incident ID:** field
       or report front matter); files named explicitly are always linted.
       Exit 0: no error-level diagnostic; 1: at least one; 2: bad usage or unreadable input.
       --final    apply final severities whatever the report's Status
       --config   config file (default: .incident-report.json|.yaml at --root)
       --root     workspace root for config, template and evidence paths (default: .)
       --today    the date "today" is for rules that need one (default: now, UTC)
new    Writes a new report (next free INC-YYYYMMDD-NNN for today, UTC) into --dir
       (default: the config's incidentsDir, else incidents/), prints its path,
       and never overwrites a file.
`;

export interface Io {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  readonly now: () => Date;
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
    if (command === 'lint') return lintCommand(rest, io);
    if (command === 'new') return await newCmd(rest, io);
    throw new UsageError(`unknown command "${command}"; expected lint or new (see --help)`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`incident-report: ${(error as Error).message}`);
      return 2;
    }
    io.err(`incident-report: unexpected failure: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}

function lintCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      final: { type: 'boolean', default: false },
      config: { type: 'string' },
      root: { type: 'string', default: '.' },
      today: { type: 'string' },
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

  const root = resolve(io.cwd, values.root);
  const workspace = loadWorkspace(root, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const now = io.now();
  const today = values.today ?? now.toISOString().slice(0, 10);
  const { targets, problems } = discover(positionals.length ? positionals : [root], io.cwd);

  const results: JsonDiagnostic[] = [];
  let linted = 0;
  for (const target of targets) {
    let text: string;
    try {
      text = readText(target.path, 'report');
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    // The team template looks like a report (it has an Incident ID field) but is not one.
    if (!target.explicit && (target.path === workspace.templatePath || !isReport(text))) continue;
    linted++;
    const display = relative(io.cwd, target.path) || basename(target.path);
    const result = core.lint(text, {
      mode: values.final ? 'final' : undefined,
      now,
      today,
      fileName: basename(target.path),
      pathExists: (p) => pathExistsInside(workspace.root, p),
    });
    for (const diagnostic of result.diagnostics) results.push(toJson(display, diagnostic));
  }
  sortJson(results);

  if (format === 'json') io.out(JSON.stringify(results, null, 2));
  else if (format === 'sarif') io.out(formatSarif(results, core.rules.map((r) => ({ id: r.id, description: r.description, docsUrl: r.docsUrl, level: r.final as 'error' })), VERSION));
  else io.out(formatText(results, linted));

  for (const problem of problems) io.err(`incident-report: ${problem}`);
  if (problems.length > 0) return 2;
  return results.some((d) => d.severity === 'error') ? 1 : 0;
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
