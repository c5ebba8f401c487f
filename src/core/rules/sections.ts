import { detectEol } from '../text/lineIndex';
import { insertAt, fix, replace } from '../fix/edits';
import type { BlockRef, ReportModel, Section } from '../model/types';
import type { Rule } from './rule';
import type { TemplateModel } from '../template/templateModel';
import { partitionPoint } from '../text/search';

/** How the template writes a section heading in messages and renames: `##`, or `###` in a template whose sections are there. */
function sectionMarker(template: TemplateModel): string {
  return '#'.repeat(template.parseOptions.sectionDepth);
}

/** First occurrence of each template section in the report, in report order. */
function templateSectionsInReport(sections: readonly Section[], templateKeys: readonly string[]): { section: Section; index: number }[] {
  const seen = new Set<string>();
  const out: { section: Section; index: number }[] = [];
  for (const section of sections) {
    const index = templateKeys.indexOf(section.key);
    if (index < 0 || seen.has(section.key)) continue;
    seen.add(section.key);
    out.push({ section, index });
  }
  return out;
}

/**
 * The report's sections that may be a missing template section under another heading: a
 * heading that is no template section's and whose words include every word of the
 * template's heading (`## Customer Impact` for `## Impact`, `## Root Cause Analysis` for
 * `## Root Cause`). Conservative on purpose: `## Timeline` is not `## Timeline (UTC)`.
 */
function sectionsUnderAnotherHeading(sections: readonly Section[], wantedKey: string, templateKeys: ReadonlySet<string>): Section[] {
  const wantedWords = wantedKey.split(' ').filter(Boolean);
  if (wantedWords.length === 0) return [];
  return sections.filter((section) => {
    if (templateKeys.has(section.key)) return false;
    const words = new Set(section.key.split(' '));
    return wantedWords.every((word) => words.has(word));
  });
}

export const missingSectionRule: Rule = {
  id: 'missing-section',
  description: 'Every ## section of the template is present.',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    const marker = sectionMarker(ctx.template);
    const { model, template, lines } = ctx;
    const present = new Set(model.sections.map((s) => s.key));
    const eol = detectEol(model.text);
    const keys = template.sections.map((s) => s.key);
    const inReport = templateSectionsInReport(model.sections, keys);
    const templateKeys = new Set(keys);
    const missing = template.sections.filter((wanted) => !present.has(wanted.key));
    const underAnother = new Map(missing.map((wanted) => [wanted, sectionsUnderAnotherHeading(model.sections, wanted.key, templateKeys)]));
    for (const wanted of template.sections) {
      if (present.has(wanted.key)) continue;
      const candidates = underAnother.get(wanted)!;
      if (candidates.length > 0) {
        // Never inserted next to itself: a rename is offered (not safe, so never in Fix All)
        // only when one heading stands for this section alone; otherwise nothing.
        const [candidate] = candidates;
        const claims = missing.filter((other) => underAnother.get(other)!.includes(candidate!)).length;
        const heading = `${marker} ${wanted.title}`;
        const where = candidates.map((c) => `"${marker} ${c.title}" (line ${lines.positionAt(c.headingSpan.start).line + 1})`).join(', ');
        const unique = candidates.length === 1 && claims === 1;
        ctx.report({
          span: candidate!.headingSpan,
          message: `Section "${heading}" is missing; the report may have it as ${where}.${unique ? ` Rename the heading to "${heading}" if it is that section.` : ''}`,
          fixes: unique ? [fix(`Rename '${marker} ${candidate!.title}' to '${heading}'`, [replace(candidate!.headingSpan, heading)], { safe: false })] : [],
        });
        continue;
      }
      // Insert before the first later template section the report has, else at the end.
      const next = inReport.find((s) => s.index > wanted.index);
      const previous = [...inReport].reverse().find((s) => s.index < wanted.index);
      const at = next ? next.section.headingSpan.start : model.text.length;
      const anchor = next ? lines.lineSpanAt(next.section.headingSpan.start) : lines.lineSpanAt(model.text.length);
      const source = wanted.source.replace(/\r?\n/g, eol);
      // The text before `at` does not end a line (one character looked at, not the whole text).
      const needsBreak = at > 0 && model.text[at - 1] !== '\n' && model.text[at - 1] !== '\r';
      const lead = next ? (needsBreak ? eol + eol : '') : leadAtEnd(model, eol, needsBreak);
      const body = source.endsWith(eol) ? source : source + eol;
      // The lead is an edit of its own, the same in every section inserted here: Fix All
      // applies identical edits once, so sections inserted together share one lead.
      const edits = lead ? [insertAt(at, lead), insertAt(at, body)] : [insertAt(at, body)];
      const where = next ? `before "${marker} ${next.section.title}"` : previous ? `after "${marker} ${previous.section.title}"` : 'at the end';
      ctx.report({
        span: anchor,
        message: `Section "${marker} ${wanted.title}" is missing; the template places it ${where}.`,
        fixes: [fix(`Insert section "${marker} ${wanted.title}" from the template`, edits, { isPreferred: true, safe: true })],
      });
    }
  },
};

/**
 * What goes before a section appended at the end of the report so that it is a heading:
 * the report may end inside a block that would swallow it (an unclosed code fence, an
 * HTML comment or `<script>` with no end, an HTML block that only a blank line ends).
 * Closing such a block at the very end changes nothing it shows: it already ran to the end.
 */
function leadAtEnd(model: ReportModel, eol: string, needsBreak: boolean): string {
  const lead = leadBeforeAppended(model, eol, needsBreak);
  // A text ending in a lone CR would make CRLF with an inserted LF: one line break, not two.
  return model.text.endsWith('\r') && lead.startsWith('\n') ? `\n${lead}` : lead;
}

function leadBeforeAppended(model: ReportModel, eol: string, needsBreak: boolean): string {
  // A report ending mid-line gets its line ended and a blank line; an open block first
  // gets its closer on a line of its own.
  const endsLine = needsBreak ? eol : '';
  const plain = needsBreak ? eol + eol : '';
  // A `#` heading after the sections sends what follows it to the preamble: look at both.
  const candidates = [model.preamble.content, model.sections[model.sections.length - 1]?.content].map((c) => c?.blocks[c.blocks.length - 1]);
  let last: BlockRef | undefined;
  for (const block of candidates) if (block && (!last || block.span.end > last.span.end)) last = block;
  if (!last || model.text.slice(last.span.end).trim() !== '') return plain;
  const raw = model.text.slice(last.span.start, last.span.end);
  const closer = last.kind === 'code' ? fenceCloser(raw) : last.kind === 'html' ? htmlCloser(raw) : undefined;
  if (closer === undefined) return plain;
  // '' : an HTML block that only a blank line ends.
  return closer === '' ? endsLine + eol : endsLine + closer + eol + eol;
}

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The closing fence an unclosed fenced code block needs, or undefined (closed, or indented code). */
function fenceCloser(raw: string): string | undefined {
  const lines = raw.split(/\r\n|\r|\n/);
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0] ?? '')?.[1];
  if (!open) return undefined;
  const close = lines.length > 1 ? CLOSING_FENCE.exec(lines[lines.length - 1]!)?.[1] : undefined;
  if (close && close[0] === open[0] && close.length >= open.length) return undefined;
  return open;
}

/**
 * The end an HTML block (CommonMark 4.6, by its start condition) still needs: its end
 * marker, '' when only a blank line ends it, undefined when it is already ended.
 */
function htmlCloser(raw: string): string | undefined {
  const start = raw.trimStart();
  const rawTag = /^<(script|pre|style|textarea)(?=[\s>]|$)/i.exec(start)?.[1];
  const ended = (marker: RegExp, closer: string) => (marker.test(raw.slice(1)) ? undefined : closer);
  if (rawTag) return ended(/<\/(?:script|pre|style|textarea)>/i, `</${rawTag.toLowerCase()}>`);
  if (start.startsWith('<!--')) return ended(/-->/, '-->');
  if (start.startsWith('<?')) return ended(/\?>/, '?>');
  if (start.startsWith('<![CDATA[')) return ended(/\]\]>/, ']]>');
  if (/^<![A-Za-z]/.test(start)) return ended(/>/, '>');
  // Types 6 and 7 end at a blank line.
  return raw.split(/\r\n|\r|\n/).some((line, i) => i > 0 && /^[ \t]*$/.test(line)) ? undefined : '';
}

export const sectionOrderRule: Rule = {
  id: 'section-order',
  description: 'Sections follow the template order.',
  defaultSeverity: { draft: 'info', final: 'warning' },
  check(ctx) {
    const marker = sectionMarker(ctx.template);
    const keys = ctx.template.sections.map((s) => s.key);
    const found = templateSectionsInReport(ctx.model.sections, keys);
    const keep = longestIncreasing(found.map((f) => f.index));
    found.forEach((entry, i) => {
      if (keep.has(i)) return;
      const template = ctx.template.sections;
      const before = template[entry.index - 1];
      const where = before ? `after "${marker} ${before.title}"` : 'first';
      ctx.report({
        span: entry.section.headingSpan,
        message: `Section "${marker} ${entry.section.title}" is out of order; the template puts it ${where} (section ${entry.index + 1} of ${keys.length}).`,
      });
    });
  },
};

export const duplicateSectionRule: Rule = {
  id: 'duplicate-section',
  description: 'A section appears once.',
  defaultSeverity: { draft: 'warning', final: 'warning' },
  check(ctx) {
    const marker = sectionMarker(ctx.template);
    const first = new Map<string, Section>();
    for (const section of ctx.model.sections) {
      if (section.key === '') continue;
      const earlier = first.get(section.key);
      if (!earlier) {
        first.set(section.key, section);
        continue;
      }
      const line = ctx.lines.positionAt(earlier.headingSpan.start).line + 1;
      ctx.report({ span: section.headingSpan, message: `Section "${marker} ${section.title}" appears again; it is already at line ${line}. Merge the two.` });
    }
  },
};

/** Indices (into `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    const low = partitionPoint(tails.length, (t) => values[tails[t]!]! < value);
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const keep = new Set<number>();
  let at = tails.length ? tails[tails.length - 1]! : -1;
  while (at >= 0) {
    keep.add(at);
    at = previous[at]!;
  }
  return keep;
}
