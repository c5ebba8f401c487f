/**
 * The fast slice of the fuzzing (the full set, ≥ 100,000 mutated reports: `npm run fuzz`):
 * mutated reports from fast-check with a fixed seed, and the named hostile shapes, through
 * lint and fix-all with the invariants of test/fuzz/harness.ts. A failure prints the seed,
 * the fast-check path and the shrunk input as a JSON string.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createIncidentCore, ReportParser } from '../../../src/core';
import { applyOp, buildText, caseArbitrary, checkTolerating, describeShrunk, InvariantError, loadBases, LONG_LINE, reproducibleKnownBugs, type Op } from '../../fuzz/harness';

const core = createIncidentCore();
const bases = loadBases(core);
const complete = bases[0]!.text;
const fresh = bases[1]!.text;
const SEED = 20261126;
const RUNS = 300;

describe('robustness: mutated reports (fast-check, fixed seed)', function () {
  this.timeout(180_000);

  it(`${RUNS} mutated reports: no crash, ranges inside, fix-all keeps untouched text and adds no errors`, () => {
    const arbitrary = caseArbitrary(bases.length, { maxListDepth: 30, maxQuoteDepth: 80 });
    // One parser per base: a mutated report re-parses only its changed sections; every
    // 10th case is cross-checked against core.fixAll and fresh parses.
    const parsers = bases.map(() => new ReportParser());
    // Known bugs (each failing in knownBugs.test.ts) are tolerated while they reproduce, so
    // this property keeps checking every other invariant meanwhile.
    const known = reproducibleKnownBugs(core);
    const tolerated = new Map<string, number>();
    let run = 0;
    const details = fc.check(
      fc.property(arbitrary, (c) => {
        const bug = checkTolerating(core, buildText(bases, c), { mode: c.mode, fileName: c.fileName, crossCheck: run++ % 10 === 0, parser: parsers[c.base] }, known);
        if (bug) tolerated.set(bug.id, (tolerated.get(bug.id) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (tolerated.size) console.log(`      (known bugs tolerated, each failing in knownBugs.test.ts: ${[...tolerated].map(([id, n]) => `${id} ×${n}`).join(', ')})`);
    if (details.failed) {
      const c = details.counterexample![0];
      const error = details.errorInstance;
      const message = error instanceof InvariantError ? error.message : String((error as Error)?.stack ?? error);
      assert.fail(`after ${details.numRuns} run(s):\n${describeShrunk({ case: c, text: buildText(bases, c), message, seed: SEED, path: details.counterexamplePath ?? '', shrinks: details.numShrinks })}`);
    }
    assert.equal(details.numRuns, RUNS);
  });
});

describe('robustness: hostile shapes through lint and fix-all', function () {
  this.timeout(60_000);
  let knownBugs: ReturnType<typeof reproducibleKnownBugs> | undefined;
  const reproducible = () => (knownBugs ??= reproducibleKnownBugs(core));
  const long = (unit: string) => unit.repeat(Math.ceil(LONG_LINE / unit.length)).slice(0, LONG_LINE);
  const on = (text: string, ...ops: Op[]) => ops.reduce(applyOp, text);
  const shapes: Record<string, string> = {
    'an empty document': '',
    'a BOM alone': '\ufeff',
    'the complete report with CRLF': complete.replace(/\n/g, '\r\n'),
    'the complete report with CR only': complete.replace(/\n/g, '\r'),
    'the complete report with mixed line breaks': on(complete, { op: 'eol', style: 'mixed', seed: 7 }),
    'a fresh report with BOM and CRLF': `\ufeff${fresh.replace(/\n/g, '\r\n')}`,
    'NUL bytes in every line of the complete report': complete.replace(/\n/g, '\0\n'),
    'a 10,000-character field value': on(complete, { op: 'long', line: 20, unit: 'x', variant: 3 }),
    'a 10,000-character timeline row': on(complete, { op: 'long', line: 38, unit: '🔥', variant: 2 }),
    'a 10,000-character line of pipes in the timeline': on(complete, { op: 'long', line: 40, unit: '|', variant: 0 }),
    'a 10,000-character heading': `${complete}\n## ${long('Summary ')}\n`,
    'a 10,000-character front matter value': complete.replace('Owner: ', `Owner: ${long('o')} `),
    'a 10,000-character unbroken placeholder run': on(fresh, { op: 'long', line: 30, unit: '[Name]', variant: 1 }),
    'RTL and emoji in every field': complete.replace(/\*\*([^*\n]+):\*\*/g, '**$1:** \u202eשלום 👩‍👩‍👧‍👦 مرحبا\u202c'),
    'lone surrogates in the timeline': complete.replace(/\| (\d\d:\d\d) \|/g, '| $1\ud800 |'),
    '200 nested list items, one per line': on(fresh, { op: 'nest', line: 25, kind: 'list', depth: 200 }),
    '200 nested task items in the Detection section': on(fresh, { op: 'nest', line: 45, kind: 'task', depth: 200 }),
    '500 nested block quotes on one line': `${fresh}\n${'> '.repeat(500)}**Duration:** HH:MM\n`,
    '300 nested list-and-quote markers on one line': `${complete}\n${'- > '.repeat(300)}| 14:02 | x | y |\n`,
    'every table pipe removed': complete.replace(/\|/g, ' '),
    'every line duplicated': complete.replace(/^.*$/gm, '$&\n$&'),
    'the lines in reverse order': complete.split('\n').reverse().join('\n'),
    'only the front matter fence opened': `---\n${complete.slice(4).replace(/^---$/m, '')}`,
  };
  for (const [name, text] of Object.entries(shapes)) {
    it(name, () => {
      // Known bugs (each failing in knownBugs.test.ts) are tolerated while they reproduce.
      checkTolerating(core, text, { crossCheck: true }, reproducible());
      checkTolerating(core, text, { mode: 'final' }, reproducible());
    });
  }
});
