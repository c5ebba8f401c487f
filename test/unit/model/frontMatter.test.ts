import assert from 'node:assert/strict';
import { parseReport } from '../../../src/core/model/parseReport';
import { parseMarkdown } from '../../../src/core/parse/markdown';

const cut = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('model: front matter', () => {
  it('reads the YAML mapping, its entries and their exact spans', () => {
    const text = '---\nTitle: Checkout outage\nOwner: "Priya"\nStatus: Open\nLinks:\n  - a\n  - b\n---\n# T\n';
    const fm = parseReport(text).frontMatter!;
    assert.equal(cut(text, fm.span), text.slice(0, text.indexOf('\n# T')));
    assert.equal(cut(text, fm.rawSpan), fm.raw);
    assert.equal(fm.raw, 'Title: Checkout outage\nOwner: "Priya"\nStatus: Open\nLinks:\n  - a\n  - b');
    assert.equal(fm.error, undefined);
    assert.deepStrictEqual({ ...fm.data }, { Title: 'Checkout outage', Owner: 'Priya', Status: 'Open', Links: ['a', 'b'] });
    assert.deepStrictEqual(
      fm.entries.map((e) => [e.key, cut(text, e.span), cut(text, e.valueSpan)]),
      [
        ['Title', 'Title: Checkout outage', 'Checkout outage'],
        ['Owner', 'Owner: "Priya"', '"Priya"'],
        ['Status', 'Status: Open', 'Open'],
        ['Links', 'Links:\n  - a\n  - b', '- a\n  - b'],
      ],
    );
  });

  it('an empty value has an empty value span at the end of the key line', () => {
    const text = '---\nOwner:\nStatus: Open\n---\n';
    const owner = parseReport(text).frontMatter!.entries[0]!;
    assert.equal(owner.value, null);
    assert.equal(cut(text, owner.span), 'Owner:');
    assert.equal(owner.valueSpan.start, owner.valueSpan.end);
  });

  it('an empty block is an empty mapping', () => {
    const fm = parseReport('---\n---\n# T\n').frontMatter!;
    assert.deepStrictEqual({ ...fm.data }, {});
    assert.deepStrictEqual(fm.entries, []);
    assert.equal(fm.error, undefined);
  });

  it('reads lone CR and mixed line breaks as line breaks, spans unchanged', () => {
    for (const text of ['---\rTitle: Checkout outage\rOwner: Priya\rStatus: Open\r---\r# T\r', '---\rTitle: Checkout outage\nOwner: Priya\r\nStatus: Open\r---\r# T\r']) {
      const fm = parseReport(text).frontMatter!;
      assert.equal(fm.error, undefined, JSON.stringify(text));
      assert.deepStrictEqual({ ...fm.data }, { Title: 'Checkout outage', Owner: 'Priya', Status: 'Open' });
      assert.deepStrictEqual(fm.entries.map((e) => cut(text, e.valueSpan)), ['Checkout outage', 'Priya', 'Open']);
    }
  });

  it('reports invalid YAML with the line it concerns', () => {
    const text = '---\nTitle: x\nStatus: [Open\n---\n';
    const fm = parseReport(text).frontMatter!;
    assert.equal(fm.data, undefined);
    assert.ok(fm.error);
    // yaml notices it on the next line; the range is the unclosed value.
    assert.equal(cut(text, fm.error.span), '[Open');
  });

  it('reports duplicate keys on the duplicate', () => {
    const text = '---\nStatus: Open\nStatus: Closed\n---\n';
    const fm = parseReport(text).frontMatter!;
    assert.match(fm.error!.message, /unique/);
    assert.equal(cut(text, fm.error!.span), 'Status: Closed');
  });

  it('reports a list or a scalar as not a mapping, on the opening fence', () => {
    for (const text of ['---\n- a\n- b\n---\n', '---\njust text\n---\n']) {
      const fm = parseReport(text).frontMatter!;
      assert.equal(fm.error?.message, 'front matter is not a mapping of keys to values');
      assert.deepStrictEqual(fm.error?.span, { start: 0, end: 3 });
    }
  });

  it('never expands an alias bomb and never runs tags', () => {
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [*${'abcdefghij'[i]},*${'abcdefghij'[i]},*${'abcdefghij'[i]},*${'abcdefghij'[i]},*${'abcdefghij'[i]},*${'abcdefghij'[i]}]`), '---', ''].join('\n');
    // Expanded, the bomb would be 10^9 nodes: an answer at all means it was not expanded.
    const fm = parseReport(bomb).frontMatter!;
    assert.ok(fm.error, 'an alias bomb is an error');
    const tagged = parseReport('---\nTitle: !!js/function "function(){}"\n---\n').frontMatter!;
    assert.notEqual(typeof tagged.data?.['Title'], 'function');
  });

  it('only a block at the very top is front matter', () => {
    const model = parseReport('# T\n\n---\nTitle: x\n---\n');
    assert.equal(model.frontMatter, undefined);
  });

  it('an opening fence that never closes is no front matter, and lists after it still parse', () => {
    const text = '---\nTitle: x\n\n- [x] ticked\n- [ ] not\n\n## S\n\n- a\n';
    const model = parseReport(text);
    assert.equal(model.frontMatter, undefined);
    assert.deepStrictEqual(model.preamble.content.checklists[0]!.items.map((i) => i.checked), [true, false]);
    assert.deepStrictEqual(model.sections[0]!.content.lists[0]!.items.map((i) => i.text), ['a']);
    // The raw parser too (micromark-extension-frontmatter#5 is worked around).
    assert.deepStrictEqual(parseMarkdown('---\n- task\n').children.map((c) => c.type), ['thematicBreak', 'list']);
  });
});
