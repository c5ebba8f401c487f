/**
 * One test per bug the robustness harness found, each with its minimal input, kept as a
 * regression test once fixed. A bug still open is also listed in test/fuzz/harness.ts
 * KNOWN_BUGS: the broad corpus and fast-check tests tolerate exactly its class of failure
 * while its repro still reproduces (so they keep checking everything else).
 */
import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core';
import { checkDocument, loadBases, NOW, TODAY } from '../../fuzz/harness';

const core = createIncidentCore();
const fresh = loadBases(core)[1]!.text;
const headings = (text: string) => text.match(/^## .*$/gm) ?? [];

describe('robustness: bugs the harness found', function () {
  this.timeout(60_000);

  // Was: missing-section (src/core/rules/sections.ts) inserted at the end, or before the next
  // section's heading, adding a blank line only when the text before does not end with a
  // line break. After an HTML block line (CommonMark types 6/7 run to the next blank line),
  // inside an unclosed ``` fence, <!-- comment or <script>, the inserted "## Summary" is
  // not a heading: the section stays missing and fix-all inserted it again on each pass;
  // since commit eaa67d2 (no pass repeats a fix) it still does on each run, i.e. on every
  // save with source.fixAll. Found by the CommonMark corpus (examples 21, 148-191, 237, ...) and by
  // mutated reports (a broken closing fence, a truncated comment). Fixed: a section appended
  // at the end first closes the block the report ends in (fence, comment, raw HTML) or
  // leaves the blank line an HTML block needs, as an edit Fix All applies once.
  it('fix-all is idempotent: run again on its own result it changes nothing (HTML block, unclosed fence, comment, script)', () => {
    const inputs = [
      '<div>\n',
      'text\n<div>\n',
      '```\n',
      '<!--\n',
      '<script>\n',
      '> ```\nfoo\n```\n',
      // A fresh report whose Fix Verification fence lost its closing line.
      fresh.replace('# Tests run to verify fix\n```', '# Tests run to verify fix\n🔴```'),
      // A fresh report cut inside a template comment.
      fresh.slice(0, fresh.indexOf('<!-- Brief description') + 4),
    ];
    const failures = inputs.flatMap((text) => {
      const once = core.fixAll(text, { now: NOW, today: TODAY }).text;
      const twice = core.fixAll(once, { now: NOW, today: TODAY }).text;
      const added = headings(twice).length - headings(once).length;
      return once === twice ? [] : [`${JSON.stringify(text.length > 80 ? `…${text.slice(-60)}` : text)}: the second run changes the text again (${added} more "## " heading(s))`];
    });
    assert.deepEqual(failures, []);
  });

  // Was: safeFixEdits (src/core/fix/fixAll.ts) kept one insertion per offset and fixAllText
  // stops after 5 passes, so a report missing more than 5 sections at one place got 5 of
  // them (1,924 of the 4,240 corpus documents still had safe fixes after fix-all). Fixed by
  // safeFixes keeping same-offset insertions in order (commit eaa67d2).
  it('fix-all inserts every missing section, not five of them', () => {
    const cut = fresh.slice(0, fresh.indexOf('## 🛡️ Prevention'));
    const fixed = core.fixAll(cut, { now: NOW, today: TODAY }).text;
    const missing = core.lint(fixed, { now: NOW, today: TODAY }).diagnostics.filter((d) => d.ruleId === 'missing-section').map((d) => d.message.replace(/;.*/, ''));
    assert.deepEqual(missing, []);
    assert.deepEqual(headings(fixed), headings(fresh));
  });

  // Was: src/core/model/extract.ts walkBlocks/readList recursed once per nesting level and
  // lint() threw RangeError (SPEC: nothing may throw, whatever the input) from ~1,800 list
  // markers or ~3,500 quote markers on one line (3.5 KB / 7 KB). Fixed by the MAX_DEPTH cap
  // (commit eaa67d2). Deeper, ~3,000 "- > " pairs (12 KB) overflowed in remark-gfm's
  // autolink-literal transform (mdast-util-find-and-replace -> unist-util-visit-parents,
  // recursive): one internal-error, nothing linted. Fixed in src/core/parse/markdown.ts (such
  // a tree is read without that walk; test/unit/model/parser.test.ts).
  for (const [name, text] of Object.entries({
    '2,500 nested list markers on one line (5,000 characters)': `${fresh}\n${'- '.repeat(2500)}x\n`,
    '5,000 nested block quote markers on one line (10,000 characters)': `${fresh}\n${'> '.repeat(5000)}x\n`,
    '1,000 nested list-and-quote markers on one line (2,000 levels)': `${'- > '.repeat(1000)}x\n`,
  })) {
    it(`${name}: lint and fix-all do not throw`, () => {
      checkDocument(core, text);
    });
  }

  // Was: src/core/rules/frontMatter.ts ran `String(value).trim()` before the mapping check;
  // String({toString: 'x'}) throws "Cannot convert object to primitive value", so the rule
  // failed (internal-error) instead of saying "is a list or mapping". Fixed: only scalars
  // are stringified.
  it('a front matter value that is a mapping with a toString key is "a list or mapping", not a crash', () => {
    for (const yaml of ['Status: {toString: Resolved}', 'Title: {toString: x}', 'Owner: {valueOf: 1, toString: 2}', 'LastUpdated: {toString: 2026-11-26}']) {
      const result = core.lint(`---\n${yaml}\n---\n`, { now: NOW, today: TODAY });
      assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => d.message), [], yaml);
      assert.ok(result.diagnostics.some((d) => d.ruleId === 'front-matter' && /is a list or mapping/.test(d.message)), yaml);
    }
  });

  // Was: src/core/rules/incidentId.ts setId replaced field.valueSpan. An empty "**Incident ID:**"
  // followed by more lines of the same paragraph had a value span over those lines, so
  // fix-all (a safe fix) deleted them. Found by the full fuzz (seed 21631113, path 6:0:3:…).
  // Fixed: a header field's value is on its label's line only (rules/query.ts headerField).
  it('fix-all never deletes the lines after an empty **Incident ID:** label', () => {
    const text = '**Incident ID:**\nOwner: Priya\nStatus: Resolved\n\n**Date:** 2026-10-20\n';
    const fixed = core.fixAll(text, { now: NOW, today: TODAY }).text;
    assert.match(fixed, /Owner: Priya\nStatus: Resolved/);
    assert.match(fixed, /INC-20261020-001/);
  });

  // Was: safeFixes (commit eaa67d2) kept insertions at one offset in diagnostic order. At the end
  // of a report cut after "- Budget consumed:", missing-section inserts "## ✍️ Sign-off" and
  // slo-budget inserts " 48.5%" at the same offset: the value lands after the inserted
  // section, the label stays empty, and the next fix-all (next save) writes it again.
  // Found by the full fuzz (seed 27887123, path 21:0:1:14:…). Fixed: at one offset, text that
  // continues the line goes before new lines.
  it('a value fix and a section insertion at the same offset: the value goes after its label, once', () => {
    const text = '## 📊 SLO Impact\n\n**Error Budget Consumption:**\n- Before incident: 22.5%\n- After incident: 71.0%\n- Budget consumed:';
    const once = core.fixAll(text, { now: NOW, today: TODAY }).text;
    assert.match(once, /- Budget consumed: 48\.5%/);
    assert.equal(core.fixAll(once, { now: NOW, today: TODAY }).text, once);
  });

  // Was: two leading U+FEFF: the parser dropped one more than the model accounted for, so every
  // value is read one character early ("* INC-20261020-001", Date "* 2026-10-2") and a fix
  // on such a span edits the wrong characters (fuzz: seed 463837, path 29:0:1:2:1:1, where
  // fix-all left "No **Incident ID:** field found"). Fixed: the report starts after every leading BOM.
  it('two leading BOMs: values are read where they are, as with one', () => {
    for (const bom of ['\ufeff', '\ufeff\ufeff']) {
      const text = `${bom}**Incident ID:** INC-20261020-001\n**Date:** 2026-10-20\n`;
      const problems = core.lint(text, { now: NOW, today: TODAY }).diagnostics.filter((d) => d.ruleId === 'incident-id' || d.ruleId === 'incident-date');
      assert.deepEqual(problems.map((d) => d.message), [], JSON.stringify(bom));
    }
  });

  // Was: detectEol (src/core/text/lineIndex.ts) knew only LF and CRLF, so in a file with
  // old-Mac lone CR line breaks every inserted block used LF, the parser saw CR and LF
  // mixed, and the front matter inserted by one fix-all was not recognised by the next.
  it('a report with lone CR line breaks: fix-all writes CR and is idempotent', () => {
    const cr = fresh.replace(/\r?\n/g, '\r');
    for (const text of [cr, cr.slice(cr.indexOf('# ')), '# T\r**Incident ID:** x\r']) {
      const once = core.fixAll(text, { now: NOW, today: TODAY }).text;
      assert.equal(once.includes('\n'), false);
      assert.equal(core.fixAll(once, { now: NOW, today: TODAY }).text, once);
    }
  });

  // Was: fix-all applied "Close the front matter" together with fixes computed on the old
  // reading. An unclosed --- ran to a later --- line and hid an unclosed comment; the
  // Summary was inserted after that line, and once the front matter was closed higher up,
  // the comment swallowed the inserted heading: the next run inserted it again. Found by
  // the full fuzz (seed 110867, run 17). Fixed: a fix that changes how the report is read
  // (Fix.exclusive) is applied in a pass of its own.
  it('closing the front matter goes alone in its pass: what it reveals is fixed on the new reading', () => {
    const body = fresh.slice(fresh.indexOf('**What happened:**'));
    const text = `---\n\n\n${body.replace('<!-- High-level root cause -->', '<!-- High-level root cause ->')}`;
    const once = core.fixAll(text, { now: NOW, today: TODAY }).text;
    assert.equal(core.fixAll(once, { now: NOW, today: TODAY }).text, once);
    assert.equal(headings(once).filter((h) => h === '## 📋 Summary').length, 1);
  });

  // Was: after a report ending in a lone CR inside an HTML block, the blank line put before
  // the appended sections was an LF: with that CR it made one CRLF, no blank line, and the
  // block swallowed the sections on every run (full fuzz, seed 26437946 run 30).
  it('an HTML block ending in a lone CR still gets its blank line before appended sections', () => {
    const text = '**Incident ID:** INC-20261020-002\n\n## 📝 Action Items\r\n<div>\n| Action | Owner |\r';
    const once = core.fixAll(text, { now: NOW, today: TODAY }).text;
    assert.equal(core.fixAll(once, { now: NOW, today: TODAY }).text, once);
    assert.ok(once.includes('| Action | Owner |\r\n\n## 👥 People Involved'), JSON.stringify(once.slice(60, 140)));
  });
});
