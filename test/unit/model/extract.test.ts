import assert from 'node:assert/strict';
import { parseReport } from '../../../src/core/model/parseReport';
import type { ReportModel, SectionContent } from '../../../src/core/model/types';
import type { Span } from '../../../src/core/types';
import { complete } from '../helpers';

const cut = (text: string, span: Span): string => text.slice(span.start, span.end);

/** The content of the one `## S` section of `body`. */
function content(body: string): { text: string; c: SectionContent; model: ReportModel } {
  const text = `## S\n\n${body}`;
  const model = parseReport(text);
  assert.equal(model.sections.length, 1, 'one section');
  return { text, c: model.sections[0]!.content, model };
}

describe('model: labelled fields', () => {
  it('reads an inline value, its exact spans, and trims it', () => {
    const { text, c } = content('**Duration:**   2h 35m  \n');
    const [f] = c.fields;
    assert.ok(f);
    assert.equal(f.label, 'Duration');
    assert.equal(f.key, 'duration');
    assert.equal(f.value, '2h 35m');
    assert.equal(cut(text, f.labelSpan), '**Duration:**');
    assert.equal(cut(text, f.valueSpan), '2h 35m');
    assert.equal(cut(text, f.span), '**Duration:**   2h 35m');
    assert.deepStrictEqual(f.labelSpan, { start: 6, end: 19 });
    assert.deepStrictEqual(f.valueSpan, { start: 22, end: 28 });
    assert.equal(f.inList, false);
    assert.deepStrictEqual(f.blocks, []);
  });

  it('reads the value on the lines below an empty label (soft breaks)', () => {
    const { text, c } = content('**What happened:**\nThe pool was too small\nunder peak load.\n');
    const [f] = c.fields;
    assert.equal(f!.value, 'The pool was too small\nunder peak load.');
    assert.equal(cut(text, f!.valueSpan), 'The pool was too small\nunder peak load.');
    assert.equal(cut(text, f!.span), '**What happened:**\nThe pool was too small\nunder peak load.');
  });

  it('reads several fields of one paragraph split by hard breaks (two spaces, backslash) and soft breaks', () => {
    const { text, c } = content('**On-call Engineer:** Priya  \n**Incident Commander:** Marco\\\n**Scribe:** Dana\n**Empty:**\n**Last:** Lee\n');
    assert.deepStrictEqual(
      c.fields.map((f) => [f.key, f.value, cut(text, f.valueSpan)]),
      [
        ['on call engineer', 'Priya', 'Priya'],
        ['incident commander', 'Marco', 'Marco'],
        ['scribe', 'Dana', 'Dana'],
        ['empty', '', ''],
        ['last', 'Lee', 'Lee'],
      ],
    );
    const empty = c.fields[3]!;
    // An empty value is an empty span at the label's end.
    assert.deepStrictEqual(empty.valueSpan, { start: empty.labelSpan.end, end: empty.labelSpan.end });
    assert.deepStrictEqual(empty.span, empty.labelSpan);
  });

  it('gives a label-only field the blocks that follow it, up to the next label, heading or rule', () => {
    const { text, c } = content(
      ['**Contributors:**', '- Dana', '- Lee', '', '<!-- guidance -->', '', '**Next:** x', '', 'para', '', '**Alone:**', '', '---', '', 'after rule', ''].join('\n'),
    );
    const [contributors, next, alone] = c.fields;
    assert.deepStrictEqual(
      contributors!.blocks.map((b) => [b.kind, b.isComment, cut(text, b.span)]),
      [
        ['list', false, '- Dana\n- Lee'],
        ['html', true, '<!-- guidance -->'],
      ],
    );
    // A field with an inline value collects nothing.
    assert.deepStrictEqual(next!.blocks, []);
    assert.deepStrictEqual(alone!.blocks, []);
    // Elements name the field they follow.
    assert.equal(c.lists[0]!.field, 'contributors');
  });

  it('reads fields inside list items, with inList and their nested blocks', () => {
    const { text, c } = content(['1. **Primary Cause:**', '   <!-- Main technical cause -->', '', '2. **Mitigation:**', '   ```bash', '   helm rollback api 41', '   ```', '- **Slack Thread:** #inc-1', ''].join('\n'));
    assert.deepStrictEqual(
      c.fields.map((f) => [f.key, f.value, f.inList, f.blocks.map((b) => b.kind)]),
      [
        ['primary cause', '', true, ['html']],
        ['mitigation', '', true, ['code']],
        ['slack thread', '#inc-1', true, []],
      ],
    );
    assert.equal(c.codeBlocks[0]!.field, 'mitigation');
    assert.equal(cut(text, c.fields[2]!.valueSpan), '#inc-1');
  });

  it('takes a colon right after the bold as part of the label (`**Duration**: 2h`)', () => {
    const { text, c } = content('**Duration**: 2h 35m\n**Impact** :not a label\n');
    assert.deepStrictEqual(
      c.fields.map((f) => [f.label, f.key, f.value, cut(text, f.labelSpan), cut(text, f.valueSpan)]),
      [['Duration', 'duration', '2h 35m', '**Duration**:', '2h 35m']],
    );
  });

  it('only takes a bold run at the start of a line ending in a colon as a label', () => {
    const { c } = content('Some **bold:** inside a sentence.\n\n**Not a label** here\n\n*Emphasis:* no\n\n**Label :** yes\n');
    assert.deepStrictEqual(
      c.fields.map((f) => [f.label, f.value]),
      [['Label', 'yes']],
    );
  });

  it('reads fields in a setext heading as fields, never as a section', () => {
    const { text, c, model } = content('**Date:** 2026-10-22  \n**Attendees:**\n- \n- Priya\n');
    assert.equal(model.sections.length, 1);
    assert.deepStrictEqual(
      c.fields.map((f) => [f.key, f.value]),
      [
        ['date', '2026-10-22'],
        ['attendees', ''],
      ],
    );
    assert.deepStrictEqual(c.fields[1]!.blocks.map((b) => cut(text, b.span)), ['- Priya']);
  });

  it('reads header fields into the preamble, with the title', () => {
    const text = '# Incident Report: X\n\n**Incident ID:** INC-20261020-001  \n**Date:** 2026-10-20\n\n## S\n';
    const model = parseReport(text);
    assert.deepStrictEqual(model.preamble.title, { text: 'Incident Report: X', span: { start: 0, end: 20 } });
    assert.deepStrictEqual(
      model.preamble.content.fields.map((f) => [f.key, f.value]),
      [
        ['incident id', 'INC-20261020-001'],
        ['date', '2026-10-20'],
      ],
    );
  });
});

describe('model: sections, subsections and blocks', () => {
  it('splits at ## headings only; # starts the preamble again; ### are subsections', () => {
    const text = ['# T', 'intro', '## 📋 Summary ##', 'a', '### Sub One', 'b', '#### Deeper', 'c', '## Timeline (UTC)', ''].join('\n');
    const model = parseReport(text);
    assert.deepStrictEqual(
      model.sections.map((s) => [s.title, s.key, cut(text, s.headingSpan), cut(text, s.span)]),
      [
        ['📋 Summary', 'summary', '## 📋 Summary ##', '## 📋 Summary ##\na\n### Sub One\nb\n#### Deeper\nc\n'],
        ['Timeline (UTC)', 'timeline utc', '## Timeline (UTC)', '## Timeline (UTC)\n'],
      ],
    );
    const subs = model.sections[0]!.content.subsections;
    assert.deepStrictEqual(
      subs.map((s) => [s.title, s.key, s.depth, cut(text, s.span), s.blocks.map((b) => cut(text, b.span))]),
      [
        ['Sub One', 'sub one', 3, '### Sub One\nb\n', ['b']],
        ['Deeper', 'deeper', 4, '#### Deeper\nc\n', ['c']],
      ],
    );
    assert.deepStrictEqual(model.sections[0]!.content.blocks.map((b) => b.kind), ['paragraph', 'paragraph', 'paragraph']);
  });

  it('the last section runs to the end of the text, trailing blank lines included', () => {
    const text = '## A\n\ntext\n\n\n';
    assert.deepStrictEqual(parseReport(text).sections[0]!.span, { start: 0, end: text.length });
  });

  it('an empty heading `##` is a section with an empty key', () => {
    const model = parseReport('## \n\n##\n');
    assert.deepStrictEqual(
      model.sections.map((s) => [s.title, s.key]),
      [
        ['', ''],
        ['', ''],
      ],
    );
  });

  it('marks HTML comments as comment blocks', () => {
    const { c } = content('<!-- a -->\n\n<div>x</div>\n');
    assert.deepStrictEqual(
      c.blocks.map((b) => [b.kind, b.isComment]),
      [
        ['html', true],
        ['html', false],
      ],
    );
  });
});

describe('model: tables', () => {
  const body = ['| Time | Event | Actor |', '|------|-------|-------|', '| 14:02 | Detected | Alertmanager |', '| 14:05 | short |', '| 14:07 | a | b | extra |', '|  | `x` |   |', 'no | pipes | here', '', 'after'].join('\n');

  it('reads header, columns and rows with exact cell spans (trimmed, pipes excluded)', () => {
    const { text, c } = content(body);
    const [table] = c.tables;
    assert.ok(table);
    assert.deepStrictEqual(table.columns, ['Time', 'Event', 'Actor']);
    assert.equal(cut(text, table.header.span), '| Time | Event | Actor |');
    assert.equal(cut(text, table.span), body.slice(0, body.indexOf('\n\nafter')));
    assert.deepStrictEqual(
      table.rows.map((r) => [cut(text, r.span), r.cells.map((cell) => [cell.text, cut(text, cell.span)])]),
      [
        ['| 14:02 | Detected | Alertmanager |', [['14:02', '14:02'], ['Detected', 'Detected'], ['Alertmanager', 'Alertmanager']]],
        ['| 14:05 | short |', [['14:05', '14:05'], ['short', 'short']]],
        ['| 14:07 | a | b | extra |', [['14:07', '14:07'], ['a', 'a'], ['b', 'b'], ['extra', 'extra']]],
        ['|  | `x` |   |', [['', ''], ['`x`', '`x`'], ['', '']]],
        ['no | pipes | here', [['no', 'no'], ['pipes', 'pipes'], ['here', 'here']]],
      ],
    );
    const first = table.rows[0]!.cells[0]!;
    const rowStart = text.indexOf('| 14:02');
    assert.deepStrictEqual(first.span, { start: rowStart + 2, end: rowStart + 7 });
  });

  it('places an empty cell after one space of padding, so a value put there reads "| x |"', () => {
    const { text, c } = content(body);
    const row = c.tables[0]!.rows[3]!;
    const empty = row.cells[0]!;
    assert.equal(empty.span.start, empty.span.end);
    const filled = text.slice(0, empty.span.start) + '14:09' + text.slice(empty.span.end);
    assert.ok(filled.includes('| 14:09 | `x` |'));
    const last = row.cells[2]!;
    assert.equal(text[last.span.start - 1], ' ');
    assert.equal(text.slice(last.span.start, last.span.start + 3), '  |');
  });

  it('marks the text of cells as in a table cell', () => {
    const { c } = content(body);
    const runs = c.textRuns.filter((r) => r.inTableCell).map((r) => r.text);
    assert.deepStrictEqual(runs.slice(0, 6), ['Time', 'Event', 'Actor', '14:02', 'Detected', 'Alertmanager']);
    assert.ok(c.textRuns.find((r) => r.text === 'after' && !r.inTableCell));
  });

  it('reads a header-only table with no rows, and treats a lone separator or missing separator as text', () => {
    assert.deepStrictEqual(content('| A | B |\n|---|---|\n').c.tables.map((t) => [t.columns, t.rows.length]), [[['A', 'B'], 0]]);
    assert.deepStrictEqual(content('|---|---|\n').c.tables, []);
    assert.deepStrictEqual(content('| A | B |\n| 1 | 2 |\n').c.tables, []);
  });
});

describe('model: checklists and lists', () => {
  const body = ['**How was it detected:**', '- [x] Automated alert', '- [ ] Other: ____', '  - [ ] nested', '- plain item', '', '1. one', '2. two', ''].join('\n');

  it('reads checklist items with checked state, text and exact spans, in document order', () => {
    const { text, c } = content(body);
    assert.deepStrictEqual(
      c.checklists.map((l) => [l.field, l.items.map((i) => [i.checked, i.text, cut(text, i.textSpan)])]),
      [
        [
          'how was it detected',
          [
            [true, 'Automated alert', 'Automated alert'],
            [false, 'Other: ____', 'Other: ____'],
          ],
        ],
        ['how was it detected', [[false, 'nested', 'nested']]],
      ],
    );
    const other = c.checklists[0]!.items[1]!;
    assert.equal(cut(text, other.span), '- [ ] Other: ____\n  - [ ] nested');
  });

  it('reads lists (ordered or not) with their items; a mixed list is a checklist of its task items', () => {
    const { text, c } = content(body);
    assert.deepStrictEqual(
      c.lists.map((l) => [l.ordered, l.items.map((i) => i.text)]),
      [
        [false, ['Automated alert', 'Other: ____', 'plain item']],
        [false, ['nested']],
        [true, ['one', 'two']],
      ],
    );
    assert.equal(cut(text, c.lists[2]!.span), '1. one\n2. two');
  });

  it('gives an empty item an empty text span at its end', () => {
    const { text, c } = content('- ✅ \n- \n');
    assert.deepStrictEqual(
      c.lists[0]!.items.map((i) => [i.text, cut(text, i.span), i.textSpan.start === i.textSpan.end]),
      [
        ['✅', '- ✅ ', false],
        ['', '- ', true],
      ],
    );
  });

  it('marks the text of an unticked item (and what it nests) as not chosen, ticked as chosen', () => {
    const { c } = content('- [ ] No → Reason: ____\n  more text\n  - plain child\n- [x] Yes → Version: 1.2\n');
    const flags = c.textRuns.filter((r) => !r.inHeading).map((r) => [r.text.trim(), r.inUncheckedItem]);
    assert.deepStrictEqual(flags, [
      ['No → Reason: ____\n  more text', true],
      ['plain child', true],
      ['Yes → Version: 1.2', false],
    ]);
  });
});

describe('model: code blocks', () => {
  it('reads a fenced block: lang, lines without the fences, spans exact', () => {
    const { text, c } = content('```bash\nevidence/a.txt\n\n# comment\n```\n');
    const [code] = c.codeBlocks;
    assert.equal(code!.lang, 'bash');
    assert.deepStrictEqual(
      code!.lines.map((l) => [l.text, cut(text, l.span)]),
      [
        ['evidence/a.txt', 'evidence/a.txt'],
        ['', ''],
        ['# comment', '# comment'],
      ],
    );
    assert.equal(cut(text, code!.span), '```bash\nevidence/a.txt\n\n# comment\n```');
  });

  it('reads an indented fence in a list item without the item indentation', () => {
    const { text, c } = content('1. **Investigation:**\n   ```bash\n   kubectl logs x\n     two more\n   ```\n');
    assert.deepStrictEqual(
      c.codeBlocks[0]!.lines.map((l) => [l.text, cut(text, l.span)]),
      [
        ['kubectl logs x', 'kubectl logs x'],
        ['  two more', '  two more'],
      ],
    );
    assert.deepStrictEqual(
      c.textRuns.filter((r) => r.kind === 'code').map((r) => [r.text, text.slice(r.start, r.start + r.text.length)]),
      [
        ['kubectl logs x', 'kubectl logs x'],
        ['  two more', '  two more'],
      ],
    );
  });

  it('reads a fence indented at top level, a fence in a blockquote and an indented code block', () => {
    const fence = content('  ```\n  a\n   b\n c\n  ```\n');
    assert.deepStrictEqual(fence.c.codeBlocks[0]!.lines.map((l) => l.text), ['a', ' b', 'c']);
    const quoted = content('> ```\n> evidence/x.txt\n> ```\n');
    assert.deepStrictEqual(
      quoted.c.codeBlocks[0]!.lines.map((l) => [l.text, cut(quoted.text, l.span)]),
      [['evidence/x.txt', 'evidence/x.txt']],
    );
    assert.equal(quoted.c.textRuns.filter((r) => !r.inHeading)[0]!.inBlockquote, true);
    const indented = content('    indented code\n    [Name]\n');
    assert.deepStrictEqual(indented.c.codeBlocks[0]!.lines.map((l) => [l.text, cut(indented.text, l.span)]), [
      ['indented code', 'indented code'],
      ['[Name]', '[Name]'],
    ]);
    assert.equal(indented.c.codeBlocks[0]!.lang, undefined);
    // An indented block that starts with backticks is not a fence.
    assert.deepStrictEqual(content('    ```\n    x\n').c.codeBlocks[0]!.lines.map((l) => l.text), ['```', 'x']);
  });

  it('reads empty and unclosed fences', () => {
    assert.deepStrictEqual(content('```\n```\n').c.codeBlocks[0]!.lines, []);
    assert.deepStrictEqual(content('```\n\n\n```\n').c.codeBlocks[0]!.lines.map((l) => l.text), ['', '']);
    const open = content('```\nevidence/a.txt\n');
    assert.deepStrictEqual(open.c.codeBlocks[0]!.lines.map((l) => [l.text, cut(open.text, l.span)]), [['evidence/a.txt', 'evidence/a.txt']]);
    const longer = content('````\na\n```\nb\n````\n');
    assert.deepStrictEqual(longer.c.codeBlocks[0]!.lines.map((l) => l.text), ['a', '```', 'b']);
  });
});

describe('model: text runs', () => {
  it('are raw source runs with their start; link text is flagged, images are skipped, HTML is a run of its own kind; headings are flagged', () => {
    const { text, c } = content('Plain *em* `code` [link](http://x) ![img](y.png) <span>h</span> \\[Name\\]\n');
    for (const run of c.textRuns) assert.equal(text.slice(run.start, run.start + run.text.length), run.text);
    assert.deepStrictEqual(c.textRuns.filter((r) => r.inHeading).map((r) => r.text), ['S']);
    assert.deepStrictEqual(c.textRuns.filter((r) => r.inLink).map((r) => r.text), ['link']);
    assert.deepStrictEqual(
      c.textRuns.filter((r) => !r.inHeading && !r.inLink).map((r) => [r.kind, r.text]),
      [
        ['text', 'Plain '],
        ['text', 'em'],
        ['text', ' '],
        ['inlineCode', '`code`'],
        ['text', ' '],
        ['text', ' '],
        ['text', ' '],
        // Searched only for the template's `<name or role>` placeholders.
        ['html', '<span>'],
        ['text', 'h'],
        ['html', '</span>'],
        ['text', ' \\[Name\\]'],
      ],
    );
  });

  it('flag a table inside a blockquote or an unticked item as such', () => {
    const { c } = content('> | a |\n> |---|\n> | [Name] |\n\n- [ ] option\n\n  | b |\n  |---|\n  | ____ |\n');
    assert.deepStrictEqual(
      c.textRuns.filter((r) => !r.inHeading).map((r) => [r.text, r.inBlockquote, r.inTableCell, r.inUncheckedItem]),
      [
        ['a', true, true, false],
        ['[Name]', true, true, false],
        ['option', false, false, true],
        ['b', false, true, true],
        ['____', false, true, true],
      ],
    );
  });

  it('flag blockquote, nested blockquote in a list, and table cells', () => {
    const { c } = content('> quoted [Name]\n\n- > deep\n\n| a |\n|---|\n| b |\n');
    assert.deepStrictEqual(
      c.textRuns.filter((r) => !r.inHeading).map((r) => [r.text, r.inBlockquote, r.inTableCell]),
      [
        ['quoted [Name]', true, false],
        ['deep', true, false],
        ['a', false, true],
        ['b', false, true],
      ],
    );
  });

  it('cover the whole complete fixture in document order, each matching the source', () => {
    const text = complete();
    const model = parseReport(text);
    let last = -1;
    for (const c of [model.preamble.content, ...model.sections.map((s) => s.content)]) {
      for (const run of c.textRuns) {
        assert.equal(text.slice(run.start, run.start + run.text.length), run.text);
        if (!run.inTableCell) {
          assert.ok(run.start >= last || run.kind === 'code', `run at ${run.start} in order`);
          last = run.start;
        }
      }
    }
  });
});

describe('model: the complete fixture', () => {
  it('has 16 sections matching the template keys, front matter, title and header fields', () => {
    const model = parseReport(complete());
    assert.equal(model.sections.length, 16);
    assert.equal(model.frontMatter?.data?.['Status'], 'Resolved');
    assert.deepStrictEqual(model.frontMatter?.data?.['Links'], ['https://github.com/spark-eng/spark-trading-api/pull/4821']);
    assert.equal(model.preamble.title?.text, 'Incident Report: Checkout API outage after connection pool change');
    assert.deepStrictEqual(
      model.preamble.content.fields.map((f) => [f.key, f.value]),
      [
        ['incident id', 'INC-20261020-001'],
        ['date', '2026-10-20'],
        ['severity', '🔴 Critical'],
      ],
    );
    const timeline = model.sections[1]!.content.tables[0]!;
    assert.equal(timeline.rows.length, 8);
    assert.deepStrictEqual(timeline.rows.map((r) => r.cells[0]!.text), ['13:48', '14:02', '14:05', '14:12', '15:20', '15:31', '16:05', '16:37']);
  });
});
