import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { Span } from '../types';
import { wordsKey } from '../text/normalize';
import { emptyContent, type ChunkModel, type MutableContent } from './assemble';
import { parseFrontMatter } from './frontMatter';
import { DEFAULT_PARSE_OPTIONS } from './types';
import type {
  BlockKind,
  BlockRef,
  Field,
  FrontMatter,
  ParseOptions,
  Preamble,
  Section,
  Subsection,
  TableRow,
} from './types';

/**
 * Containers nested deeper than this (lists in lists, quotes in quotes) are not read: no
 * report needs them, and walking them recursively could exhaust the stack.
 */
const MAX_DEPTH = 64;

interface WalkState {
  /** How many containers enclose the blocks being walked. */
  depth?: number;
  subsection: string | undefined;
  inUncheckedItem: boolean;
  inBlockquote: boolean;
  inList: boolean;
  /** The labelled field an enclosing list or quote follows, inherited by what it nests. */
  field: string | undefined;
}

/**
 * Reads the report elements out of one parsed chunk. `source` is the chunk's text and
 * `base` its offset in the document. Nodes without positions are skipped, never trusted.
 */
export function extractChunk(tree: Root, source: string, base: number, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ChunkModel {
  const spanOf = (node: Nodes): Span | undefined => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || end < start) return undefined;
    return { start: start + base, end: end + base };
  };
  const slice = (span: Span): string => source.slice(span.start - base, span.end - base);

  let frontMatter: FrontMatter | undefined;
  let title: Preamble['title'];
  const preambleContent = emptyContent();
  const sections: Section[] = [];

  let current: { title: string; key: string; headingSpan: Span; start: number; content: MutableContent } | undefined;
  let content = preambleContent;
  let state: WalkState = { subsection: undefined, inUncheckedItem: false, inBlockquote: false, inList: false, field: undefined };
  let openSubsection: { sub: Omit<Subsection, 'span' | 'blocks'>; blocks: BlockRef[] } | undefined;
  let lastEnd = base;

  const closeSubsection = (end: number): void => {
    if (!openSubsection) return;
    content.subsections.push({ ...openSubsection.sub, span: { start: openSubsection.sub.headingSpan.start, end }, blocks: openSubsection.blocks });
    openSubsection = undefined;
  };
  const closeSection = (end: number): void => {
    closeSubsection(end);
    if (current) {
      sections.push({ title: current.title, key: current.key, headingSpan: current.headingSpan, span: { start: current.start, end }, content: current.content });
      current = undefined;
    }
  };

  // Field currently collecting the blocks that follow its label (per container).
  const walkBlocks = (children: readonly RootContent[], walk: WalkState, topLevel: boolean): void => {
    if ((walk.depth ?? 0) > MAX_DEPTH) return;
    let collecting: { blocks: BlockRef[]; field: string } | undefined;
    for (const node of children) {
      const span = spanOf(node);
      if (!span) continue;
      if (topLevel) lastEnd = span.end;

      if (node.type === 'yaml') {
        if (topLevel && !current && !frontMatter) frontMatter = parseFrontMatter(node.value, span, slice(span));
        continue;
      }
      if (node.type === 'heading' && topLevel && isStructuralHeading(node, slice(span))) {
        const text = headingText(slice(span));
        if (node.depth <= options.sectionDepth) {
          collecting = undefined;
          closeSection(span.start);
          if (node.depth === 1) {
            if (!title && sections.length === 0) title = { text, span };
            content = preambleContent;
            state = walk = { ...walk, subsection: undefined };
            collectText(node, walk, false, { inHeading: true });
            continue;
          }
          current = { title: text, key: wordsKey(text), headingSpan: span, start: span.start, content: emptyContent() };
          content = current.content;
          state = walk = { ...walk, subsection: undefined };
          collectText(node, walk, false, { inHeading: true });
          continue;
        }
        collecting = undefined;
        closeSubsection(span.start);
        const key = wordsKey(text);
        openSubsection = { sub: { title: text, key, depth: node.depth, headingSpan: span }, blocks: [] };
        state = walk = { ...walk, subsection: key };
        collectText(node, walk, false, { inHeading: true });
        continue;
      }

      const kind = blockKind(node);
      const ref: BlockRef = { kind, span, isComment: isCommentBlock(node, slice(span)) };
      if (topLevel) {
        content.blocks.push(ref);
        openSubsection?.blocks.push(ref);
      }
      if (node.type === 'thematicBreak') {
        collecting = undefined;
        continue;
      }
      const fieldKey = collecting?.field ?? walk.field;
      const placement = { subsection: walk.subsection, field: fieldKey };

      if (node.type === 'paragraph' || node.type === 'heading') {
        const fields = extractFields(node, walk, placement.subsection);
        if (fields.length > 0) {
          content.fields.push(...fields);
          const last = fields[fields.length - 1]!;
          collecting = last.value === '' ? { blocks: last.blocks as BlockRef[], field: last.key } : undefined;
          collectText(node, walk);
          continue;
        }
        collecting?.blocks.push(ref);
        collectText(node, walk);
        continue;
      }
      collecting?.blocks.push(ref);

      switch (node.type) {
        case 'list':
          readList(node, walk, placement);
          break;
        case 'table':
          readTable(node, placement, walk);
          break;
        case 'code':
          readCode(node, span, placement, walk);
          break;
        case 'html':
          readComment(node, span, walk);
          break;
        case 'blockquote':
          walkBlocks(node.children, { ...walk, depth: (walk.depth ?? 0) + 1, inBlockquote: true, field: fieldKey }, false);
          break;
        default:
          break;
      }
    }
  };

  /**
   * ATX headings are the report's structure; a setext one only when the template writes its
   * sections that way, and never one whose text is a field label (`**Attendees:**` over `-`).
   */
  const isStructuralHeading = (node: Extract<RootContent, { type: 'heading' }>, raw: string): boolean =>
    isAtx(raw) || (options.setext && extractFields(node, state, undefined).length === 0);

  const extractFields = (node: Parent, walk: WalkState, subsection: string | undefined): Field[] => {
    const kids = node.children as PhrasingContent[];
    const labels: { label: string; span: Span }[] = [];
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      if (kid.type !== 'strong' || !startsLine(kids, i)) continue;
      const span = spanOf(kid);
      const text = plainText(kid).trim();
      if (!span) continue;
      if (text.endsWith(':')) {
        labels.push({ label: text.slice(0, -1).trim(), span });
        continue;
      }
      // `**Duration**: 2h 35m`, the colon after the bold, is the same label.
      const next = kids[i + 1];
      const colon = next?.type === 'text' ? spanOf(next) : undefined;
      if (colon && slice(colon).startsWith(':') && text !== '') labels.push({ label: text, span: { start: span.start, end: colon.start + 1 } });
    }
    // A setext heading's span includes its underline (`**Attendees:**` then `- `): the
    // field's text ends with the heading's content, never on the underline.
    const lastKid = kids[kids.length - 1];
    const paragraphEnd = node.type === 'heading' ? (lastKid ? spanOf(lastKid)?.end : undefined) : spanOf(node as Nodes)?.end;
    return labels.map(({ label, span: labelSpan }, index) => {
      // A field's text runs to the next label of the paragraph: on the label's line, or,
      // when that is empty, on the lines below it (`**What happened:**` then prose).
      const boundary = labels[index + 1]?.span.start ?? paragraphEnd ?? labelSpan.end;
      const rest = slice({ start: labelSpan.end, end: boundary });
      const lineBreak = rest.search(/\r\n|\r|\n/);
      const sameLine = lineBreak < 0 ? rest : rest.slice(0, lineBreak);
      const useSameLine = sameLine.replace(/\\$/, '').trim() !== '' || lineBreak < 0;
      const raw = useSameLine ? sameLine : rest;
      const leading = raw.length - raw.trimStart().length;
      const value = raw.trim().replace(/\\$/, '').trimEnd();
      const valueStart = labelSpan.end + leading;
      const valueSpan = value ? { start: valueStart, end: valueStart + value.length } : { start: labelSpan.end, end: labelSpan.end };
      return {
        label,
        key: wordsKey(label),
        labelSpan,
        span: { start: labelSpan.start, end: value ? valueSpan.end : labelSpan.end },
        value,
        valueSpan,
        valueBelowLabel: !useSameLine && value !== '',
        blocks: [],
        inList: walk.inList,
        subsection,
        field: undefined,
      };
    });
  };

  const readList = (node: Extract<RootContent, { type: 'list' }>, walk: WalkState, placement: { subsection: string | undefined; field: string | undefined }): void => {
    const span = spanOf(node)!;
    const isChecklist = node.children.some((item) => typeof item.checked === 'boolean');
    // Reserve the list's place before its items' nested lists: document order.
    const listIndex = content.lists.length;
    const checklistIndex = content.checklists.length;
    const items = [];
    const checkItems = [];
    for (const item of node.children) {
      const itemSpan = spanOf(item);
      if (!itemSpan) continue;
      const first = item.children[0];
      const firstSpan = first ? spanOf(first) : undefined;
      const textSpan = firstSpan && first?.type === 'paragraph' ? firstSpan : { start: itemSpan.end, end: itemSpan.end };
      const text = firstSpan && first?.type === 'paragraph' ? slice(firstSpan).trim() : '';
      items.push({ text, span: itemSpan, textSpan });
      if (isChecklist && typeof item.checked === 'boolean') checkItems.push({ checked: item.checked, text, span: itemSpan, textSpan });
      walkBlocks(item.children, { ...walk, depth: (walk.depth ?? 0) + 1, inList: true, inUncheckedItem: walk.inUncheckedItem || item.checked === false, field: placement.field }, false);
    }
    content.lists.splice(listIndex, 0, { span, ordered: node.ordered === true, items, ...placement });
    if (isChecklist) content.checklists.splice(checklistIndex, 0, { span, items: checkItems, ...placement });
  };

  const readTable = (node: Extract<RootContent, { type: 'table' }>, placement: { subsection: string | undefined; field: string | undefined }, walk: WalkState): void => {
    const span = spanOf(node)!;
    const rows: TableRow[] = [];
    for (const row of node.children) {
      const rowSpan = spanOf(row);
      if (!rowSpan) continue;
      const cells = [];
      for (const cell of row.children) {
        const cellSpan = spanOf(cell);
        if (!cellSpan) continue;
        const raw = slice(cellSpan);
        // A cell's span includes its leading pipe and padding: keep only the trimmed text.
        const inner = raw.replace(/^\|/, '').replace(/\|$/, '');
        const offset = raw.startsWith('|') ? 1 : 0;
        const text = inner.trim();
        // An empty cell's span sits after one space of padding, so text put there reads `| x |`.
        const lead = text ? inner.length - inner.trimStart().length : Math.min(1, inner.length);
        const start = cellSpan.start + offset + lead;
        cells.push({ text, span: { start, end: start + text.length } });
        collectText(cell, walk, true);
      }
      rows.push({ span: rowSpan, cells });
    }
    const [header, ...body] = rows;
    if (!header) return;
    content.tables.push({ span, header, rows: body, columns: header.cells.map((c) => c.text), ...placement });
  };

  const readCode = (node: Extract<RootContent, { type: 'code' }>, span: Span, placement: { subsection: string | undefined; field: string | undefined }, walk: WalkState): void => {
    const raw = slice(span);
    const lines: { text: string; span: Span }[] = [];
    let offset = 0;
    const all = raw.split(/(\r\n|\r|\n)/);
    // A fenced block's span starts at its fence; an indented one's at its indentation.
    const isFenced = /^(`{3,}|~{3,})/.test(raw);
    const rawLines: { text: string; start: number }[] = [];
    for (let i = 0; i < all.length; i += 2) {
      const text = all[i]!;
      rawLines.push({ text, start: span.start + offset });
      offset += text.length + (all[i + 1]?.length ?? 0);
    }
    const sourceLines = isFenced ? rawLines.slice(1) : rawLines;
    // The code's own lines come from the node's value; in the source each is the end of its
    // line, after the container's prefix (list indentation, `> `) and the fence's indentation.
    const valueLines = node.value === '' ? [] : node.value.split(/\r\n|\r|\n/);
    const count = node.value === '' ? sourceLines.length - (isFenced && closesFence(rawLines) ? 1 : 0) : Math.min(valueLines.length, sourceLines.length);
    for (let i = 0; i < count; i++) {
      const source = sourceLines[i]!;
      const own = valueLines[i] ?? '';
      const text = source.text.endsWith(own) ? own : source.text;
      const start = source.start + source.text.length - text.length;
      lines.push({ text, span: { start, end: start + text.length } });
      content.textRuns.push({ kind: 'code', text, start, inUncheckedItem: walk.inUncheckedItem, inBlockquote: walk.inBlockquote, inTableCell: false });
    }
    content.codeBlocks.push({ span, lang: node.lang ?? undefined, lines, ...placement });
  };

  // HTML that opens with a comment: suppression comments are read from these (code never holds any).
  const readComment = (node: Extract<Nodes, { type: 'html' }>, span: Span, walk: WalkState, inTableCell = false): void => {
    if (/^\s*<!--/.test(node.value)) content.comments.push({ text: slice(span), span });
    // A tag-like placeholder (`<name or role>`) is HTML to the parser: kept as a run of its own kind.
    else content.textRuns.push({ kind: 'html', text: slice(span), start: span.start, inUncheckedItem: walk.inUncheckedItem, inBlockquote: walk.inBlockquote, inTableCell });
  };

  let inlineDepth = 0;
  const collectText = (node: Nodes, walk: WalkState, inTableCell = false, flags: { inLink?: boolean; inHeading?: boolean } = {}): void => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      const span = spanOf(node);
      if (span) {
        content.textRuns.push({
          kind: node.type === 'text' ? 'text' : 'inlineCode',
          text: slice(span),
          start: span.start,
          inUncheckedItem: walk.inUncheckedItem,
          inBlockquote: walk.inBlockquote,
          inTableCell,
          ...(flags.inLink ? { inLink: true } : {}),
          ...(flags.inHeading ? { inHeading: true } : {}),
        });
      }
      return;
    }
    if (node.type === 'html') {
      const span = spanOf(node);
      if (span) readComment(node, span, walk, inTableCell);
      return;
    }
    if (node.type === 'image') return;
    // A link's text is prose (blame can hide there); its URL is not in the tree's text, and a
    // bare URL (a GFM autolink, not written `[text](url)`) is all URL.
    if (node.type === 'link') {
      const span = spanOf(node);
      if (!span || !slice(span).startsWith('[')) return;
    }
    const inner = node.type === 'link' || node.type === 'linkReference' ? { ...flags, inLink: true } : flags;
    if (!('children' in node) || inlineDepth > MAX_DEPTH) return;
    inlineDepth++;
    try {
      for (const child of node.children) collectText(child as Nodes, walk, inTableCell, inner);
    } finally {
      inlineDepth--;
    }
  };

  walkBlocks(tree.children, state, true);
  closeSection(Math.max(lastEnd, base + source.length));
  void state;

  return { frontMatter, preamble: { title, content: preambleContent }, sections };
}

function closesFence(lines: { text: string }[]): boolean {
  if (lines.length < 2) return false;
  const open = /^(`{3,}|~{3,})/.exec(lines[0]!.text)?.[1];
  // The closing fence may follow a container's prefix (`> `, list indentation).
  const close = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]!.text)?.[1];
  return !!open && !!close && close[0] === open[0] && close.length >= open.length;
}

/** An ATX heading (`## Impact`); setext ones count as sections only when the template writes them (a `- ` after a label is not one). */
export function isAtx(raw: string): boolean {
  return /^ {0,3}#/.test(raw);
}

/** A heading's text without its `#` markers or setext underline (the Incidents view's header scanner reads it the same way). */
export function headingText(raw: string): string {
  return raw
    .replace(/(?:\r\n|\r|\n)[ \t]*(?:=+|-+)[ \t]*$/, '')
    .replace(/^ {0,3}#{1,6}[ \t]*/, '')
    .replace(/[ \t]+#+[ \t]*$/, '')
    .replace(/^#+$/, '')
    .trim();
}

function startsLine(kids: readonly PhrasingContent[], index: number): boolean {
  if (index === 0) return true;
  const previous = kids[index - 1]!;
  if (previous.type === 'break') return true;
  return previous.type === 'text' && /[\r\n][ \t]*$/.test(previous.value);
}

/** The text of a node's leaves, in order; with an explicit stack: emphasis can nest thousands deep. */
function plainText(node: Nodes): string {
  let text = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if ('value' in next && typeof next.value === 'string') text += next.value;
    else if ('children' in next) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as Nodes);
  }
  return text;
}

function blockKind(node: RootContent): BlockKind {
  switch (node.type) {
    case 'paragraph':
    case 'list':
    case 'table':
    case 'code':
    case 'html':
    case 'blockquote':
    case 'heading':
    case 'thematicBreak':
      return node.type;
    default:
      return 'other';
  }
}

function isCommentBlock(node: RootContent, raw: string): boolean {
  // An unclosed `<!--` runs to the end of the report and shows nothing either.
  if (node.type === 'html') return /^\s*<!--(?:[\s\S]*-->\s*$|(?![\s\S]*-->))/.test(raw);
  return false;
}
