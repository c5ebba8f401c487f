import { detectEol, leadingBoms, type LineIndex } from '../text/lineIndex';
import { insertAt, fix, replace } from '../fix/edits';
import { isRealDate, utcDate } from '../time';
import type { Rule } from './rule';
import { REPORT_STATUSES } from '../status';

export const REQUIRED_FRONT_MATTER = ['Title', 'Owner', 'Status', 'LastUpdated'] as const;

export const frontMatterRule: Rule = {
  id: 'front-matter',
  description: 'Front matter is present, valid YAML, with Title, Owner, Status and LastUpdated.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const fm = ctx.model.frontMatter;
    const eol = detectEol(ctx.model.text);
    const required = requiredKeys(ctx.template.report.frontMatter?.data);
    if (!fm) {
      const bom = leadingBoms(ctx.model.text);
      if (/^---[ \t]*(\r\n|\r|\n|$)/.test(ctx.model.text.slice(bom))) {
        // An opening fence that never closes: the YAML is there, its end is not.
        const close = closingOffset(ctx.lines);
        ctx.report({
          span: ctx.lines.lineSpanAt(bom),
          message: 'Front matter is never closed; expected a --- line after its keys.',
          fixes: [fix('Close the front matter', [insertAt(close.offset, close.lineBreakFirst ? `${eol}---` : `---${eol}`)], { isPreferred: true, safe: true, exclusive: true })],
        });
        return;
      }
      // A team template without front matter: a report needs none.
      if (required.length === 0) return;
      const title = ctx.model.preamble.title?.text ?? '';
      const block = ['---', `Title: ${yamlString(title)}`, 'Owner: ""', 'Status: Open', `LastUpdated: ${utcDate(ctx.now)}`, '---', ''].join(eol);
      const start = leadingBoms(ctx.model.text);
      ctx.report({
        span: ctx.lines.lineSpanAt(start),
        message: 'No front matter found; expected a YAML block (---) with Title, Owner, Status and LastUpdated at the top.',
        fixes: [fix('Add front matter', [insertAt(start, block)], { isPreferred: true, safe: true })],
      });
      return;
    }
    const opening = ctx.lines.lineSpanAt(fm.span.start);
    if (fm.error) {
      // A missing closing fence makes the YAML run on into the report, up to the first `---`
      // rule: the first Markdown-looking line (a heading, a **Label:**) is where it should end.
      const runOn = firstMarkdownLine(ctx.model.text, fm.rawSpan);
      if (runOn !== undefined) {
        ctx.report({
          span: opening,
          message: 'Front matter is not closed before the report starts; expected a --- line after its keys.',
          fixes: [fix('Close the front matter before the report', [insertAt(runOn, `---${eol}${eol}`)], { isPreferred: true, safe: true, exclusive: true })],
        });
        return;
      }
      ctx.report({ span: fm.error.span, message: `Front matter is not valid YAML: ${fm.error.message}.` });
      return;
    }
    const data = fm.data ?? {};
    const missing = required.filter((key) => !Object.prototype.hasOwnProperty.call(data, key));
    if (missing.length > 0) {
      const lines = missing.map((key) => `${key}: ${defaultValue(key, ctx.now, ctx.model.preamble.title?.text)}${eol}`).join('');
      const closing = ctx.lines.lineSpanAt(fm.span.end).start;
      ctx.report({
        span: opening,
        message: `Front matter lacks ${missing.join(', ')}; a report needs ${required.join(', ')}.`,
        fixes: [fix(`Add ${missing.join(', ')} to the front matter`, [insertAt(closing, lines)], { isPreferred: true, safe: true })],
      });
    }
    for (const entry of fm.entries) {
      if (!(required as readonly string[]).includes(entry.key)) continue;
      const value = entry.value;
      // Only scalars have text; a mapping may even hold its own `toString` key.
      const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
      const span = entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.span;
      if (typeof value === 'object' && value !== null) {
        // Checked first: `[Resolved]` must not pass as the text "Resolved".
        ctx.report({ span, message: `Front matter ${entry.key} is a list or mapping; expected ${expected(entry.key)}.` });
      } else if (text === '') {
        ctx.report({ span: entry.span, message: `Front matter ${entry.key} is empty; expected ${expected(entry.key)}.` });
      } else if (entry.key === 'Status' && !(REPORT_STATUSES as readonly string[]).includes(text)) {
        // `resolved` is Resolved in another case: one safe fix; anything else, one fix per status.
        const same = REPORT_STATUSES.find((status) => status.toLowerCase() === text.toLowerCase());
        const fixes = same ? [fix(`Write Status as ${same}`, [replace(entry.valueSpan, same)], { isPreferred: true, safe: true })] : REPORT_STATUSES.map((status) => fix(`Set Status to ${status}`, [replace(entry.valueSpan, status)]));
        ctx.report({ span, message: `Front matter Status is "${text}"; expected one of ${REPORT_STATUSES.join(', ')}.`, fixes });
      } else if (entry.key === 'LastUpdated' && !isRealDate(text)) {
        ctx.report({ span, message: `Front matter LastUpdated is "${text}"; expected a date YYYY-MM-DD.` });
      }
    }
  },
};

/**
 * The keys a report's front matter needs: those of Title, Owner, Status and LastUpdated the
 * template's own front matter has (all four for the shipped template; none without front matter).
 */
function requiredKeys(templateData: Readonly<Record<string, unknown>> | undefined): readonly (typeof REQUIRED_FRONT_MATTER)[number][] {
  if (!templateData) return [];
  return REQUIRED_FRONT_MATTER.filter((key) => Object.prototype.hasOwnProperty.call(templateData, key));
}

/** Where a missing closing fence goes: before the first blank line or heading after the opening one. */
function closingOffset(lines: LineIndex): { offset: number; lineBreakFirst: boolean } {
  for (let line = 1; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const text = lines.text.slice(start, lines.lineEnd(line));
    if (text.trim() === '' || text.startsWith('#')) return { offset: start, lineBreakFirst: false };
  }
  return { offset: lines.text.length, lineBreakFirst: true };
}

/** Offset of the first line inside the YAML span that is Markdown (`# Title`, `**Label:**`), if any. */
function firstMarkdownLine(text: string, span: { start: number; end: number }): number | undefined {
  let offset = span.start;
  for (const line of text.slice(span.start, span.end).split(/(?<=\r\n|\r|\n)/)) {
    if (/^(#{1,6}\s|\*\*[^*]+:\*\*)/.test(line)) return offset;
    offset += line.length;
  }
  return undefined;
}

function expected(key: string): string {
  switch (key) {
    case 'Status':
      return `one of ${REPORT_STATUSES.join(', ')}`;
    case 'LastUpdated':
      return 'a date YYYY-MM-DD';
    case 'Owner':
      return 'the person or team owning the report';
    default:
      return 'a one-line title';
  }
}

function defaultValue(key: string, now: Date, title: string | undefined): string {
  switch (key) {
    case 'Status':
      return 'Open';
    case 'LastUpdated':
      return utcDate(now);
    case 'Title':
      return yamlString(title ?? '');
    default:
      return '""';
  }
}

/** A YAML scalar that reads back as the same string. */
export function yamlString(value: string): string {
  return /^[A-Za-z0-9][\w .,()/-]*$/.test(value) && !/[:#]/.test(value) && !readsAsOtherThanText(value) ? value : JSON.stringify(value);
}

/** Plain scalars YAML reads as null, a boolean or a number: `Title: null` would not be the title "null". */
function readsAsOtherThanText(value: string): boolean {
  return /^(?:null|~|true|false|yes|no|on|off|y|n)$/i.test(value) || /^[-+]?(?:\d|\.\d)/.test(value) || /^[-+]?\.(?:inf|nan)$/i.test(value);
}
