import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTemplateModel } from '../../../src/core/template/templateModel';
import { lint, lintWith, mutate, REPO_ROOT } from '../helpers';

/**
 * Unfilled means still what the template says at that place, for team templates of three
 * shapes (test/fixtures/unfilled): help text in italics and quotes with example rows and
 * items, `{…}`/`<…>`/TBD/??/date-format placeholders, and sections left empty. Each blank
 * copy (the template itself) is reported; each filled report passes the unfilled rules.
 */
const DIR = join(REPO_ROOT, 'test', 'fixtures', 'unfilled');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const UNFILLED = ['placeholder', 'empty-field'];

function unfilled(text: string, templateText: string, mode: 'draft' | 'final' = 'final'): string[] {
  return lintWith(text, { templateText, mode, rules: UNFILLED });
}

describe('unfilled: still what the template says at that place', () => {
  describe('a template with italic and quoted help, example rows and example items', () => {
    const template = read('guidance-template.md');

    it('its blank copy: the header help line, empty sections, the quoted help and a field holding its help text', () => {
      assert.deepStrictEqual(unfilled(template, template), [
        '3:22-3:32 placeholder: Placeholder "[YYYYMMDD]" is left from the template; replace it with a date (YYYYMMDD, UTC).',
        '3:33-3:38 placeholder: Placeholder "[NNN]" is left from the template; replace it with the real value.',
        '4:11-4:23 placeholder: Placeholder "[YYYY-MM-DD]" is left from the template; replace it with a date (YYYY-MM-DD, UTC).',
        "7:1-7:57 placeholder: Still the template's guidance for the header; replace it with the report's own words.",
        '9:1-9:11 empty-field: "## Summary" is empty; it holds nothing but the template\'s guidance.',
        "15:1-15:57 placeholder: Still the template's guidance for \"## Impact\"; replace it with the report's own words.",
        '17:1-17:21 empty-field: "Customer impact" still holds the template\'s guidance; write its content below the label instead.',
        '20:1-20:12 empty-field: "## Timeline" is empty; it holds nothing but the template\'s guidance.',
        '27:1-27:24 empty-field: "## Contributing Factors" is empty; it holds nothing but the template\'s guidance.',
        '32:1-32:16 empty-field: "## Action Items" is empty; it holds nothing but the template\'s guidance.',
      ]);
    });

    it('the filled report passes: its own italic and quoted sentences are not guidance', () => {
      const filled = read('guidance-filled.md');
      assert.ok(filled.includes('_Card payments failed'));
      assert.ok(filled.includes('> 12% of card payments'));
      assert.deepStrictEqual(unfilled(filled, template), []);
    });

    it('an example row left among real rows is reported row by row, with the place it belongs to', () => {
      const row = mutate(read('guidance-filled.md'), '| 09:40 | Renewed certificate deployed |', '| 09:00 | Monitoring alert fired for elevated error rate |');
      assert.deepStrictEqual(unfilled(row, template), ['26:1-26:59 placeholder: This row is still the template\'s example for "## Timeline"; replace it with a real row.']);
      // One cell changed (the real time) is the writer's row.
      const timed = mutate(read('guidance-filled.md'), '| 09:40 | Renewed certificate deployed |', '| 09:01 | Monitoring alert fired for elevated error rate |');
      assert.deepStrictEqual(unfilled(timed, template), []);
    });

    it('an example item left among real items is reported; the same words in another section are not', () => {
      const item = mutate(read('guidance-filled.md'), '- No alert on certificate expiry', '- Monitoring did not cover the failing path');
      assert.deepStrictEqual(unfilled(item, template), ['32:3-32:44 placeholder: This item is still the template\'s example for "## Contributing Factors"; replace it with the report\'s own.']);
      const elsewhere = mutate(read('guidance-filled.md'), 'About 3,100 customers saw', '- Monitoring did not cover the failing path\n\nAbout 3,100 customers saw');
      assert.deepStrictEqual(unfilled(elsewhere, template), []);
    });

    it("the template's sentence left in its section beside the writer's is reported; in another section it is the writer's", () => {
      const guidance = "_Write two or three sentences: what broke, who noticed and how it was fixed._";
      const left = mutate(read('guidance-filled.md'), '## Summary\n\n', `## Summary\n\n${guidance}\n\n`);
      assert.deepStrictEqual(unfilled(left, template), ["11:1-11:78 placeholder: Still the template's guidance for \"## Summary\"; replace it with the report's own words."]);
      // Not italic any more, the same words are still the template's.
      const plain = mutate(read('guidance-filled.md'), '## Summary\n\n', `## Summary\n\n${guidance.slice(1, -1)}\n\n`);
      assert.deepStrictEqual(unfilled(plain, template), ["11:1-11:76 placeholder: Still the template's guidance for \"## Summary\"; replace it with the report's own words."]);
      const moved = mutate(read('guidance-filled.md'), '## Impact\n\n', `## Impact\n\n${guidance}\n\n`);
      assert.deepStrictEqual(unfilled(moved, template), []);
    });

    it('a field holding its help text is one problem (the field), a hint in draft', () => {
      const text = mutate(read('guidance-filled.md'), 'About 3,100 customers saw "payment declined" and retried later.', '*Number of customers affected and what they saw.*');
      assert.deepStrictEqual(unfilled(text, template), ['17:1-17:21 empty-field: "Customer impact" still holds the template\'s guidance; write its content below the label instead.']);
      const [draft] = lint(text, { templateText: template, mode: 'draft', rules: UNFILLED }).diagnostics;
      assert.equal(draft!.severity, 'hint');
      assert.deepStrictEqual(draft!.fixes, []);
    });
  });

  describe('a template with {…}, <…>, TBD, TBA, ?? and date-format placeholders', () => {
    const template = read('placeholders-template.md');

    it('derives them from the template, and not <br>', () => {
      const set = buildTemplateModel(template).placeholders;
      assert.deepStrictEqual(set.tokens, ['<name or role>', '[YYYYMMDD]', '{DURATION}', '{SERVICE}', '[NNN]']);
      assert.deepStrictEqual([...set.shapes].sort(), ['date-format', 'question-marks', 'to-be-decided']);
    });

    it('its blank copy: every placeholder, at its exact place', () => {
      assert.deepStrictEqual(unfilled(template, template), [
        '1:20-1:29 placeholder: Placeholder "{SERVICE}" is left from the template; replace it with the real value.',
        '3:22-3:32 placeholder: Placeholder "[YYYYMMDD]" is left from the template; replace it with a date (YYYYMMDD, UTC).',
        '3:33-3:38 placeholder: Placeholder "[NNN]" is left from the template; replace it with the real value.',
        '4:11-4:21 placeholder: Placeholder "DD/MM/YYYY" is left from the template; replace it with the real value.',
        '9:1-9:10 placeholder: Placeholder "{SERVICE}" is left from the template; replace it with the real value.',
        '9:28-9:38 placeholder: Placeholder "{DURATION}" is left from the template; replace it with the real value.',
        '9:63-9:77 placeholder: Placeholder "<name or role>" is left from the template; replace it with the real value.',
        '13:16-13:30 placeholder: Placeholder "<name or role>" is left from the template; replace it with the real value.',
        '14:26-14:29 placeholder: Placeholder "TBD" is left from the template; replace it with the real value.',
        '15:21-15:23 placeholder: Placeholder "??" is left from the template; replace it with the real value.',
        '21:3-21:6 placeholder: Placeholder "TBA" is left from the template; replace it with the real value.',
        '21:9-21:23 placeholder: Placeholder "<name or role>" is left from the template; replace it with the real value.',
        '21:26-21:36 placeholder: Placeholder "YYYY-MM-DD" is left from the template; replace it with a date (YYYY-MM-DD, UTC).',
      ]);
    });

    it('the filled report passes: <br>, an e-mail and a URL in <>, JSON in a code span, a question ending in ??', () => {
      const filled = read('placeholders-filled.md');
      for (const kept of ['<br>', '<dana@example.com>', '<https://status.example.com/incidents/118>', '`{"status": "degraded"}`', 'warm??']) assert.ok(filled.includes(kept), kept);
      assert.deepStrictEqual(unfilled(filled, template), []);
    });

    it('in code, TBD and ?? are code; the template\'s exact {SERVICE} is still a placeholder', () => {
      const text = mutate(read('placeholders-filled.md'), '- Root cause owner: Marco Silva', '- Root cause owner: Marco Silva, `owner ?? TBD`, `restart {SERVICE}`');
      assert.deepStrictEqual(unfilled(text, template), ['15:59-15:68 placeholder: Placeholder "{SERVICE}" is left from the template; replace it with the real value.']);
    });

    it('a bare YYYY-MM-DD is filled with today; a shape the template does not use is the writer\'s word', () => {
      const text = mutate(read('placeholders-filled.md'), '| Marco Silva | 2026-12-01 |', '| Marco Silva | YYYY-MM-DD |');
      const [diagnostic] = lint(text, { templateText: template, mode: 'final', rules: ['placeholder'] }).diagnostics;
      assert.deepStrictEqual(diagnostic!.fixes.map((f) => [f.title, f.edits[0]!.newText]), [['Fill with now (UTC): 2026-11-26', '2026-11-26']]);
      const tbd = mutate(read('guidance-filled.md'), 'Automate certificate renewal | Priya Raman', 'Automate certificate renewal | TBD');
      assert.deepStrictEqual(unfilled(tbd, read('guidance-template.md')), []);
    });
  });

  describe('a template of empty sections', () => {
    const template = read('empty-template.md');

    it('its blank copy: one problem on each empty heading', () => {
      assert.deepStrictEqual(unfilled(template, template).filter((d) => d.includes('empty-field')), [
        '7:1-7:17 empty-field: "## What happened" is empty; it holds nothing but the template\'s guidance.',
        '9:1-9:19 empty-field: "## Why it happened" is empty; it holds nothing but the template\'s guidance.',
        '15:1-15:14 empty-field: "### Went well" is empty; it holds nothing but the template\'s guidance.',
        '17:1-17:15 empty-field: "### Went badly" is empty; it holds nothing but the template\'s guidance.',
        '19:1-19:14 empty-field: "## Next steps" is empty; it holds nothing but the template\'s guidance.',
      ]);
    });

    it('the filled report passes (the template comment may stay above the text)', () => {
      assert.deepStrictEqual(unfilled(read('empty-filled.md'), template), []);
    });

    it("a section of the writer's own, left empty, is not the template's: not reported", () => {
      const text = mutate(read('empty-filled.md'), '## Next steps', '## Notes\n\n## Next steps');
      assert.deepStrictEqual(unfilled(text, template), []);
    });

    it('an empty section is a hint in draft mode and an error in final mode', () => {
      const text = mutate(read('empty-filled.md'), '- Alert when an export file is empty.\n', '');
      const draft = lint(text, { templateText: template, mode: 'draft', rules: UNFILLED }).diagnostics;
      const final = lint(text, { templateText: template, mode: 'final', rules: UNFILLED }).diagnostics;
      assert.deepStrictEqual(draft.map((d) => [d.severity, d.message]), [['hint', '"## Next steps" is empty; it holds nothing but the template\'s guidance.']]);
      assert.deepStrictEqual(final.map((d) => d.severity), ['error']);
    });
  });
});
