// The snippets and the Markdown injection grammar are derived from the template, like
// src/core/template/defaultTemplate.generated.ts: one snippet per `##` section (its text,
// with tab stops on the values), the placeholder tokens and severity levels of the grammar.
//
//   written by `npm run gen` (scripts/generate.ts); test/unit/generated.test.ts checks for drift
//
// test/unit/snippets.test.ts and test/unit/grammar.test.ts check what the files do.
import { join } from 'node:path';
import { timeline } from '../src/core/rules/query';
import { DEFAULT_TEMPLATE } from '../src/core/template/defaultTemplate.generated';
import { findPlaceholders } from '../src/core/template/placeholders';
import { buildTemplateModel, type TemplateModel, type TemplateSection } from '../src/core/template/templateModel';
import { wordsKey } from '../src/core/text/normalize';

export const ROOT = join(__dirname, '..');
export const SNIPPETS_FILE = 'snippets/incident-report.code-snippets';
export const GRAMMAR_FILE = 'syntaxes/incident-report.injection.tmLanguage.json';
export const GRAMMAR_SCOPE = 'incident-report.injection';

export interface SnippetDefinition {
  readonly prefix: string;
  readonly description: string;
  readonly scope: string;
  readonly body: string[];
}

// ---------------------------------------------------------------------------------------
// Snippet text

/** Text outside tab stops: `$`, `}` and `\` are syntax (VS Code's SnippetParser.escape). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[,|\\]/g, '\\$&');
}

type StopKind = { readonly kind: 'default' } | { readonly kind: 'empty' } | { readonly kind: 'choice'; readonly options: readonly string[] } | { readonly kind: 'raw'; readonly text: string };

/** A span of the source replaced by a tab stop; `index` is given in document order when absent. */
interface Stop {
  readonly start: number;
  readonly end: number;
  readonly stop: StopKind;
}

/** Escapes `source` and puts a numbered tab stop on each span (in order), then `$0` at the end. */
function withStops(source: string, stops: readonly Stop[], first = 1): string {
  let out = '';
  let at = 0;
  let index = first;
  for (const { start, end, stop } of [...stops].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    out += escapeSnippetText(source.slice(at, start));
    const value = source.slice(start, end);
    if (stop.kind === 'raw') out += stop.text;
    else if (stop.kind === 'empty') out += `$${index++}`;
    else if (stop.kind === 'choice') out += `\${${index++}|${stop.options.map(escapeChoice).join(',')}|}`;
    else out += `\${${index++}:${escapeSnippetText(value)}}`;
    at = end;
  }
  return `${out}${escapeSnippetText(source.slice(at))}$0`;
}

const EMPTY_ITEM = /^(\s*[-*+] (?:[^\p{L}\p{N}\s]+ )?)$/u;
const HTML_COMMENT = /^(\s*)(<!--.*-->)\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;
/** `✅ PASS / ❌ FAIL` after a label: alternatives to choose from. */
const ALTERNATIVES = /(?<=: )((?:\p{Extended_Pictographic}\uFE0F? ?[^\s/]+)(?: \/ \p{Extended_Pictographic}\uFE0F? ?[^\s/]+)+)[ \t]*$/u;
/** Example list items that stand for the writer's own text. */
const EXAMPLE_ITEMS = /^(\s*[-*+] )(Factor \d+)\s*$/;

/**
 * Where a section's values are, line by line: template placeholders (`[Name]`, `HH:MM`,
 * `XXXms`, `____`), guidance comments, code blocks that hold only a comment, empty list
 * items, choices (`[Yes/No]`, `✅ PASS / ❌ FAIL`, action item statuses).
 */
function sectionStops(template: TemplateModel, section: TemplateSection): Stop[] {
  const source = section.source;
  const stops: Stop[] = [];
  const statuses = actionStatuses(template);
  const lines = source.split('\n');
  let offset = 0;
  let fence: { marker: string; commentOnly: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = offset;
    offset += line.length + 1;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (!fence) {
        const close = lines.findIndex((l, j) => j > i && l.trim().startsWith(fenceMatch[1]!));
        const body = lines.slice(i + 1, close < 0 ? lines.length : close).filter((l) => l.trim() !== '');
        fence = { marker: fenceMatch[1]!, commentOnly: body.length > 0 && body.every((l) => l.trim().startsWith('#')) };
      } else if (line.trim().startsWith(fence.marker)) fence = undefined;
      continue;
    }
    if (fence?.commentOnly) {
      const indent = /^\s*/.exec(line)![0].length;
      if (line.trim()) stops.push({ start: start + indent, end: start + line.trimEnd().length, stop: { kind: 'default' } });
      continue;
    }
    const comment = HTML_COMMENT.exec(line);
    if (comment) {
      stops.push({ start: start + comment[1]!.length, end: start + comment[1]!.length + comment[2]!.length, stop: { kind: 'default' } });
      continue;
    }
    if (!fence && EMPTY_ITEM.test(line)) {
      stops.push({ start: start + line.length, end: start + line.length, stop: { kind: 'empty' } });
      continue;
    }
    const example = fence ? null : EXAMPLE_ITEMS.exec(line);
    if (example) {
      stops.push({ start: start + example[1]!.length, end: start + example[1]!.length + example[2]!.length, stop: { kind: 'default' } });
      continue;
    }
    const alternatives = fence ? null : ALTERNATIVES.exec(line);
    if (alternatives) {
      const whole = alternatives[1]!;
      stops.push({ start: start + alternatives.index, end: start + alternatives.index + whole.length, stop: { kind: 'choice', options: [whole, ...whole.split(' / ')] } });
    }
    if (!fence && line.trimStart().startsWith('|')) {
      for (const status of statuses) {
        const at = line.lastIndexOf(`| ${status} |`);
        if (at >= 0) stops.push({ start: start + at + 2, end: start + at + 2 + status.length, stop: { kind: 'choice', options: [status, ...statuses.filter((s) => s !== status)] } });
      }
    }
    for (const match of findPlaceholders(line, template.placeholders)) {
      const choices = /^\[(yes)\/(no)\]$/i.exec(match.text);
      stops.push({
        start: start + match.index,
        end: start + match.index + match.text.length,
        stop: choices ? { kind: 'choice', options: [match.text, 'Yes', 'No'] } : { kind: 'default' },
      });
    }
  }
  return stops;
}

/** The Status values of the template's Action Items rows (`🟡 In Progress`, ...), in template order. */
export function actionStatuses(template: TemplateModel): string[] {
  const table = template.actionItems;
  if (!table) return [];
  const column = table.columnKeys.indexOf('status');
  const section = template.report.sections.find((s) => s.key === table.sectionKey);
  const rows = section?.content.tables.find((t) => t.columns.join('|') === table.columns.join('|'))?.rows ?? [];
  return [...new Set(rows.map((r) => r.cells[column]?.text ?? '').filter(Boolean))];
}

/** `📊 Timeline (UTC)` -> `inc-timeline`: the title's words without the parenthesised note. */
export function sectionPrefix(title: string): string {
  return `inc-${wordsKey(title.replace(/\([^)]*\)/g, '')).replace(/ /g, '-')}`;
}

function bodyLines(snippet: string): string[] {
  return snippet.split('\n');
}

/** `INC-YYYYMMDD-NNN` from the file name when it has one (as New Incident names files), else the template's placeholder. */
function idFromFileName(template: TemplateModel): string {
  const placeholder = headerValue(template, 'incident id') ?? 'INC-[YYYYMMDD]-[NNN]';
  return `\${TM_FILENAME_BASE/^(INC-\\d{8}-\\d{3})(?!\\d).*$|^.*$/\${1:-${placeholder}}/}`;
}

/** The ID's date from the file name, else the template's date placeholder. */
function dateFromFileName(template: TemplateModel): string {
  const placeholder = headerValue(template, 'date') ?? '[YYYY-MM-DD]';
  return `\${TM_FILENAME_BASE/^INC-(\\d{4})(\\d{2})(\\d{2})-\\d{3}(?!\\d).*$|^.*$/\${1:-${placeholder}}\${1:+-}$2\${2:+-}$3/}`;
}

function headerValue(template: TemplateModel, key: string): string | undefined {
  return template.report.preamble.content.fields.find((f) => f.key === key)?.value || undefined;
}

/**
 * A whole new report: the template with its front matter, title, ID, Date and Severity
 * filled (ID and Date from a file named like `INC-20261126-001-api-latency.md`), and the
 * timeline reduced to a first row, as New Incident writes it.
 */
function skeleton(template: TemplateModel): string {
  const text = template.text;
  const model = template.report;
  const stops: Stop[] = [];
  let n = 1;
  const tab = (): number => n++;
  const title = tab();
  const owner = tab();
  const id = tab();
  const date = tab();
  if (model.frontMatter) {
    const frontMatter = ['---', `Title: "\${${title}:Short title}"`, `Owner: "\${${owner}}"`, 'Status: Open', `LastUpdated: $${date}`, 'Links: []', '---'].join('\n');
    stops.push({ start: model.frontMatter.span.start, end: model.frontMatter.span.end, stop: { kind: 'raw', text: frontMatter } });
  }
  const heading = model.preamble.title;
  if (heading) stops.push({ start: heading.span.start, end: heading.span.end, stop: { kind: 'raw', text: `# ${escapeSnippetText(heading.text)}: $${title}` } });
  const field = (key: string) => model.preamble.content.fields.find((f) => f.key === key);
  const setField = (key: string, raw: string): void => {
    const f = field(key);
    if (f) stops.push(f.value ? { start: f.valueSpan.start, end: f.valueSpan.end, stop: { kind: 'raw', text: raw } } : { start: f.labelSpan.end, end: f.labelSpan.end, stop: { kind: 'raw', text: ` ${raw}` } });
  };
  setField('incident id', `\${${id}:${idFromFileName(template)}}`);
  setField('date', `\${${date}:${dateFromFileName(template)}}`);
  setField('severity', `\${${tab()}|${template.severityLevels.map((l) => escapeChoice(l.label)).join(',')}|}`);

  const rows = timeline(model, template)?.table?.rows ?? [];
  const [first, ...rest] = rows;
  if (first) {
    for (const match of findPlaceholders(text.slice(first.span.start, first.span.end), template.placeholders)) {
      const start = first.span.start + match.index;
      stops.push({ start, end: start + match.text.length, stop: { kind: 'raw', text: `\${${tab()}:${escapeSnippetText(match.text)}}` } });
    }
    const last = rest[rest.length - 1];
    if (last) stops.push({ start: first.span.end, end: last.span.end, stop: { kind: 'raw', text: '' } });
  }
  const summary = model.sections[0]?.content.fields[0];
  const guidance = summary?.blocks.find((b) => b.isComment);
  if (guidance) stops.push({ start: guidance.span.start, end: guidance.span.end, stop: { kind: 'raw', text: `\${${tab()}:${escapeSnippetText(text.slice(guidance.span.start, guidance.span.end))}}` } });
  return withStops(text, stops);
}

export function buildSnippets(template: TemplateModel): Record<string, SnippetDefinition> {
  const snippets: Record<string, SnippetDefinition> = {};
  snippets['Incident report: new report'] = {
    prefix: 'inc-report',
    description:
      'A whole incident report from the template: front matter, ID and Date taken from a file named INC-YYYYMMDD-NNN-....md (as New Incident names them), severity, a first timeline row. Prefer "Incident: New Incident", which also allocates the ID and stamps the UTC time.',
    scope: 'markdown',
    body: bodyLines(skeleton(template)),
  };
  for (const section of template.sections) {
    snippets[`Incident section: ${section.title}`] = {
      prefix: sectionPrefix(section.title),
      description: `The "## ${section.title}" section of the incident template, with tab stops on its values.`,
      scope: 'markdown',
      body: bodyLines(withStops(section.source, sectionStops(template, section))),
    };
  }
  const actor = template.placeholders.tokens.includes('[Engineer]') ? '[Engineer]' : '[Name]';
  snippets['Incident timeline row'] = {
    prefix: 'inc-row',
    description:
      'A Timeline (UTC) row: Time | Event | Actor. Snippet variables only give local time, so Time is the HH:MM placeholder: fill it in UTC with "Incident: Insert UTC Timestamp" or the "Fill with now (UTC)" quick fix (or add the row with "Incident: Add Timeline Event").',
    scope: 'markdown',
    body: [`| \${1:HH:MM} | \${2:Event} | \${3:${escapeSnippetText(actor)}} |$0`],
  };
  const statuses = actionStatuses(template);
  const notStarted = statuses.find((s) => /not started/i.test(s));
  const ordered = notStarted ? [notStarted, ...statuses.filter((s) => s !== notStarted)] : statuses;
  snippets['Incident action item'] = {
    prefix: 'inc-action',
    description: 'An Action Items row: Action | Owner | Due Date | Status.',
    scope: 'markdown',
    body: [`| \${1:Action} | \${2:[Name]} | \${3:[YYYY-MM-DD]} | \${4|${ordered.map(escapeChoice).join(',')}|} |$0`],
  };
  snippets['Incident evidence path'] = {
    prefix: 'inc-evidence',
    description:
      'An evidence path, evidence/<INC-ID>/<name>_[timestamp].txt (the ID from the file name). Fill [timestamp] in UTC with the quick fix, or use "Incident: Fill Evidence Path".',
    scope: 'markdown',
    body: [`evidence/\${1:\${TM_FILENAME_BASE/^(INC-\\d{8}-\\d{3})(?!\\d).*$|^.*$/\${1:-[id]}/}}/\${2:name}_\${3:[timestamp]}.txt$0`],
  };
  return snippets;
}

export function snippetsFile(templateText: string = DEFAULT_TEMPLATE): string {
  return `${JSON.stringify(buildSnippets(buildTemplateModel(templateText)), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Grammar

/** A literal for an Oniguruma pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export const SCOPES = {
  incidentId: 'variable.other.constant.incident-id.incident-report',
  critical: 'markup.deleted.severity.critical.incident-report',
  major: 'markup.changed.severity.major.incident-report',
  minor: 'markup.inserted.severity.minor.incident-report',
  time: 'constant.numeric.time.utc.incident-report',
  dateTime: 'constant.numeric.date-time.utc.incident-report',
  placeholder: 'invalid.deprecated.placeholder.incident-report',
  tablePipe: 'punctuation.definition.table.markdown',
} as const;

const LEVEL_SCOPES = [SCOPES.critical, SCOPES.major, SCOPES.minor];

export function buildGrammar(template: TemplateModel): object {
  const levels = template.severityLevels.slice(0, LEVEL_SCOPES.length);
  const level = (l: (typeof levels)[number], emojiOptional: boolean): string => {
    const emoji = l.emoji ? `${escapeRegex(l.emoji)}\\x{FE0F}?[ \\t]*` : '';
    return `${emojiOptional && emoji ? `(?:${emoji})?` : emoji}(?i:${escapeRegex(l.word)})`;
  };
  const tokens = template.placeholders.tokens.map(escapeRegex).join('|');
  const severityLabel = escapeRegex(template.headerFields.find((f) => f.key === 'severity')?.label ?? 'Severity');
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Incident Report (Markdown injection)',
    comment: `Generated by scripts/generate.ts from the incident template. Do not edit.`,
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: 'L:text.html.markdown -comment',
    patterns: [
      { include: '#incident-id' },
      { include: '#severity-field' },
      { include: '#severity' },
      { include: '#timeline-time' },
      { include: '#date-time' },
      { include: '#placeholder' },
    ],
    repository: {
      'incident-id': {
        comment: 'INC-YYYYMMDD-NNN, also inside file names and evidence paths.',
        match: '(?<![A-Za-z0-9])INC-[0-9]{8}-[0-9]{3}(?![0-9])',
        name: SCOPES.incidentId,
      },
      'severity-field': {
        comment: 'The level after **Severity:**, emoji optional.',
        match: `(?<=\\*\\*${severityLabel}:\\*\\*)[ \\t]*(?:${levels.map((l) => `(${level(l, true)})`).join('|')})(?![\\w])`,
        captures: Object.fromEntries(levels.map((_, i) => [String(i + 1), { name: LEVEL_SCOPES[i] }])),
      },
      severity: {
        comment: 'A level written with its emoji anywhere (the header, a summary, a list).',
        patterns: levels.map((l, i) => ({ match: `${level(l, false)}(?![\\w])`, name: LEVEL_SCOPES[i] })),
      },
      'timeline-time': {
        comment: 'HH:MM (or HH:MM:SS) in the first cell of a table row: the Time column of the timeline.',
        match: '^[ \\t]*(\\|)[ \\t]*([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)(?=[ \\t]*\\|)',
        captures: { '1': { name: SCOPES.tablePipe }, '2': { name: SCOPES.time } },
      },
      'date-time': {
        comment: 'YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM(:SS)Z: UTC date-times. One with another offset is not UTC and is left alone.',
        match: '(?<![\\w-])[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?Z?(?![\\w:+-]|\\.[0-9])',
        name: SCOPES.dateTime,
      },
      placeholder: {
        comment: 'Unfilled placeholders of the template: its bracketed tokens (not a Markdown link or reference), HH:MM, ____ and XX figures.',
        patterns: [
          { match: `(?<![\\]\\\\!])(?:${tokens})(?:ms|%)?(?![\\[(:])`, name: SCOPES.placeholder },
          { match: '(?<![\\w:])HH:MM(?![\\w:])', name: SCOPES.placeholder },
          { match: '(?<=[^\\s_]|[^\\s_][ \\t])_{3,}(?![\\w])', name: SCOPES.placeholder },
          { match: '(?<![\\w.])(?:X{2,}(?:\\.X+)?|X\\.X+)(?:ms|s|%)?(?![\\w.])', name: SCOPES.placeholder },
        ],
      },
    },
  };
}

export function grammarFile(templateText: string = DEFAULT_TEMPLATE): string {
  return `${JSON.stringify(buildGrammar(buildTemplateModel(templateText)), null, 2)}\n`;
}
