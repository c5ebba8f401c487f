/**
 * `incident-report template check [FILE]`: prints what the tool understood of a template
 * (the core's summarizeTemplate) as text or JSON. Exit 0: usable; 1: something required is
 * missing (no `##` section); 2: bad usage or a template that cannot be read (or leads outside the root).
 */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { createIncidentCore, formatTemplateSummary, summarizeTemplate, templateUsable, type Config, type TemplateSummary } from '../core';
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
  // The workspace's config (its milestone words, idPattern, severityLevels and columns) applies to its own template.
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

/** The summary for people (the editor's Check Template shows the same), each line made printable for a terminal. */
export function formatSummary(name: string, summary: TemplateSummary, usable: boolean): string {
  return formatTemplateSummary(name, summary, usable).split('\n').map(printable).join('\n');
}
