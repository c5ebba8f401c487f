import * as assert from 'node:assert/strict';
import { fixAllText, safeFixEdits } from '../../../src/core/fix/fixAll';
import { fix, insertAt, replace } from '../../../src/core/fix/edits';
import { applyEdits } from '../../../src/core/fix/edits';
import type { Diagnostic, Fix } from '../../../src/core/types';

/** A diagnostic carrying one safe fix; only the fields fix-all reads matter. */
function problem(ruleId: string, f: Fix): Diagnostic {
  return { ruleId, message: f.title, severity: 'error', span: f.edits[0]!.span, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [f] } as unknown as Diagnostic;
}
const safe = (title: string, ...edits: ReturnType<typeof replace>[]) => fix(title, edits, { safe: true });

describe('fix-all (src/core/fix/fixAll.ts)', () => {
  it('applies an edit two fixes share once, and keeps insertions at one offset in order', () => {
    const text = '```\n';
    const lead = insertAt(4, '```\n\n');
    const edits = safeFixEdits([problem('missing-section', safe('A', lead, insertAt(4, '## A\n'))), problem('missing-section', safe('B', lead, insertAt(4, '## B\n')))]);
    assert.equal(applyEdits(text, edits), '```\n```\n\n## A\n## B\n');
  });

  it('at one offset, the rest of a line goes before new lines whatever the diagnostic order', () => {
    const text = '- Budget consumed:';
    const edits = safeFixEdits([problem('missing-section', safe('Insert', insertAt(18, '\n\n## Sign-off\n'))), problem('slo-budget', safe('Value', insertAt(18, ' 48.5%')))]);
    assert.equal(applyEdits(text, edits), '- Budget consumed: 48.5%\n\n## Sign-off\n');
  });

  it('still skips overlapping edits that differ', () => {
    const edits = safeFixEdits([problem('a', safe('x', replace({ start: 0, end: 3 }, 'X'))), problem('b', safe('y', replace({ start: 2, end: 4 }, 'Y')))]);
    assert.deepEqual(edits.map((e) => e.newText), ['X']);
  });

  it('fixes a second problem that has the same fix title as one fixed in an earlier pass', () => {
    // Pass 1 fixes "aa"; the fix reveals "bb", a different text with the same kind of fix.
    const lint = (text: string): Diagnostic[] => {
      const at = text.search(/aa|bb/);
      return at < 0 ? [] : [problem('r', safe('Lower-case the word', replace({ start: at, end: at + 2 }, text.slice(at, at + 2) === 'aa' ? 'AA bb' : 'BB')))];
    };
    assert.deepEqual(fixAllText('aa', lint), { text: 'AA BB', passes: 2 });
  });

  it('does not repeat a fix that did not take (the same text replaced by the same text again)', () => {
    // A fix whose result the rule never sees (inserted where nothing reads it) asks again.
    const lint = (text: string): Diagnostic[] => [problem('missing-section', safe('Insert "## A"', insertAt(text.length, '<!-- ## A -->')))];
    assert.deepEqual(fixAllText('x', lint), { text: 'x<!-- ## A -->', passes: 1 });
  });

  it('a fix that changes how the report is read is applied alone in its pass', () => {
    const close = fix('Close the front matter', [insertAt(4, '---\n')], { safe: true, exclusive: true });
    const edits = safeFixEdits([problem('missing-section', safe('Insert', insertAt(9, '## A\n'))), problem('front-matter', close)]);
    assert.deepEqual(edits, close.edits);
  });
});
