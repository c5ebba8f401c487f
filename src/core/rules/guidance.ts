import { isZoneDeclaration } from '../timelineZone';
import type { BlockRef, Field, ReportModel, SectionContent } from '../model/types';
import { findPlaceholders } from '../template/placeholders';
import type { TemplateModel } from '../template/templateModel';
import { wordsKey } from '../text/normalize';
import type { Span } from '../types';
import { memoKey, perTemplate, type MemoContext } from './cache';
import { partitionPoint } from '../text/search';

/**
 * Unfilled means still what the template says at that place. The template's own text in a
 * section (its help paragraphs, in italics or not, its quoted help, its example table rows
 * and example list items) is guidance there; the same words in the report's section of the
 * same name are guidance left in place. A writer's own italic sentence, or the template's
 * sentence written under another section, is the writer's.
 */

/** A piece of a place (the header, or one `##` section) that may still be the template's. */
export interface GuidanceElement {
  readonly kind: 'text' | 'row' | 'item';
  /** The piece's words (a row: its cells' words), for comparing with the template's. */
  readonly key: string;
  readonly span: Span;
}

/** The key of the header (the part above the first `##`) among the section keys. */
const HEADER = '\u0000header';

/**
 * The pieces of `content` that may be guidance: paragraphs and block quotes that hold no
 * labelled field (at the top or under a field's label), table body rows, and the items of
 * plain lists that follow no field's label. A checklist's items are its options, and a
 * field's list (`- Factor 1`) is the field's own content: neither is guidance here.
 */
export function guidanceElements(model: ReportModel, content: SectionContent): GuidanceElement[] {
  const out: GuidanceElement[] = [];
  const labels = content.fields.map((f) => f.labelSpan).sort((a, b) => a.start - b.start);
  const labelled = (span: Span): boolean => spansWithin(labels, span) > 0;
  const seen = new Set<number>();
  for (const block of [...content.blocks, ...content.fields.flatMap((f) => f.blocks)]) {
    if ((block.kind !== 'paragraph' && block.kind !== 'blockquote') || seen.has(block.span.start)) continue;
    seen.add(block.span.start);
    if (labelled(block.span)) continue;
    const source = model.text.slice(block.span.start, block.span.end);
    // "All times UTC." in the template is a statement the report keeps, like a heading.
    if (isZoneDeclaration(source.trim())) continue;
    const key = wordsKey(source);
    if (key !== '') out.push({ kind: 'text', key, span: block.span });
  }
  for (const table of content.tables) {
    for (const row of table.rows) {
      const key = row.cells.map((c) => wordsKey(c.text)).join(' | ');
      if (row.cells.some((c) => wordsKey(c.text) !== '')) out.push({ kind: 'row', key, span: row.span });
    }
  }
  const checklists = new Set(content.checklists.map((c) => c.span.start));
  for (const list of content.lists) {
    if (list.field !== undefined || checklists.has(list.span.start)) continue;
    for (const item of list.items) {
      const key = wordsKey(item.text);
      if (key !== '' && !labelled(item.textSpan)) out.push({ kind: 'item', key, span: item.textSpan });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

const entry = (element: GuidanceElement): string => `${element.kind}\u0000${element.key}`;

/** A field's value written on the lines below its label (`**Impact:**` then `_Who was affected_`), by field. */
const fieldValueEntry = (field: Field): string | undefined => (field.valueBelowLabel ? `field\u0000${field.key}\u0000${wordsKey(field.value)}` : undefined);

/** The template's guidance, by place: section key (or the header) -> its pieces. */
const templateGuidance = perTemplate((template: TemplateModel): ReadonlyMap<string, ReadonlySet<string>> => {
  const byPlace = new Map<string, Set<string>>();
  const add = (place: string, content: SectionContent): void => {
    const set = byPlace.get(place) ?? new Set<string>();
    for (const element of guidanceElements(template.report, content)) set.add(entry(element));
    for (const field of content.fields) {
      const value = fieldValueEntry(field);
      if (value) set.add(value);
    }
    byPlace.set(place, set);
  };
  add(HEADER, template.report.preamble.content);
  for (const section of template.report.sections) add(section.key, section.content);
  return byPlace;
});

/** What is still the template's in one place of the report, and whether a block holds only guidance. */
export interface PlaceGuidance {
  /** The pieces still the template's at this place, with no placeholder in them (that is a placeholder's report). */
  readonly elements: readonly GuidanceElement[];
  isGuidanceOnly(block: BlockRef): boolean;
  /** Whether a field's value is the template's help text under the same label, not a placeholder. */
  isGuidanceValue(field: Field): boolean;
}

/** The guidance of the report's header (`sectionKey` undefined) or of its section `sectionKey`. */
export function placeGuidance(ctx: MemoContext, sectionKey: string | undefined, content: SectionContent): PlaceGuidance {
  const { model, template } = ctx;
  const theirs = templateGuidance(template).get(sectionKey ?? HEADER);
  const hasPlaceholder = (span: Span): boolean => findPlaceholders(model.text.slice(span.start, span.end), template.placeholders).length > 0;
  const elements = theirs && theirs.size > 0 ? guidanceElements(model, content).filter((e) => theirs.has(entry(e)) && !hasPlaceholder(e.span)) : [];
  const starts = new Set(elements.map((e) => e.span.start));
  const spans = elements.map((e) => e.span);
  const byStart = <T extends { readonly span: Span }>(items: readonly T[]): Map<number, T> => new Map(items.map((item) => [item.span.start, item]));
  let lists: Map<number, SectionContent['lists'][number]> | undefined;
  let tables: Map<number, SectionContent['tables'][number]> | undefined;
  let codeBlocks: Map<number, SectionContent['codeBlocks'][number]> | undefined;
  return {
    elements,
    isGuidanceValue(field) {
      const value = fieldValueEntry(field);
      return !!value && !!theirs?.has(value) && !hasPlaceholder(field.valueSpan);
    },
    isGuidanceOnly(block) {
      if (block.isComment) return true;
      const text = model.text.slice(block.span.start, block.span.end);
      switch (block.kind) {
        case 'list': {
          const list = (lists ??= byStart(content.lists)).get(block.span.start);
          if (!list) return wordsKey(text) === '';
          // Items with no words (`- `, `- ✅ `), or the template's own example items.
          return list.items.every((item) => wordsKey(item.text) === '' || starts.has(item.textSpan.start));
        }
        case 'table': {
          const table = (tables ??= byStart(content.tables)).get(block.span.start);
          return !!table && table.rows.length > 0 && spansWithin(spans, block.span) === table.rows.length;
        }
        case 'code': {
          // Only the template's own comment lines (`# Commands run, logs checked`).
          const code = (codeBlocks ??= byStart(content.codeBlocks)).get(block.span.start);
          const body = (code?.lines ?? []).map((l) => l.text.trim()).filter(Boolean);
          return body.every((line) => /^(#|\/\/)/.test(line) && template.text.includes(line));
        }
        case 'paragraph':
        case 'blockquote':
          return starts.has(block.span.start) || wordsKey(text) === '';
        default:
          return wordsKey(text) === '';
      }
    },
  };
}

/** A field, `###` subsection or `##` section that holds nothing but the template's guidance. */
export interface EmptyPlace {
  readonly kind: 'field' | 'subsection' | 'section';
  /** Where it is reported: the field's label or the heading. */
  readonly span: Span;
  readonly name: string;
  /** Its blocks: guidance there is reported as the place being empty, not piece by piece. */
  readonly blocks: readonly BlockRef[];
  /** The field, for an empty field. */
  readonly field?: Field;
  /** A field whose value is the template's help text under its label (not a comment or nothing). */
  readonly guidanceValue?: boolean;
}

const EMPTY_PLACES = memoKey<readonly EmptyPlace[]>('emptyPlaces');

/**
 * The report's empty places, in document order. A field is empty when it has no inline
 * value and only guidance below it; a `###` subsection when it and the `####` below it hold
 * only guidance (one of labelled fields is reported field by field); a `##` section of the
 * template when it has no field, no subsection and only guidance.
 */
export function emptyPlaces(ctx: MemoContext): readonly EmptyPlace[] {
  return ctx.memo.get(EMPTY_PLACES, () => {
    const out: EmptyPlace[] = [];
    const templateKeys = new Set(ctx.template.sections.map((s) => s.key));
    for (const section of ctx.model.sections) {
      const { content } = section;
      const guidance = placeGuidance(ctx, section.key, content);
      const guidanceOnly = (block: BlockRef): boolean => guidance.isGuidanceOnly(block);
      if (templateKeys.has(section.key) && content.fields.length === 0 && content.subsections.length === 0 && content.blocks.every(guidanceOnly)) {
        out.push({ kind: 'section', span: section.headingSpan, name: section.title, blocks: content.blocks });
      }
      for (const field of content.fields) {
        const guidanceValue = guidance.isGuidanceValue(field);
        if ((field.value !== '' && !guidanceValue) || !field.blocks.every(guidanceOnly)) continue;
        out.push({ kind: 'field', span: field.labelSpan, name: field.label, blocks: field.blocks, field, ...(guidanceValue ? { guidanceValue } : {}) });
      }
      const subs = content.subsections;
      subs.forEach((sub, index) => {
        // A `###` with `####` below it holds what they hold.
        const nested = [sub];
        for (let j = index + 1; j < subs.length && subs[j]!.depth > sub.depth; j++) nested.push(subs[j]!);
        if (!nested.every((s) => s.blocks.every(guidanceOnly))) return;
        // A subsection whose content is labelled fields is reported field by field.
        if (content.fields.some((f) => nested.some((s) => f.subsection === s.key))) return;
        out.push({ kind: 'subsection', span: sub.headingSpan, name: `${'#'.repeat(sub.depth)} ${sub.title}`, blocks: nested.flatMap((s) => s.blocks) });
      });
    }
    return out.sort((a, b) => a.span.start - b.span.start);
  });
}

/** How many of `sorted` (spans sorted by start) lie within `span`: a binary search to the first, then those starting inside. */
export function spansWithin(sorted: readonly Span[], span: Span): number {
  let count = 0;
  for (let i = partitionPoint(sorted.length, (j) => sorted[j]!.start < span.start); i < sorted.length && sorted[i]!.start < span.end; i++) if (sorted[i]!.end <= span.end) count++;
  return count;
}
