import { fromMarkdown, type Extension as MdastExtension } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import type { Root } from 'mdast';

/*
 * The parse remark-parse + remark-frontmatter + remark-gfm do (CommonMark, GFM tables, task
 * lists, strikethrough, autolink literals, footnotes, YAML front matter), called directly:
 * the same micromark and mdast extensions in the same order, without unified's processor
 * and without the Markdown serialisers remark-gfm also loads (mdast-util-to-markdown,
 * markdown-table), which a validator never uses. test/unit/model/parser.test.ts checks
 * the trees are those of the remark pipeline.
 */
const micromarkExtensions = [frontmatter(['yaml']), gfm()];
const gfmFromMarkdown = (): MdastExtension[] => [gfmAutolinkLiteralFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
const mdastExtensions = [frontmatterFromMarkdown(['yaml']), ...gfmFromMarkdown()];
/** Without front matter, for texts whose opening `---` is never closed. */
const plainMdastExtensions = gfmFromMarkdown();

export function parseMarkdown(text: string): Root {
  const tree = parseWith(text, true);
  // micromark-extension-frontmatter#5: an opening `---` that never closes leaves the parser
  // unable to start lists for the rest of the document. Without front matter there is
  // nothing to lose, so parse such a text again without the extension.
  if (tree.children[0]?.type !== 'yaml' && /^\uFEFF?---/.test(text)) return parseWith(text, false);
  return tree;
}

function parseWith(text: string, withFrontMatter: boolean): Root {
  const extensions = withFrontMatter ? micromarkExtensions : micromarkExtensions.slice(1);
  const mdast = withFrontMatter ? mdastExtensions : plainMdastExtensions;
  try {
    return fromMarkdown(text, { extensions, mdastExtensions: mdast });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // Thousands of nested lists and quotes on one line overflow the stack in the autolink
    // literal transform, which walks the tree recursively after the parse. The tree
    // itself was built: parse again without that walk (bare URLs stay text there).
    return fromMarkdown(text, { extensions, mdastExtensions: mdast.map((e) => (e.transforms ? { ...e, transforms: [] } : e)) });
  }
}
