import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixAllText } from '../../../src/core/fix/fixAll';
import { applyEdits } from '../../../src/core/fix/edits';
import { parseReport } from '../../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { applyFix, assertFixes, complete, fixesOf, lint, lintWith, mutate, REPO_ROOT } from '../helpers';

const RULES = { rules: ['missing-section', 'section-order', 'duplicate-section'] };
const template = defaultTemplateModel(DEFAULT_TEMPLATE);

/** The complete report's `## title` section, heading to the next heading. */
function section(title: string): string {
  const text = complete();
  const start = text.indexOf(`## ${title}`);
  assert.ok(start >= 0, title);
  const next = text.indexOf('\n## ', start + 3);
  return text.slice(start, next < 0 ? text.length : next + 1);
}
const without = (title: string) => mutate(complete(), section(title), '');
const keys = (text: string) => parseReport(text).sections.map((s) => s.key);

describe('rules missing-section, section-order, duplicate-section', () => {
  it('pass the complete report', () => {
    assert.deepStrictEqual(lintWith(complete(), RULES), []);
  });

  it('match headings by their words: emoji, punctuation, case and spacing ignored', () => {
    const text = mutate(mutate(mutate(complete(), '## 📋 Summary', '## summary'), '## 📊 Timeline (UTC)', '##   TIMELINE  utc  ##'), '## ✍️ Sign-off', '## Sign off');
    assert.deepStrictEqual(lintWith(text, RULES), []);
  });

  describe('missing-section', () => {
    it('reports a missing first section on the heading it belongs before, and inserts the template section there', () => {
      const text = without('📋 Summary');
      assert.deepStrictEqual(lintWith(text, RULES), ['18:1-18:21 missing-section: Section "## 📋 Summary" is missing; the template places it before "## 📊 Timeline (UTC)".']);
      const [fix] = fixesOf(lint(text, RULES), 'missing-section');
      assert.equal(fix!.title, 'Insert section "## 📋 Summary" from the template');
      assert.equal(fix!.isPreferred, true);
      assert.equal(fix!.safe, true);
      const summary = template.sections[0]!.source;
      assert.deepStrictEqual(fix!.edits, [{ span: { start: text.indexOf('## 📊 Timeline'), end: text.indexOf('## 📊 Timeline') }, newText: summary }]);
      // Draft: the inserted template section holds only infos (its empty fields).
      const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
      assert.deepStrictEqual(keys(fixed!), template.sections.map((s) => s.key));
      assert.deepStrictEqual(lintWith(fixed!, RULES), []);
    });

    it('reports a missing middle section and inserts it in order', () => {
      const text = without('📊 Timeline (UTC)');
      assert.deepStrictEqual(lintWith(text, RULES), ['34:1-34:16 missing-section: Section "## 📊 Timeline (UTC)" is missing; the template places it before "## 🔍 Detection".']);
      const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
      assert.deepStrictEqual(keys(fixed!), template.sections.map((s) => s.key));
    });

    it('closes the block a report ends in before appending a section, so the section is a heading', () => {
      const signOff = template.sections[15]!.source;
      const cut = without('✍️ Sign-off');
      const cases: [string, string][] = [
        // An unclosed fence, comment, raw HTML element: closed on a line of its own.
        ['\n```bash\nkubectl get pods\n', '```\n\n'],
        ['\n~~~~\nx', '\n~~~~\n\n'],
        ['\n<!-- notes\n', '-->\n\n'],
        ['\n<script>\n', '</script>\n\n'],
        // An HTML block (types 6 and 7) ends at a blank line.
        ['\n<div>\n', '\n'],
        // Ended blocks need nothing.
        ['\n```\nx\n```\n', ''],
        ['\n<!-- done -->\n', ''],
      ];
      for (const [tail, lead] of [...cases, ...cases.map(([t, l]): [string, string] => [t.replace(/\n/g, '\r\n'), l.replace(/\n/g, '\r\n')])]) {
        const text = tail.includes('\r\n') ? cut.replace(/\n/g, '\r\n') + tail : cut + tail;
        const [fix] = fixesOf(lint(text, RULES), 'missing-section');
        const end = text.length;
        const body = tail.includes('\r\n') ? signOff.replace(/\n/g, '\r\n') : signOff;
        const expected = lead ? [{ span: { start: end, end }, newText: lead }, { span: { start: end, end }, newText: body }] : [{ span: { start: end, end }, newText: body }];
        assert.deepStrictEqual(fix!.edits, expected, JSON.stringify(tail));
        const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
        assert.deepStrictEqual(keys(fixed!), template.sections.map((s) => s.key), JSON.stringify(tail));
      }
    });

    it('reports a missing last section at the end of the text and appends it', () => {
      const text = without('✍️ Sign-off');
      assert.deepStrictEqual(lintWith(text, RULES), ['305:1-305:1 missing-section: Section "## ✍️ Sign-off" is missing; the template places it after "## 📊 SLO Impact".']);
      const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
      assert.ok(fixed!.endsWith(template.sections[15]!.source));
      assert.deepStrictEqual(keys(fixed!), template.sections.map((s) => s.key));
    });

    it('separates an appended section from a last line without a line break', () => {
      const text = without('✍️ Sign-off').replace(/\n+$/, '');
      const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
      assert.ok(fixed!.includes('- Budget consumed: 48.5%\n\n**SLA Breach:**'));
      assert.ok(fixed!.includes('- [ ] No\n\n---\n\n## ✍️ Sign-off\n'));
    });

    it('inserts with the document line breaks (CRLF)', () => {
      const text = without('🔍 Detection').replace(/\n/g, '\r\n');
      const [fix] = fixesOf(lint(text, RULES), 'missing-section');
      assert.ok(fix!.edits[0]!.newText.startsWith('## 🔍 Detection\r\n\r\n**How was it detected:**\r\n'));
      assert.ok(!/[^\r]\n/.test(fix!.edits[0]!.newText));
      const [fixed] = assertFixes(text, 'missing-section', { mode: 'draft' });
      assert.deepStrictEqual(keys(fixed!), template.sections.map((s) => s.key));
    });

    it('reports every section of an empty report, and fixing them one by one rebuilds the template order', () => {
      const text = '# Incident Report\n';
      const result = lint(text, { ...RULES, mode: 'final' });
      assert.equal(result.diagnostics.length, 16);
      assert.ok(result.diagnostics.every((d) => d.ruleId === 'missing-section' && d.severity === 'error'));
      assert.ok(result.diagnostics.every((d) => d.message.endsWith('the template places it at the end.')));
      let current = text;
      for (let i = 0; i < 16; i++) {
        // Always the template's earliest missing section first.
        const next = lint(current, RULES).diagnostics.find((d) => d.message.includes(`"## ${template.sections.find((s) => !keys(current).includes(s.key))!.title}"`))!;
        current = applyFix(current, next.fixes[0]!);
      }
      assert.deepStrictEqual(keys(current), template.sections.map((s) => s.key));
      assert.deepStrictEqual(lintWith(current, RULES), []);
    });

    it('is info in draft, error in final', () => {
      const text = without('📚 Lessons Learned');
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['info']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['error']);
    });

    describe('a section under another heading (never inserted again)', () => {
      const TEAM = '# Incident\n\n**Incident ID:**\n\n## Impact\n\n## Root Cause\n\n## Timeline (UTC)\n';
      const team = (text: string) => lintWith(text, { ...RULES, templateText: TEAM });

      it('a heading whose words include all of the template heading\'s: a rename is offered (not safe), nothing inserted', () => {
        const text = '# Incident\n\n**Incident ID:** INC-20261126-001\n\n## Customer Impact\n\nShoppers saw errors.\n\n## Root Cause Analysis\n\nA bad deploy.\n\n## Timeline (UTC)\n';
        assert.deepStrictEqual(team(text), [
          '5:1-5:19 missing-section: Section "## Impact" is missing; the report may have it as "## Customer Impact" (line 5). Rename the heading to "## Impact" if it is that section.',
          '9:1-9:23 missing-section: Section "## Root Cause" is missing; the report may have it as "## Root Cause Analysis" (line 9). Rename the heading to "## Root Cause" if it is that section.',
        ]);
        const result = lint(text, { ...RULES, templateText: TEAM });
        const fixes = fixesOf(result, 'missing-section');
        assert.deepStrictEqual(fixes.map((f) => [f.title, f.safe, f.isPreferred]), [
          ["Rename '## Customer Impact' to '## Impact'", false, undefined],
          ["Rename '## Root Cause Analysis' to '## Root Cause'", false, undefined],
        ]);
        const renamed = applyEdits(text, [...fixes[0]!.edits, ...fixes[1]!.edits]);
        assert.equal(renamed, text.replace('## Customer Impact', '## Impact').replace('## Root Cause Analysis', '## Root Cause'));
        assert.deepStrictEqual(team(renamed), []);
        // Fix All applies safe fixes only: the text is left as it is.
        assert.equal(fixAllText(text, (t) => lint(t, { ...RULES, templateText: TEAM }).diagnostics).text, text);
      });

      it('is conservative: a heading missing one of the words is not the section, and the section is inserted', () => {
        // "Timeline" lacks "utc"; "Impact" alone is not "Impact Assessment".
        const text = mutate(mutate(complete(), '## 📊 Timeline (UTC)', '## Timeline'), '## 💥 Impact Assessment', '## Impact');
        const messages = lintWith(text, RULES).filter((d) => d.includes('missing-section'));
        assert.deepStrictEqual(messages.map((m) => m.replace(/^\S+ /, '')), [
          'missing-section: Section "## 📊 Timeline (UTC)" is missing; the template places it before "## 🔍 Detection".',
          'missing-section: Section "## 💥 Impact Assessment" is missing; the template places it before "## 🔧 Root Cause Analysis".',
        ]);
        assert.deepStrictEqual(fixesOf(lint(text, RULES), 'missing-section').map((f) => f.safe), [true, true]);
      });

      it('one heading standing for two missing sections: both say so, no rename is offered', () => {
        const text = '# Incident\n\n**Incident ID:** INC-20261126-001\n\n## Impact of the Root Cause\n\nText.\n\n## Timeline (UTC)\n';
        assert.deepStrictEqual(team(text), [
          '5:1-5:28 missing-section: Section "## Impact" is missing; the report may have it as "## Impact of the Root Cause" (line 5).',
          '5:1-5:28 missing-section: Section "## Root Cause" is missing; the report may have it as "## Impact of the Root Cause" (line 5).',
        ]);
        assert.deepStrictEqual(fixesOf(lint(text, { ...RULES, templateText: TEAM }), 'missing-section'), []);
      });

      // Every example times every heading: ~30-70 s on a loaded 2-core machine, where the default 20 s is not enough.
      it('property: over every example report, each template heading renamed (words added), Fix All inserts nothing twice and a second Fix All changes nothing', function () {
        this.timeout(300_000);
        const dir = join(REPO_ROOT, 'examples', 'incidents');
        const reports = readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(dir, name), 'utf8'));
        assert.ok(reports.length >= 3);
        const fixAll = (text: string) => fixAllText(text, (t) => lint(t, { mode: 'draft' }).diagnostics).text;
        let cases = 0;
        for (const report of reports) {
          const present = template.sections.filter((s) => report.includes(`\n## ${s.title}\n`));
          // Each section renamed alone, then all of them at once.
          const renamings = [...present.map((s) => [s]), present];
          for (const renamed of renamings) {
            let text = report;
            for (const s of renamed) text = text.replace(`\n## ${s.title}\n`, `\n## Our ${s.title} Notes\n`);
            const once = fixAll(text);
            assert.equal(fixAll(once), once, `Fix All twice = once (${renamed.map((s) => s.title).join(', ')})`);
            const fixedKeys = keys(once);
            for (const s of renamed) {
              assert.ok(!fixedKeys.includes(s.key), `"## ${s.title}" was inserted next to "## Our ${s.title} Notes"`);
              assert.equal(fixedKeys.filter((k) => k === `our ${s.key} notes`).length, 1);
            }
            cases++;
          }
        }
        assert.ok(cases > 30, `${cases} cases`);
      });
    });
  });

  describe('section-order', () => {
    it('reports the section out of template order on its heading, with no fix', () => {
      const summary = section('📋 Summary');
      const text = mutate(mutate(complete(), summary, ''), '## 🔍 Detection', `${summary}## 🔍 Detection`);
      assert.deepStrictEqual(lintWith(text, RULES), ['18:1-18:21 section-order: Section "## 📊 Timeline (UTC)" is out of order; the template puts it after "## 📋 Summary" (section 2 of 16).']);
      assert.deepStrictEqual(fixesOf(lint(text, RULES), 'section-order'), []);
    });

    it('reports only the section that moved (the longest ordered run stays)', () => {
      const signOff = section('✍️ Sign-off');
      const text = mutate(mutate(complete(), signOff, ''), '## 📋 Summary', `${signOff}\n## 📋 Summary`);
      assert.deepStrictEqual(lintWith(text, RULES), ['18:1-18:15 section-order: Section "## ✍️ Sign-off" is out of order; the template puts it after "## 📊 SLO Impact" (section 16 of 16).']);
    });

    it('says "first" for the first template section', () => {
      const summary = section('📋 Summary');
      const timeline = section('📊 Timeline (UTC)');
      const detection = section('🔍 Detection');
      // Timeline, Detection, then Summary: Summary alone is out of place.
      const text = mutate(complete(), summary + timeline + detection, timeline + detection + summary);
      assert.deepStrictEqual(lintWith(text, RULES), ['51:1-51:14 section-order: Section "## 📋 Summary" is out of order; the template puts it first (section 1 of 16).']);
    });

    it('is info in draft, warning in final', () => {
      const summary = section('📋 Summary');
      const text = mutate(mutate(complete(), summary, ''), '## 🔍 Detection', `${summary}## 🔍 Detection`);
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['info']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['warning']);
    });
  });

  describe('duplicate-section', () => {
    it('reports the second occurrence on its heading and names the first line', () => {
      const text = `${complete()}\n## Summary\n\nmore\n`;
      assert.deepStrictEqual(lintWith(text, RULES), ['320:1-320:11 duplicate-section: Section "## Summary" appears again; it is already at line 18. Merge the two.']);
      assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft' }).diagnostics.map((d) => d.severity), ['warning']);
      assert.deepStrictEqual(lint(text, RULES).diagnostics.map((d) => d.severity), ['warning']);
    });

    it('a renamed section is a duplicate of one and leaves the other missing', () => {
      const text = mutate(complete(), '## 📊 SLO Impact', '## 📋 Summary');
      assert.deepStrictEqual(lintWith(text, RULES), [
        '292:1-292:14 duplicate-section: Section "## 📋 Summary" appears again; it is already at line 18. Merge the two.',
        '305:1-305:15 missing-section: Section "## 📊 SLO Impact" is missing; the template places it before "## ✍️ Sign-off".',
      ]);
    });

    it('ignores sections that are not in the template only when they have no words', () => {
      const text = `${complete()}\n##\n\n## 🎉\n\n## Appendix\n\n## appendix\n`;
      assert.deepStrictEqual(lintWith(text, RULES), ['326:1-326:12 duplicate-section: Section "## appendix" appears again; it is already at line 324. Merge the two.']);
    });
  });

  it('a setext heading in a report (label followed by "- ") is no section', () => {
    const text = mutate(complete(), '**Attendees:**\n\n- Priya Raman', '**Attendees:**\n- \n- Priya Raman');
    assert.deepStrictEqual(keys(text), template.sections.map((s) => s.key));
    assert.deepStrictEqual(lintWith(text, RULES), []);
  });

  it('follow config: off, or re-levelled per mode', () => {
    const text = without('📋 Summary');
    assert.deepStrictEqual(lintWith(text, { ...RULES, config: { rules: { 'missing-section': 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULES, config: { rules: { 'missing-section': { final: 'warning' } } } }).diagnostics.map((d) => d.severity), ['warning']);
    assert.deepStrictEqual(lint(text, { ...RULES, mode: 'draft', config: { rules: { 'missing-section': { final: 'warning' } } } }).diagnostics.map((d) => d.severity), ['info']);
  });
});
