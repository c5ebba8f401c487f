/**
 * The fast slice of the robustness set (the full set: `npm run fuzz`): every CommonMark
 * spec example, the GFM table and task-list cases and the bundled reports go through lint
 * and fix-all, checking the invariants of test/fuzz/harness.ts (no crash, ranges inside
 * the document, fix-all keeps every character outside its edits, re-lints without new
 * errors).
 */
import * as assert from 'node:assert/strict';
import { createIncidentCore, ReportParser } from '../../../src/core';
import { checkTolerating, commonmarkExamples, embed, fixturePathExists, GFM_CASES, loadBases, NOW, reproducibleKnownBugs, TODAY, type KnownBug, type Mode } from '../../fuzz/harness';

const core = createIncidentCore();
const bases = loadBases(core);
const complete = bases[0]!.text;
const fresh = bases[1]!.text;
/** Known bugs (test/fuzz/harness.ts KNOWN_BUGS, each failing in knownBugs.test.ts) tolerated here while they reproduce. */
let knownBugs: KnownBug[] | undefined;
const tolerated = new Map<string, number>();
const known = (): KnownBug[] => (knownBugs ??= reproducibleKnownBugs(core));

/** Runs each document; one failure line per broken document (input as JSON). */
function failuresOf(documents: readonly { label: string; text: string; mode?: Mode; fileName?: string; crossCheck?: boolean; parser?: ReportParser }[]): string[] {
  const failures: string[] = [];
  for (const d of documents) {
    try {
      const bug = checkTolerating(core, d.text, { mode: d.mode, fileName: d.fileName, crossCheck: d.crossCheck, parser: d.parser }, known());
      if (bug) tolerated.set(bug.id, (tolerated.get(bug.id) ?? 0) + 1);
    } catch (error) {
      failures.push(`${d.label}: ${(error as Error).message}\n    input: ${JSON.stringify(d.text.length > 600 ? `${d.text.slice(0, 600)}…` : d.text)}`);
    }
  }
  return failures;
}

describe('robustness: corpora through lint and fix-all', function () {
  after(() => {
    if (tolerated.size) console.log(`    (known bugs tolerated here, each failing in knownBugs.test.ts: ${[...tolerated].map(([id, n]) => `${id} ×${n}`).join(', ')})`);
  });

  describe('CommonMark spec examples', function () {
    this.timeout(60_000);
    const examples = commonmarkExamples();
    const sections = new Map<string, typeof examples>();
    for (const ex of examples) sections.set(ex.section, [...(sections.get(ex.section) ?? []), ex]);
    // Fix-all turns each bare example into a report skeleton (front matter, 16 sections):
    // one parser shared by the examples re-parses only what differs between them.
    const parser = new ReportParser();

    it('reads every example of the spec (npm commonmark-spec 0.31.2)', () => {
      assert.equal(examples.length, 652);
      assert.equal(sections.size, 26);
    });

    for (const [section, list] of sections) {
      it(`${section}: ${list.length} example(s), alone; every 8th also in a fresh report and cross-checked`, () => {
        // (npm run fuzz puts every example in every context, in every mode, with CRLF too.)
        const documents = list.flatMap((ex, i) => [
          { label: `example ${ex.number}`, text: ex.markdown, parser, crossCheck: i % 8 === 0 },
          ...(i % 8 === 0 ? [{ label: `example ${ex.number} in a fresh report's Summary`, text: embed(fresh, ex.markdown, 'summary'), parser }] : []),
        ]);
        assert.deepEqual(failuresOf(documents), []);
      });
    }
  });

  describe('GFM tables and task lists', function () {
    this.timeout(60_000);
    for (const gfm of GFM_CASES) {
      it(gfm.name, () => {
        assert.deepEqual(
          failuresOf([
            { label: 'alone', text: gfm.markdown, crossCheck: true },
            { label: "in a fresh report's Timeline", text: embed(fresh, gfm.markdown, 'timeline') },
            { label: "in the complete report's Timeline, final", text: embed(complete, gfm.markdown, 'timeline'), mode: 'final' },
            { label: "in the complete report's Summary", text: embed(complete, gfm.markdown, 'summary'), crossCheck: true },
          ]),
          [],
        );
      });
    }
  });

  describe('bundled reports', function () {
    this.timeout(60_000);
    for (const base of bases) {
      it(`${base.name}: auto, draft and final mode; LF and CRLF; with and without a file name`, () => {
        const documents = (['auto', 'draft', 'final'] as Mode[]).flatMap((mode) => [
          { label: `${mode}`, text: base.text, mode, crossCheck: true },
          { label: `${mode}, CRLF`, text: base.text.replace(/\n/g, '\r\n'), mode },
          { label: `${mode}, another report's file name`, text: base.text, mode, fileName: 'INC-20261124-002-other.md' },
        ]);
        assert.deepEqual(failuresOf(documents), []);
      });
    }

    it('the complete fixture stays clean: fix-all changes nothing in final mode', () => {
      assert.equal(core.fixAll(complete, { now: NOW, today: TODAY, mode: 'final', pathExists: fixturePathExists }).edit, undefined);
    });
  });
});
