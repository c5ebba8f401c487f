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
  // The workspace's config (its milestone words, idPattern and severityLevels) applies to its own template.
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
  const summary = summarizeTemplate(createIncidentCore({ templateText: text, config }).template);
  const usable = templateUsable(summary);
  if (values.format === 'json') io.out(JSON.stringify({ template: name, usable, ...summary }, null, 2));
  else io.out(formatSummary(name, summary, usable));
  return usable ? 0 : 1;
}

/** What the template declares for the ID, date and severity; "none" and its effect when it has none. */
function identityLines(identity: TemplateSummary['identity']): string[] {
  const at = (field: { label: string; in: string }): string => `"${printable(field.label)}"${field.in === 'header' ? '' : ` (in ${printable(field.in)})`}`;
  const pattern = identity.idPattern ? `pattern ${identity.idPattern.spec}, e.g. ${identity.idPattern.example} (from the ${identity.idPattern.from === 'config' ? 'config\'s idPattern' : "template's example"})` : 'no pattern: any value passes';
  return [
    identity.idField ? `ID field: ${at(identity.idField)}, ${pattern}` : 'ID field: none (incident-id is silent)',
    identity.dateField ? `Date field: ${at(identity.dateField)}` : 'Date field: none (incident-date is silent)',
    identity.severityField
      ? `Severity field: ${at(identity.severityField)}${identity.severityLevelsFrom ? `, levels from ${identity.severityLevelsFrom === 'config' ? "the config's severityLevels" : `its ${identity.severityLevelsFrom}`}` : ', no levels'}`
      : `Severity field: none (severity is silent${identity.severityLevelsFrom === 'config' ? " unless a report has a Severity field; levels from the config's severityLevels" : ''})`,
  ];
}

/** The summary for people: one block per part, problems last. */
export function formatSummary(name: string, summary: TemplateSummary, usable: boolean): string {
  const out: string[] = [`Template: ${printable(name)}`];
  const list = (items: readonly string[]): string => (items.length ? items.join(', ') : '(none)');
  const sectionLevel = summary.reading.sectionLevel;
  out.push(`Sections (${summary.sections.filter((s) => s.level <= sectionLevel).length}, in order):`);
  for (const s of summary.sections) out.push(`  ${'  '.repeat(Math.max(0, s.level - sectionLevel))}${'#'.repeat(s.level)} ${s.title}  (line ${s.line})`);
  out.push(...identityLines(summary.identity));
  out.push(`Section headings read: ${summary.reading.sections}`);
  out.push(`Field forms read: ${summary.reading.fieldForms.join('; ')}`);
  out.push(`Header fields: ${list(summary.headerFields)}`);
  out.push('Section fields:');
  const bySection = new Map<string, string[]>();
  for (const f of summary.sectionFields) bySection.set(f.section, [...(bySection.get(f.section) ?? []), f.field]);
  if (bySection.size === 0) out.push('  (none)');
  for (const [section, fields] of bySection) out.push(`  ${section}: ${fields.join(', ')}`);
  out.push('Tables:');
  if (summary.tables.length === 0) out.push('  (none)');
  for (const t of summary.tables) out.push(`  ${t.section}${t.kind ? ` [${t.kind}]` : ''}: ${t.columns.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join(' | ')}`);
  out.push(`Severity levels: ${list(summary.severityLevels)}`);
  out.push('Checklists:');
  if (summary.checklists.length === 0) out.push('  (none)');
  for (const c of summary.checklists) out.push(`  ${c.section}${c.field ? ` / ${c.field}` : ''} (${c.choice}): ${c.options.join('; ')}`);
  out.push(`Placeholders: ${list(summary.placeholders.tokens)}${summary.placeholders.shapes.length ? `; shapes: ${summary.placeholders.shapes.join(', ')}` : ''}`);
  out.push(`Evidence slots: ${list(summary.evidenceSlots.map((e) => `${e.section}${e.field ? ` / ${e.field}` : ''} (${e.kind})`))}`);
  out.push('Milestone words (a row whose event has one of them marks the milestone; # is a number):');
  for (const m of summary.milestoneWords) {
    const from = [m.fromTemplate.length ? `from the template: ${m.fromTemplate.join(', ')}` : '', m.fromConfig.length ? `from config: ${m.fromConfig.join(', ')}` : '', `built in: ${m.builtIn.join(', ')}`];
    out.push(`  ${m.milestone} (${m.id}): ${from.filter(Boolean).join('; ')}`);
  }
  if (summary.problems.length) {
    out.push('Problems:');
    for (const p of summary.problems) out.push(`  ${p.level}: ${p.message}`);
  }
  const errors = summary.problems.filter((p) => p.level === 'error').length;
  const warnings = summary.problems.length - errors;
  out.push(usable ? `Usable${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.` : `Not usable: ${errors} error${errors === 1 ? '' : 's'}.`);
  return out.join('\n');
}
