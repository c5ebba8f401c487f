/**
 * `incident-report template check [FILE]`: prints what the tool understood of a template
 * (the core's summarizeTemplate) as text or JSON. Exit 0: usable; 1: something required is
 * missing; 2: bad usage or a template that cannot be read (or leads outside the root).
 */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { createIncidentCore, summarizeTemplate, templateUsable, type Config, type TemplateSummary } from '../core';
import { printable } from './format';
import { UsageError, displayPath, findPlace, loadWorkspace, pathExistsInside, readText } from './workspace';

export interface TemplateIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export async function templateCommand(args: readonly string[], io: TemplateIo, help: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.out(help);
    return 0;
  }
  if (sub !== 'check') throw new UsageError(`${sub === undefined ? 'template' : `template ${sub}`}: expected "template check [FILE]" (see --help)`);
  const { values, positionals } = parseArgs({
    args: [...rest],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, root: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format ${values.format}: expected text or json`);
  if (positionals.length > 1) throw new UsageError(`template check: one template at a time (got ${positionals.length})`);
  const explicitRoot = values.root === undefined ? undefined : resolve(io.cwd, values.root);
  if (explicitRoot !== undefined && (!existsSync(explicitRoot) || !statSync(explicitRoot).isDirectory())) throw new UsageError(`--root ${values.root}: not a directory`);

  let name: string;
  let text: string | undefined;
  // The workspace config's `columns` (names for the column roles), when the workspace has one.
  let config: Config | undefined;
  const [file] = positionals;
  if (file !== undefined) {
    const path = resolve(io.cwd, file);
    // The root is the workspace's the command runs in (or --root), as for the team template.
    const root = explicitRoot ?? findPlace(io.cwd, undefined, io.cwd).root;
    // The same wall as the team template's: no path through "..", an absolute path or a link out of the root.
    const inside = pathExistsInside(root, relative(root, path));
    if (inside === false && !existsSync(path)) throw new UsageError(`${file}: cannot read template: no such file`);
    if (inside !== true) throw new UsageError(`${file}: cannot read template: it leads outside the workspace ${root} (through "..", an absolute path or a symbolic link)`);
    name = displayPath(io.cwd, path);
    text = readText(path, 'template');
  } else {
    // The workspace's team template (the config's `template`, else .incident/template.md), else the shipped one.
    const start = explicitRoot ?? io.cwd;
    const configFlag = values.config === undefined ? undefined : resolve(io.cwd, values.config);
    const workspace = await loadWorkspace(findPlace(start, explicitRoot, io.cwd), { cwd: io.cwd, explicitRoot, configFlag });
    for (const warning of workspace.warnings) io.err(`incident-report: warning: ${warning}`);
    text = workspace.templateText;
    config = workspace.config;
    name = workspace.templatePath ? displayPath(io.cwd, workspace.templatePath) : 'the shipped default template';
  }
  const summary = summarizeTemplate(createIncidentCore({ templateText: text, config: config?.columns ? { columns: config.columns } : undefined }).template);
  const usable = templateUsable(summary);
  if (values.format === 'json') io.out(JSON.stringify({ template: name, usable, ...summary }, null, 2));
  else io.out(formatSummary(name, summary, usable));
  return usable ? 0 : 1;
}

/** The summary for people: one block per part, problems last. */
export function formatSummary(name: string, summary: TemplateSummary, usable: boolean): string {
  const out: string[] = [`Template: ${printable(name)}`];
  const list = (items: readonly string[]): string => (items.length ? items.join(', ') : '(none)');
  out.push(`Sections (${summary.sections.filter((s) => s.level === 2).length}, in order):`);
  for (const s of summary.sections) out.push(`  ${'  '.repeat(s.level - 2)}${'#'.repeat(s.level)} ${s.title}  (line ${s.line})`);
  out.push(`Header fields: ${list(summary.headerFields)}`);
  out.push('Section fields:');
  const bySection = new Map<string, string[]>();
  for (const f of summary.sectionFields) bySection.set(f.section, [...(bySection.get(f.section) ?? []), f.field]);
  if (bySection.size === 0) out.push('  (none)');
  for (const [section, fields] of bySection) out.push(`  ${section}: ${fields.join(', ')}`);
  out.push('Tables:');
  if (summary.tables.length === 0) out.push('  (none)');
  // A timeline or action items column with no role is not read: said so, next to the roles.
  const column = (t: (typeof summary.tables)[number], c: (typeof t.columns)[number]): string => (c.role ? `${c.name} (${c.role})` : t.kind === 'timeline' || t.kind === 'action items' ? `${c.name} (not read)` : c.name);
  for (const t of summary.tables) out.push(`  ${t.section}${t.kind ? ` [${t.kind}]` : ''}: ${t.form === 'list' ? 'a bullet list (- HH:MM event)' : t.columns.map((c) => column(t, c)).join(' | ')}`);
  out.push(`Severity levels: ${list(summary.severityLevels)}`);
  out.push('Checklists:');
  if (summary.checklists.length === 0) out.push('  (none)');
  for (const c of summary.checklists) out.push(`  ${c.section}${c.field ? ` / ${c.field}` : ''} (${c.choice}): ${c.options.join('; ')}`);
  out.push(`Placeholders: ${list(summary.placeholders.tokens)}${summary.placeholders.shapes.length ? `; shapes: ${summary.placeholders.shapes.join(', ')}` : ''}`);
  out.push(`Evidence slots: ${list(summary.evidenceSlots.map((e) => `${e.section}${e.field ? ` / ${e.field}` : ''} (${e.kind})`))}`);
  out.push('Milestone words (built in):');
  for (const m of summary.milestoneWords) out.push(`  ${m.milestone}: ${m.patterns.join(', ')}${m.firstRowOnly.length ? `; on the first row only: ${m.firstRowOnly.join(', ')}` : ''}`);
  if (summary.problems.length) {
    out.push('Problems:');
    for (const p of summary.problems) out.push(`  ${p.level}: ${p.message}`);
  }
  const errors = summary.problems.filter((p) => p.level === 'error').length;
  const warnings = summary.problems.length - errors;
  out.push(usable ? `Usable${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.` : `Not usable: ${errors} error${errors === 1 ? '' : 's'}.`);
  return out.join('\n');
}
