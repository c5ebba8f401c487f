import { firstChunk, splitChunks, type Chunk } from './parse/chunks';
import { LIMITS } from './limits';
import { parseMarkdown } from './parse/markdown';
import { assemble } from './model/assemble';
import { extractChunk, headingText } from './model/extract';
import { parseFrontMatter } from './model/frontMatter';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions, type ReportModel } from './model/types';
import { readsFieldForms } from './model/fieldForms';
import { parseReport } from './model/parseReport';
import { actionItemsTable } from './rules/query';
import { readActionItems } from './rules/actionItem';
import { matchLevel, severityParts } from './rules/severity';
import { reportTimeline } from './timelineSource';
import type { SeverityLevel, TemplateModel } from './template/templateModel';
import { isFinalStatus } from './status';
import { DEFAULT_TEMPLATE } from './template/defaultTemplate.generated';
import { isReportOf } from './template/reportShape';
import { timelineMetrics, type Metric } from './metrics';
import { LineIndex } from './text/lineIndex';
import { wordsKey } from './text/normalize';

/**
 * What the Incidents view lists of a report (level 1): read from the part before the first
 * `##` section only, so a whole workspace can be indexed cheaply.
 */
export interface ReportHeader {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly status: string | undefined;
  /** Status Open, Investigating or Mitigated (or none given). */
  readonly open: boolean;
  readonly severity: SeverityLevel | undefined;
  /**
   * Only when the Severity field names several known levels (`🔴 Critical / 🟡 Major`, not yet
   * narrowed to one; the severity rule reports it): those levels, most severe first. `severity`
   * is then undefined, but the Incidents view still has a colour to show.
   */
  readonly severityCandidates?: readonly SeverityLevel[];
  readonly date: string | undefined;
  /** 0-based line to reveal for the report itself (its ID line, else its title). */
  readonly line: number;
}

/** What an expanded incident shows (level 2): its timeline rows and action items. */
export interface ReportDetails {
  readonly timeline: readonly TimelineRowSummary[];
  readonly actionItems: readonly ActionItemSummary[];
  /** Time to detect, acknowledge, mitigate, restore, resolve: those the timeline gives, as the CodeLens shows them. */
  readonly metrics: readonly Pick<Metric, 'id' | 'label' | 'short' | 'text' | 'minutes'>[];
}

/** Both levels at once. */
export interface ReportSummary extends ReportHeader, ReportDetails {}

export interface TimelineRowSummary {
  readonly time: string;
  readonly event: string;
  readonly actor: string;
  /** 0-based line of the row. */
  readonly line: number;
}

export interface ActionItemSummary {
  readonly action: string;
  readonly owner: string;
  readonly due: string;
  readonly status: string;
  readonly done: boolean;
  readonly overdue: boolean;
  /** 0-based line of the row. */
  readonly line: number;
}

/**
 * Level 1: the report's header, read from the text before its first `##` section only (front
 * matter, title and header fields), the part isReport reads too. Undefined when the text is
 * not a report (no `**Incident ID:**` field and no front matter with Status and Title).
 */
export function summarizeHeader(text: string, template: TemplateModel): ReportHeader | undefined {
  return readHeader(text, template)?.header;
}

/** summarizeHeader, with the front matter's mapping it read (for keys the header does not list, such as `Service`). */
export function readHeader(text: string, template: TemplateModel): { header: ReportHeader; data: HeaderParts['data'] } | undefined {
  // The part before the first `##`, found without scanning the rest of the report.
  const first = firstChunk(text);
  // No front matter and no bold text: no Status and Title, no `**Label:**`: not a report, no parse.
  if (!/^---[ \t]*(?:[\r\n]|$)/.test(first.text) && !/\*\*|__/.test(first.text)) return template.text === DEFAULT_TEMPLATE ? undefined : readHeaderByShape(text, template);
  const parts = scanHeader(first) ?? parseHeader(first);
  const field = (key: string): HeaderParts['fields'][number] | undefined => parts.fields.find((f) => f.key === key);
  // The template's ID, date and severity fields (the default's labels when it has none).
  const identity = template.identity;
  const idField = field(identity.id?.key ?? 'incident id');
  const data = parts.data;
  // A team's report without either is found by its template's shape (as core.isReport finds it).
  if (!idField && !(data && 'Status' in data && 'Title' in data)) return template.text === DEFAULT_TEMPLATE ? undefined : readHeaderByShape(text, template);

  const lineOf = (offset: number): number => new LineIndex(first.text).positionAt(offset - first.start).line;
  const status = str(data?.['Status']);
  const severityField = field(identity.severity?.key ?? 'severity');
  const severity = severityField ? matchLevel(severityField.value, template.severityLevels) : undefined;
  const candidates = severityField && !severity ? severityCandidates(severityField.value, template.severityLevels, template.identity.severitySeparators) : [];
  const header: ReportHeader = {
    id: idField?.value || undefined,
    // A setext title (`Review: …` over `====`) of a template that writes its headings so: the header part parsed its way.
    title: str(data?.['Title']) ?? parts.title?.text ?? (template.parseOptions.setext ? parseReport(first.text, template.parseOptions).preamble.title?.text : undefined),
    status,
    open: !isFinalStatus(status),
    severity,
    ...(candidates.length > 1 ? { severityCandidates: candidates } : {}),
    date: field(identity.date?.key ?? 'date')?.value || undefined,
    line: idField ? lineOf(idField.start) : parts.title ? lineOf(parts.title.start) : 0,
  };
  return { header, data };
}

/**
 * The header of a team's report found by its template's shape (reportShape.ts): its fields in
 * any form and anywhere (a `### Severity` heading, a key-value row, a front matter key), read
 * from the whole parse, since such a report's header need not come before its first `##`.
 */
function readHeaderByShape(text: string, template: TemplateModel): { header: ReportHeader; data: HeaderParts['data'] } | undefined {
  if (!isReportOf(text, template)) return undefined;
  const model = parseReport(text, template.parseOptions);
  const fields = [...model.preamble.content.fields, ...model.sections.flatMap((s) => s.content.fields)];
  const identity = template.identity;
  const field = (key: string | undefined) => (key === undefined ? undefined : fields.find((f) => f.key === key));
  const data = model.frontMatter?.data;
  // The template's own spelling of the managed keys (`title`, `status`) as well as the SPEC's.
  const key = (name: string): unknown => data?.[name] ?? data?.[name.toLowerCase()];
  const idField = field(identity.id?.key);
  const severityField = field(identity.severity?.key);
  const severity = severityField ? matchLevel(severityField.value, template.severityLevels) : undefined;
  const status = str(key('Status'));
  const lines = new LineIndex(text);
  const anchor = idField?.span.start ?? model.preamble.title?.span.start;
  const header: ReportHeader = {
    id: idField?.value || undefined,
    title: str(key('Title')) ?? model.preamble.title?.text,
    status,
    open: !isFinalStatus(status),
    severity,
    date: field(identity.date?.key)?.value || undefined,
    line: anchor === undefined ? 0 : lines.positionAt(anchor).line,
  };
  return { header, data };
}

/** `🔴 Critical / 🟡 Major` -> both levels in the template's order (most severe first), when every part is a known level. */
function severityCandidates(value: string, levels: readonly SeverityLevel[], separators: readonly string[]): SeverityLevel[] {
  const named = severityParts(value, separators).map((part) => matchLevel(part, levels));
  if (named.some((level) => !level)) return [];
  return levels.filter((level) => named.includes(level));
}

/** What level 1 reads of the header chunk; offsets are the document's. */
export interface HeaderParts {
  /** The front matter's mapping, when it is one. */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** Every labelled field of the header, in order: its key, value and where its label starts. */
  readonly fields: readonly { readonly key: string; readonly value: string; readonly start: number }[];
  /** The first `# ` heading. */
  readonly title: { readonly text: string; readonly start: number } | undefined;
}

/** The header chunk parsed as the report model reads it (remark). */
export function parseHeader(chunk: Chunk): HeaderParts {
  const model = extractChunk(parseMarkdown(chunk.text), chunk.text, chunk.start);
  const title = model.preamble.title;
  return {
    data: model.frontMatter?.data,
    fields: model.preamble.content.fields.map((f) => ({ key: f.key, value: f.value, start: f.labelSpan.start })),
    title: title && { text: title.text, start: title.span.start },
  };
}

const FENCE = /^---[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** `**Label:**` at the start of a line, closed before a space, a tab or the end of the line. */
const LABEL = /^\*\*([A-Za-z0-9][A-Za-z0-9 ()/'.,#-]*):\*\*(?=[ \t]|$)/;
const ATX_TITLE = /^#(?:[ \t]+|$)/;
/** Characters that may open inline markup spanning lines (emphasis, code, HTML, escapes) or are controls. */
const UNSAFE = /[`*_~<\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * The same parts read by a line scanner, for headers in the common shape: front matter,
 * blank lines, one-line `<!-- -->` comments, `# ` headings, `---` rules after a blank line,
 * and paragraphs of `**Label:** value` or plain lines whose text cannot open inline markup.
 * Anything else (lists, quotes, code, HTML, emphasis, links, setext underlines, other
 * headings, ...) returns undefined: the caller then parses the chunk. Equivalence with
 * parseHeader on what it accepts is tested (test/unit/summary.test.ts).
 */
export function scanHeader(chunk: Chunk): HeaderParts | undefined {
  const text = chunk.text;
  const lines = splitLines(text);
  let data: HeaderParts['data'];
  let index = 0;
  if (lines.length > 0 && FENCE.test(lines[0]!.text)) {
    let close = 1;
    while (close < lines.length && !FENCE.test(lines[close]!.text)) close++;
    if (close >= lines.length) return undefined; // never closed: parsed without front matter
    const valueStart = close === 1 ? lines[0]!.end : lines[1]!.start;
    const valueEnd = close === 1 ? lines[0]!.end : lines[close - 1]!.end;
    const spanEnd = lines[close]!.end;
    const value = close === 1 ? '' : text.slice(valueStart, valueEnd);
    data = parseFrontMatter(value, { start: chunk.start, end: chunk.start + spanEnd }, text.slice(0, spanEnd)).data;
    index = close + 1;
  }

  const fields: { key: string; value: string; start: number }[] = [];
  let title: HeaderParts['title'];
  let paragraph: Line[] = [];
  const endParagraph = (): void => {
    if (paragraph.length > 0) fields.push(...paragraphFields(text, paragraph, chunk.start));
    paragraph = [];
  };
  for (; index < lines.length; index++) {
    const line = lines[index]!.text;
    if (BLANK.test(line)) {
      endParagraph();
      continue;
    }
    if (line.startsWith('<!--')) {
      // An HTML comment block that ends on its line (it may interrupt a paragraph).
      if (line.indexOf('-->', 4) < 0) return undefined;
      endParagraph();
      continue;
    }
    if (ATX_TITLE.test(line)) {
      if (!inlineIsPlain(line)) return undefined;
      endParagraph();
      title ??= { text: headingText(line), start: chunk.start + lines[index]!.start };
      continue;
    }
    if (FENCE.test(line)) {
      // After a paragraph line `---` underlines a heading: leave that to the parser.
      if (paragraph.length > 0) return undefined;
      continue;
    }
    const label = LABEL.exec(line);
    if (label ? !inlineIsPlain(line.slice(label[0].length)) : !startsPlain(line) || !inlineIsPlain(line)) return undefined;
    paragraph.push(lines[index]!);
  }
  endParagraph();
  return { data, fields, title };
}

interface Line {
  readonly start: number;
  /** End of the line's content, before its line break. */
  readonly end: number;
  readonly text: string;
}

/** Lines as CommonMark (and LineIndex) see them: broken at \r\n, \r or \n. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    lines.push({ start, end, text: text.slice(start, end) });
    if (end >= text.length) return lines;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/** The fields of one paragraph, as extract.ts reads them (every line starts a line of the paragraph). */
function paragraphFields(text: string, lines: readonly Line[], base: number): { key: string; value: string; start: number }[] {
  const labels: { label: string; start: number; end: number }[] = [];
  for (const line of lines) {
    const match = LABEL.exec(line.text);
    if (match) labels.push({ label: match[1]!.trim(), start: line.start, end: line.start + match[0].length });
  }
  const paragraphEnd = lines[lines.length - 1]!.end;
  return labels.map(({ label, start, end }, index) => {
    const rest = text.slice(end, labels[index + 1]?.start ?? paragraphEnd);
    const lineBreak = rest.search(/\r\n|\r|\n/);
    const sameLine = lineBreak < 0 ? rest : rest.slice(0, lineBreak);
    const raw = sameLine.replace(/\\$/, '').trim() !== '' || lineBreak < 0 ? sameLine : rest;
    return { key: wordsKey(label), value: raw.trim().replace(/\\$/, '').trimEnd(), start: base + start };
  });
}

/** A paragraph line that starts no other block (list, quote, code, table, heading, HTML, ...). */
function startsPlain(line: string): boolean {
  return /^[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(line) && !/^\d{1,9}[.)]/.test(line);
}

/**
 * Text whose inline parse cannot reach another line or hide a label: no emphasis, code, HTML
 * or escapes (a backslash only last, a hard break), and brackets only as `[placeholder]`,
 * never a link (`[x](y)`, `[x][y]`), a footnote (`[^x]`) or nested.
 */
function inlineIsPlain(text: string): boolean {
  const slash = text.indexOf('\\');
  if (slash >= 0 && slash !== text.length - 1) return false;
  if (UNSAFE.test(slash >= 0 ? text.slice(0, -1) : text)) return false;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') {
      if (open || text[i + 1] === '^') return false;
      open = true;
    } else if (c === ']') {
      if (open && /[([:]/.test(text[i + 1] ?? '')) return false;
      open = false;
    }
  }
  return !open;
}

/**
 * Level 2: the Timeline rows and Action Items of a report, parsing only the chunks that can
 * hold those sections. `today` (YYYY-MM-DD) decides which open items are overdue. It does
 * not check that the text is a report: ask summarizeHeader for that.
 */
export function summarizeDetails(text: string, template: TemplateModel, today: string): ReportDetails {
  return detailsOf(detailsModel(text, template), template, today);
}

/** The model summarizeDetails reads: only the Timeline and Action Items sections are parsed. */
export function detailsModel(text: string, template: TemplateModel): ReportModel {
  return modelOfSections(text, [template.timeline?.sectionKey, template.actionItems?.sectionKey], template.parseOptions);
}

/** The Timeline rows and Action Items of a model from detailsModel (the insights read the same model for the metrics). */
export function detailsOf(model: ReportModel, template: TemplateModel, today: string): ReportDetails {
  const text = model.text;
  let lines: LineIndex | undefined;
  const lineOf = (offset: number): number => (lines ??= new LineIndex(text)).positionAt(offset).line;

  // Table rows by the report's own column roles, or bullets: the rows every reader reads.
  const timeline = (reportTimeline(model, template)?.rows ?? []).map((row) => ({
    time: row.time?.text ?? '',
    event: unescapeCell(row.event?.text ?? ''),
    actor: unescapeCell(row.actor?.text ?? ''),
    line: lineOf(row.span.start),
  }));

  const actionTable = actionItemsTable(model, template);
  // The action-item rule's reading: one definition of done and overdue; the template's example rows are no items.
  const actionItems = (actionTable ? readActionItems(actionTable, template, today) : [])
    .filter((item) => !item.example)
    .map((item) => ({
      action: unescapeCell(item.action),
      owner: unescapeCell(item.owner),
      due: item.due,
      status: item.status,
      done: item.done,
      overdue: item.overdue,
      line: lineOf(item.row.span.start),
    }));
  const metrics = timelineMetrics(model, template, lineOf).metrics.map(({ id, label, short, text, minutes }) => ({ id, label, short, text, minutes }));
  return { timeline, actionItems, metrics };
}

/**
 * A model holding only the `##` sections of these keys (and what could not be split from
 * them): what reads one or two sections of many files parses no more than those.
 */
export function modelOfSections(text: string, keys: readonly (string | undefined)[], options: ParseOptions = DEFAULT_PARSE_OPTIONS): ReportModel {
  // Sections at another level or setext ones are not where the chunks split: the whole report, read as the template says.
  if (options.sectionDepth !== DEFAULT_PARSE_OPTIONS.sectionDepth || options.setext || readsFieldForms(options)) return text.length > LIMITS.documentChars ? { text, ...assemble([]) } : parseReport(text, options);
  const wanted = new Set(keys.filter((k): k is string => !!k));
  // A chunk may hold several sections where the splitter had to be careful (the whole text
  // when it could not split at all), or an indented `##` it does not split at: parse those
  // whole. A chunk that is one other section, or the header alone, is skipped.
  // A document past the size the core analyses (LIMITS.documentChars) shows no details, as it has no diagnostics.
  const chunks = text.length > LIMITS.documentChars ? [] : splitChunks(text).filter((chunk) => wanted.has(wordsKey(firstLine(chunk.text).replace(/^ {0,3}##\s*/, ''))) || /[\r\n] {0,3}##(?:[ \t]|$)/m.test(chunk.text));
  const parsed = chunks.map((chunk) => extractChunk(parseMarkdown(chunk.text), chunk.text, chunk.start));
  return { text, ...assemble(parsed) };
}

/** Both levels; undefined when the text is not a report. */
export function summarizeReport(text: string, template: TemplateModel, today: string): ReportSummary | undefined {
  const header = summarizeHeader(text, template);
  return header && { ...header, ...summarizeDetails(text, template, today) };
}

/** A table cell as a reader sees it: `\\|` (a pipe kept inside the cell) is `|`. */
export function unescapeCell(text: string): string {
  return text.replace(/\\\|/g, '|');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function firstLine(text: string): string {
  const end = text.search(/\r\n|\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}
