/**
 * Issue #17 ("Text lost by safe fixes"): a safe fix rewrites its target (an ID, a number,
 * a duration) and nothing else. Reports of the default template's shape (the complete
 * fixture) get notes, comments and words around their field values; Fix All and every
 * single safe fix must keep all of them: the original text without the targets is a
 * subsequence of the result, and every note is still a substring of it.
 *
 * Fixed seed, so a failure is reproducible; fast-check prints the shrunk field choices.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createIncidentCore } from '../../../src/core/index';
import { applyFix, complete, FIXTURE_FILE_NAME, lint, NOW, TODAY } from '../helpers';

// Each case lints the whole complete report two or three times (about 50 ms each).
const RUNS = 100;
const SEED = 17;

/** Plain text kept as it is, a fix's declared target (may be rewritten), or a note the writer typed. */
type Piece = string | { readonly target: string } | { readonly note: string };

interface Report {
  readonly text: string;
  /** The text with every target cut out: what no fix may lose. */
  readonly kept: string;
  readonly notes: readonly string[];
  readonly fileName: string | undefined;
  /** Targets already right, whose rule must then stay silent. */
  readonly right: { readonly id: boolean; readonly duration: boolean; readonly budget: boolean };
}

/** Replaces each `from` (once in the complete report) by its pieces. */
function build(subs: readonly (readonly [string, readonly Piece[]])[]): { text: string; kept: string; notes: string[] } {
  const base = complete();
  const at = subs.map(([from, pieces]) => {
    const index = base.indexOf(from);
    if (index < 0 || base.indexOf(from, index + 1) >= 0) throw new Error(`build: ${JSON.stringify(from)} is not in the report once`);
    return { index, from, pieces };
  });
  at.sort((a, b) => a.index - b.index);
  let text = '';
  let kept = '';
  let cursor = 0;
  const notes: string[] = [];
  for (const { index, from, pieces } of at) {
    text += base.slice(cursor, index);
    kept += base.slice(cursor, index);
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        text += piece;
        kept += piece;
      } else if ('target' in piece) {
        text += piece.target;
      } else {
        text += piece.note;
        kept += piece.note;
        notes.push(piece.note);
      }
    }
    cursor = index + from.length;
  }
  return { text: text + base.slice(cursor), kept: kept + base.slice(cursor), notes };
}

const note = (text: string): Piece => ({ note: text });
const target = (text: string): Piece => ({ target: text });
const none: readonly Piece[] = [];
const word = fc.stringMatching(/^[a-z]{4,9}$/);
/** A note with a random word in it, so notes differ from case to case. */
const noteWith = (shape: (w: string) => string) => word.map((w) => [' ', note(shape(w))] as readonly Piece[]);
const maybe = <T>(arb: fc.Arbitrary<T>, otherwise: T) => fc.oneof({ weight: 1, arbitrary: fc.constant(otherwise) }, { weight: 2, arbitrary: arb });

const ID_OK = 'INC-20261020-001';

/** The writer's choices, field by field (what fast-check prints for a failure). */
const choices = fc
  .record({
    status: fc.constantFrom('Resolved', 'Investigating'),
    fileName: fc.constantFrom(FIXTURE_FILE_NAME, 'INC-20261020-001-checkout.md', 'INC-20261020-007-checkout.md', 'INC-20261021-001-checkout.md', undefined),
    id: fc.constantFrom(ID_OK, 'INC-20261021-001', 'INC-20261020-007', 'INC-2026-1', 'TBD'),
    idBefore: fc.constantFrom<readonly Piece[]>(none, [note('<!-- from the pager -->'), ' '], [note('ID per PagerDuty:'), ' ']),
    idAfter: fc.oneof(
      fc.constant(none),
      fc.constant<readonly Piece[]>([' ', note('(see Slack thread, reopened from INC-20261019-003)')]),
      fc.constant<readonly Piece[]>([note(', see #spark-incidents')]),
      noteWith((w) => `<!-- ${w} -->`),
      noteWith((w) => `(${w})`),
    ),
    dateAfter: fc.oneof({ weight: 4, arbitrary: fc.constant(none) }, { weight: 1, arbitrary: noteWith((w) => `(UTC, ${w})`) }),
    severity: fc.constantFrom('🔴 Critical', '🟢 Critical', 'critical'),
    severityAfter: maybe(noteWith((w) => `(upgraded at 14:30, ${w})`), none),
    durationInline: fc.boolean(),
    durationBefore: fc.constantFrom<readonly Piece[]>(none, [note('roughly'), ' '], [note('about'), ' '], [note('~')]),
    duration: fc.constantFrom('2h 35m', '3h', '45 minutes', '2.5 hours', 'PT3H', '2 hours 40 minutes'),
    durationAfter: fc.oneof(fc.constant(none), fc.constant<readonly Piece[]>([note(', paging delay excluded')]), noteWith((w) => `(alert to all clear, ${w})`), noteWith((w) => `<!-- ${w} -->`)),
    budgetBefore: fc.constantFrom<readonly Piece[]>(none, [note('about'), ' '], [note('<!-- Grafana said 12% -->'), ' ']),
    budget: fc.constantFrom('48.5%', '48.6%', '9%', '40.0%', 'TBD'),
    budgetAfter: fc.oneof(fc.constant(none), fc.constant<readonly Piece[]>([' ', note('(finance to confirm)')]), noteWith((w) => `of the 30-day budget, ${w}`)),
    sloBeforeAfter: maybe(noteWith((w) => `(1 Oct., ${w})`), none),
    detectionBefore: maybe(word.map((w) => [note(`Roughly, per ${w}:`), ' '] as readonly Piece[]), none),
    detectionAfter: maybe(noteWith((w) => `(pager delay ${w})`), none),
    timeUtc: fc.boolean(),
    eventNote: maybe(noteWith((w) => `(${w})`), none),
    actorNote: maybe(noteWith((w) => `(on call, ${w})`), none),
    actionNotes: fc.array(maybe(noteWith((w) => `(${w})`), none), { minLength: 4, maxLength: 4 }),
  })
  // Known limit: a malformed ID's fix targets the first well-formed ID in the value, even one
  // in the note (`TBD (reopened from INC-20261019-003)`); the rule takes the first INC token.
  .filter((r) => /^INC-\d{8}-\d{3}$/.test(r.id) || !r.idAfter.some((p) => typeof p !== 'string' && 'note' in p && /INC-\d{8}-\d{3}/.test(p.note)))
  // A word before a malformed ID is its first word, so the fix's target: not a note there.
  .map((r) => (/^INC-\d{8}-\d{3}$/.test(r.id) ? r : { ...r, idBefore: r.idBefore.filter((p) => typeof p === 'string' || !('note' in p) || p.note.startsWith('<!--')) }));

type Choices = typeof choices extends fc.Arbitrary<infer T> ? T : never;

function toReport(r: Choices): Report {
  const [a1, a2, a3, a4] = r.actionNotes as [readonly Piece[], readonly Piece[], readonly Piece[], readonly Piece[]];
  const built = build([
    ['Status: Resolved\n', [`Status: ${r.status}\n`]],
    ['**Incident ID:** INC-20261020-001  \n', ['**Incident ID:** ', ...r.idBefore, target(r.id), ...r.idAfter, '  \n']],
    ['**Date:** 2026-10-20  \n', ['**Date:** ', target('2026-10-20'), ...r.dateAfter, '  \n']],
    ['**Severity:** 🔴 Critical\n', ['**Severity:** ', target(r.severity), ...r.severityAfter, '\n']],
    ['**Duration:**\n2h 35m\n', ['**Duration:**', r.durationInline ? ' ' : '\n', ...r.durationBefore, target(r.duration), ...r.durationAfter, '\n']],
    ['| 14:02 | Incident detected: checkout error rate alert fired | Alertmanager |', ['| ', target(r.timeUtc ? '14:02 UTC' : '14:02'), ' | Incident detected: checkout error rate alert fired', ...r.eventNote, ' | Alertmanager', ...r.actorNote, ' |']],
    ['| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |', ['| 16:37 | Incident resolved after 30 minutes of clean metrics', ...r.eventNote, ' | Priya Raman |']],
    ['**Detection Time:**\n14 minutes from the deploy to the alert.\n', ['**Detection Time:**\n', ...r.detectionBefore, '14 minutes from the deploy to the alert.', ...r.detectionAfter, '\n']],
    ['- Before incident: 22.5%\n', ['- Before incident: 22.5%', ...r.sloBeforeAfter, '\n']],
    ['- After incident: 71.0%\n', ['- After incident: ', ...r.budgetBefore, '71.0%', ...r.sloBeforeAfter, '\n']],
    ['- Budget consumed: 48.5%\n', ['- Budget consumed: ', ...r.budgetBefore, target(r.budget), ...r.budgetAfter, '\n']],
    ['| Show rendered Helm diff in PR checks | Marco Silva | 2026-12-15 | 🟡 In Progress |', ['| Show rendered Helm diff in PR checks', ...a1, ' | Marco Silva', ...a2, ' | 2026-12-15', ...a3, ' | 🟡 In Progress', ...a4, ' |']],
  ]);
  const fileId = r.fileName ? /INC-\d{8}-\d{3}/.exec(r.fileName)?.[0] : undefined;
  const dateReadable = r.dateAfter.length === 0;
  const conflict = !!fileId && dateReadable && fileId.slice(4, 12) !== '20261020';
  const wellFormed = /^INC-\d{8}-\d{3}$/.test(r.id);
  return {
    ...built,
    fileName: r.fileName,
    right: {
      id: wellFormed && !conflict && (fileId ? r.id === fileId : !dateReadable || r.id.slice(4, 12) === '20261020'),
      duration: r.duration === '2h 35m',
      budget: r.budget === '48.5%' || r.budget === '48.6%',
    },
  };
}

/** Whether `needle`'s characters all occur in `hay`, in order. */
function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay.charCodeAt(i) === needle.charCodeAt(j)) j++;
  return j === needle.length;
}

function assertKept(r: Report, result: string, what: string): void {
  for (const n of r.notes) assert.ok(result.includes(n), `${what} lost the note ${JSON.stringify(n)}`);
  assert.ok(isSubsequence(r.kept, result), `${what} lost text outside its targets`);
}

describe('fix: safe fixes keep the text the writer typed around their targets (issue #17)', function () {
  this.timeout(120_000);
  const core = createIncidentCore();

  it(`Fix All and each safe fix keep every note, comment and word outside the targets (${RUNS} reports)`, () => {
    let fixesChecked = 0;
    fc.assert(
      fc.property(choices, (c) => {
        const r = toReport(c);
        const options = { fileName: r.fileName, now: NOW, today: TODAY };
        const result = lint(r.text, options);
        for (const d of result.diagnostics) {
          for (const f of d.fixes) {
            if (!f.safe) continue;
            assertKept(r, applyFix(r.text, f), `${d.ruleId} "${f.title}"`);
            fixesChecked++;
          }
        }
        assertKept(r, core.fixAll(r.text, options).text, 'Fix All');
        // A fix never fires when its target is already right.
        const rules = new Set(result.diagnostics.map((d) => d.ruleId));
        if (r.right.id) assert.ok(!rules.has('incident-id'), 'incident-id reports a right ID');
        if (r.right.duration) assert.ok(!rules.has('duration'), 'duration reports a right duration');
        if (r.right.budget) assert.ok(!rules.has('slo-budget'), 'slo-budget reports a right figure');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator must reach the fixes it is about, or the property proves nothing.
    assert.ok(fixesChecked > RUNS, `only ${fixesChecked} safe fixes checked`);
  });

  it('the ID-with-note repro: nothing reported, nothing fixed', () => {
    const text = complete().replace('**Incident ID:** INC-20261020-001  \n', '**Incident ID:** INC-20261020-001 (see Slack thread, reopened from INC-20261019-003)  \n');
    const options = { fileName: 'INC-20261020-001-checkout.md', now: NOW, today: TODAY };
    assert.deepEqual(lint(text, options).diagnostics.filter((d) => d.ruleId === 'incident-id'), []);
    assert.equal(core.fixAll(text, options).text, text);
  });
});
