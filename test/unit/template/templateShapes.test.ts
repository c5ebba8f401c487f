import * as assert from 'node:assert/strict';
import { createIncidentCore, INTERNAL_RULE_ID } from '../../../src/core';
import { ReportParser, parseReport } from '../../../src/core/model/parseReport';
import { DEFAULT_PARSE_OPTIONS, type Field, type ReportModel } from '../../../src/core/model/types';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { summarizeTemplate } from '../../../src/core/template/templateCheck';
import { buildTemplateModel } from '../../../src/core/template/templateModel';
import { formatSummary } from '../../../src/cli/templateCommand';

/*
 * Team templates of other shapes than the shipped one (sections at `###`, setext sections,
 * headings as field labels, key-value tables, front matter keys of their own): the template
 * decides how its reports are read, and the rules read them so.
 */

/** The span of the `nth` (0-based) occurrence of `part` in `text`. */
function at(text: string, part: string, nth = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(part, start + 1);
  assert.ok(start >= 0, `"${part}" not in the text`);
  return { start, end: start + part.length };
}

function allFields(model: ReportModel): Field[] {
  return [model.preamble.content, ...model.sections.map((s) => s.content)].flatMap((c) => c.fields);
}

/** Field label, value and their spans, as the rules read them. */
function fieldsOf(model: ReportModel): { label: string; value: string; labelSpan: { start: number; end: number }; valueSpan: { start: number; end: number } }[] {
  return allFields(model).map((f) => ({ label: f.label, value: f.value, labelSpan: f.labelSpan, valueSpan: f.valueSpan }));
}

function ruleHits(templateText: string, report: string, ruleId: string): { message: string; text: string }[] {
  const core = createIncidentCore({ templateText });
  return core
    .lint(report, { mode: 'final', now: new Date('2026-12-03T12:00:00Z'), today: '2026-12-03' })
    .diagnostics.filter((d) => d.ruleId === ruleId)
    .map((d) => ({ message: d.message, text: report.slice(d.span.start, d.span.end) }));
}

const README = `# Incidents

This folder holds our post-mortems, one Markdown file per incident.

## How to write one

Run \`incident-report new\` and fill it in.

## Review

Reports are reviewed on Fridays.
`;

/** Sections at `###` only: `####` are subsections. */
const H3_TEMPLATE = `# Incident: [Title]

**Incident ID:** INC-[YYYYMMDD]-[NNN]
**Severity:** SEV1 / SEV2 / SEV3

### Summary

**What happened:**
<!-- One paragraph -->

### Impact

#### Customers

- [Who noticed]
- [How many]

### Timeline

| Time | Event |
|------|-------|
| HH:MM | [Event] |

### Follow-up

- [Action]
`;

const H3_REPORT = `# Incident: Checkout errors

**Incident ID:** INC-20261202-001
**Severity:** SEV2

### Summary

**What happened:**
Checkout returned 500s for twenty minutes.

### Impact

#### Customers

About 3% of orders failed.

### Timeline

| Time | Event |
|------|-------|
| 09:00 | Incident detected |

### Follow-up

- Add a canary for the payment client.
`;

/** Setext sections (`Summary` over `-------`) and a setext title. */
const SETEXT_TEMPLATE = `Postmortem: [Title]
===================

**Incident ID:** INC-[YYYYMMDD]-[NNN]
**Severity:** SEV1 / SEV2 / SEV3

Summary
-------

**What happened:**
<!-- One paragraph -->

Impact
------

[Who noticed]

Lessons
-------

- [Lesson]
`;

const SETEXT_REPORT = `Postmortem: Login outage
========================

**Incident ID:** INC-20261202-002
**Severity:** SEV1

Summary
-------

**What happened:**
Logins failed after a certificate expired.

Impact
------

Nobody could sign in for 40 minutes.

Lessons
-------

- Alert on certificate expiry.
`;

/** Header fields written as `###` headings with their value below. */
const HEADINGS_TEMPLATE = `# Postmortem: [Title]

### Incident ID
INC-[YYYYMMDD]-[NNN]

### Severity
SEV1 / SEV2 / SEV3

### Date
[YYYY-MM-DD]

## Summary

### Root cause
[One line]

### Details

- [What happened, step by step]
- [What we saw]

## Impact

[Who noticed]

## Lessons

- [Lesson]
`;

const HEADINGS_REPORT = `# Postmortem: Queue backlog

### Incident ID
INC-20261202-003

### Severity
SEV3

### Date
2026-12-02

## Summary

### Root cause
A consumer stopped acknowledging messages.

### Details

- The consumer deadlocked after a deploy.
- The queue grew to 2 million messages.

## Impact

Emails were sent an hour late.

## Lessons

- Alert on queue age.
`;

/** Header fields as the rows of a key-value table. */
const TABLE_TEMPLATE = `# Incident review: [Title]

| Field | Value |
|-------|-------|
| Incident ID | INC-[YYYYMMDD]-[NNN] |
| **Severity** | SEV1 / SEV2 / SEV3 |
| Date | [YYYY-MM-DD] |

## Summary

[What happened]

## Impact

[Who noticed]

## Lessons

- [Lesson]
`;

const TABLE_REPORT = `# Incident review: DNS failure

| Field | Value |
|-------|-------|
| Incident ID | INC-20261202-004 |
| **Severity** | SEV2 |
| Date | 2026-12-02 |

## Summary

A DNS provider dropped our zone.

## Impact

Every service was unreachable for 12 minutes.

## Lessons

- Use a second DNS provider.
`;

/** Front matter keys of the team's own, and no Incident ID line. */
const FRONT_MATTER_TEMPLATE = `---
incident: "[ID]"
severity: SEV1 / SEV2 / SEV3
date: "[YYYY-MM-DD]"
---

# [Title]

## Summary

[What happened]

## Impact

[Who noticed]

## Lessons

- [Lesson]
`;

const FRONT_MATTER_REPORT = `---
incident: PM-7
severity: SEV2
date: 2026-12-02
---

# Cache stampede

## Summary

The cache expired all at once.

## Impact

Pages loaded slowly for 30 minutes.

## Lessons

- Add jitter to cache expiry.
`;

describe('template shapes: sections and fields as the template writes them', () => {
  it('the shipped template keeps the default reading: ## ATX sections, bold labels only', () => {
    assert.deepEqual(buildTemplateModel(DEFAULT_TEMPLATE).parseOptions, DEFAULT_PARSE_OPTIONS);
  });

  it('a `###`-only template: sections at ###, #### are subsections, fields and rules read them', () => {
    const template = buildTemplateModel(H3_TEMPLATE);
    assert.equal(template.parseOptions.sectionDepth, 3);
    assert.equal(template.parseOptions.setext, false);
    assert.deepEqual(template.sections.map((s) => s.title), ['Summary', 'Impact', 'Timeline', 'Follow-up']);
    assert.deepEqual(template.sections[1]!.subsections.map((s) => s.title), ['Customers']);
    const model = parseReport(H3_REPORT, template.parseOptions);
    assert.deepEqual(
      model.sections.map((s) => [s.title, s.headingSpan]),
      [
        ['Summary', at(H3_REPORT, '### Summary')],
        ['Impact', at(H3_REPORT, '### Impact')],
        ['Timeline', at(H3_REPORT, '### Timeline')],
        ['Follow-up', at(H3_REPORT, '### Follow-up')],
      ],
    );
    assert.deepEqual(model.sections[1]!.content.subsections.map((s) => [s.title, s.depth, s.headingSpan]), [['Customers', 4, at(H3_REPORT, '#### Customers')]]);
    assert.deepEqual(model.sections[0]!.content.fields.map((f) => [f.label, f.value, f.valueSpan]), [['What happened', 'Checkout returned 500s for twenty minutes.', at(H3_REPORT, 'Checkout returned 500s for twenty minutes.')]]);
    // The timeline table is the template's, in its ### section.
    assert.equal(template.timeline?.sectionKey, 'timeline');
    // Read with the default options, the same report has no section at all.
    assert.equal(parseReport(H3_REPORT).sections.length, 0);

    assert.deepEqual(ruleHits(H3_TEMPLATE, H3_REPORT, 'missing-section'), []);
    assert.deepEqual(ruleHits(H3_TEMPLATE, H3_REPORT, 'section-order'), []);
    assert.deepEqual(ruleHits(H3_TEMPLATE, H3_REPORT, 'empty-field'), []);
    const noImpact = H3_REPORT.replace(/### Impact[\s\S]*?(?=### Timeline)/, '');
    assert.deepEqual(ruleHits(H3_TEMPLATE, noImpact, 'missing-section'), [
      { message: 'Section "### Impact" is missing; the template places it before "### Timeline".', text: '### Timeline' },
    ]);
    // Fix All inserts the template's own `###` section, subsection included, where it belongs.
    const fixed = createIncidentCore({ templateText: H3_TEMPLATE }).fixAll(noImpact, { mode: 'final' }).text;
    assert.ok(fixed.includes('### Impact\n\n#### Customers\n\n- [Who noticed]\n- [How many]\n\n### Timeline'), fixed);
    const swapped = H3_REPORT.replace(/(### Timeline[\s\S]*?)(### Follow-up[\s\S]*)$/, '$2\n$1');
    assert.equal(ruleHits(H3_TEMPLATE, swapped, 'section-order').length, 1);
    const empty = H3_REPORT.replace('Checkout returned 500s for twenty minutes.\n', '<!-- One paragraph -->\n');
    assert.deepEqual(ruleHits(H3_TEMPLATE, empty, 'empty-field').map((d) => d.text), ['**What happened:**']);
  });

  it('a setext template: setext sections and title; the default template never reads setext as sections', () => {
    const template = buildTemplateModel(SETEXT_TEMPLATE);
    assert.deepEqual(template.parseOptions, { ...DEFAULT_PARSE_OPTIONS, setext: true });
    assert.deepEqual(template.sections.map((s) => s.title), ['Summary', 'Impact', 'Lessons']);
    const model = parseReport(SETEXT_REPORT, template.parseOptions);
    assert.deepEqual(model.preamble.title, { text: 'Postmortem: Login outage', span: at(SETEXT_REPORT, 'Postmortem: Login outage\n========================') });
    assert.deepEqual(
      model.sections.map((s) => [s.title, s.headingSpan]),
      [
        ['Summary', at(SETEXT_REPORT, 'Summary\n-------')],
        ['Impact', at(SETEXT_REPORT, 'Impact\n------')],
        ['Lessons', at(SETEXT_REPORT, 'Lessons\n-------')],
      ],
    );
    assert.deepEqual(fieldsOf(model).map((f) => [f.label, f.value]), [
      ['Incident ID', 'INC-20261202-002'],
      ['Severity', 'SEV1'],
      ['What happened', 'Logins failed after a certificate expired.'],
    ]);
    // Default reading: a line over `---` is not a section (a classic accident under a field).
    assert.equal(parseReport(SETEXT_REPORT).sections.length, 0);
    // A bold label over `-` stays a field, even when setext headings are sections.
    const label = parseReport('Summary\n-------\n\n**Attendees:**\n-\n', template.parseOptions);
    assert.deepEqual(label.sections.map((s) => s.title), ['Summary']);
    assert.deepEqual(label.sections[0]!.content.fields.map((f) => f.label), ['Attendees']);

    assert.deepEqual(ruleHits(SETEXT_TEMPLATE, SETEXT_REPORT, 'missing-section'), []);
    assert.deepEqual(ruleHits(SETEXT_TEMPLATE, SETEXT_REPORT, 'empty-field'), []);
    const noImpact = SETEXT_REPORT.replace(/Impact\n------\n\nNobody could sign in for 40 minutes.\n\n/, '');
    assert.equal(ruleHits(SETEXT_TEMPLATE, noImpact, 'missing-section').length, 1);
    const empty = SETEXT_REPORT.replace('Logins failed after a certificate expired.\n', '');
    assert.deepEqual(ruleHits(SETEXT_TEMPLATE, empty, 'empty-field').map((d) => d.text), ['**What happened:**']);
  });

  it('headings as field labels: `### Severity` then `SEV2` is a field; a ### with a list stays a subsection', () => {
    const template = buildTemplateModel(HEADINGS_TEMPLATE);
    assert.deepEqual(template.parseOptions.headingFields, ['incident id', 'severity', 'date', 'root cause']);
    assert.deepEqual(template.headerFields.map((f) => f.label), ['Incident ID', 'Severity', 'Date']);
    assert.deepEqual(template.severityLevels.map((l) => l.word), ['SEV1', 'SEV2', 'SEV3']);
    assert.deepEqual(template.sections[0]!.subsections.map((s) => s.title), ['Details']);
    const model = parseReport(HEADINGS_REPORT, template.parseOptions);
    assert.deepEqual(fieldsOf(model), [
      { label: 'Incident ID', value: 'INC-20261202-003', labelSpan: at(HEADINGS_REPORT, '### Incident ID'), valueSpan: at(HEADINGS_REPORT, 'INC-20261202-003') },
      { label: 'Severity', value: 'SEV3', labelSpan: at(HEADINGS_REPORT, '### Severity'), valueSpan: at(HEADINGS_REPORT, 'SEV3') },
      { label: 'Date', value: '2026-12-02', labelSpan: at(HEADINGS_REPORT, '### Date'), valueSpan: at(HEADINGS_REPORT, '2026-12-02') },
      { label: 'Root cause', value: 'A consumer stopped acknowledging messages.', labelSpan: at(HEADINGS_REPORT, '### Root cause'), valueSpan: at(HEADINGS_REPORT, 'A consumer stopped acknowledging messages.') },
    ]);
    assert.deepEqual(model.sections[0]!.content.subsections.map((s) => s.title), ['Details']);
    assert.equal(allFields(model)[0]!.form, 'heading');

    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, HEADINGS_REPORT, 'empty-field'), []);
    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, HEADINGS_REPORT, 'severity'), []);
    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, HEADINGS_REPORT, 'incident-date'), []);
    const empty = HEADINGS_REPORT.replace('A consumer stopped acknowledging messages.\n', '<!-- One line -->\n');
    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, empty, 'empty-field').map((d) => d.text), ['### Root cause']);
    const badSeverity = HEADINGS_REPORT.replace('SEV3', 'SEV9');
    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, badSeverity, 'severity').map((d) => d.text), ['SEV9']);
    const badDate = HEADINGS_REPORT.replace('\n2026-12-02\n', '\n2026-13-45\n');
    assert.deepEqual(ruleHits(HEADINGS_TEMPLATE, badDate, 'incident-date').map((d) => d.text), ['2026-13-45']);
  });

  it('key-value table rows: `| Incident ID | … |` rows are fields with the cells as label and value', () => {
    const template = buildTemplateModel(TABLE_TEMPLATE);
    assert.deepEqual(template.parseOptions.tableFields, ['field|value']);
    assert.deepEqual(template.headerFields.map((f) => f.label), ['Incident ID', 'Severity', 'Date']);
    assert.deepEqual(template.severityLevels.map((l) => l.word), ['SEV1', 'SEV2', 'SEV3']);
    const model = parseReport(TABLE_REPORT, template.parseOptions);
    assert.deepEqual(fieldsOf(model), [
      { label: 'Incident ID', value: 'INC-20261202-004', labelSpan: at(TABLE_REPORT, 'Incident ID'), valueSpan: at(TABLE_REPORT, 'INC-20261202-004') },
      { label: 'Severity', value: 'SEV2', labelSpan: at(TABLE_REPORT, '**Severity**'), valueSpan: at(TABLE_REPORT, 'SEV2') },
      { label: 'Date', value: '2026-12-02', labelSpan: at(TABLE_REPORT, 'Date |'), valueSpan: at(TABLE_REPORT, '2026-12-02') },
    ].map((f) => (f.label === 'Date' ? { ...f, labelSpan: { start: f.labelSpan.start, end: f.labelSpan.start + 4 } } : f)));
    assert.equal(allFields(model)[0]!.form, 'table');
    assert.deepEqual(ruleHits(TABLE_TEMPLATE, TABLE_REPORT, 'severity'), []);
    assert.deepEqual(ruleHits(TABLE_TEMPLATE, TABLE_REPORT, 'incident-date'), []);
    const badSeverity = TABLE_REPORT.replace('| SEV2 |', '| SEV9 |');
    assert.deepEqual(ruleHits(TABLE_TEMPLATE, badSeverity, 'severity').map((d) => d.text), ['SEV9']);
    // In a section, an empty value cell is an empty field.
    const sectionTable = '# Review: [Title]\n\n## Summary\n\n| Item | Details |\n|---|---|\n| Root cause | [One line] |\n| Trigger | [What] |\n\n## Impact\n\n[Who]\n';
    const filled = sectionTable.replace('# Review: [Title]', '# Review: X').replace('[One line]', 'A bad deploy').replace('[What]', 'A flag flip').replace('[Who]', 'Everyone');
    assert.deepEqual(ruleHits(sectionTable, filled, 'empty-field'), []);
    assert.deepEqual(ruleHits(sectionTable, filled.replace('A flag flip', ''), 'empty-field'), [
      { message: '"Trigger" is empty; write its content below the label (the template comment does not count).', text: 'Trigger' },
    ]);
    // Another two-column table (not the template's key-value header) is a table, not fields.
    const other = parseReport(`${TABLE_REPORT}\n| Term | Meaning |\n|---|---|\n| SLO | Objective |\n`, template.parseOptions);
    assert.equal(allFields(other).length, 3);
  });

  it('front matter keys of the template are fields; the product lifecycle keys are not', () => {
    const template = buildTemplateModel(FRONT_MATTER_TEMPLATE);
    assert.deepEqual(template.parseOptions.frontMatterFields, ['incident', 'severity', 'date']);
    assert.deepEqual(template.severityLevels.map((l) => l.word), ['SEV1', 'SEV2', 'SEV3']);
    const model = parseReport(FRONT_MATTER_REPORT, template.parseOptions);
    assert.deepEqual(fieldsOf(model), [
      { label: 'incident', value: 'PM-7', labelSpan: at(FRONT_MATTER_REPORT, 'incident'), valueSpan: at(FRONT_MATTER_REPORT, 'PM-7') },
      { label: 'severity', value: 'SEV2', labelSpan: at(FRONT_MATTER_REPORT, 'severity'), valueSpan: at(FRONT_MATTER_REPORT, 'SEV2') },
      { label: 'date', value: '2026-12-02', labelSpan: at(FRONT_MATTER_REPORT, 'date'), valueSpan: at(FRONT_MATTER_REPORT, '2026-12-02') },
    ]);
    assert.deepEqual(ruleHits(FRONT_MATTER_TEMPLATE, FRONT_MATTER_REPORT, 'severity'), []);
    assert.deepEqual(ruleHits(FRONT_MATTER_TEMPLATE, FRONT_MATTER_REPORT.replace('severity: SEV2', 'severity: SEV9'), 'severity').map((d) => d.text), ['SEV9']);
    // A key the template also writes as a field in its body is read from the body, where its levels are.
    const both = buildTemplateModel('---\nSeverity: ""\nteam: "[Team]"\n---\n\n# R\n\n**Severity:** Low / High\n\n## A\n');
    assert.deepEqual(both.parseOptions.frontMatterFields, ['team']);
    assert.deepEqual(both.severityLevels.map((l) => l.word), ['Low', 'High']);
    // A template that keeps the product's own keys (Title, Owner, Status, LastUpdated) reads them as before.
    assert.deepEqual(buildTemplateModel(`---\nTitle: X\nOwner: ""\nStatus: Open\nLastUpdated: 2026-01-01\n---\n\n## A\n`).parseOptions.frontMatterFields, []);
  });

  it('isReport by the template shape: each shape is a report, a README is not', () => {
    const cases: [string, string][] = [
      [H3_TEMPLATE, H3_REPORT],
      [SETEXT_TEMPLATE, SETEXT_REPORT],
      [HEADINGS_TEMPLATE, HEADINGS_REPORT],
      [TABLE_TEMPLATE, TABLE_REPORT],
      [FRONT_MATTER_TEMPLATE, FRONT_MATTER_REPORT],
    ];
    for (const [templateText, report] of cases) {
      const core = createIncidentCore({ templateText });
      // Without the Incident ID line (teams name it otherwise or have none).
      const noId = report.replace(/^.*INC-20261202-00\d.*$/m, '');
      assert.equal(core.isReport(noId), true, noId);
      assert.equal(core.isReport(README), false);
      assert.equal(core.isReport(templateText.replace(/^.*INC-\[YYYYMMDD\].*$/m, '')), true);
    }
    // The shipped template keeps its one test: an Incident ID field or Status and Title front matter.
    const shipped = createIncidentCore();
    assert.equal(shipped.isReport(README), false);
    assert.equal(shipped.isReport('## 📋 Summary\n\n## 📊 Timeline (UTC)\n\n## 🔍 Detection\n'), false);
    assert.equal(shipped.isReport('**Incident ID:** INC-20261202-001\n'), true);
  });

  it('template check prints the section level and style and the field forms it read', () => {
    const h3 = summarizeTemplate(buildTemplateModel(H3_TEMPLATE));
    assert.deepEqual(h3.reading, { sectionLevel: 3, setext: false, sections: '### (with ## read as sections too) ATX headings', fieldForms: ['**Label:** value'] });
    assert.deepEqual(h3.sections.slice(0, 3), [
      { title: 'Summary', level: 3, line: 6 },
      { title: 'Impact', level: 3, line: 11 },
      { title: 'Customers', level: 4, line: 13 },
    ]);
    const text = formatSummary('h3.md', h3, true).split('\n');
    assert.equal(text[1], 'Sections (4, in order):');
    assert.ok(text.includes('      #### Customers  (line 13)'.slice(2)), text.join('\n'));
    assert.ok(text.includes('Section headings read: ### (with ## read as sections too) ATX headings'));
    const setext = formatSummary('s.md', summarizeTemplate(buildTemplateModel(SETEXT_TEMPLATE)), true).split('\n');
    assert.ok(setext.includes('Section headings read: ## ATX headings and setext headings (a line over ---)'));
    const forms = (t: string) => summarizeTemplate(buildTemplateModel(t)).reading.fieldForms;
    assert.deepEqual(forms(HEADINGS_TEMPLATE), ['**Label:** value', 'headings as labels: incident id, severity, date, root cause']);
    assert.deepEqual(forms(TABLE_TEMPLATE), ['**Label:** value', 'key-value table rows (columns field | value)']);
    assert.deepEqual(forms(FRONT_MATTER_TEMPLATE), ['**Label:** value', 'front matter keys: incident, severity, date']);
    assert.deepEqual(summarizeTemplate(buildTemplateModel(DEFAULT_TEMPLATE)).reading.fieldForms, ['**Label:** value']);
  });

  it('one parser, options changed: models read with other options are never reused', () => {
    const parser = new ReportParser();
    const template = buildTemplateModel(H3_TEMPLATE);
    const text = `${H3_REPORT}\n## Appendix\n\nMore.\n`;
    assert.deepEqual(parser.parse(text).sections.map((s) => s.title), ['Appendix']);
    assert.deepEqual(parser.parse(text, template.parseOptions).sections.map((s) => s.title), ['Summary', 'Impact', 'Timeline', 'Follow-up', 'Appendix']);
    // Parsed anew (in one piece, as a first parse), none of the `##` reading reused.
    assert.equal(parser.piecesParsed, 1);
    // Same options again: every piece is reused; an edit in the appendix reparses that chunk only.
    parser.parse(text, template.parseOptions);
    assert.equal(parser.piecesParsed, 0);
    assert.deepEqual(parser.parse(text.replace('More.', 'Less.'), template.parseOptions).sections.map((s) => s.title), ['Summary', 'Impact', 'Timeline', 'Follow-up', 'Appendix']);
    assert.equal(parser.piecesParsed, 1);
    assert.deepEqual(parser.parse(text).sections.map((s) => s.title), ['Appendix']);
  });

  it('hostile input read with every field form and section style: no crash, spans inside the text', () => {
    const forms = `---\nseverity: SEV1 / SEV2\nteam: "[Team]"\n---\n\n| Field | Value |\n|---|---|\n| Incident ID | [ID] |\n\n#### Date\n[YYYY-MM-DD]\n\n`;
    const templates = [
      `${forms}Summary\n-------\n\n[What]\n\nImpact\n------\n\n[Who]\n`,
      `${forms}### Summary\n\n[What]\n\n### Impact\n\n[Who]\n`,
    ];
    const inputs = [
      '',
      '---\n',
      '---\nseverity: [a, b]\nteam: {x: 1}\n---\n',
      '| Field | Value |\n|---|---|\n| | |\n| **** | x |\n| Incident ID |\n',
      '#### Date\n#### Date\n\n#### Date\n- x\n',
      'x\n---\ny\n===\n**a:**\n-\n---\n',
      `${'> '.repeat(200)}Summary\n---\n`,
      `${'#### Date\n'.repeat(300)}`,
      '### Summary\n## Impact\n# T\n#### Date\n',
      '```\nSummary\n-------\n```\n',
    ];
    for (const templateText of templates) {
      const core = createIncidentCore({ templateText });
      for (const text of inputs) {
        const result = core.lint(text, { mode: 'final' });
        for (const d of result.diagnostics) {
          assert.notEqual(d.ruleId, INTERNAL_RULE_ID, `${JSON.stringify(text)}: ${d.message}`);
          assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${JSON.stringify(text)}: ${d.ruleId} span outside the text`);
        }
        assert.equal(typeof core.isReport(text), 'boolean');
        core.fixAll(text, { mode: 'final' });
      }
    }
  });

  it('a cached parse after edits equals a fresh parse, for every shape', () => {
    const cases: [string, string][] = [
      [H3_TEMPLATE, `${H3_REPORT}\n## Appendix\n\nMore.\n`],
      [SETEXT_TEMPLATE, `${SETEXT_REPORT}\n## Appendix\n\nMore.\n`],
      [HEADINGS_TEMPLATE, HEADINGS_REPORT],
      [TABLE_TEMPLATE, TABLE_REPORT],
      [FRONT_MATTER_TEMPLATE, FRONT_MATTER_REPORT],
    ];
    for (const [templateText, report] of cases) {
      const options = buildTemplateModel(templateText).parseOptions;
      const parser = new ReportParser();
      parser.parse(report, options);
      // Edits that add, remove and change sections and fields, applied one after another.
      const edits = [
        (t: string) => t.replace('\n', '\n\n## Extra\n\nText.\n\n'),
        (t: string) => t.replace(/\n([^\n]*)\n-{3,}\n/, '\n$1\n\n'),
        (t: string) => t.replace('SEV', 'SEV1 '),
        (t: string) => `${t}\n### Late\n\nx\n`,
        (t: string) => t.replace('## Extra', '#### Extra'),
      ];
      let text = report;
      for (const edit of edits) {
        text = edit(text);
        assert.deepEqual(parser.parse(text, options), parseReport(text, options), text);
      }
    }
  });
});
