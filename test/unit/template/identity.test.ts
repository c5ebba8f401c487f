import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { validateConfigKeys } from '../../../src/core/config';
import { DEFAULT_ID_SCHEME, idScheme, idSpecFromExample, ID_IN_TEXT, ID_PATTERN } from '../../../src/core/ids';
import { allocateId } from '../../../src/core/newReport';
import { incidentMentions } from '../../../src/core/incidentLinks';
import { levelKey, matchLevel, rampColor } from '../../../src/core/template/identity';
import { buildTemplateModel } from '../../../src/core/template/templateModel';
import { summarizeTemplate } from '../../../src/core/template/templateCheck';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { formatSummary } from '../../../src/cli/templateCommand';
import { flameSvg, severityColour, severityRank, shownSeverity } from '../../../src/vscode/incidents/severityStyle';
import { assertFixes, lintWith, rangeOf } from '../helpers';

/** A team template: its own ID (`PM[YYYY]-[NNN]`), date and severity labels, no front matter. */
const PM_TEMPLATE = [
  '# Postmortem: [Title]',
  '',
  '**Postmortem ID:** PM[YYYY]-[NNN]',
  '**Date of incident:** [YYYY-MM-DD]',
  '**Sev:** SEV-1 | SEV-2 | SEV-3',
  '',
  '## Summary',
  '',
  '[What happened]',
  '',
].join('\n');

const pmReport = (id: string, date = '2025-03-04', sev = 'SEV-2') =>
  ['# Postmortem: Login outage', '', `**Postmortem ID:** ${id}`, `**Date of incident:** ${date}`, `**Sev:** ${sev}`, '', '## Summary', '', 'Logins failed.', ''].join('\n');

/** A template with no ID, date or severity field and no front matter. */
const BARE_TEMPLATE = ['# Incident review', '', '## What happened', '', '<!-- The story -->', '', '## Follow-up', '', '- [ ] Fix it', ''].join('\n');
const bareReport = ['# Incident review: cache stampede', '', '## What happened', '', 'The cache emptied.', '', '## Follow-up', '', '- [x] Warm it', ''].join('\n');

const levelsOf = (severityLines: string) => buildTemplateModel(`# T\n\n**Severity:** ${severityLines}\n\n## Summary\n`).severityLevels.map((l) => l.label);

describe('template identity: ID, date and severity as the template declares them', () => {
  describe('severity levels in every common form', () => {
    it('reads slash, bracketed, pipe, comma and named lists in order', () => {
      assert.deepEqual(levelsOf('a / b / c'), ['a', 'b', 'c']);
      assert.deepEqual(levelsOf('[SEV1/SEV2/SEV3]'), ['SEV1', 'SEV2', 'SEV3']);
      assert.deepEqual(levelsOf('SEV1 | SEV2'), ['SEV1', 'SEV2']);
      assert.deepEqual(levelsOf('SEV-1, SEV-2'), ['SEV-1', 'SEV-2']);
      assert.deepEqual(levelsOf('[SEV1] / [SEV2]'), ['SEV1', 'SEV2']);
      const named = buildTemplateModel('# T\n\n**Severity:** P1 - Critical / P2 - High\n').severityLevels;
      assert.deepEqual(named.map((l) => [l.word, l.label]), [['P1', 'P1 - Critical'], ['P2', 'P2 - High']]);
    });

    it('reads a checklist of levels under the field', () => {
      const template = buildTemplateModel('# T\n\n**Severity:**\n\n- [ ] SEV1\n- [ ] SEV2\n- [ ] SEV3\n\n## Summary\n');
      assert.deepEqual(template.severityLevels.map((l) => l.word), ['SEV1', 'SEV2', 'SEV3']);
      assert.equal(template.identity.severityLevelsSource, 'checklist');
    });

    it('reads a list inside an HTML comment, on the label line or below it, after a lead-in', () => {
      const inline = buildTemplateModel('# T\n\n**Severity:** <!-- SEV1, SEV2, SEV3 -->\n\n## Summary\n');
      assert.deepEqual(inline.severityLevels.map((l) => l.word), ['SEV1', 'SEV2', 'SEV3']);
      assert.equal(inline.identity.severityLevelsSource, 'comment');
      const below = buildTemplateModel('# T\n\n**Priority:**\n<!-- One of: P1, P2 or P3 -->\n\n## Summary\n');
      assert.deepEqual(below.severityLevels.map((l) => l.word), ['P1', 'P2', 'P3']);
      assert.equal(below.identity.severity?.label, 'Priority');
    });

    it('reads a list in a front matter key\'s YAML comment, after a lead-in; a comment that is a sentence gives none', () => {
      const template = buildTemplateModel('---\ntitle: "[Title]"\nseverity: "" # one of SEV-1, SEV-2, SEV-3\nstatus: draft # draft, in review, published\n---\n\n# [Title]\n\n## Summary\n\n## Timeline\n');
      assert.deepEqual(template.severityLevels.map((l) => l.word), ['SEV-1', 'SEV-2', 'SEV-3']);
      assert.equal(template.identity.severityLevelsSource, 'comment');
      const sentence = buildTemplateModel('---\ntitle: "[Title]"\nseverity: "" # how bad it was, for customers and for us, in a sentence or two\n---\n\n# [Title]\n\n## Summary\n\n## Timeline\n');
      assert.deepEqual(sentence.severityLevels, []);
    });

    it('reads no levels from a single placeholder or a sentence', () => {
      assert.deepEqual(levelsOf('[Severity]'), []);
      assert.deepEqual(buildTemplateModel('# T\n\n**Severity:** <!-- How bad it was, for customers and for us, in a sentence or two -->\n').severityLevels, []);
    });

    it('matches a report value whatever its case, emoji or dash (SEV-1 is SEV1), and by name or label', () => {
      const levels = buildTemplateModel('# T\n\n**Severity:** SEV1 / SEV2 / P3 - Low\n').severityLevels;
      assert.equal(matchLevel('sev-1', levels)?.word, 'SEV1');
      assert.equal(matchLevel('🔥 SEV 2', levels)?.word, 'SEV2');
      assert.equal(matchLevel('P3', levels)?.word, 'P3');
      assert.equal(matchLevel('p3 - low', levels)?.word, 'P3');
      assert.equal(matchLevel('SEV4', levels), undefined);
      assert.equal(levelKey('SEV_1'), 'sev1');
    });

    it('colours levels on a ramp from most to least severe, the default keeping red, yellow and green', () => {
      assert.deepEqual([0, 1, 2].map((r) => rampColor(r, 3)), ['charts.red', 'charts.yellow', 'charts.green']);
      assert.deepEqual([0, 1, 2, 3].map((r) => rampColor(r, 4)), ['charts.red', 'charts.orange', 'charts.yellow', 'charts.green']);
      assert.equal(rampColor(0, 1), 'charts.red');
    });

    it('takes config severityLevels over the template, in order, with their colours', () => {
      const template = buildTemplateModel(PM_TEMPLATE, { severityLevels: [{ name: 'S1', color: '#d32f2f' }, 'S2', { name: 'S3' }] });
      assert.deepEqual(template.severityLevels.map((l) => [l.word, l.rank, l.color]), [['S1', 0, '#d32f2f'], ['S2', 1, 'charts.yellow'], ['S3', 2, 'charts.green']]);
      assert.equal(template.identity.severityLevelsSource, 'config');
    });
  });

  describe('ID patterns', () => {
    it('derives the spec from the template example', () => {
      assert.equal(idSpecFromExample('INC-[YYYYMMDD]-[NNN]'), 'INC-{YYYYMMDD}-{NNN}');
      assert.equal(idSpecFromExample('PM[YYYY]-[NNN]'), 'PM{YYYY}-{NNN}');
      assert.equal(idSpecFromExample('#[N]'), '#{N}');
      assert.equal(idSpecFromExample('[NNN]'), '{NNN}');
      assert.equal(idSpecFromExample('[Incident ID]'), undefined);
      assert.equal(idSpecFromExample('TBD'), undefined);
    });

    it('builds the default pattern objects exactly as before', () => {
      assert.equal(ID_PATTERN.source, 'INC-(\\d{8})-(\\d{3})');
      assert.equal(DEFAULT_ID_SCHEME.example, 'INC-20261126-001');
      assert.deepEqual([...'see INC-20261020-001, not INC-20261020-0011 or xINC-20261020-001'.matchAll(ID_IN_TEXT)].map((m) => m[0]), ['INC-20261020-001']);
      assert.deepEqual(DEFAULT_ID_SCHEME.parse('INC-20261020-007'), { year: '2026', month: '10', day: '20', number: '007' });
    });

    it('formats and parses a team pattern; bare numbers are not looked for in prose', () => {
      const pm = idScheme('PM{YYYY}-{NNN}');
      assert.equal(pm.format('2025-03-04', 2), 'PM2025-002');
      assert.deepEqual(pm.parse('PM2025-002'), { year: '2025', number: '002' });
      assert.equal(pm.dated, 'year');
      assert.deepEqual(incidentMentions('After PM2025-002 and PM2025-0021.', pm).map((m) => m.id), ['PM2025-002']);
      const plain = idScheme('{N}');
      assert.equal(plain.inText, undefined);
      assert.deepEqual(incidentMentions('Incident 12 then 13', plain), []);
      const hash = idScheme('#{N}');
      assert.deepEqual(incidentMentions('See #12, not a#13.', hash).map((m) => m.id), ['#12']);
    });

    it('allocates the next number within the pattern period', () => {
      const now = new Date('2025-03-04T10:00:00Z');
      assert.equal(allocateId(['PM2025-001-login.md', 'PM2025-007.md', 'PM2024-020.md'], now, 0, 0, idScheme('PM{YYYY}-{NNN}')), 'PM2025-008');
      assert.equal(allocateId(['12-outage.md', 'notes.md'], now, 0, 0, idScheme('{N}')), '13');
      assert.equal(allocateId([], now), 'INC-20250304-001');
      assert.throws(() => allocateId(['PM2025-999.md'], now, 0, 0, idScheme('PM{YYYY}-{NNN}')), /No incident ID left for 2025-03-04: PM2025-999 is taken/);
    });
  });

  describe('incident-id with a team pattern', () => {
    const options = { rules: ['incident-id'], templateText: PM_TEMPLATE };

    it('passes a report with a PM2025-002 ID', () => {
      assert.deepEqual(lintWith(pmReport('PM2025-002'), options), []);
      assert.deepEqual(lintWith(pmReport('PM2025-002'), { ...options, fileName: 'PM2025-002 - login outage.md' }), []);
    });

    it('reports an ID not of the pattern, with the template label and an example', () => {
      const text = pmReport('PM25-2');
      assert.deepEqual(lintWith(text, options), [`${rangeOf(text, 'PM25-2')} incident-id: Postmortem ID is "PM25-2"; expected PMYYYY-NNN, e.g. PM2026-001.`]);
      // The fix keeps nothing of a malformed ID but writes the Date's year and number 1.
      assert.ok(assertFixes(text, 'incident-id', { templateText: PM_TEMPLATE })[0]!.includes('**Postmortem ID:** PM2025-001\n'));
    });

    it('reports an ID whose year is not the Date year', () => {
      const text = pmReport('PM2024-002');
      assert.deepEqual(lintWith(text, options), [`${rangeOf(text, 'PM2024-002')} incident-id: Postmortem ID PM2024-002 names 2024 but Date is 2025-03-04; they must agree.`]);
    });

    it('reports a missing field by the template label', () => {
      const text = pmReport('PM2025-002').replace('**Postmortem ID:** PM2025-002\n', '');
      assert.deepEqual(lintWith(text, options), [`${rangeOf(text, '# Postmortem: Login outage')} incident-id: No **Postmortem ID:** field found; expected a line "**Postmortem ID:** PMYYYY-NNN" under the title.`]);
    });

    it('reads plain numbers from a [NNN] example, and config idPattern overrides', () => {
      const numbered = PM_TEMPLATE.replace('PM[YYYY]-[NNN]', '[NNN]');
      assert.deepEqual(lintWith(pmReport('042'), { rules: ['incident-id'], templateText: numbered }), []);
      const text = pmReport('42');
      assert.deepEqual(lintWith(text, { rules: ['incident-id'], templateText: numbered }), [`${rangeOf(text, '42')} incident-id: Postmortem ID is "42"; expected NNN, e.g. 001.`]);
      assert.deepEqual(lintWith(text, { rules: ['incident-id'], templateText: numbered, identity: { idPattern: '{N}' } }), []);
    });

    it('is silent when the template has no ID field', () => {
      assert.deepEqual(lintWith(bareReport, { rules: ['incident-id'], templateText: BARE_TEMPLATE }), []);
    });
  });

  describe('rules whose subject the template lacks are silent', () => {
    it('incident-date, severity and front-matter say nothing for a template without those', () => {
      assert.deepEqual(lintWith(bareReport, { rules: ['incident-date', 'severity', 'front-matter'], templateText: BARE_TEMPLATE }), []);
      // The same report under the shipped template: all three report what it lacks.
      const ruleIds = lintWith(bareReport, { rules: ['incident-date', 'severity', 'front-matter'] }).map((d) => d.split(' ')[1]);
      assert.deepEqual([...new Set(ruleIds)].sort(), ['front-matter:', 'incident-date:', 'severity:']);
    });

    it('incident-date reads the date field by its label', () => {
      const options = { rules: ['incident-date'], templateText: PM_TEMPLATE };
      assert.deepEqual(lintWith(pmReport('PM2025-002'), options), []);
      const text = pmReport('PM2025-002', '2025-02-30');
      assert.deepEqual(lintWith(text, options), [`${rangeOf(text, '2025-02-30')} incident-date: Date of incident is "2025-02-30"; expected a real date YYYY-MM-DD.`]);
    });

    it('severity reads the Sev field and its levels, tolerant of SEV2 for SEV-2', () => {
      const options = { rules: ['severity'], templateText: PM_TEMPLATE };
      assert.deepEqual(lintWith(pmReport('PM2025-002', '2025-03-04', 'sev2'), options), []);
      const text = pmReport('PM2025-002', '2025-03-04', 'SEV-4');
      assert.deepEqual(lintWith(text, options), [`${rangeOf(text, 'SEV-4')} severity: Sev "SEV-4" is not a known level; expected one of SEV-1, SEV-2, SEV-3.`]);
      const both = pmReport('PM2025-002', '2025-03-04', 'SEV-1 | SEV-2');
      assert.deepEqual(lintWith(both, options), [`${rangeOf(both, 'SEV-1 | SEV-2')} severity: Sev lists 2 levels (SEV-1 / SEV-2); keep exactly one of SEV-1, SEV-2, SEV-3.`]);
      // Levels still listed are split on `/` and on the template's own separator only: the
      // shipped template (`/`) reads `Critical, Major` as one unknown level, as it always has.
      const commaTemplate = PM_TEMPLATE.replace('SEV-1 | SEV-2 | SEV-3', 'SEV-1, SEV-2, SEV-3');
      const listed = pmReport('PM2025-002', '2025-03-04', 'SEV-1, SEV-2');
      assert.deepEqual(lintWith(listed, { rules: ['severity'], templateText: commaTemplate }), [`${rangeOf(listed, 'SEV-1, SEV-2')} severity: Sev lists 2 levels (SEV-1 / SEV-2); keep exactly one of SEV-1, SEV-2, SEV-3.`]);
    });
  });

  describe('config keys', () => {
    it('validates idPattern and severityLevels key by key', () => {
      assert.deepEqual(validateConfigKeys({ idPattern: 'PM{YYYY}-{NNN}', severityLevels: ['SEV1', { name: 'SEV2', color: '#d32f2f' }] }, []).problems, []);
      const messages = (data: unknown) => validateConfigKeys(data, [], 'cfg').problems.map((p) => p.message);
      assert.deepEqual(messages({ idPattern: 'PM' }), ['cfg: "idPattern" must be a pattern such as "PM{YYYY}-{NNN}": literal text and one or more of the tokens {YYYY}, {YY}, {MM}, {DD}, {YYYYMMDD}, {N}, {NNN}']);
      assert.deepEqual(messages({ severityLevels: [] }), ['cfg: "severityLevels" must be a non-empty list']);
      assert.deepEqual(messages({ severityLevels: 'SEV1' }), ['cfg: "severityLevels" must be a list']);
      assert.deepEqual(messages({ severityLevels: [{ name: 'SEV1', color: 'red' }] }), ['cfg: "severityLevels.0.color" must be a colour "#d32f2f" or a theme colour id "charts.red"']);
      assert.deepEqual(messages({ severityLevels: [{ name: 'SEV1', colour: '#fff' }] }), ['cfg: "severityLevels.0" has unknown key "colour"; allowed: name, color']);
      assert.deepEqual(messages({ severityLevels: [3] }), ['cfg: "severityLevels.0" must be a level name ("SEV1") or {"name": "SEV1", "color": "#d32f2f"}']);
      // One bad key leaves the others in force.
      assert.deepEqual(validateConfigKeys({ idPattern: 'x', mode: 'final' }, []).config, { mode: 'final' });
    });

    it('reaches the core: config levels and pattern apply to the default template too', () => {
      const core = createIncidentCore({ config: { severityLevels: ['SEV1', 'SEV2'], idPattern: 'OPS-{N}' } });
      assert.deepEqual(core.template.severityLevels.map((l) => l.word), ['SEV1', 'SEV2']);
      assert.equal(core.template.identity.idScheme?.spec, 'OPS-{N}');
      assert.equal(core.template.identity.idSchemeSource, 'config');
      assert.deepEqual(core.incidentMentions('see OPS-12').map((m) => m.id), ['OPS-12']);
    });
  });

  describe('Incidents view: order and colour', () => {
    const levels = buildTemplateModel('# T\n\n**Priority:** P1 | P2 | P3 | P4\n', { severityLevels: ['P1', { name: 'P2', color: '#ff9800' }, 'P3', 'P4'] }).severityLevels;
    const header = (word: string | undefined) => ({ severity: word ? levels.find((l) => l.word === word) : undefined });

    it('orders by the levels order, most severe first, unknown last', () => {
      const words = ['P3', undefined, 'P1', 'P4', 'P2'];
      assert.deepEqual([...words].sort((a, b) => severityRank(header(a)) - severityRank(header(b))), ['P1', 'P2', 'P3', 'P4', undefined]);
      // Not yet narrowed to one: the most severe one named.
      assert.equal(shownSeverity({ severity: undefined, severityCandidates: [levels[1]!, levels[3]!] })?.word, 'P2');
    });

    it('colours by config colour, else the ramp; the default keeps its theme colours', () => {
      assert.deepEqual(severityColour(levels[1]), { hex: '#ff9800' });
      assert.deepEqual(severityColour(levels[0]), { theme: 'charts.red' });
      assert.deepEqual(severityColour(levels[3]), { theme: 'charts.green' });
      assert.equal(severityColour(undefined), undefined);
      assert.deepEqual(createIncidentCore().template.severityLevels.map((l) => severityColour(l)), [{ theme: 'charts.red' }, { theme: 'charts.yellow' }, { theme: 'charts.green' }]);
      assert.ok(decodeURIComponent(flameSvg('#ff9800')).includes('fill="#ff9800"'));
    });
  });

  describe('template check', () => {
    const identityLines = (text: string, config = {}) => formatSummary('t.md', summarizeTemplate(buildTemplateModel(text, config)), true).split('\n').filter((l) => /^(ID|Date|Severity) field:/.test(l));

    it('prints the ID field and pattern, the date field, the severity field and where its levels come from', () => {
      assert.deepEqual(identityLines(DEFAULT_TEMPLATE), [
        'ID field: "Incident ID", pattern INC-{YYYYMMDD}-{NNN}, e.g. INC-20261126-001 (from the template\'s example)',
        'Date field: "Date"',
        'Severity field: "Severity", levels from its value',
      ]);
      assert.deepEqual(identityLines(PM_TEMPLATE, { idPattern: 'PM-{N}' }), [
        'ID field: "Postmortem ID", pattern PM-{N}, e.g. PM-1 (from the config\'s idPattern)',
        'Date field: "Date of incident"',
        'Severity field: "Sev", levels from its value',
      ]);
      const summary = summarizeTemplate(buildTemplateModel(PM_TEMPLATE));
      assert.deepEqual(summary.identity.idPattern, { spec: 'PM{YYYY}-{NNN}', example: 'PM2026-001', from: 'template' });
    });

    it('says "none" and what it means for a template without them', () => {
      assert.deepEqual(identityLines(BARE_TEMPLATE), ['ID field: none (incident-id is silent)', 'Date field: none (incident-date is silent)', 'Severity field: none (severity is silent)']);
    });

    it('warns when an ID field has no pattern; a severity field without levels is one warning, on its line', () => {
      const vague = summarizeTemplate(buildTemplateModel('# R\n\n**Ticket:** [link]\n**Severity:** [how bad]\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | x |\n\n## Actions\n\n| Action | Owner |\n|---|---|\n| x | y |\n'));
      assert.deepEqual(vague.problems.filter((p) => /pattern tokens|severity levels|lists no levels/.test(p.message)).map((p) => [p.level, p.message, p.line]), [
        ['warning', 'the "Severity" field lists no levels: any value passes and `new` offers none; write them in the field, such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor", or set "severityLevels" in the config', 4],
        ['warning', 'the "Ticket" field\'s example has no pattern tokens (such as INC-[YYYYMMDD]-[NNN] or PM[YYYY]-[NNN]): any value passes; set "idPattern" in the config to check IDs', undefined],
      ]);
    });
  });
});
