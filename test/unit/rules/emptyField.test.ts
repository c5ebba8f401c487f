import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core';
import { complete, fixesOf, lint, lintWith, mutate, NOW } from '../helpers';

const RULE = { rules: ['empty-field'] };
const WHAT = "**What happened:**\nA configuration change lowered the API's PostgreSQL connection pool from 50 to 5 per pod. Under the afternoon peak, checkout requests queued for connections and timed out.";
const FIELD = (label: string) => `"${label}" is empty; write its content below the label (the template comment does not count).`;
const SUB = (title: string) => `"### ${title}" is empty; it holds nothing but the template's guidance.`;

describe('rule empty-field', () => {
  it('passes the complete report, and a template comment kept above filled text', () => {
    assert.deepStrictEqual(lintWith(complete(), RULE), []);
    assert.deepStrictEqual(lintWith(mutate(complete(), '**What happened:**\n', '**What happened:**\n<!-- Brief description of the incident -->\n'), RULE), []);
  });

  it('reports a field holding only the template comment, on its label', () => {
    const text = mutate(complete(), WHAT, '**What happened:**\n<!-- Brief description of the incident -->');
    assert.deepStrictEqual(lintWith(text, RULE), [`20:1-20:19 empty-field: ${FIELD('What happened')}`]);
    assert.deepStrictEqual(fixesOf(lint(text, RULE), 'empty-field'), []);
  });

  it('reports a field followed by an unclosed comment (it hides the rest of the report), and not when closed text follows', () => {
    const text = mutate(complete(), WHAT, '**What happened:**\n<!-- Brief description');
    assert.ok(lintWith(text, RULE).includes(`20:1-20:19 empty-field: ${FIELD('What happened')}`));
    // Fix All closes such a comment at the end of the report: the verdict stays the same.
    assert.deepStrictEqual(lintWith(mutate(complete(), WHAT, '**What happened:**\n<!-- Brief description -->'), RULE), [`20:1-20:19 empty-field: ${FIELD('What happened')}`]);
    assert.deepStrictEqual(lintWith(mutate(complete(), WHAT, '**What happened:**\n<!-- note --> Pool exhausted.'), RULE), []);
  });

  it('reports a label with nothing after it, before a rule or the next label', () => {
    assert.deepStrictEqual(lintWith(mutate(complete(), WHAT, '**What happened:**'), RULE), [`20:1-20:19 empty-field: ${FIELD('What happened')}`]);
    const inline = mutate(complete(), '**Incident Commander:** Marco Silva', '**Incident Commander:**');
    assert.deepStrictEqual(lintWith(inline, RULE), [`260:1-260:24 empty-field: ${FIELD('Incident Commander')}`]);
  });

  it('reports a field in a list item whose code block holds only the template comment', () => {
    const text = mutate(complete(), 'kubectl -n checkout logs deploy/spark-trading-api | grep "pool timeout" | head', '# Commands run, logs checked');
    assert.deepStrictEqual(lintWith(text, RULE), [`129:4-129:22 empty-field: ${FIELD('Investigation')}`]);
    // A comment line of the writer's own is content.
    assert.deepStrictEqual(lintWith(mutate(complete(), 'kubectl -n checkout logs deploy/spark-trading-api | grep "pool timeout" | head', '# checked the pool logs by hand'), RULE), []);
  });

  it('reports a field whose list has no words (Attendees "- ")', () => {
    const text = mutate(complete(), '- Priya Raman\n- Marco Silva\n- Dana Okafor\n', '- \n- \n');
    assert.deepStrictEqual(lintWith(text, RULE), [`281:1-281:15 empty-field: ${FIELD('Attendees')}`]);
  });

  it('reports a ### subsection holding only guidance: a comment, word-less items, an empty code block', () => {
    const why = mutate(complete(), 'The value change sat in a large refactoring PR; the rendered diff was not shown to reviewers.', "<!-- Explain why the issue wasn't caught earlier -->");
    assert.deepStrictEqual(lintWith(why, RULE), [`119:1-119:20 empty-field: ${SUB('Why It Happened')}`]);
    const well = mutate(complete(), '- ✅ The error rate alert fired within 14 minutes of the deploy.\n- ✅ Rollback took under five minutes once started.\n- ✅ Status page updates went out every 20 minutes.', '- ✅ \n- ✅ \n- ✅ ');
    assert.deepStrictEqual(lintWith(well, RULE), [`228:1-228:19 empty-field: ${SUB('What Went Well')}`]);
    const details = mutate(complete(), '```\n- database.pool_size: 50\n+ database.pool_size: 5\n```', '```\n```');
    assert.deepStrictEqual(lintWith(details, RULE), [`112:1-112:22 empty-field: ${SUB('Technical Details')}`]);
  });

  it('does not report a ### whose content sits under a #### below it', () => {
    const text = mutate(complete(), '### Why It Happened\n\nThe value change', '### Why It Happened\n\n#### Review\n\nThe value change');
    assert.deepStrictEqual(lintWith(text, RULE), []);
    const bothEmpty = mutate(complete(), '### Why It Happened\n\nThe value change sat in a large refactoring PR; the rendered diff was not shown to reviewers.', '### Why It Happened\n\n#### Review\n\n<!-- later -->');
    assert.deepStrictEqual(lintWith(bothEmpty, RULE), [`119:1-119:20 empty-field: ${SUB('Why It Happened')}`, `121:1-121:12 empty-field: "#### Review" is empty; it holds nothing but the template's guidance.`]);
  });

  it('leaves table cells to their rules (an empty Owner cell is action-item)', () => {
    const text = mutate(complete(), '| Show rendered Helm diff in PR checks | Marco Silva |', '| Show rendered Helm diff in PR checks |  |');
    assert.deepStrictEqual(lintWith(text, RULE), []);
  });

  // Draft noise policy: an empty field is not yet written, a hint while the incident is open.
  it('reports every empty field of a fresh report: a hint in draft, an error in final', () => {
    const fresh = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
    const draft = lint(fresh, RULE);
    assert.deepStrictEqual(
      draft.diagnostics.map((d) => fresh.slice(d.span.start, d.span.end)),
      [
        '**What happened:**',
        '**Impact:**',
        '**Duration:**',
        '**Root Cause:**',
        '**Detection Time:**',
        '**Affected Users:**',
        '**Primary Cause:**',
        '### Why It Happened',
        '**Investigation:**',
        '**Mitigation:**',
        '**Verification:**',
        '**Final Fix:**',
        '**Fix Verification:**',
        '### What Went Well',
        '### What Could Be Improved',
        '### Surprises',
        '**Attendees:**',
      ],
    );
    assert.ok(draft.diagnostics.every((d) => d.severity === 'hint' && d.unfilled === true));
    assert.ok(lint(fresh, { ...RULE, mode: 'final' }).diagnostics.every((d) => d.severity === 'error'));
  });

  it('follows config', () => {
    const text = mutate(complete(), WHAT, '**What happened:**');
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { 'empty-field': 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULE, config: { rules: { 'empty-field': 'warning' } } }).diagnostics.map((d) => d.severity), ['warning']);
  });
});
