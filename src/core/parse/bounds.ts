import { LIMITS, type LimitHit, type LimitKind } from '../limits';

/**
 * What the Markdown parser is given of a piece of text: the text with every part past a
 * limit (see LIMITS) masked, and cut after LIMITS.pieceLines lines. Masking keeps the
 * length (every character but line breaks becomes `x`), so offsets in the tree are offsets
 * in the text and the model still slices its text out of the original: a masked part is
 * read as one plain paragraph of its own words, never as nested containers or inline
 * markup. Everything is decided line by line, or run of non-blank lines by run, in one pass.
 */
export interface BoundedText {
  /** The text to parse: as given when no limit was reached. */
  readonly text: string;
  /** The parts past a limit, offsets in the text, in order. */
  readonly hits: readonly LimitHit[];
}

const MASK = 'x';

export function boundText(text: string): BoundedText {
  const hits: LimitHit[] = [];
  const masks: { start: number; end: number }[] = [];
  const mark = (kind: LimitKind, start: number, end: number): void => {
    const last = hits[hits.length - 1];
    // Consecutive lines past the same limit are one part.
    if (last && last.kind === kind && lineBreaksOnly(text, last.span.end, start)) hits[hits.length - 1] = { kind, span: { start: last.span.start, end } };
    else hits.push({ kind, span: { start, end } });
  };
  // A run's mask is added when the run ends, after those of long lines inside it: sorted below.
  const mask = (start: number, end: number): void => void masks.push({ start, end });

  // The run of non-blank lines being read: how deep its inline markup nests.
  let run: InlineRun | undefined;
  const closeRun = (): void => {
    if (run && run.past) {
      mark('inline-nesting', run.start, run.end);
      mask(run.start, run.end);
    }
    run = undefined;
  };

  let cut = text.length;
  let lines = 0;
  // Front matter is YAML, not Markdown: read by its own parser, with its own limits.
  let start = frontMatterEnd(text);
  while (start <= text.length) {
    let end = start;
    let pipes = 0;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c === 124 /* | */) pipes++;
      end++;
    }
    const next = end >= text.length ? text.length + 1 : end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (++lines > LIMITS.pieceLines) {
      closeRun();
      cut = start;
      hits.push({ kind: 'piece-lines', span: { start, end: text.length } });
      break;
    }
    const kind: LimitKind | undefined = end - start > LIMITS.lineChars ? 'line-length' : pipes > LIMITS.columnsPerRow ? 'columns' : containerDepth(text, start, end) > LIMITS.nestingDepth ? 'nesting' : undefined;
    if (kind) {
      mark(kind, start, end);
      mask(start, end);
    } else if (isBlank(text, start, end) || isAtxHeading(text, start, end)) {
      // A blank line ends every paragraph; a heading is inline content of its own.
      closeRun();
    } else {
      // A list item or a table row starts inline content of its own (a row's cells are parsed one by one, but are short).
      if (startsBlock(text, start, end)) closeRun();
      run ??= { start, end, emphasis: 0, brackets: 0, closers: 0, strayClosers: 0, past: false };
      readInline(text, start, end, run);
      run.end = end;
    }
    start = next;
  }
  closeRun();
  if (masks.length === 0 && cut === text.length) return { text, hits };
  masks.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const { start: from, end: to } of masks) {
    if (from >= cut) break;
    const begin = Math.max(from, at);
    const finish = Math.min(to, cut);
    if (finish <= begin) continue;
    parts.push(text.slice(at, begin), maskOf(text, begin, finish));
    at = finish;
  }
  parts.push(text.slice(at, cut));
  return { text: parts.join(''), hits };
}

interface InlineRun {
  readonly start: number;
  end: number;
  /** Emphasis delimiters (`*`, `_`, `~`) open at this point. */
  emphasis: number;
  /** `[` open at this point. */
  brackets: number;
  /** Every `]`, and those that closed no `[`. */
  closers: number;
  strayClosers: number;
  past: boolean;
}

/**
 * An estimate of the open emphasis and link brackets, enough to tell a paragraph nesting
 * hundreds deep (which the parser takes quadratic time over) from any written one: a
 * delimiter run followed by a non-space may open, one after a non-space may close.
 */
function readInline(text: string, start: number, end: number, run: InlineRun): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
    } else if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) {
      let j = i;
      while (j < end && text.charCodeAt(j) === c) j++;
      const length = j - i;
      const canClose = i > start && !isSpace(text.charCodeAt(i - 1));
      const canOpen = j < end && !isSpace(text.charCodeAt(j));
      if (canClose) run.emphasis = Math.max(0, run.emphasis - length);
      if (canOpen) run.emphasis += length;
      i = j - 1;
    } else if (c === 91 /* [ */) {
      run.brackets++;
    } else if (c === 93 /* ] */) {
      if (++run.closers > LIMITS.closingBrackets) run.past = true;
      if (run.brackets > 0) run.brackets--;
      else run.strayClosers++;
    } else {
      continue;
    }
    if (run.emphasis > LIMITS.inlineNesting || run.brackets > LIMITS.inlineNesting || run.strayClosers > LIMITS.inlineNesting) run.past = true;
  }
}

/** Whether the line, after block quote markers, starts a list item or a table row. */
function startsBlock(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 62 /* > */)) i++;
  return i < end && (text.charCodeAt(i) === 124 /* | */ || containerDepth(text, i, end) > 0);
}

/** Block quote and list markers opening the line, counted up to one past the limit. */
function containerDepth(text: string, start: number, end: number): number {
  let depth = 0;
  let i = start;
  while (i < end && depth <= LIMITS.nestingDepth) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      i++;
    } else if ((c === 45 /* - */ || c === 43 /* + */ || c === 42 /* * */) && (i + 1 === end || isSpace(text.charCodeAt(i + 1)))) {
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const after = text.charCodeAt(j);
      if ((after !== 46 /* . */ && after !== 41 /* ) */) || !(j + 1 === end || isSpace(text.charCodeAt(j + 1)))) break;
      i = j + 1;
    } else {
      break;
    }
    depth++;
  }
  return depth;
}

/** Where a closed front matter block ends (after its closing line's break), or 0. */
function frontMatterEnd(text: string): number {
  let at = 0;
  while (text.charCodeAt(at) === 0xfeff) at++;
  if (!/^---[ \t]*(?:\r\n|\r|\n)/.test(text.slice(at, at + 64))) return 0;
  const close = /^---[ \t]*(?:\r\n|\r|\n|$)/gm;
  close.lastIndex = text.indexOf('-', at) + 3;
  const found = close.exec(text);
  return found ? found.index + found[0].length : 0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function isAtxHeading(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let hashes = 0;
  while (i < end && text.charCodeAt(i) === 35 /* # */) {
    i++;
    hashes++;
  }
  return hashes >= 1 && hashes <= 6 && (i === end || isSpace(text.charCodeAt(i)));
}

function lineBreaksOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) return false;
  }
  return true;
}

/** The masked form of text[from, to): line breaks kept, everything else `x`. */
function maskOf(text: string, from: number, to: number): string {
  let out = '';
  let at = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    out += MASK.repeat(i - at) + text[i];
    at = i + 1;
  }
  return out + MASK.repeat(to - at);
}
