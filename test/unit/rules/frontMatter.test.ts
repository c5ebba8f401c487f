import assert from 'node:assert/strict';
import { assertFixes, complete, fixesOf, lint, lintWith, mutate, rangeOf } from '../helpers';

const RULE = { rules: ['front-matter'] };
const body = () => complete().slice(complete().indexOf('# Incident Report'));

describe('rule front-matter', () => {
  it('passes the complete report, draft and final', () => {
    assert.deepStrictEqual(lintWith(complete(), RULE), []);
    assert.deepStrictEqual(lintWith(complete().replace('Status: Resolved', 'Status: Investigating'), RULE), []);
  });

  it("asks a team report for the template's own managed keys as it spells them (title, status), and not the SPEC's values", () => {
    const templateText = '---\ntitle: "[Title]"\nstatus: draft # draft, in review, published\nauthors: []\n---\n\n# [Title]\n\n## Summary\n';
    const options = { ...RULE, templateText, mode: 'final' as const };
    const whole = '---\ntitle: Cache failover\nstatus: in review\nauthors: [Dana]\n---\n\n# Cache failover\n\n## Summary\n\nSessions dropped.\n';
    assert.deepEqual(lintWith(whole, options), []);
    const noTitle = mutate(whole, 'title: Cache failover\n', '');
    assert.deepEqual(lintWith(noTitle, options), ['1:1-1:4 front-matter: Front matter lacks title; a report needs title, status.']);
    const [fix] = fixesOf(lint(noTitle, options), 'front-matter');
    assert.equal(fix?.edits[0]?.newText, 'title: Cache failover\n');
    const emptyStatus = mutate(whole, 'status: in review', 'status: ""');
    assert.deepEqual(lintWith(emptyStatus, options), [`${rangeOf(emptyStatus, 'status: ""')} front-matter: Front matter status is empty; expected a value.`]);
  });

  it('reports a missing block on the first line and offers to add one', () => {
    const text = body();
    assert.deepStrictEqual(lintWith(text, RULE), [
      '1:1-1:68 front-matter: No front matter found; expected a YAML block (---) with Title, Owner, Status and LastUpdated at the top.',
    ]);
    const [fix] = fixesOf(lint(text, RULE), 'front-matter');
    assert.equal(fix?.title, 'Add front matter');
    assert.equal(fix?.isPreferred, true);
    assert.equal(fix?.safe, true);
    assert.deepStrictEqual(fix?.edits, [
      { span: { start: 0, end: 0 }, newText: '---\nTitle: "Incident Report: Checkout API outage after connection pool change"\nOwner: ""\nStatus: Open\nLastUpdated: 2026-11-26\n---\n' },
    ]);
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    // What is left is the one thing the fix cannot know: the owner.
    assert.deepStrictEqual(lintWith(fixed!, RULE), ['3:1-3:10 front-matter: Front matter Owner is empty; expected the person or team owning the report.']);
  });

  it('adds the block after a byte order mark, with the document line breaks', () => {
    const text = `\uFEFF${body().replace(/\n/g, '\r\n')}`;
    assert.deepStrictEqual(lintWith(text, RULE), [
      '1:1-1:69 front-matter: No front matter found; expected a YAML block (---) with Title, Owner, Status and LastUpdated at the top.',
    ]);
    const [fix] = fixesOf(lint(text, RULE), 'front-matter');
    assert.equal(fix!.edits[0]!.span.start, 1);
    assert.ok(fix!.edits[0]!.newText.startsWith('---\r\nTitle: '));
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.equal(lint(fixed!).model.frontMatter?.data?.['Status'], 'Open');
  });

  it('reports a block that is never closed on its opening fence and closes it before the first blank line', () => {
    const closed = '---\nTitle: x\nOwner: y\nStatus: Open\nLastUpdated: 2026-10-20\n---\n\n# T\n\ntext\n';
    const text = mutate(closed, '2026-10-20\n---\n', '2026-10-20\n');
    assert.deepStrictEqual(lintWith(text, RULE), ['1:1-1:4 front-matter: Front matter is never closed; expected a --- line after its keys.']);
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.equal(fixed, closed);
    // A later thematic break closes it as a parser reads it; the report's first line inside
    // the YAML shows where the fence was meant to be (see the describe block below).
    const swallowed = mutate(complete(), 'pull/4821\n---\n', 'pull/4821\n');
    assert.deepStrictEqual(lintWith(swallowed, RULE), ['1:1-1:4 front-matter: Front matter is not closed before the report starts; expected a --- line after its keys.']);
    // At the end of a text without a last line break, the fence goes on a line of its own.
    const bare = '---\r\nTitle: x\r\nOwner: y\r\nStatus: Open\r\nLastUpdated: 2026-10-20';
    assert.equal(assertFixes(bare, 'front-matter', RULE)[0], `${bare}\r\n---`);
  });

  it('reports invalid YAML on the line that opens the unclosed value', () => {
    const text = mutate(complete(), 'Status: Resolved', 'Status: [Resolved');
    assert.deepStrictEqual(lintWith(text, RULE), [
      '4:9-4:18 front-matter: Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].',
    ]);
    // No readable Status: the report is a draft.
    assert.equal(lint(text, RULE).diagnostics[0]!.severity, 'warning');
    assert.deepStrictEqual(fixesOf(lint(text, RULE), 'front-matter'), []);
  });

  it('reports a duplicate key on the duplicate line and a non-mapping on the opening fence', () => {
    const duplicate = mutate(complete(), 'Status: Resolved\n', 'Status: Resolved\nStatus: Open\n');
    assert.deepStrictEqual(lintWith(duplicate, RULE), ['5:1-5:13 front-matter: Front matter is not valid YAML: Map keys must be unique.']);
    assert.deepStrictEqual(lintWith(`---\n- a list\n---\n${body()}`, RULE), ['1:1-1:4 front-matter: Front matter is not valid YAML: front matter is not a mapping of keys to values.']);
  });

  it('reports missing keys on the opening fence and adds them before the closing fence', () => {
    const text = mutate(mutate(complete(), 'Owner: Priya Raman (Payments SRE)\n', ''), 'LastUpdated: 2026-10-23\n', '');
    assert.deepStrictEqual(lintWith(text, RULE), ['1:1-1:4 front-matter: Front matter lacks Owner, LastUpdated; a report needs Title, Owner, Status, LastUpdated.']);
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.ok(fixed!.includes('  - https://github.com/spark-eng/spark-trading-api/pull/4821\nOwner: ""\nLastUpdated: 2026-11-26\n---\n'));
    assert.deepStrictEqual(lintWith(fixed!, RULE), ['6:1-6:10 front-matter: Front matter Owner is empty; expected the person or team owning the report.']);
  });

  it('adds a missing Title from the document title, quoted when YAML needs it', () => {
    const text = mutate(complete(), 'Title: Checkout API outage after connection pool change\n', '');
    const [fix] = fixesOf(lint(text, RULE), 'front-matter');
    assert.equal(fix!.edits[0]!.newText, 'Title: "Incident Report: Checkout API outage after connection pool change"\n');
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.deepStrictEqual(lintWith(fixed!, RULE), []);
    assert.equal(lint(fixed!).model.frontMatter?.data?.['Title'], 'Incident Report: Checkout API outage after connection pool change');
  });

  it('reports an empty Owner on its line, quoted or bare', () => {
    for (const owner of ['Owner: ""', 'Owner:', "Owner: '  '"]) {
      const text = mutate(complete(), 'Owner: Priya Raman (Payments SRE)', owner);
      assert.deepStrictEqual(lintWith(text, RULE), [`${rangeOf(text, owner)} front-matter: Front matter Owner is empty; expected the person or team owning the report.`]);
    }
  });

  it('reports a Status outside the list on its value', () => {
    const text = mutate(complete(), 'Status: Resolved', 'Status: Done');
    assert.deepStrictEqual(lintWith(text, RULE), ['4:9-4:13 front-matter: Front matter Status is "Done"; expected one of Open, Investigating, Mitigated, Resolved, Closed.']);
  });

  it('reports a LastUpdated that is not a real date on its value', () => {
    for (const [value, shown] of [
      ['2026-02-30', '2026-02-30'],
      ['23/10/2026', '23/10/2026'],
      ['"yesterday"', 'yesterday'],
    ]) {
      const text = mutate(complete(), 'LastUpdated: 2026-10-23', `LastUpdated: ${value}`);
      assert.deepStrictEqual(lintWith(text, RULE), [`${rangeOf(text, value!)} front-matter: Front matter LastUpdated is "${shown}"; expected a date YYYY-MM-DD.`]);
    }
  });

  it('reports a list where a one-line value is expected, on the value only', () => {
    const text = mutate(complete(), 'Title: Checkout API outage after connection pool change', 'Title:\n  - a\n  - b');
    assert.deepStrictEqual(lintWith(text, RULE), ['3:3-4:6 front-matter: Front matter Title is a list or mapping; expected a one-line title.']);
  });

  it('reports a Status or LastUpdated written as a list, never reading it as its text', () => {
    const status = mutate(complete(), 'Status: Resolved', 'Status: [Resolved]');
    assert.deepStrictEqual(lintWith(status, RULE), [`4:9-4:19 front-matter: Front matter Status is a list or mapping; expected one of Open, Investigating, Mitigated, Resolved, Closed.`]);
    // Not a Status string: the report is a draft.
    assert.equal(lint(status, RULE).mode, 'draft');
    const date = mutate(complete(), 'LastUpdated: 2026-10-23', 'LastUpdated: {on: 2026-10-23}');
    assert.deepStrictEqual(lintWith(date, RULE), ['5:14-5:30 front-matter: Front matter LastUpdated is a list or mapping; expected a date YYYY-MM-DD.']);
    // An empty list is a list, not an empty value.
    const owner = mutate(complete(), 'Owner: Priya Raman (Payments SRE)', 'Owner: []');
    assert.deepStrictEqual(lintWith(owner, RULE), ['3:8-3:10 front-matter: Front matter Owner is a list or mapping; expected the person or team owning the report.']);
  });

  it('ignores keys it does not know and an optional Links', () => {
    const text = mutate(complete(), 'Links:\n  - https://github.com/spark-eng/spark-trading-api/pull/4821\n', 'Team: Payments\n');
    assert.deepStrictEqual(lintWith(text, RULE), []);
  });

  it('is a warning in draft, an error in final', () => {
    const draft = mutate(complete(), 'Owner: Priya Raman (Payments SRE)', 'Owner: ""').replace('Status: Resolved', 'Status: Mitigated');
    assert.deepStrictEqual(lint(draft, RULE).diagnostics.map((d) => d.severity), ['warning']);
    assert.deepStrictEqual(lint(draft, { ...RULE, mode: 'final' }).diagnostics.map((d) => d.severity), ['error']);
    assert.equal(lint(draft.replace('Status: Mitigated', 'Status: Closed'), RULE).diagnostics[0]!.severity, 'error');
  });

  it('can be turned off or re-levelled by config', () => {
    const text = body();
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { 'front-matter': 'off' } } }), []);
    assert.equal(lint(text, { ...RULE, config: { rules: { 'front-matter': 'hint' } } }).diagnostics[0]!.severity, 'hint');
    assert.equal(lint(text, { ...RULE, config: { rules: { 'front-matter': { draft: 'error' } } } }).diagnostics[0]!.severity, 'error');
    assert.equal(lint(text, { ...RULE, mode: 'final', config: { rules: { 'front-matter': { draft: 'error' } } } }).diagnostics[0]!.severity, 'error');
    assert.deepStrictEqual(lintWith(text, { ...RULE, mode: 'final', config: { rules: { 'front-matter': { final: 'off' } } } }), []);
  });
});

describe('rule front-matter: Status in another case', () => {
  it('reports Status: resolved with a safe fix that writes Resolved', () => {
    const text = mutate(complete(), 'Status: Resolved', 'Status: resolved');
    assert.deepEqual(lintWith(text, RULE), ['4:9-4:17 front-matter: Front matter Status is "resolved"; expected one of Open, Investigating, Mitigated, Resolved, Closed.']);
    const fixes = fixesOf(lint(text, RULE), 'front-matter');
    assert.deepEqual(fixes.map((f) => [f.title, f.safe === true]), [['Write Status as Resolved', true]]);
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.ok(fixed!.includes('Status: Resolved\n'));
  });

  it('offers every status for a value that is none of them', () => {
    const text = mutate(complete(), 'Status: Resolved', 'Status: Done');
    assert.deepEqual(fixesOf(lint(text, RULE), 'front-matter').map((f) => f.title), ['Set Status to Open', 'Set Status to Investigating', 'Set Status to Mitigated', 'Set Status to Resolved', 'Set Status to Closed']);
  });
});

describe('rule front-matter: a closing fence forgotten before the report', () => {
  it('says the block is not closed (not a YAML error on a report line) and the safe fix closes it before the title', () => {
    const text = mutate(complete(), '4821\n---\n', '4821\n');
    assert.deepEqual(lintWith(text, RULE), ['1:1-1:4 front-matter: Front matter is not closed before the report starts; expected a --- line after its keys.']);
    const [fixed] = assertFixes(text, 'front-matter', RULE);
    assert.ok(fixed!.includes('4821\n\n---\n\n# Incident Report:'));
    assert.deepEqual(lintWith(fixed!, { mode: 'final' }).filter((d) => !d.includes('sign-off')), []);
  });
});
