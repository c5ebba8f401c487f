/**
 * src/core/parse/markdown.ts calls micromark and mdast-util-from-markdown with the
 * extensions remark-parse + remark-frontmatter + remark-gfm install, without unified. The
 * trees must be the ones that pipeline builds, position for position.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import * as fromMarkdownModule from 'mdast-util-from-markdown';
import type { Event } from 'micromark-util-types';
import { mayHoldTable, parseMarkdown } from '../../../src/core/parse/markdown';
import { postprocess } from '../../../src/core/parse/subtokenize';
import { commonmarkExamples, GFM_CASES } from '../../fuzz/harness';

const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
const remarkPlain = unified().use(remarkParse).use(remarkGfm).freeze();
const ROOT = join(__dirname, '..', '..', '..');

/** What remark gives, with the same retry for an unclosed opening `---`. */
function viaRemark(text: string): unknown {
  const tree = remark.parse(text);
  return tree.children[0]?.type !== 'yaml' && /^\uFEFF?---/.test(text) ? remarkPlain.parse(text) : tree;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : []));
}

describe('parseMarkdown: the remark pipeline without unified', () => {
  it('builds the same trees as unified + remark-parse + remark-frontmatter + remark-gfm on every CommonMark example and the GFM cases', () => {
    const spec = [...commonmarkExamples(), ...GFM_CASES];
    assert.ok(spec.length > 600);
    const differ = spec.filter((example) => !isDeepStrictEqual(parseMarkdown(example.markdown), viaRemark(example.markdown)));
    assert.deepEqual(differ.map((e) => e.markdown), []);
  });

  it('builds the same trees on the template, the examples and the fixtures, with front matter, CRLF and an unclosed ---', () => {
    const files = [join(ROOT, 'templates', 'default.md'), ...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(join(ROOT, 'test', 'fixtures'))];
    assert.ok(files.length >= 5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const variant of [text, text.replace(/\n/g, '\r\n'), `\ufeff${text}`, `---\nTitle: x\n${text}`]) {
        assert.deepStrictEqual(parseMarkdown(variant), viaRemark(variant), file);
      }
    }
  });

  it('parses with the patched, set-up-once parser (patches/mdast-util-from-markdown), which carries nothing from one text to the next', () => {
    // Installed by `npm install`'s postinstall (patch-package); without it parsing is correct but slower.
    const { fromMarkdownParser } = fromMarkdownModule as { fromMarkdownParser?: (options: object, post: (events: Event[]) => Event[]) => (value: string) => unknown };
    assert.equal(typeof fromMarkdownParser, 'function', 'the patch is applied');
    // It takes the postprocess to run (src/core/parse/subtokenize.ts), once per text.
    let postprocessed = 0;
    const parseWithOurs = fromMarkdownParser!({}, (events) => (postprocessed++, postprocess(events)));
    assert.deepStrictEqual(parseWithOurs('> a\n\n- b\n'), fromMarkdownModule.fromMarkdown('> a\n\n- b\n'));
    assert.equal(postprocessed, 1);
    // A definition, a footnote definition and a lazy line of one text do not reach the next.
    const texts = ['[a]: https://example.com\n\n[^n]: note\n\n> quote\nlazy\n', '[a] and [^n]\n\n> quote\nlazy\n', '[a]\n', '- item\n\n  [b]: /x\n', '[b]\n'];
    for (const text of [...texts, ...texts.reverse()]) assert.deepStrictEqual(parseMarkdown(text), viaRemark(text), text);
  });

  it('finds autolink literals block by block exactly as the whole-tree transform: references, escapes, case, containers', () => {
    const lines = [
      'Mail ops&#64;example.com or ops&commat;example.com, see www&#46;example.com and HTTP://EXAMPLE.COM/x.',
      'Escaped: www\\.example.com, ops\\@example.com, http\\://example.com, \\www.example.com',
      '- a list item with https://example.com/a_(b) and a [link www.inside.com](https://x.y)',
      '> quoted WWW.Example.com/path?q=1. and foo@bar.baz_',
      '| a | b |\n|---|---|\n| http://cell.example | mail@cell.example |',
      '`code www.example.com` and <https://angle.example> and ![img www.alt.com](x.png)',
      'Nothing here: wwww, htt, a.b, example.com',
      '**bold www.example.com** _em ops@example.com_ ~~del https://example.com~~',
      '[^1]: a footnote with https://foot.example\n\nText[^1].',
      // Texts with only one kind: parsed without the other kind's constructs.
      'Only mail: ops@example.com, [ops@example.com](x), [unclosed ops@example.com and a.b@c.d_',
      'Only web: www.example.com, [unclosed www.example.com, [x](y) http://a.b/c?d, HTTPS://X.Y',
    ];
    const text = lines.join('\n\n') + '\n';
    // Each line alone too: a text with one kind of literal is parsed without the other kind's constructs.
    for (const variant of [text, text.replace(/\n/g, '\r\n'), `\ufeff${text}`, `---\nTitle: x\n---\n${text}`, ...lines]) {
      assert.deepStrictEqual(parseMarkdown(variant), viaRemark(variant), variant);
    }
    assert.ok(JSON.stringify(parseMarkdown(text)).includes('"url":"mailto:ops@example.com"'), 'references are decoded before the literal is found');
    assert.ok(JSON.stringify(parseMarkdown(lines.at(-2)!)).includes('"url":"mailto:ops@example.com"'), 'a text without www or http still finds emails');
    assert.ok(JSON.stringify(parseMarkdown(lines.at(-1)!)).includes('"url":"http://www.example.com"'), 'a text without @ still finds web literals');
  });

  it('reads every table, with or without pipes, in containers, CRLF and tabs: a text is parsed without the table construct only when it cannot hold one', () => {
    const tables = [
      'a\n:--', 'a\n--:', 'a | b\n-|-', '| a |\n| :-: |', 'a\n\t:-', '> a | b\n> --|--', '- a | b\n  --|--', '1. a\n   ---|:--:',
      '[^n]: a | b\n    --|--\n\nx[^n]', 'para\n| a |\n|---|', '  a|b\n  -|-\n  1|2',
    ];
    const notTables = ['a\n---', '| a\n---', 'a\n- - -', 'text: here\n***', '> a\n> ---', 'a\n:::'];
    for (const markdown of [...tables, ...notTables]) {
      for (const variant of [markdown, markdown.replace(/\n/g, '\r\n'), markdown.replace(/\n/g, '\r')]) {
        assert.deepStrictEqual(parseMarkdown(variant), viaRemark(variant), JSON.stringify(variant));
      }
    }
    const kinds = (markdown: string): string[] => parseMarkdown(markdown).children.map((n) => n.type);
    assert.deepEqual(kinds('a\n:--'), ['table']);
    assert.deepEqual(kinds('> a | b\n> --|--'), ['blockquote']);
    assert.deepEqual(kinds('| a\n---'), ['heading']);
    // The check that picks the parse: true for every table above, false for prose, rules and headings.
    for (const markdown of tables) assert.ok(mayHoldTable(markdown), markdown);
    for (const markdown of ['Plain prose: a list\n\n- one\n- two\n\n---\n', '## Heading\n\nText with a - dash.\n', 'a\n---']) assert.ok(!mayHoldTable(markdown), markdown);
    // Linear on a line as long as LIMITS lets through, of `:` ending in another character
    // (a pattern that backtracked over each `:` took minutes here).
    assert.ok(!mayHoldTable(`${':'.repeat(262_000)}x\n`));
    assert.deepEqual(kinds(`${':'.repeat(262_000)}x\n`), ['paragraph']);
  });

  it('GFM: tables, task lists, strikethrough, autolink literals and footnotes are read', () => {
    const text = '| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done www.example.com\n\nSee[^1].\n\n[^1]: note\n';
    const tree = parseMarkdown(text);
    assert.deepEqual(tree.children.map((n) => n.type), ['table', 'list', 'paragraph', 'footnoteDefinition']);
    assert.deepStrictEqual(tree, viaRemark(text));
  });

  // ~3,000 "- > " pairs overflow Node's default stack in remark-gfm's autolink walk, but
  // micromark is quadratic in that nesting (12 s per parse here): a child with a small stack
  // shows the same overflow at 500 pairs in a fraction of a second. Since the nesting limit
  // (src/core/parse/bounds.ts, 100 levels) such a line is read as a plain paragraph.
  it('a nesting deep enough to overflow the autolink walk is read as plain text, not thrown', () => {
    const script = `
      const { unified } = require('unified');
      const remark = unified().use(require('remark-parse').default).use(require('remark-frontmatter').default, ['yaml']).use(require('remark-gfm').default);
      const { parseMarkdown } = require(${JSON.stringify(join(ROOT, 'src', 'core', 'parse', 'markdown.ts'))});
      const text = '- > '.repeat(500) + 'x https://example.com\\n';
      let remarkError = '';
      try { remark.parse(text); } catch (error) { remarkError = error.name; }
      const tree = parseMarkdown(text);
      console.log(JSON.stringify({ remarkError, first: tree.children[0].type, end: tree.position.end.offset, length: text.length }));`;
    const run = spawnSync(process.execPath, ['--stack-size=200', '--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { remarkError: string; first: string; end: number; length: number };
    assert.deepEqual(result, { remarkError: 'RangeError', first: 'paragraph', end: result.length, length: 4 * 500 + 22 });
  });
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
