/**
 * The editor half of `template check`: the team template's problems as diagnostics on the
 * template file (never a report's lint), and the `incidentReport/templateCheck` request
 * Incident: Check Template shows.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { TemplateCheckRequest, type TemplateCheckResult } from '../../../src/server/protocol';
import { ROOT, startServer, type Harness } from './lspHarness';

const TEMPLATE = `${ROOT}/.incident/template.md`;

/** A template the tool half understands: no levels, a timeline without roles, no action items, a section twice. */
const AMBIGUOUS = `# Review: [Title]

**Incident ID:** R-[NNN]
**Severity:**

## Summary

<!-- What happened. -->

## Timeline

| Time | Notes | Who |
|------|-------|-----|
| HH:MM | [event] | [name] |

## Summary
`;

const NO_LEVELS = 'Template: the "Severity" field lists no levels: any value passes and `new` offers none; write them in the field, such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor", or set "severityLevels" in the config';
// Columns are read by role (columnRoles.ts): "Notes" is no event column, and is not read.
const NO_EVENT = 'Template: the timeline table (in "## Timeline") has no event column (Event, Description, What happened…): milestones cannot be read from it';
const NOT_READ = 'Template: the timeline table (in "## Timeline"): "Notes" has no role and is not read';
const NO_ACTIONS = 'Template: no action items table found (a table with Action and Owner columns): the action-item checks see nothing';
const TWICE = 'Template: duplicate section names: "## Summary" and "## Summary" are the same section (headings match by their words)';

/** `line:start-end severity message`, 0-based lines as LSP has them (1 error, 2 warning). */
const shapes = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`);

describe('language server: the team template\'s own problems (template check in the editor)', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('shows what is ambiguous or not understood on the template file, on the line it concerns, and follows its edits', async () => {
    server = await startServer({ files: { [TEMPLATE]: AMBIGUOUS } });
    await server.openDocument(TEMPLATE, AMBIGUOUS);
    const found = await server.waitForDiagnostics(TEMPLATE, (d) => d.length > 0);
    assert.deepEqual(shapes(found), [
      `3:0-3:13 2 ${NO_LEVELS}`, // **Severity:** with nothing after it: a warning, any value passes
      `11:0-11:22 2 ${NO_EVENT}`, // the timeline's header row
      `11:0-11:22 2 ${NOT_READ}`,
      `0:0-0:17 2 ${NO_ACTIONS}`, // about the whole file: its first line
      `15:0-15:10 2 ${TWICE}`, // the second "## Summary"
    ]);
    // Never the lint of a report: no rule's diagnostic, all from the template check.
    assert.ok(found.every((d) => d.code === undefined && d.source === 'incident-report'));

    // Levels written: that warning goes, the others stay.
    const at = AMBIGUOUS.indexOf('**Severity:**') + '**Severity:**'.length;
    await server.change(TEMPLATE, [{ start: at, end: at, text: ' SEV1 / SEV2 / SEV3' }]);
    const fixed = await server.waitForDiagnostics(TEMPLATE, (d) => !d.some((x) => x.message === NO_LEVELS));
    assert.deepEqual(fixed.map((d) => d.message), [NO_EVENT, NOT_READ, NO_ACTIONS, TWICE]);
  });

  it('a closed template is checked by the workspace scan; a template without problems has none', async () => {
    server = await startServer({ files: { [TEMPLATE]: AMBIGUOUS } });
    const found = await server.waitForDiagnostics(TEMPLATE, (d) => d.length > 0);
    assert.deepEqual(found.map((d) => d.message), [NO_LEVELS, NO_EVENT, NOT_READ, NO_ACTIONS, TWICE]);
    server.dispose();

    const clean = AMBIGUOUS.replace('**Severity:**', '**Severity:** SEV1 / SEV2').replace('| Time | Notes | Who |', '| Time | Event | Actor |').replace(/\n## Summary\n$/, '\n## Follow-ups\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [YYYY-MM-DD] | Not Started |\n');
    server = await startServer({ files: { [TEMPLATE]: clean } });
    await server.openDocument(TEMPLATE, clean);
    assert.deepEqual(await server.waitForDiagnostics(TEMPLATE), []);
  });

  it('incidentReport/templateCheck: the CLI\'s text for the team template, its unsaved edits included', async () => {
    server = await startServer({ files: { [TEMPLATE]: AMBIGUOUS } });
    const saved = await server.client.sendRequest<TemplateCheckResult>(TemplateCheckRequest, { uri: TEMPLATE });
    assert.equal(saved.name, '.incident/template.md');
    assert.equal(saved.templateUri, TEMPLATE);
    assert.equal(saved.usable, true);
    assert.deepEqual(saved.problems.map((p) => [p.level, p.line]), [['warning', 4], ['warning', 12], ['warning', 12], ['warning', undefined], ['warning', 16]]);
    const lines = saved.text.split('\n');
    assert.equal(lines[0], 'Template: .incident/template.md');
    assert.ok(lines.includes('Severity levels: (none)'));
    assert.ok(lines.includes(`  warning: ${NO_LEVELS.slice('Template: '.length)} (line 4)`), saved.text);
    assert.ok(lines.includes(`  warning: ${NO_ACTIONS.slice('Template: '.length)}`), saved.text);
    assert.equal(lines.at(-1), 'Usable (5 warnings).');

    // The open editor is what is checked, before it is saved.
    await server.openDocument(TEMPLATE, AMBIGUOUS.replace('**Severity:**', '**Severity:** P1 / P2 / P3'));
    const edited = await server.client.sendRequest<TemplateCheckResult>(TemplateCheckRequest, { uri: `${ROOT}/incidents` });
    assert.equal(edited.usable, true);
    assert.ok(edited.text.split('\n').includes('Severity levels: P1, P2, P3'), edited.text);
    assert.equal(edited.text.split('\n').at(-1), 'Usable (4 warnings).');
  });

  it('incidentReport/templateCheck without a team template: the shipped one, usable, no problem', async () => {
    server = await startServer({ files: {} });
    const result = await server.client.sendRequest<TemplateCheckResult>(TemplateCheckRequest, {});
    assert.equal(result.name, 'the shipped default template');
    assert.equal(result.templateUri, undefined);
    assert.equal(result.usable, true);
    assert.deepEqual(result.problems, []);
    assert.equal(result.text.split('\n')[0], 'Template: the shipped default template');
    assert.equal(result.text.split('\n').at(-1), 'Usable.');
  });
});
