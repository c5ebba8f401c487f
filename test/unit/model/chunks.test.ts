import assert from 'node:assert/strict';
import { ReportParser, isReport, parseReport } from '../../../src/core/model/parseReport';
import { shiftOffsets } from '../../../src/core/model/offsets';
import type { ReportModel } from '../../../src/core/model/types';
import { TABLE_BATCH_MAX_ROWS, TABLE_BATCH_MIN_ROWS, chunkStarts, firstChunk, splitChunks } from '../../../src/core/parse/chunks';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { complete } from '../helpers';
import { assertSameAsOnePiece } from './onePiece';


/** A table of `count` body rows (`row(i)` each), as the Timeline holds: long ones are parsed in row batches. */
function longTable(count: number, row: (i: number) => string = (i) => `| ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Event ${i} | Priya Raman |`): string {
  return `| Time | Event | Actor |\n|------|-------|-------|\n${Array.from({ length: count }, (_, i) => `${row(i)}\n`).join('')}`;
}

const N = TABLE_BATCH_MIN_ROWS;

const TRICKY: Record<string, string> = {
  'fenced code holding ## lines': '# T\n\n## A\n\n```md\n## not a section\n```\n\n~~~~\n## nor this\n~~~\n## still code\n~~~~\n\n## B\ntext\n',
  'an HTML comment holding ## lines': '## A\n\n<!--\n## commented out\n-->\n\n## B\n\n<!-- one line --> \n## C\n',
  'an indented fence in a list item': '## A\n\n1. **Investigation:**\n   ```bash\n## in the fence\n   ```\n\n## B\n\n- item\n  ```\n  code\n## ends the item and the fence\n',
  'an unclosed fence': '## A\n\n```\n## inside forever\n\n## B\n',
  'an unclosed tilde fence after a closed one': '## A\n```\n```\n## B\n~~~\n## C\n',
  'backticks in the info string (not a fence)': '## A\n``` a`b\n## B\n',
  'setext headings': '## A\n\nTitle\n==\n\n**Attendees:**\n- \n- x\n\nSub\n---\n## B\n',
  'front matter with ## comment lines': '---\n## comment\nTitle: x\n## another: 1\n---\n\n# T\n\n## A\n',
  'unclosed front matter': '---\nTitle: x\n## A\ntext\n## B\n',
  'raw HTML blocks': '## A\n\n<div>\n\n## B\n\n</div>\n\n<details>\n## C\n</details>\n## D\n',
  'an indented HTML comment': '## A\n\n- item\n  <!--\n## B\n  -->\n## C\n',
  '## inside a blockquote and a list': '## A\n\n> ## quoted\n> text\n\n- ## listed\n## B\n',
  'a heading that interrupts a paragraph': '## A\ntext\n## B\nmore\n##\n## C ##\n#### D\n',
  'link reference definitions in another section': '## A\n\nSee [Name] and [x][ref].\n\n## B\n\n[Name]: https://example.com\n[ref]: https://example.com/r\n',
  'a definition after raw HTML (where splitting stops)': '## A\n\nSee [Name].\n\n## B\n\n<div>\n\n[Name]: https://example.com\n\n## C\n',
  'a <br> line that may open an HTML block': '## A\n\n<br>\n## B (inside the HTML block)\n\n## C\n\ntext\n<br>\n```\n\n## D (in code)\n```\n\n<img src="x.png">\n\n## E\n',
  'a <br> HTML block holding a fence line': '## A\n\n<br>\n```\n\n## B\n```\n## C in code\n```\n',
  'an unclosed tab-indented fence in a list item before a blank line': '##\n- ## li\n\t```\n\n## B\ntext\n',
  'a top-level fence with a 4-space "closing" line': '## A\n```\n    ```\n## B in code\n```\n## C\n',
  'footnotes defined in another section': '## A\n\nA claim[^1].\n\n## B\n\n[^1]: The source.\n',
  'tabs and CR-only line breaks': '## A\r\t```\r## in code\r\t```\r## B\r```\r## C\r```\r',
  'a line of only ## repeated': '##\n##\n##\n## \n##\t\n',
  'a no-break space line is not blank (after <br>)': '## A\n\n<br>\n\u00A0\n## B\n',
  'a no-break space after a closing fence (no close)': '## A\n```\n```\u00A0\n## B\n```\n## C\n',
  'a no-break space line ends a list item and its fence': '## A\n\n- a\n  ```\n\u00A0\n```\n## B\n```\n## C\n',
  'a table of 1 row': `## T\n\n${longTable(1)}\n## B\n`,
  'a table of N - 1 rows': `## T\n\n${longTable(N - 1)}\n## B\n`,
  'a table of N rows': `## T\n\n${longTable(N)}\n## B\n`,
  'a table of N + 1 rows': `## T\n\n${longTable(N + 1)}\n## B\n`,
  'a table of 5N rows': `## T\n\n${longTable(5 * N)}\n## B\n`,
  'a table of many rows ending the text without a line break': `## T\n${longTable(3 * TABLE_BATCH_MAX_ROWS).trimEnd()}`,
  'escaped pipes, code with pipes and emoji in rows': `## T\n\n${longTable(TABLE_BATCH_MAX_ROWS + 1, (i) => `| ${i} \\| x | \`a | b\` and \`c \\| d\` | 🔥 👩‍💻 ${i % 7 ? '' : '`unclosed'} |`)}\n## B\n`,
  'a row without a leading pipe in a long table': `## T\n\n${longTable(TABLE_BATCH_MAX_ROWS + 1)}14:00 | no pipe | x |\n${longTable(3 * N).split('\n').slice(2).join('\n')}\n## B\n`,
  'a long table followed directly by a paragraph line (a row: lazy continuation)': `## T\n\n${longTable(TABLE_BATCH_MAX_ROWS + 1)}Just a line.\nAnother.\n\nA paragraph.\n`,
  'a long table in a list item (never cut)': `## T\n\n- item\n\n${longTable(5 * N).replace(/^/gm, '  ')}\n## B\n`,
  'a long table lazily after a list item (never cut)': `## T\n\n- item\n${longTable(5 * N)}\n## B\n`,
  'a long table after a paragraph line (never cut)': `## T\n\nIntro\n${longTable(5 * N)}\n## B\n`,
  'a long table with a reference definition elsewhere (never cut)': `## T\n\n${longTable(5 * N, (i) => `| ${i} | [Name] | x |`)}\n## B\n\n[Name]: https://example.com\n`,
  'a long table under a field and a subsection, text after it': `## T\n\n### Sub\n\n**Events:**\n\n${longTable(TABLE_BATCH_MAX_ROWS + 1)}\nStill the field.\n\n### Next\n`,
};

describe('chunked parse equals the one-piece parse', function () {
  // Hundreds of random documents parsed twice each: well over the default 20 s on a loaded 2-core machine.
  this.timeout(180_000);
  for (const [name, text] of Object.entries(TRICKY)) {
    it(name, () => assertSameAsOnePiece(text));
    it(`${name} (CRLF)`, () => assertSameAsOnePiece(text.replace(/\r?\n/g, '\r\n')));
  }

  it('the default template and the complete fixture', () => {
    assertSameAsOnePiece(DEFAULT_TEMPLATE);
    assertSameAsOnePiece(complete());
    assertSameAsOnePiece(complete().replace(/\n/g, '\r\n'));
  });

  it('a BOM shifts the whole model by one (the one-piece parse does not count it: the chunker strips it)', () => {
    const { text: _t, ...plain } = parseReport(complete());
    const { text: _b, ...bom } = parseReport(`\uFEFF${complete()}`);
    void _t;
    void _b;
    assert.deepStrictEqual(bom, shiftOffsets(plain, 1));
  });

  it('random documents built from tricky lines (deterministic)', () => {
    // Whole long tables too (their rows joined with `\n` whatever the document's line breaks).
    const tables = [longTable(3 * N).trimEnd(), longTable(2 * TABLE_BATCH_MAX_ROWS, (i) => `| ${i} | \`a|b\` \\| 🔥 |`).trimEnd(), longTable(3 * N).split('\n').slice(2).join('\n').trimEnd()];
    const pool = ['## A', '## B', '##', '# T', '### Sub', '```', '~~~', '````', '   ```', '- item', '  ```', '1. **Field:**', '   ```bash', '<!--', '-->', '<!-- x -->', '  <!--', '<div>', '</div>', '---', 'Title: x', '| a | b |', '|---|---|', '| 1 | 2 |', '> quote', '> ```', '- [ ] task', 'text', '', '', '\t```', '**Label:**', '- ', 'Setext', '==', '<br>', '...', ...tables];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 300; n++) {
      const length = 1 + Math.floor(random() * 30);
      const lines = Array.from({ length }, () => pool[Math.floor(random() * pool.length)]!);
      const text = lines.join(random() < 0.2 ? '\r\n' : '\n');
      try {
        assertSameAsOnePiece(text);
      } catch (error) {
        assert.fail(`document ${n} differs: ${JSON.stringify(text)}\n${String(error).slice(0, 400)}`);
      }
    }
  });

  it('splits the complete fixture at each of its 16 sections', () => {
    const chunks = splitChunks(complete());
    assert.equal(chunks.length, 17);
    assert.ok(chunks.slice(1).every((c) => c.text.startsWith('## ')));
    assert.equal(chunks.map((c) => c.text).join(''), complete());
  });

  it('does not split inside code, comments or front matter', () => {
    const starts = (text: string) => chunkStarts(text).map((s) => text.slice(s, s + 4));
    assert.deepStrictEqual(starts(TRICKY['fenced code holding ## lines']!), ['# T\n', '## A', '## B']);
    assert.deepStrictEqual(starts(TRICKY['an HTML comment holding ## lines']!), ['## A', '## B', '## C']);
    assert.deepStrictEqual(starts(TRICKY['front matter with ## comment lines']!), ['---\n', '## A']);
    assert.deepStrictEqual(starts(TRICKY['an unclosed fence']!), ['## A']);
  });

  it('cuts long tables into row batches only where it is sure', () => {
    const isCut = (name: string) => splitChunks(TRICKY[name]!).some((chunk) => (chunk.tables?.length ?? 0) > 0);
    for (const name of ['a table of 1 row', 'a table of N - 1 rows', 'a table of N rows']) assert.equal(isCut(name), false, name);
    for (const name of Object.keys(TRICKY).filter((n) => n.includes('never cut'))) assert.equal(isCut(name), false, name);
    for (const name of ['a table of 5N rows', 'a table of many rows ending the text without a line break', 'escaped pipes, code with pipes and emoji in rows', 'a row without a leading pipe in a long table', 'a long table followed directly by a paragraph line (a row: lazy continuation)', 'a long table under a field and a subsection, text after it']) {
      assert.equal(isCut(name), true, name);
    }
    // The chunks' texts are still the whole chunks.
    const text = TRICKY['a table of 5N rows']!;
    assert.equal(splitChunks(text).map((c) => c.text).join(''), text);
  });

  it('re-parses only the changed section and gives the same model as a fresh parse', () => {
    const parser = new ReportParser();
    const text = complete();
    parser.parse(text);
    assert.equal(parser.piecesParsed, 1, 'a short report is parsed in one piece the first time');
    const edited = text.replace('2h 35m', '2h 36m');
    assert.deepStrictEqual(parser.parse(edited), parseReport(edited));
    assert.equal(parser.piecesParsed, 1, 'the Summary section');
    // Moving a section moves its cached model's offsets with it.
    const moved = edited.replace('## 📋 Summary', 'Intro line.\n\n## 📋 Summary');
    assert.deepStrictEqual(parser.parse(moved), parseReport(moved));
    assert.equal(parser.piecesParsed, 1, 'the part before the first section');
  });

  it('parses a long report section by section the first time', () => {
    // Over 32 KB, so the first parse goes section by section.
    const long = complete().replace('## 🔧 Root Cause Analysis\n', `## 🔧 Root Cause Analysis\n\n${'The pool stayed saturated. '.repeat(1400)}\n`);
    const parser = new ReportParser();
    assert.deepStrictEqual(parser.parse(long), parseReport(long));
    assert.equal(parser.piecesParsed, 17, '16 sections and the header');
  });

  it('wholeFirstParse: false parses a short report section by section the first time, to the same model', () => {
    const text = complete();
    const parser = new ReportParser({ wholeFirstParse: false });
    assert.deepStrictEqual(parser.parse(text), parseReport(text));
    assert.equal(parser.piecesParsed, 17, '16 sections and the header');
    // Then incremental as any parser.
    const edited = text.replace('2h 35m', '2h 36m');
    assert.deepStrictEqual(parser.parse(edited), parseReport(edited));
    assert.equal(parser.piecesParsed, 1, 'the Summary section');
  });

  it('isReport with the document parser parses the head once: the parse that follows reuses it', () => {
    const text = complete();
    const parser = new ReportParser({ wholeFirstParse: false });
    assert.equal(isReport(text, parser), true);
    assert.deepStrictEqual(parser.parse(text), parseReport(text));
    assert.equal(parser.piecesParsed, 16, 'the 16 sections, not the header');
    // A text that is not a report gives the same answer as without a parser.
    const notes = '# Meeting notes\n\n**Attendees:** Priya\n\n## Agenda\n\n- one\n';
    assert.equal(isReport(notes, new ReportParser()), false);
    assert.equal(isReport(notes), false);
  });

  it('shiftOffsets moves every start and end, and leaves values and data alone', () => {
    const shifted = shiftOffsets({ span: { start: 1, end: 2 }, value: { start: 5 }, data: { end: 3 }, runs: [{ start: 4 }] }, 10);
    assert.deepStrictEqual(shifted, { span: { start: 11, end: 12 }, value: { start: 5 }, data: { end: 3 }, runs: [{ start: 14 }] });
  });
});

/** Every offset of a model as line:character, and CRLF in strings as LF. */
function positional(model: ReportModel): unknown {
  const lines = new LineIndex(model.text);
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'number' && (key === 'start' || key === 'end')) {
      const p = lines.positionAt(value);
      return `${p.line}:${p.character}`;
    }
    if (typeof value === 'string') return value.replace(/\r\n/g, '\n');
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'data' || k === 'value' ? walk(v, '') : walk(v, k)]));
    return value;
  };
  const { text: _text, ...rest } = model;
  void _text;
  return walk(rest);
}

describe('line breaks, BOM and UTF-16 offsets', () => {
  it('a CRLF document gives the LF model, only its offsets differ', () => {
    const lf = complete();
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseReport(lf);
    const b = parseReport(crlf);
    assert.deepStrictEqual(positional(b), positional(a));
    assert.notDeepStrictEqual(b.sections[1]!.headingSpan, a.sections[1]!.headingSpan);
  });

  it('CRLF spans cut exactly the same source as LF spans', () => {
    const crlf = complete().replace(/\n/g, '\r\n');
    const model = parseReport(crlf);
    const cut = (s: { start: number; end: number }) => crlf.slice(s.start, s.end);
    assert.equal(cut(model.sections[1]!.headingSpan), '## 📊 Timeline (UTC)');
    const row = model.sections[1]!.content.tables[0]!.rows[1]!;
    assert.equal(cut(row.span), '| 14:02 | Incident detected: checkout error rate alert fired | Alertmanager |');
    assert.equal(cut(row.cells[2]!.span), 'Alertmanager');
    const summary = model.sections[0]!.content.fields[0]!;
    assert.equal(cut(summary.valueSpan), summary.value.replace(/\n/g, '\r\n'));
    const fm = model.frontMatter!;
    assert.equal(cut(fm.entries.find((e) => e.key === 'Owner')!.valueSpan), 'Priya Raman (Payments SRE)');
    const code = model.sections[5]!.content.codeBlocks.find((c) => c.field === 'rollback evidence')!;
    assert.equal(cut(code.lines[0]!.span), 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt');
    assert.ok(!code.lines.some((l) => l.text.includes('\r')));
  });

  it('a byte order mark is not content: front matter and title are read, offsets count it', () => {
    const text = `\uFEFF${complete()}`;
    const model = parseReport(text);
    assert.equal(model.frontMatter?.span.start, 1);
    assert.equal(model.frontMatter?.data?.['Title'], 'Checkout API outage after connection pool change');
    assert.equal(text.slice(model.preamble.title!.span.start, model.preamble.title!.span.end), '# Incident Report: Checkout API outage after connection pool change');
    assert.equal(model.sections.length, 16);
    assert.equal(isReport(text), true);
  });

  it('offsets are UTF-16 code units: emoji before a position count two', () => {
    const text = '## 📊 Timeline\n\n🔥🔥 **Impact:** 🔥 high\n\n| Time | Event | Actor |\n|---|---|---|\n| 14:02 | 👩‍💻 paged | 🤖 |\n';
    const model = parseReport(text);
    const field = model.sections[0]!.content.fields;
    // The label does not start the line (emoji first), so it is no field.
    assert.deepStrictEqual(field, []);
    const row = model.sections[0]!.content.tables[0]!.rows[0]!;
    assert.deepStrictEqual(row.cells.map((c) => text.slice(c.span.start, c.span.end)), ['14:02', '👩‍💻 paged', '🤖']);
    const actor = row.cells[2]!;
    const lines = new LineIndex(text);
    const pos = lines.positionAt(actor.span.start);
    assert.equal(pos.line, 6);
    // "| 14:02 | 👩‍💻 paged | " is 24 UTF-16 units (👩‍💻 is five), 22 code points.
    assert.equal(pos.character, 24);
    assert.equal([...'| 14:02 | 👩‍💻 paged | '].length, 22);
    assert.equal(actor.span.end - actor.span.start, 2);
  });

  it('isReport knows a report by its Incident ID field or its front matter', () => {
    assert.equal(isReport('**Incident ID:** INC-20261020-001\n'), true);
    assert.equal(isReport('---\nTitle: x\nStatus: Open\n---\n# Notes\n'), true);
    assert.equal(isReport('---\nTitle: x\n---\n# Notes\n'), false);
    assert.equal(isReport('# README\n\n## Incident ID\n\n**Incident ID:** INC-1\n'), false);
    assert.equal(isReport(''), false);
  });
});

describe('firstChunk', () => {
  it('is the first chunk of splitChunks, found without scanning further (BOM, front matter, fences, no ## at all)', () => {
    const texts = [
      complete(),
      `\ufeff\ufeff${complete()}`,
      '---\nTitle: x\n## not a heading: front matter\n---\n# T\n\n## S\n',
      '# T\n\n```\n## in a fence\n```\n\n## S\n\ntext\n',
      '# T\n\nno sections at all\n',
      '',
    ];
    for (const text of texts) assert.deepEqual(firstChunk(text), { start: splitChunks(text)[0]!.start, text: splitChunks(text)[0]!.text }, JSON.stringify(text.slice(0, 40)));
  });
});

describe('isReport on a report with no sections', () => {
  it('reads only the head of a long part before the first ##: the Incident ID at the top still counts', () => {
    const prose = 'The pool stayed saturated while the retry storm went on.\n\n'.repeat(12_000);
    assert.ok(prose.length > 600 * 1024);
    assert.equal(isReport(`# Incident Report: x\n\n**Incident ID:** INC-20261020-001\n\n${prose}`), true);
    assert.equal(isReport(`# Notes\n\n${prose}**Incident ID:** INC-20261020-001\n`), false, 'a field 600 KB down is not a report header');
  });
});
