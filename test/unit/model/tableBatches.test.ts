/**
 * Long tables are parsed in batches of rows (parse/chunks TableBatches, model/tableBatches):
 * the model must be exactly the one a parse of the whole text gives, the chunker must cut
 * only where it is sure, and an edit must re-parse only the batch it touches.
 */
import assert from 'node:assert/strict';
import { extractChunk } from '../../../src/core/model/extract';
import { ReportParser, parseChunk, parseReport } from '../../../src/core/model/parseReport';
import { shiftOffsets } from '../../../src/core/model/offsets';
import { TABLE_BATCH_MAX_ROWS, TABLE_BATCH_MIN_ROWS, splitChunks, type Chunk } from '../../../src/core/parse/chunks';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { prng } from '../../../scripts/bench/generate';
import { complete } from '../helpers';
import { assertSameAsOnePiece } from './onePiece';

const N = TABLE_BATCH_MIN_ROWS;


/** Batches cut out of the text's tables (0 when no table is cut), and the rows they hold. */
function cut(text: string): { tables: number; batches: number; rows: number } {
  const tables = splitChunks(text).flatMap((chunk: Chunk) => chunk.tables ?? []);
  return { tables: tables.length, batches: tables.reduce((n, t) => n + t.batches.length, 0), rows: tables.reduce((n, t) => n + t.batches.reduce((m, b) => m + b.rows, 0), 0) };
}

const HEADER = '| Time | Event | Actor |\n|------|-------|-------|\n';

/** `count` timeline rows, each different. */
function rows(count: number, row: (i: number) => string = (i) => `| ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Event number ${i} on checkout | Priya Raman |`): string {
  return Array.from({ length: count }, (_, i) => `${row(i)}\n`).join('');
}

function timeline(body: string, before = '## 📊 Timeline (UTC)\n\n', after = '\n## Next\n\ntext\n'): string {
  return `${before}${HEADER}${body}${after}`;
}

/** Cells that are hard to get right: escaped pipes, code with pipes, emoji, links, HTML, markers. */
const CELLS = [
  'plain',
  'a \\| b',
  '`code | with pipe`',
  '`a \\| b`',
  '🔥 👩‍💻 paged',
  '[link](https://example.com)',
  'https://example.com/autolink',
  '**bold** _em_',
  '<!-- not closed',
  '-->',
  'a <!-- incident-report-disable-line timeline-order --> b',
  '<br>',
  '`unclosed',
  '## not a heading',
  '- not a list',
  '> not a quote',
  '[x]',
  '[ ] task?',
  '\\',
  '',
  '   ',
  'TBD',
  '*',
  '~~~',
  '```',
];

describe('long tables parsed in row batches', function () {
  this.timeout(180_000);
  it('cuts a table of more than TABLE_BATCH_MIN_ROWS rows, never one of fewer', () => {
    for (const count of [1, N - 1, N, N + 1, 2 * N, 5 * N, 4 * TABLE_BATCH_MAX_ROWS + 3]) {
      const text = timeline(rows(count));
      const { tables, batches, rows: batched } = cut(text);
      if (count <= N) assert.equal(tables, 0, `${count} rows`);
      if (count > TABLE_BATCH_MAX_ROWS) assert.ok(batches >= Math.floor(count / TABLE_BATCH_MAX_ROWS), `${count} rows: ${batches} batches`);
      // Batches hold every row after the first batch; the first one stays in the chunk.
      if (tables > 0) assert.ok(batched > 0 && batched <= count - N, `${count} rows: ${batched} batched`);
      assertSameAsOnePiece(text);
      assertSameAsOnePiece(text.replace(/\n/g, '\r\n'));
      assertSameAsOnePiece(text.replace(/\n/g, '\r'));
    }
  });

  it('batches of at most TABLE_BATCH_MAX_ROWS rows, ending after hashed rows, whatever the rows', () => {
    const same = timeline(rows(10 * TABLE_BATCH_MAX_ROWS, () => '| | | |'));
    const sizes = splitChunks(same).flatMap((c) => c.tables ?? []).flatMap((t) => t.batches.map((b) => b.rows));
    assert.ok(sizes.length >= 8 && sizes.every((n) => n >= 1 && n <= TABLE_BATCH_MAX_ROWS), sizes.join(','));
    assertSameAsOnePiece(same);
    const varied = timeline(rows(40 * N));
    const varying = splitChunks(varied).flatMap((c) => c.tables ?? []).flatMap((t) => t.batches.map((b) => b.rows));
    assert.ok(varying.slice(0, -1).every((n) => n >= N && n <= TABLE_BATCH_MAX_ROWS), varying.join(','));
  });

  it('merges rows with tricky cells, a table that ends the text, and the rows and runs after the cut', () => {
    const rnd = prng(7);
    const cell = () => CELLS[Math.floor(rnd() * CELLS.length)]!;
    const body = rows(6 * N, (i) => `| ${i} | ${cell()} | ${cell()} ${cell()} |`);
    for (const text of [
      timeline(body),
      timeline(body, '## T\n\n', ''),
      timeline(body, '## T\n\n', 'lazy line, a row of the table\n'),
      timeline(body, '## T\n\n', 'lazy line\n\nparagraph\n\n| a |\n|---|\n| 1 |\n'),
      timeline(body.replace(/\n$/, ''), '## T\n\n', ''),
      timeline(body, '# Title\n\n**Owner:** x\n\n', '\n## A\n'),
      timeline(body, '## T\n', '- list ends the table\n'),
      timeline(body, '## T\n\n### Sub\n\n**Events:**\n\n', '\nAfter the table, still the field and the subsection.\n\n### Next\n\n| a |\n|---|\n' + rows(3 * N)),
    ]) {
      assert.ok(cut(text).batches > 0, text.slice(0, 80));
      assertSameAsOnePiece(text);
      assertSameAsOnePiece(text.replace(/\n/g, '\r\n'));
    }
  });

  it('batches stop at the first line that is not surely a row (no leading pipe, 4 spaces, a tab, a lazy or blank line); what follows stays in the chunk', () => {
    const head = rows(TABLE_BATCH_MAX_ROWS + 1);
    const cases: Record<string, string> = {
      'no leading pipe': `${head}14:00 | no leading pipe | x |\n${rows(3 * N)}`,
      'three spaces': `${head}   | indented three | x |\n${rows(3 * N)}`,
      'four spaces (code, ends the table)': `${head}    | indented four | x |\n${rows(3 * N)}`,
      'a tab': `${head}\t| tab | x |\n${rows(3 * N)}`,
      'a paragraph line (lazy: a row)': `${head}just words\n${rows(3 * N)}`,
      'a blank line': `${head}\n${rows(3 * N)}`,
      'a lone pipe': `${head}|\n${rows(3 * N)}`,
    };
    for (const [name, body] of Object.entries(cases)) {
      const text = timeline(body);
      assert.ok(cut(text).batches > 0, name);
      try {
        assertSameAsOnePiece(text);
        assertSameAsOnePiece(text.replace(/\n/g, '\r\n'));
      } catch (error) {
        assert.fail(`${name}: ${String(error).slice(0, 400)}`);
      }
    }
    // The lazy line is a row of the table, after every batched row.
    const lazy = parseReport(timeline(`${head}just words\n`));
    const table = lazy.sections[0]!.content.tables[0]!;
    assert.equal(table.rows.length, TABLE_BATCH_MAX_ROWS + 2);
    assert.deepStrictEqual(table.rows[TABLE_BATCH_MAX_ROWS + 1]!.cells.map((c) => c.text), ['just words']);
  });

  it('does not cut a table that may not be a top-level table, or where inline parsing may depend on the rest', () => {
    const body = rows(5 * N);
    const indented = body.replace(/^/gm, '  ');
    const quoted = body.replace(/^/gm, '> ');
    const cases: Record<string, string> = {
      'in a list item': `## T\n\n- item\n\n  ${HEADER.replace('\n|', '\n  |')}${indented}`,
      'lazily after a list item': `## T\n\n- item\n${HEADER}${body}`,
      'in a quote': `## T\n\n> ${HEADER.replace('\n|', '\n> |')}${quoted}`,
      'after a paragraph line': `## T\n\nIntro line\n${HEADER}${body}`,
      'in a fence': `## T\n\n\`\`\`\n${HEADER}${body}\`\`\`\n`,
      'in an HTML comment': `## T\n\n<!--\n${HEADER}${body}-->\n`,
      'in an HTML block': `## T\n\n<div>\n\n${HEADER}${body}\n</div>\n`,
      'after a <br> line': `## T\n\n<br>\n${HEADER}${body}`,
      'a reference definition elsewhere': `## T\n\n${HEADER}${body.replace('Event number 7', '[Name]')}\n## B\n\n[Name]: https://example.com\n`,
      'a footnote definition elsewhere': `## T\n\n${HEADER}${body.replace('Event number 7', 'claim[^1]')}\n## B\n\n[^1]: source\n`,
      'a header that does not match its delimiter row': `## T\n\n| a | b |\n|---|\n${body}`,
      'a header without a leading pipe': `## T\n\nTime | Event | Actor\n|---|---|---|\n${body}`,
      'an indented header': `## T\n\n | Time | Event | Actor |\n|---|---|---|\n${body}`,
      'no delimiter row': `## T\n\n| a | b |\n\n${body}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      assert.equal(cut(text).tables, 0, name);
      assertSameAsOnePiece(text);
    }
    // The same tables, where they can be cut.
    const cuttable: Record<string, string> = {
      'after a list and a blank line': `## T\n\n- item\n\n${HEADER}${body}`,
      'after a quote and a blank line': `## T\n\n> quote\n\n${HEADER}${body}`,
      'right after the heading': `## T\n${HEADER}${body}`,
      'at the start of the text': `${HEADER}${body}`,
      'after front matter and a title': `---\nTitle: x\n---\n\n# T\n${HEADER}${body}`,
      'with an indented delimiter row': `## T\n\n| Time | Event | Actor |\n   |---|---|---|\n${body}`,
    };
    for (const [name, text] of Object.entries(cuttable)) {
      assert.ok(cut(text).tables > 0, name);
      assertSameAsOnePiece(text);
    }
    // A byte order mark: the one-piece parse reads it as content, the chunker skips it.
    const bom = `\uFEFF${HEADER}${body}`;
    assert.ok(cut(bom).tables > 0);
    const { text: _b, ...withBom } = parseReport(bom);
    const { text: _t, ...without } = parseReport(bom.slice(1));
    void _b;
    void _t;
    assert.deepStrictEqual(withBom, shiftOffsets(without, 1));
  });

  it('cuts every long table of a section, in the preamble too', () => {
    const long = TABLE_BATCH_MAX_ROWS + 1;
    const text = `# T\n\n${HEADER}${rows(long)}\ntext\n\n${HEADER}${rows(long + 7)}\n## A\n\n${HEADER}${rows(long + 3)}\n| x |\n|---|\n${rows(2 * long, (i) => `| ${i} |`)}\n## B\n`;
    assert.equal(cut(text).tables, 4);
    assertSameAsOnePiece(text);
  });

  it('random tables in random documents (deterministic)', () => {
    const rnd = prng(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const around = ['## A', '# T', '### Sub', '**Field:**', 'text', '', '', '- item', '> quote', '```', '<!-- c -->', '<br>', '|---|---|', '| a | b |', '    code', '---'];
    let cutCount = 0;
    for (let n = 0; n < 60; n++) {
      const parts: string[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        for (let j = Math.floor(rnd() * 4); j > 0; j--) parts.push(pick(around));
        if (rnd() < 0.8) parts.push('');
        const columns = 1 + Math.floor(rnd() * 4);
        parts.push(`| ${Array.from({ length: columns }, (_, c) => `H${c}`).join(' | ')} |`, `|${'---|'.repeat(columns)}`);
        const count = Math.floor(rnd() * 3 * TABLE_BATCH_MAX_ROWS);
        for (let r = 0; r < count; r++) {
          const cells = Array.from({ length: Math.floor(rnd() * (columns + 2)) }, () => pick(CELLS));
          const lead = rnd() < 0.05 ? pick(['', ' ', '   ', '    ', '\t']) : '';
          parts.push(rnd() < 0.02 ? pick(around) : `${lead}| ${cells.join(' | ')}${rnd() < 0.9 ? ' |' : ''}`);
        }
      }
      const eol = pick(['\n', '\n', '\r\n', '\r']);
      const text = parts.join(eol) + (rnd() < 0.5 ? eol : '');
      if (cut(text).tables > 0) cutCount++;
      try {
        assertSameAsOnePiece(text);
      } catch (error) {
        assert.fail(`document ${n} differs: ${JSON.stringify(text.slice(0, 300))}...\n${String(error).slice(0, 600)}`);
      }
    }
    assert.ok(cutCount >= 20, `only ${cutCount} documents had a table cut`);
  });

  it('the complete report with a long timeline, and its table rows where they are in the text', () => {
    const extra = rows(6 * N, (i) => `| 2026-10-21 ${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Extra event ${i} | 🤖 |`);
    const base = complete();
    const lastRow = /^\| .*\|\r?\n(?=\r?\n)/m.exec(base.slice(base.indexOf('## 📊 Timeline')))!;
    const at = base.indexOf('## 📊 Timeline') + lastRow.index + lastRow[0].length;
    const text = base.slice(0, at) + extra + base.slice(at);
    assert.ok(cut(text).batches > 0);
    assertSameAsOnePiece(text);
    const table = parseReport(text).sections.find((s) => s.key === 'timeline utc')!.content.tables[0]!;
    for (const row of table.rows) for (const cell of row.cells) assert.equal(text.slice(cell.span.start, cell.span.end), cell.text);
  });
});

describe('parseChunk', () => {
  it('gives each chunk the model of its whole text, long tables in batches', () => {
    const text = `${complete()}\n## Long\n\n${HEADER}${rows(10 * N)}\nAfter.\n`;
    const chunks = splitChunks(text);
    assert.ok(chunks.some((chunk) => chunk.tables));
    for (const chunk of chunks) assert.deepStrictEqual(parseChunk(chunk), extractChunk(parseMarkdown(chunk.text), chunk.text, chunk.start));
  });
});

describe('incremental parses of long tables', function () {
  // Every edit re-parsed incrementally and from scratch: well over the default 20 s on a loaded 2-core machine.
  this.timeout(180_000);
  const text = `${complete()}\n## Long\n\n${HEADER}${rows(20 * N)}\nAfter.\n`;

  /** How many pieces `parser` parses for `after` (the rest it reuses from its last parse); the model equals a fresh parse. */
  function piecesParsed(parser: ReportParser, after: string): number {
    assert.deepStrictEqual(parser.parse(after), parseReport(after));
    return parser.piecesParsed;
  }

  it('a cold parse parses every chunk and every batch', () => {
    const batches = cut(text).batches;
    assert.ok(batches >= 5);
    assert.equal(piecesParsed(new ReportParser(), text), 17 + 1 + batches, 'the 17 chunks of the report, the long section (its first part), its batches');
  });

  it('a one-character edit in a row re-parses that batch only; moved batches are reused', () => {
    const parser = new ReportParser();
    parser.parse(text);
    const row = text.indexOf('Event number 200 on');
    const edited = `${text.slice(0, row)}x${text.slice(row)}`;
    // Typing can move a batch boundary (the row's hash changes): then a neighbour is parsed too.
    assert.ok(piecesParsed(parser, edited) <= 2);
    // An edit before the table moves every batch: none is parsed again.
    const moved = edited.replace('## 📋 Summary', '## 📋 Summary\n\nIntro.');
    assert.equal(piecesParsed(parser, moved), 1, 'the Summary');
    // The batches are still known after a parse that did not need them.
    const again = moved.replace('Event number 250 on', 'Event number 250 xon');
    assert.ok(piecesParsed(parser, again) <= 2);
  });

  it('adding or deleting a row re-parses a batch or two, not every batch after it', () => {
    const parser = new ReportParser();
    parser.parse(text);
    const row = text.indexOf('| 03:20 | Event number 200');
    const added = `${text.slice(0, row)}| 03:20 | A new row | Lee Chen |\n${text.slice(row)}`;
    assert.ok(piecesParsed(parser, added) <= 3);
    const deleted = added.replace(/\| 03:21 \| Event number 201 on checkout \| Priya Raman \|\n/, '');
    assert.ok(piecesParsed(parser, deleted) <= 3);
  });

  it('the models of unchanged pieces are reused as they are, and equal a fresh parse after any edit', () => {
    const parser = new ReportParser();
    const first = parser.parse(text);
    const again = parser.parse(text);
    assert.equal(again.sections[0], first.sections[0]);
    assert.equal(again.sections.at(-1), first.sections.at(-1));
    const rnd = prng(11);
    let current = text;
    for (let i = 0; i < 60; i++) {
      const at = text.indexOf('## Long') + Math.floor(rnd() * (current.length - text.indexOf('## Long')));
      const insert = ['x', '|', '\n', '\\', '`', '', '\n\n', '| 1 | 2 |\n'][Math.floor(rnd() * 8)]!;
      current = current.slice(0, at) + insert + current.slice(at + (insert === '' ? 1 : 0));
      assert.deepStrictEqual(parser.parse(current), parseReport(current), `edit ${i}`);
    }
  });
});
