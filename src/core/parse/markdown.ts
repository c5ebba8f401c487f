import * as fromMarkdownModule from 'mdast-util-from-markdown';
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import type { Root } from 'mdast';
import type { LimitHit } from '../limits';
import { boundText } from './bounds';
import { postprocess } from './subtokenize';

/*
 * The parse remark-parse + remark-frontmatter + remark-gfm do (CommonMark, GFM tables, task
 * lists, strikethrough, autolink literals, footnotes, YAML front matter), called directly:
 * the same micromark and mdast extensions in the same order, without unified's processor
 * and without the Markdown serialisers remark-gfm also loads (mdast-util-to-markdown,
 * markdown-table), which a validator never uses. test/unit/model/parser.test.ts checks
 * the trees are those of the remark pipeline.
 */
const micromarkExtensions = [frontmatter(['yaml']), gfm()];
type MicromarkExtension = ReturnType<typeof gfm>;
/**
 * The same without GFM's autolink literal constructs, which can only match at an `@` (email
 * literals, tried at the start of every word: 5-13% of a parse) or at `www` or `http` (any
 * case) written in the source, character references not read there: a text without an `@`
 * is parsed without the email constructs, one without `www` and `http` without the others,
 * to the same tree.
 */
type Construct = NonNullable<NonNullable<MicromarkExtension['text']>[number]>;
/** `extension` without the constructs `drop` names in its `field` (text, flow) map. */
const withoutConstructs = (extension: MicromarkExtension, field: 'text' | 'flow', drop: (construct: Construct) => boolean): MicromarkExtension => ({
  ...extension,
  [field]: Object.fromEntries(
    Object.entries(extension[field] ?? {})
      .map(([code, constructs]) => [code, [constructs as Construct].flat().filter((construct) => construct && !drop(construct))] as const)
      .filter(([, constructs]) => constructs.length > 0),
  ),
});
/** A construct's name (micromark's types leave it out of some construct records). */
const nameOf = (construct: unknown): string | undefined => (construct as { name?: string }).name;
const autolinkConstructs = Object.values(gfmAutolinkLiteral().text ?? {}).flat();
const emailConstructs = new Set<unknown>(autolinkConstructs.filter((construct) => nameOf(construct) === 'emailAutolink'));
const webConstructs = new Set<unknown>(autolinkConstructs.filter((construct) => nameOf(construct) !== 'emailAutolink'));
const MAY_START_EMAIL_LITERAL = /@/;
const MAY_START_WEB_LITERAL = /www|http/i;
/**
 * The same without GFM's table construct, which reads every line that starts a paragraph as
 * a possible header row (7% of the parse of 32,000 report sections). A table needs a
 * delimiter row: a line of `-`, `:`, `|`, spaces and tabs after its container's `>` and
 * indent, with a `|` or a `:` in it (`a` over `:--` is a table, `| a` over `---` a heading).
 * A text without such a line is parsed without the construct, to the same tree. The class
 * also takes list markers, so that nothing a container could put on the line is missed.
 */
const MAY_HOLD_DELIMITER_ROW = /^[ \t>*+\d.)-]*[|:][ \t>*+\d.)|:-]*$/m;
// (The first class has no `|` or `:`, so the match is linear: with them, a 256 KiB line of `:`
// ending in another character was tried from every `:`, in quadratic time.)
/** Whether `text` has a line that could be a GFM table's delimiter row: else it is parsed without the table construct. */
export function mayHoldTable(text: string): boolean {
  return MAY_HOLD_DELIMITER_ROW.test(text);
}
/** Which constructs a text needs, as bits: 4 email literals, 2 web literals, 1 tables. */
function variantOf(text: string): number {
  return (MAY_START_EMAIL_LITERAL.test(text) ? 4 : 0) + (MAY_START_WEB_LITERAL.test(text) ? 2 : 0) + (mayHoldTable(text) ? 1 : 0);
}
/** The micromark extensions of a variant (variantOf): GFM without the constructs it cannot need. */
function micromarkVariant(variant: number): MicromarkExtension[] {
  const drop = (construct: Construct): boolean => (!(variant & 4) && emailConstructs.has(construct)) || (!(variant & 2) && webConstructs.has(construct));
  let gfmVariant = withoutConstructs(micromarkExtensions[1]!, 'text', drop);
  if (!(variant & 1)) gfmVariant = withoutConstructs(gfmVariant, 'flow', (construct) => nameOf(construct) === 'table');
  return [micromarkExtensions[0]!, gfmVariant];
}
/**
 * GFM autolink literals (bare `www.`, `https://` URLs and emails in text) are found by a
 * transform that walks the whole tree after the parse: 7-25% of a report's parse. It only
 * changes text that holds `www`, `http` or `@` (or an escape or character reference that
 * could spell them), so it is run here on the top-level blocks whose source holds one of
 * those, the others left as the walk would leave them. The trees are remark's
 * (test/unit/model/parser.test.ts).
 */
const autolinkLiterals = gfmAutolinkLiteralFromMarkdown();
const linkLiterals = autolinkLiterals.transforms?.[0];
const MAY_HOLD_AUTOLINK_LITERAL = /@|&|\\|www|http/i;
const gfmFromMarkdown = (): MdastExtension[] => [{ ...autolinkLiterals, transforms: [] }, gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
const mdastExtensions = [frontmatterFromMarkdown(['yaml']), ...gfmFromMarkdown()];
/** Without front matter, for texts whose opening `---` is never closed. */
const plainMdastExtensions = gfmFromMarkdown();

export function parseMarkdown(text: string): Root {
  return parseBounded(text).tree;
}

/**
 * The tree of a text, with what went past a limit (offsets in `text`): those parts are
 * parsed masked, as plain text, and lines past LIMITS.pieceLines not at all (bounds.ts).
 */
export function parseBounded(source: string): { tree: Root; limits: readonly LimitHit[] } {
  const { text, hits } = boundText(source);
  return { tree: parseUnbounded(text), limits: hits };
}

function parseUnbounded(text: string): Root {
  let tree = parseWith(text, true);
  // micromark-extension-frontmatter#5: an opening `---` that never closes leaves the parser
  // unable to start lists for the rest of the document. Without front matter there is
  // nothing to lose, so parse such a text again without the extension.
  if (tree.children[0]?.type !== 'yaml' && /^\uFEFF?---/.test(text)) tree = parseWith(text, false);
  linkAutolinkLiterals(tree, text);
  return tree;
}

function parseWith(text: string, withFrontMatter: boolean): Root {
  const variant = variantOf(text);
  const key = (withFrontMatter ? 8 : 0) + variant;
  let parse = parsers[key];
  if (!parse) {
    const all = micromarkVariant(variant);
    const options = { extensions: withFrontMatter ? all : all.slice(1), mdastExtensions: withFrontMatter ? mdastExtensions : plainMdastExtensions };
    parse = parsers[key] = fromMarkdownParser ? fromMarkdownParser(options, postprocess) : (value: string) => fromMarkdownModule.fromMarkdown(value, options);
  }
  return parse(text);
}

/**
 * One parse function per set of extensions, made on first use. `fromMarkdownParser` is
 * patched into mdast-util-from-markdown (patches/, applied by `npm install`'s postinstall):
 * it sets micromark's parser and the mdast compiler up once, not on each of a report's
 * section parses, and compiles each document with one context object rather than a copy of
 * it per event. Over 2,000 reports the parse alone, on 2 threads, took 11.7 s with it and
 * 20.5 s with fromMarkdown (scripts/bench/parseFloor.mjs); the trees are the same (checked
 * on 36,346 reports and sections against the unpatched package, and by
 * test/unit/model/parser.test.ts against remark). Without the patch (an install that ran no
 * scripts) fromMarkdown does the same work, slower. The patched parser also takes our copy of
 * micromark's postprocess (./subtokenize.ts), which finds the same events faster.
 */
const fromMarkdownParser = (fromMarkdownModule as { fromMarkdownParser?: (options: object, postprocessEvents: typeof postprocess) => (value: string) => Root }).fromMarkdownParser;
const parsers: ((value: string) => Root)[] = [];

/** remark-gfm's autolink literal transform, block by block where it can change something. */
function linkAutolinkLiterals(tree: Root, text: string): void {
  if (!linkLiterals) return;
  for (const node of tree.children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    // One character more on each side: a byte order mark moves offsets by one.
    if (start !== undefined && end !== undefined && !MAY_HOLD_AUTOLINK_LITERAL.test(text.slice(Math.max(0, start - 1), end + 1))) continue;
    try {
      linkLiterals({ type: 'root', children: [node] });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // Thousands of nested lists and quotes on one line overflow the stack in the
      // transform's recursive walk. The block itself was built: its bare URLs stay text.
    }
  }
}
