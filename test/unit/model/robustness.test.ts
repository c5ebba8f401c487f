import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core';
import { INTERNAL_RULE_ID } from '../../../src/core/engine';
import { parseReport } from '../../../src/core/model/parseReport';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { applyFix, complete, lint, NOW } from '../helpers';

const fresh = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;

function garbage(length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(state % 0x2000);
  }
  return out;
}

const DOCUMENTS: Record<string, string> = {
  'an empty file': '',
  'a single newline': '\n',
  'only front matter': '---\nTitle: x\nOwner: y\nStatus: Resolved\nLastUpdated: 2026-10-20\n---\n',
  'only an opening front matter fence': '---\n',
  'a table with missing pipes': '**Incident ID:** INC-20261020-001\n**Date:** 2026-10-20\n\n## Timeline (UTC)\n\nTime | Event | Actor\n--- | ---\n14:02 detected\n| 14:05 | x\n',
  'a header-only timeline table': '## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n',
  'a separator-only table': '## Timeline (UTC)\n\n|---|---|---|\n| 14:02 | x | y |\n',
  'a table of empty cells': '## Timeline (UTC)\n\n| | | |\n|-|-|-|\n| | | |\n||||\n',
  'a timeline with a one-column table': '## Timeline (UTC)\n\n| Time |\n|---|\n| 14:02 |\n| 13:00 |\n',
  'unclosed fences': '## 📋 Summary\n\n**What happened:**\n```\n## 📊 Timeline (UTC)\n| Time | Event | Actor |\n',
  'an unclosed fence in a list item': '## 🚑 Response & Mitigation\n\n1. **Investigation:**\n   ```bash\n   evidence/x_[timestamp].txt\n',
  'CRLF': complete().replace(/\n/g, '\r\n'),
  'CR only': complete().replace(/\n/g, '\r'),
  'mixed line breaks': complete().replace(/\n/g, (_, offset: number) => ['\n', '\r\n', '\r'][offset % 3]!),
  'a BOM': `\uFEFF${complete()}`,
  'a BOM alone': '\uFEFF',
  'NUL bytes': complete().replace(/ /g, (_, offset: number) => (offset % 7 === 0 ? '\0' : ' ')),
  'binary garbage': garbage(5000, 7),
  'binary garbage with headings': `${garbage(800, 3)}\n## Summary\n${garbage(800, 5)}\n## Timeline (UTC)\n| Time | Event | Actor |\n|---|---|---|\n| ${garbage(20, 9)} | x | y |\n`,
  'lone surrogates': '## Summary\n\n**What happened:** \uD800 \uDC00 \uDBFF\n\n| Time | Event | Actor |\n|---|---|---|\n| \uD83D | x | y |\n',
  // micromark's cost grows about cubically with list depth (500 levels take ~10 s to parse):
  // 200 levels keep the suite fast; quotes are cheap at 500.
  '200 nested task lists': `## Summary\n\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i} [Name]`).join('\n')}\n`,
  '500 nested quotes': `## Summary\n\n${'> '.repeat(500)}**What happened:** [Name]\n`,
  '500 nested list-and-quote': `## Summary\n\n${'- > '.repeat(500)}**Duration:** HH:MM\n`,
  'a 10,000-character line': `## Summary\n\n**What happened:** ${'x'.repeat(10_000)}\n| ${'y'.repeat(10_000)} |\n`,
  'a 10,000-character table row': `## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n| 14:02 | ${'e'.repeat(10_000)} | a |\n`,
  'emoji and RTL text': `# 🔥 تقرير الحادث\n\n**Incident ID:** INC-20261020-001\n**Date:** 2026-10-20\n**Severity:** 🔴 حرج\n\n## 📋 ملخص\n\n**What happened:** \u202Eטקסט מימין לשמאל\u202C 👩‍👩‍👧‍👦🏳️‍🌈\n\n## 📊 Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n| 14:02 | 🚨 تنبيه | 🤖 |\n| ١٤:٠٥ | x | y |\n`,
  'only ## lines': '##\n## \n##\t\n##\n## ##\n'.repeat(50),
  'only # characters': '#'.repeat(1000),
  'headings of every depth': '# a\n## b\n### c\n#### d\n##### e\n###### f\n####### g\n',
  'setext headings everywhere': '**Incident ID:**\n---\n**Date:**\n===\n## Summary\n**What happened:**\n- \n',
  'HTML everywhere': '<div>\n## Summary\n</div>\n<!--\n## Timeline (UTC)\n<script>x</script>\n',
  'link definitions': '[Name]: http://x\n[link]: <>\n\n## Summary\n\n[Name] [link] [YYYY-MM-DD]\n',
  'a fresh report': fresh,
  'a fresh report in final mode with its own template comments': fresh.replace('Status: Open', 'Status: Closed'),
  'front matter that is a list': '---\n- a\n---\n',
  'front matter with an alias bomb': `---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nStatus: Resolved\n---\n`,
  'front matter with odd values': '---\nTitle: 12\nOwner: [a, b]\nStatus: {x: 1}\nLastUpdated: 2026-10-20T10:00:00Z\n---\n',
  'every header field empty': '**Incident ID:**\n**Date:**\n**Severity:**\n',
  'header fields with only labels in a list': '- **Incident ID:**\n- **Date:** \n- **Severity:** /\n',
};

/**
 * Every diagnostic and fix edit lies inside the text; the range agrees with the span.
 * With `relint`, every fix is applied and the result linted again.
 */
function assertInside(text: string, name: string, mode: 'auto' | 'final', relint = true): void {
  const result = lint(text, { mode, fileName: 'INC-20261020-002-x.md', pathExists: undefined });
  const lines = new LineIndex(text);
  for (const d of result.diagnostics) {
    assert.notEqual(d.ruleId, INTERNAL_RULE_ID, `${name}: ${d.message}`);
    assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${name}: ${d.ruleId} span ${JSON.stringify(d.span)} outside 0..${text.length}`);
    assert.deepStrictEqual(d.range, lines.rangeOf(d.span), `${name}: ${d.ruleId} range`);
    assert.ok(d.range.end.line < lines.lineCount, `${name}: ${d.ruleId} range past the last line`);
    assert.ok(d.message.length > 0);
    for (const fix of d.fixes) {
      for (const edit of fix.edits) {
        assert.ok(edit.span.start >= 0 && edit.span.start <= edit.span.end && edit.span.end <= text.length, `${name}: ${d.ruleId} fix "${fix.title}" edit outside the text`);
      }
      // Applying any fix and linting the result never throws either.
      if (!relint) continue;
      const fixed = applyFix(text, fix);
      assert.ok(!lint(fixed, { mode }).diagnostics.some((x) => x.ruleId === INTERNAL_RULE_ID), `${name}: after "${fix.title}"`);
    }
  }
}

/** micromark's nested-container handling grows faster than linearly: these are linted once. */
const DEEP = new Set(['200 nested task lists', '500 nested quotes', '500 nested list-and-quote']);

describe('robustness: no rule throws, every range lies inside the document', () => {
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    it(name, function () {
      if (DEEP.has(name)) {
        this.timeout(120_000);
        assertInside(text, name, 'final', false);
        return;
      }
      assertInside(text, name, 'auto');
      assertInside(text, name, 'final');
    });
  }

  it('truncations of the complete report (every third line boundary)', () => {
    const text = complete();
    const boundaries = [...text.matchAll(/\n/g)].map((m) => m.index).filter((_, i) => i % 3 === 0);
    for (const at of [0, ...boundaries, text.length]) {
      const cut = text.slice(0, at);
      const result = lint(cut, { mode: 'final' });
      assert.ok(!result.diagnostics.some((d) => d.ruleId === INTERNAL_RULE_ID), `cut at ${at}`);
      assert.ok(result.diagnostics.every((d) => d.span.end <= cut.length), `cut at ${at}`);
    }
  });

  it('a positionless tree is skipped, not trusted', () => {
    // Only nodes with positions become model elements: a model is always built, whatever the input.
    for (const [name, text] of Object.entries(DOCUMENTS)) if (!DEEP.has(name)) assert.doesNotThrow(() => parseReport(text), name);
  });
});
