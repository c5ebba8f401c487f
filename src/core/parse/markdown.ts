import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

/** One frozen processor: CommonMark + GFM (tables, task lists) + YAML front matter. */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
/** The same without front matter, for texts whose opening `---` is never closed. */
const plainProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  const tree = processor.parse(text) as Root;
  // micromark-extension-frontmatter#5: an opening `---` that never closes leaves the parser
  // unable to start lists for the rest of the document. Without front matter there is
  // nothing to lose, so parse such a text again without the extension.
  if (tree.children[0]?.type !== 'yaml' && /^\uFEFF?---/.test(text)) return plainProcessor.parse(text) as Root;
  return tree;
}
