import assert from 'node:assert/strict';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { buildTemplateModel, defaultTemplateModel, parseSeverityLevels, type TemplateModel } from '../../../src/core/template/templateModel';
import { derivePlaceholders, findPlaceholders } from '../../../src/core/template/placeholders';

const template: TemplateModel = buildTemplateModel(DEFAULT_TEMPLATE);

const SECTIONS: readonly [string, string][] = [
  ['📋 Summary', 'summary'],
  ['📊 Timeline (UTC)', 'timeline utc'],
  ['🔍 Detection', 'detection'],
  ['💥 Impact Assessment', 'impact assessment'],
  ['🔧 Root Cause Analysis', 'root cause analysis'],
  ['🚑 Response & Mitigation', 'response mitigation'],
  ['📈 Metrics Evidence', 'metrics evidence'],
  ['✅ Resolution', 'resolution'],
  ['🛡️ Prevention', 'prevention'],
  ['📚 Lessons Learned', 'lessons learned'],
  ['📝 Action Items', 'action items'],
  ['👥 People Involved', 'people involved'],
  ['📎 Related Links', 'related links'],
  ['🔐 Post-Mortem', 'post mortem'],
  ['📊 SLO Impact', 'slo impact'],
  ['✍️ Sign-off', 'sign off'],
];

/**
 * The part of the user's template (shared/template/incident-report-template.md) around
 * Attendees, as it is written there: the label is followed directly by `- `, which
 * CommonMark reads as a setext heading underline.
 */
const RAW_POST_MORTEM = [
  '## 🔐 Post-Mortem',
  '',
  '**Date:** [YYYY-MM-DD]  ',
  '**Attendees:**',
  '- ',
  '- ',
  '',
  '**Recording:** [link]  ',
  '**Notes:** [link]',
  '',
  '---',
  '',
  '## 📊 SLO Impact',
  '',
  '**SLA Breach:**',
  '- [ ] Yes → Customer compensation: _______________',
  '- [ ] No',
  '',
].join('\n');

const section = (key: string) => {
  const found = template.sections.find((s) => s.key === key);
  assert.ok(found, `section ${key}`);
  return found;
};

describe('template model: the shipped default template', () => {
  it('has exactly the 16 ## sections of the template, in order, with their keys and indices', () => {
    assert.deepStrictEqual(
      template.sections.map((s) => [s.title, s.key]),
      SECTIONS,
    );
    assert.deepStrictEqual(
      template.sections.map((s) => s.index),
      SECTIONS.map((_, i) => i),
    );
  });

  it('keeps each section source from its heading to the next heading', () => {
    const summary = section('summary');
    assert.ok(summary.source.startsWith('## 📋 Summary\n\n**What happened:**\n'));
    assert.ok(summary.source.endsWith('<!-- High-level root cause -->\n\n---\n\n'));
    const signOff = section('sign off');
    assert.ok(signOff.source.startsWith('## ✍️ Sign-off\n'));
    assert.ok(signOff.source.endsWith('**Last Updated:** 2024-10-24\n'));
    // The sources tile the text after the preamble exactly.
    const joined = template.sections.map((s) => s.source).join('');
    assert.equal(joined, DEFAULT_TEMPLATE.slice(DEFAULT_TEMPLATE.indexOf('## 📋 Summary')));
  });

  it('does not see a section in the Attendees list (the blank line keeps it a list)', () => {
    const postMortem = template.report.sections.find((s) => s.key === 'post mortem')!;
    assert.deepStrictEqual(
      postMortem.content.fields.map((f) => [f.key, f.value]),
      [
        ['date', '[YYYY-MM-DD]'],
        ['attendees', ''],
        ['recording', '[link]'],
        ['notes', '[link]'],
      ],
    );
    assert.deepStrictEqual(postMortem.content.fields[1]!.blocks.map((b) => b.kind), ['list']);
    assert.equal(postMortem.content.lists[0]!.items.length, 2);
  });

  it('reads the header fields, the title and the front matter', () => {
    assert.deepStrictEqual(
      template.headerFields.map((f) => [f.label, f.key, f.block]),
      [
        ['Incident ID', 'incident id', false],
        ['Date', 'date', false],
        ['Severity', 'severity', false],
      ],
    );
    assert.equal(template.report.preamble.title?.text, 'Incident Report');
    assert.deepStrictEqual(template.report.frontMatter?.data, Object.assign(Object.create(null), { Title: 'Incident Report', Owner: '', Status: 'Open', LastUpdated: '2025-10-25', Links: [] }));
  });

  it('reads the three severity levels with their emoji', () => {
    assert.deepStrictEqual(template.severityLevels, [
      { emoji: '🔴', word: 'Critical', label: '🔴 Critical', rank: 0, color: 'charts.red' },
      { emoji: '🟡', word: 'Major', label: '🟡 Major', rank: 1, color: 'charts.yellow' },
      { emoji: '🟢', word: 'Minor', label: '🟢 Minor', rank: 2, color: 'charts.green' },
    ]);
  });

  it('finds the timeline, action items and metrics tables with their columns', () => {
    assert.deepStrictEqual(template.timeline, { sectionKey: 'timeline utc', subsection: undefined, columns: ['Time', 'Event', 'Actor'], columnKeys: ['time', 'event', 'actor'] });
    assert.deepStrictEqual(template.actionItems, {
      sectionKey: 'action items',
      subsection: undefined,
      columns: ['Action', 'Owner', 'Due Date', 'Status'],
      columnKeys: ['action', 'owner', 'due date', 'status'],
    });
    assert.deepStrictEqual(template.metrics, {
      sectionKey: 'metrics evidence',
      subsection: 'key metric changes',
      columns: ['Metric', 'Before', 'During', 'After'],
      columnKeys: ['metric', 'before', 'during', 'after'],
    });
    // Exactly three tables in the template.
    assert.equal(template.sections.flatMap((s) => s.tables).length, 3);
  });

  it('classifies the checklists as SPEC lists them: single, multi, todo', () => {
    const lists = template.sections.flatMap((s) => s.checklists.map((c) => [s.key, c.subsection ?? c.field, c.choice, c.options.length]));
    assert.deepStrictEqual(lists, [
      ['detection', 'how was it detected', 'multi', 4],
      ['impact assessment', 'affected services', 'multi', 6],
      ['response mitigation', 'rollback performed', 'single', 2],
      ['prevention', 'immediate actions 24h', 'todo', 4],
      ['prevention', 'short term actions 1 week', 'todo', 4],
      ['prevention', 'long term actions 1 month', 'todo', 4],
      ['slo impact', 'sla breach', 'single', 2],
      ['sign off', 'follow up required', 'single', 2],
    ]);
    const rollback = section('response mitigation').checklists[0]!;
    assert.deepStrictEqual(rollback.options, ['Yes → Version: _______________', 'No → Reason: _______________']);
    assert.equal(rollback.field, undefined);
    const detection = section('detection').checklists[0]!;
    assert.deepStrictEqual(detection.options, ['Automated alert', 'User report', 'Monitoring dashboard', 'Other: _______________']);
    assert.equal(detection.field, 'how was it detected');
  });

  it('reads the labelled fields of each section, block fields and their guidance comments', () => {
    assert.deepStrictEqual(
      section('summary').fields.map((f) => [f.key, f.block, f.guidance.length]),
      [
        ['what happened', true, 1],
        ['impact', true, 1],
        ['duration', true, 1],
        ['root cause', true, 1],
      ],
    );
    assert.deepStrictEqual(
      section('root cause analysis').fields.map((f) => [f.key, f.subsection, f.block, f.guidance.length]),
      [
        ['primary cause', 'contributing factors', true, 1],
        ['contributing factors', 'contributing factors', true, 0],
      ],
    );
    assert.deepStrictEqual(
      section('sign off').fields.map((f) => [f.key, f.block]),
      [
        ['incident closed by', false],
        ['date', false],
        ['final status', false],
        ['follow up required', true],
        ['template version', false],
        ['last updated', false],
      ],
    );
    assert.deepStrictEqual(
      section('response mitigation').subsections.map((s) => s.key),
      ['actions taken', 'rollback performed'],
    );
    assert.deepStrictEqual(
      section('lessons learned').subsections.map((s) => s.title),
      ['What Went Well', 'What Could Be Improved', 'Surprises'],
    );
  });

  it('derives the placeholders: the bracketed tokens and the blank shapes', () => {
    const tokens = template.placeholders.tokens;
    for (const token of ['[YYYY-MM-DD]', '[YYYYMMDD]', '[NNN]', '[Name]', '[link]', '[Number]', '[Timestamp]', '[timestamp]', '[id]', '[XX]', '[XXX]', '[Date]', '[Alert/User]', '[Engineer]', '[Yes/No]', '[thread-link]']) {
      assert.ok(tokens.includes(token), `token ${token}`);
    }
    assert.equal(tokens.length, 26);
    // Longest first, so a long token wins over any it contains.
    for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i - 1]!.length >= tokens[i]!.length);
    assert.deepStrictEqual([...template.placeholders.shapes].sort(), ['time', 'underscores', 'x-figure']);
    // Markdown links and PromQL ranges are not template tokens.
    assert.ok(!tokens.includes('[5m]'));
  });

  it('finds the SPEC placeholders in text with the template set', () => {
    const found = (text: string) => findPlaceholders(text, template.placeholders).map((m) => [m.text, m.index, m.temporal]);
    assert.deepStrictEqual(found('| HH:MM | x |'), [['HH:MM', 2, 'time']]);
    assert.deepStrictEqual(found('P95: XXXms, errors X.XX%, [XX]%'), [
      ['XXXms', 5, undefined],
      ['X.XX%', 19, undefined],
      ['[XX]', 26, undefined],
    ]);
    assert.deepStrictEqual(found('Other: _______________'), [['_______________', 7, undefined]]);
    assert.deepStrictEqual(found('evidence/rollback_[timestamp].txt at [Timestamp]'), [
      ['[timestamp]', 18, 'timestamp'],
      ['[Timestamp]', 37, 'timestamp'],
    ]);
    assert.deepStrictEqual(found('INC-[YYYYMMDD]-[NNN] on [YYYY-MM-DD]'), [
      ['[YYYYMMDD]', 4, 'date'],
      ['[NNN]', 15, undefined],
      ['[YYYY-MM-DD]', 24, 'date'],
    ]);
    // A link's text and a reference link are not placeholders; PromQL's [5m] is not a token.
    assert.deepStrictEqual(found('[link](https://x) [Name][ref] rate(x[5m]) HH:MMZ 12:30'), []);
  });

  it('finds the evidence slots: the three Metrics Evidence blocks, Rollback Evidence and the Evidence Files line', () => {
    assert.deepStrictEqual(template.evidenceSlots, [
      { sectionKey: 'response mitigation', subsection: 'rollback performed', field: 'rollback evidence', kind: 'code' },
      { sectionKey: 'metrics evidence', subsection: 'before incident', field: undefined, kind: 'code' },
      { sectionKey: 'metrics evidence', subsection: 'during incident', field: undefined, kind: 'code' },
      { sectionKey: 'metrics evidence', subsection: 'after mitigation', field: undefined, kind: 'code' },
      { sectionKey: 'related links', subsection: undefined, field: 'evidence files', kind: 'field' },
    ]);
  });

  it('is built once for the default text and rebuilt for another', () => {
    const a = defaultTemplateModel(DEFAULT_TEMPLATE);
    assert.equal(defaultTemplateModel(DEFAULT_TEMPLATE), a);
    const other = defaultTemplateModel(DEFAULT_TEMPLATE.replace('## 📋 Summary', '## Summary'));
    assert.notEqual(other, a);
    assert.equal(other.sections[0]!.title, 'Summary');
    assert.equal(defaultTemplateModel(DEFAULT_TEMPLATE).sections[0]!.title, '📋 Summary');
  });
});

describe('template model: the raw shared template (Attendees followed directly by "- ")', () => {
  const raw = buildTemplateModel(`# Incident Report\n\n**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor\n\n---\n\n${RAW_POST_MORTEM}`);

  it('sees no phantom section in the setext heading the "- " makes', () => {
    assert.deepStrictEqual(
      raw.sections.map((s) => s.key),
      ['post mortem', 'slo impact'],
    );
  });

  it('keeps Date and Attendees as fields, Attendees empty (the underline is not its value)', () => {
    const fields = raw.report.sections[0]!.content.fields;
    assert.deepStrictEqual(
      fields.map((f) => [f.key, f.value]),
      [
        ['date', '[YYYY-MM-DD]'],
        ['attendees', ''],
        ['recording', '[link]'],
        ['notes', '[link]'],
      ],
    );
    const attendees = fields[1]!;
    assert.equal(raw.text.slice(attendees.labelSpan.start, attendees.labelSpan.end), '**Attendees:**');
    assert.deepStrictEqual(attendees.span, attendees.labelSpan);
    assert.deepStrictEqual(attendees.blocks.map((b) => b.kind), ['list']);
    assert.deepStrictEqual(raw.sections[0]!.fields.map((f) => [f.key, f.block]), [
      ['date', false],
      ['attendees', true],
      ['recording', false],
      ['notes', false],
    ]);
  });

  it('does not make the same mistake in a report', async () => {
    const { parseReport } = await import('../../../src/core/model/parseReport');
    const report = parseReport(`${RAW_POST_MORTEM.replace('**Attendees:**\n- \n- ', '**Attendees:**\n- Priya Raman\n- Marco Silva')}`);
    assert.deepStrictEqual(
      report.sections.map((s) => s.key),
      ['post mortem', 'slo impact'],
    );
    // Here `- Priya Raman` is a list item, not an underline.
    assert.deepStrictEqual(report.sections[0]!.content.lists[0]!.items.map((i) => i.text), ['Priya Raman', 'Marco Silva']);
  });
});

describe('template model: custom templates', () => {
  it('reads sections, fields, tables and levels from any Markdown', () => {
    const custom = buildTemplateModel(
      [
        '# Postmortem',
        '',
        '**Incident ID:** INC-[YYYYMMDD]-[NNN]',
        '**Severity:** SEV1 / SEV2',
        '',
        '## Overview',
        '',
        '**Owner:** [Name]',
        '',
        '## When',
        '',
        '| When | What |',
        '|---|---|',
        '| HH:MM | [Event] |',
        '',
        '## Follow-ups',
        '',
        '| Action | Owner | Due |',
        '|---|---|---|',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(custom.sections.map((s) => s.key), ['overview', 'when', 'follow ups']);
    assert.deepStrictEqual(custom.severityLevels, [
      { emoji: '', word: 'SEV1', label: 'SEV1', rank: 0, color: 'charts.red' },
      { emoji: '', word: 'SEV2', label: 'SEV2', rank: 1, color: 'charts.green' },
    ]);
    // No section named Timeline or Chronology: the first table with a time column ("When") is the timeline.
    assert.deepStrictEqual(custom.timeline?.columnKeys, ['when', 'what']);
    assert.deepStrictEqual(custom.actionItems?.columnKeys, ['action', 'owner', 'due']);
    assert.ok(custom.placeholders.tokens.includes('[Event]'));
    assert.equal(custom.metrics, undefined);
    assert.deepStrictEqual(custom.evidenceSlots, []);
  });

  it('reads an empty template as an empty model without throwing', () => {
    const empty = buildTemplateModel('');
    assert.deepStrictEqual(empty.sections, []);
    assert.deepStrictEqual(empty.severityLevels, []);
    assert.equal(empty.timeline, undefined);
    assert.deepStrictEqual(empty.placeholders, { tokens: [], shapes: [] });
  });

  it('parses severity levels with and without emoji, skipping empty parts', () => {
    assert.deepStrictEqual(parseSeverityLevels('🔴 Critical / / 🟢  Minor /'), [
      { emoji: '🔴', word: 'Critical', label: '🔴 Critical', rank: 0, color: 'charts.red' },
      { emoji: '🟢', word: 'Minor', label: '🟢  Minor', rank: 1, color: 'charts.green' },
    ]);
    assert.deepStrictEqual(parseSeverityLevels('🔴'), []);
  });

  it('derives shapes only from what the template uses', () => {
    assert.deepStrictEqual(derivePlaceholders(['[Name] at HH:MM']), { tokens: ['[Name]'], shapes: ['time'] });
    assert.deepStrictEqual(derivePlaceholders(['no blanks here']), { tokens: [], shapes: [] });
  });
});
