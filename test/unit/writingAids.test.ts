import * as assert from 'node:assert/strict';
import { incidentMentions } from '../../src/core/incidentLinks';
import { parseReport } from '../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { buildTemplateModel, defaultTemplateModel } from '../../src/core/template/templateModel';
import { actorsOf, completionContextAt, fieldAt, ownersOf, peopleOf, timelineTimeAt } from '../../src/core/writingAids';
import { complete, FIXTURE_FILE_NAME, mutate } from './helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);
/** The offset `into` characters past the one occurrence of `needle`. */
const at = (text: string, needle: string, into = 0) => {
  const found = text.indexOf(needle);
  assert.ok(found >= 0 && text.indexOf(needle, found + 1) < 0, `"${needle}" once`);
  return found + into;
};
const spanOf = (text: string, needle: string) => ({ start: at(text, needle), end: at(text, needle) + needle.length });

describe('template help per field', () => {
  it('keeps the comment under a label, else the example the template writes there', () => {
    const byKey = (section: string, key: string) => template.sections.find((s) => s.key === section)!.fields.find((f) => f.key === key)!.help;
    assert.deepEqual(byKey('summary', 'impact'), { kind: 'comment', text: 'User impact, business impact' });
    assert.deepEqual(byKey('people involved', 'incident commander'), { kind: 'example', text: '[Name]' });
    assert.deepEqual(template.headerFields.find((f) => f.key === 'incident id')!.help, { kind: 'example', text: 'INC-[YYYYMMDD]-[NNN]' });
    assert.deepEqual(byKey('detection', 'alert metric'), { kind: 'example', text: '```\n[Alert name or metric query]\n```' });
  });

  it('a team template\'s own words; a label with nothing after it has no help', () => {
    const team = buildTemplateModel('# Report\n\n**Incident ID:** INC-[YYYYMMDD]-[NNN]\n\n## Summary\n\n**What happened:**\n<!-- One paragraph,\n  for the exec summary -->\n\n**Notes:**\n\n## Timeline\n\n| Time | Event | Actor |\n|---|---|---|\n| HH:MM | x | y |\n');
    const fields = team.sections[0]!.fields;
    assert.deepEqual(fields.map((f) => [f.key, f.help]), [
      ['what happened', { kind: 'comment', text: 'One paragraph, for the exec summary' }],
      ['notes', undefined],
    ]);
  });
});

describe('writing aids at an offset', () => {
  const text = complete();
  const model = parseReport(text);

  it('fieldAt: on a label, its inline value or the block under it; nothing on a heading or a table', () => {
    const date = fieldAt(model, template, at(text, '**Date:** 2026-10-20', 3))!;
    assert.deepEqual([date.label, date.section, date.help, date.span], ['Date', undefined, { kind: 'example', text: '[YYYY-MM-DD]' }, spanOf(text, '**Date:** 2026-10-20')]);
    const detection = fieldAt(model, template, at(text, '14 minutes from the deploy', 4))!;
    assert.deepEqual([detection.label, detection.section, detection.help], ['Detection Time', '🔍 Detection', { kind: 'comment', text: 'Time from incident start to detection' }]);
    // The sign-off's Date is the sign-off's field, not the header's.
    const signOff = fieldAt(model, template, at(text, '## ✍️ Sign-off') + 40)!;
    assert.equal(signOff.section, '✍️ Sign-off');
    assert.equal(fieldAt(model, template, at(text, '## 🔍 Detection', 4)), undefined);
    assert.equal(fieldAt(model, template, at(text, '| 14:05 | On-call notified', 3)), undefined);
  });

  it('timelineTimeAt: a time with an offset gives its UTC value; a UTC time and other cells give nothing', () => {
    const zoned = mutate(text, '| 15:31 | Mitigation started', '| 17:31+02:00 | Mitigation started');
    const zonedModel = parseReport(zoned);
    assert.deepEqual(timelineTimeAt(zonedModel, template, at(zoned, '17:31+02:00', 2)), { written: '17:31+02:00', utc: '15:31', span: spanOf(zoned, '17:31+02:00') });
    assert.equal(timelineTimeAt(zonedModel, template, at(zoned, '| 15:20 |', 3)), undefined);
    assert.equal(timelineTimeAt(zonedModel, template, at(zoned, 'Mitigation started: rollback', 3)), undefined);
  });

  it('names: the timeline\'s actors, People Involved, the action items\' owners; placeholders left out', () => {
    assert.deepEqual(actorsOf(model, template), ['CD pipeline', 'Alertmanager', 'PagerDuty', 'Priya Raman', 'Marco Silva']);
    assert.deepEqual(peopleOf(model, template), ['Priya Raman', 'Marco Silva', 'Dana Okafor', 'Lee Chen', 'Sam Novak']);
    assert.deepEqual(ownersOf(model, template), ['Priya Raman', 'Marco Silva', 'Dana Okafor']);
    const fresh = parseReport(DEFAULT_TEMPLATE);
    assert.deepEqual([actorsOf(fresh, template), peopleOf(fresh, template), ownersOf(fresh, template)], [[], [], []]);
  });

  it('the Owner column is found by the report\'s header, as the action-item rule finds it', () => {
    const swapped = mutate(
      mutate(text, '| Action | Owner | Due Date | Status |', '| Owner | Action | Due Date | Status |'),
      '| Show rendered Helm diff in PR checks | Marco Silva |',
      '| Marco Silva | Show rendered Helm diff in PR checks |',
    );
    const swappedModel = parseReport(swapped);
    assert.ok(ownersOf(swappedModel, template).includes('Marco Silva'));
    assert.ok(!ownersOf(swappedModel, template).includes('Show rendered Helm diff in PR checks'));
    const owner = completionContextAt(swappedModel, template, at(swapped, '| Marco Silva | Show', 4), undefined);
    assert.deepEqual(owner && [owner.kind, owner.span], ['owner', { start: at(swapped, 'Marco Silva | Show'), end: at(swapped, 'Marco Silva | Show') + 'Marco Silva'.length }]);
    assert.equal(completionContextAt(swappedModel, template, at(swapped, 'Show rendered Helm', 3), undefined), undefined);
  });

  it('completionContextAt: the Actor column, the Owner column and evidence paths, nowhere else', () => {
    const actor = completionContextAt(model, template, at(text, '| PagerDuty |', 5), undefined);
    assert.deepEqual(actor && [actor.kind, actor.span], ['actor', { start: at(text, '| PagerDuty |', 2), end: at(text, '| PagerDuty |', 2 + 'PagerDuty'.length) }]);
    // In the padding before the text: an empty span at the cursor (the text stays).
    const padding = at(text, '| PagerDuty |', 1);
    assert.deepEqual(completionContextAt(model, template, padding, undefined)?.span, { start: padding, end: padding });
    const owner = completionContextAt(model, template, at(text, '| Marco Silva | 2026-12-15', 4), undefined);
    assert.deepEqual(owner && [owner.kind, owner.span], ['owner', { start: at(text, 'Marco Silva | 2026-12-15'), end: at(text, 'Marco Silva | 2026-12-15') + 'Marco Silva'.length }]);
    const path = 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt';
    assert.deepEqual(completionContextAt(model, template, at(text, path, 30), FIXTURE_FILE_NAME), { kind: 'evidence', span: spanOf(text, path), folder: 'evidence/INC-20261020-001/' });
    for (const [needle, into] of [['| 14:05 | On-call notified', 3], ['On-call notified | PagerDuty', 3], ['| Time | Event | Actor |', 18], ['Alert on pool saturation', 3], ['**Rollback Evidence:**', 4]] as const) {
      assert.equal(completionContextAt(model, template, at(text, needle, into), FIXTURE_FILE_NAME), undefined, needle);
    }
  });
});

describe('incident mentions', () => {
  it('finds whole IDs with their spans, in prose, links and paths; not longer numbers', () => {
    const text = 'See INC-20261020-001, [log](evidence/INC-20261003-002/a.txt) and INC-202610200-001 or XINC-20261020-001.';
    assert.deepEqual(incidentMentions(text), [
      { id: 'INC-20261020-001', span: { start: 4, end: 20 } },
      { id: 'INC-20261003-002', span: { start: text.indexOf('INC-20261003-002'), end: text.indexOf('INC-20261003-002') + 16 } },
    ]);
    assert.deepEqual(incidentMentions('No incident here.'), []);
  });
});
