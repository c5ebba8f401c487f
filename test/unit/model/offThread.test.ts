import * as assert from 'node:assert/strict';
import { lint, lintAsync } from '../../../src/core/engine';
import { OFFLOAD_MIN_CHARS, ReportParser, parsePiece } from '../../../src/core/model/parseReport';
import { splitChunks } from '../../../src/core/parse/chunks';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { complete, mutate } from '../helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);
const env = { today: '2026-11-26', now: new Date('2026-11-26T12:00:00Z'), fileName: undefined, pathExists: undefined };
const pause = async (): Promise<void> => {};

/** The complete report with ~40 KB of prose in Root Cause (one long piece) and an out-of-order timeline row. */
function largeReport(): string {
  const prose = Array.from({ length: 500 }, (_, i) => `Observation ${i}: the pool stayed *saturated* while \`retries\` went on. 🔥`).join('\n\n');
  return mutate(complete(), '## 🔧 Root Cause Analysis\n', `## 🔧 Root Cause Analysis\n\n${prose}\n`);
}

/** An `elsewhere` that parses as a worker would (the model crosses a structured clone) and records what it was given. */
function recordingElsewhere(): { calls: { text: string; base: number }[]; parse: (text: string, base: number) => Promise<ReturnType<typeof parsePiece>> } {
  const calls: { text: string; base: number }[] = [];
  return {
    calls,
    parse: async (text, base) => {
      calls.push({ text, base });
      return structuredClone(parsePiece(text, base));
    },
  };
}

describe('parsing long pieces elsewhere (the worker thread\'s protocol)', () => {
  it('offers exactly the pieces of OFFLOAD_MIN_CHARS or more, at their document offsets, and the result equals a lint in the thread', async () => {
    const text = largeReport();
    const long = splitChunks(text).filter((chunk) => chunk.text.length >= OFFLOAD_MIN_CHARS);
    assert.equal(long.length, 1, 'the fixture has one long section');
    const elsewhere = recordingElsewhere();
    const result = await lintAsync(text, { template, env, elsewhere: elsewhere.parse }, pause);
    assert.deepEqual(elsewhere.calls, [{ text: long[0]!.text, base: long[0]!.start }]);
    assert.deepEqual(result, lint(text, { template, env }));
  });

  it('falls back to parsing in the thread when the worker fails, with the same result', async () => {
    const text = mutate(largeReport(), '| 14:12 | Investigation', '| 13:12 | Investigation');
    let offered = 0;
    const result = await lintAsync(text, { template, env, elsewhere: async () => {
      offered++;
      throw new Error('worker crashed');
    } }, pause);
    assert.equal(offered, 1);
    const inThread = lint(text, { template, env });
    assert.deepEqual(result, inThread);
    assert.ok(inThread.diagnostics.some((d) => d.ruleId === 'timeline-order'), 'the fixture breaks a rule, so equality is not of two empty lists');
  });

  it('keeps the long piece\'s model across edits elsewhere: an edit in the Summary offers nothing again', async () => {
    const parser = new ReportParser();
    const elsewhere = recordingElsewhere();
    const text = largeReport();
    await lintAsync(text, { template, env, parser, elsewhere: elsewhere.parse }, pause);
    const edited = text.replace('2h 35m', '2h 36m');
    const again = await lintAsync(edited, { template, env, parser, elsewhere: elsewhere.parse }, pause);
    assert.equal(elsewhere.calls.length, 1, 'only the first parse offered the long section');
    assert.deepEqual(again, lint(edited, { template, env }));
  });

  it('offers every table batch no parse knows, all at once, then only the batches an edit changed', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `| ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Step ${i} of the rollback | Priya Raman |`).join('\n');
    const text = mutate(complete(), '| 16:37 | Incident resolved', `${rows}\n| 16:37 | Incident resolved`);
    const batched = splitChunks(text).find((chunk) => chunk.tables)!;
    const batches = batched.tables!.flatMap((table) => table.batches.map((batch) => ({ text: table.prefix + batch.text, base: batch.start - table.prefix.length })));
    assert.ok(batches.length >= 5, `${batches.length} batches`);
    const parser = new ReportParser();
    const elsewhere = recordingElsewhere();
    const result = await lintAsync(text, { template, env, parser, elsewhere: elsewhere.parse }, pause);
    assert.deepEqual(elsewhere.calls, batches);
    assert.deepEqual(result, lint(text, { template, env }));
    elsewhere.calls.length = 0;
    const edited = text.replace('Step 200 of the rollback', 'Step 200 of the rollback, again');
    const again = await lintAsync(edited, { template, env, parser, elsewhere: elsewhere.parse }, pause);
    // Batch ends depend on the rows' content: the edited row may move one end, so one batch or two.
    assert.ok(elsewhere.calls.length >= 1 && elsewhere.calls.length <= 2, `${elsewhere.calls.length} batches offered again`);
    assert.ok(elsewhere.calls.some((call) => call.text.includes('Step 200 of the rollback, again')));
    assert.deepEqual(again, lint(edited, { template, env }));
  });

  it('offers nothing when every piece is short', async () => {
    const elsewhere = recordingElsewhere();
    const result = await lintAsync(complete(), { template, env, elsewhere: elsewhere.parse }, pause);
    assert.deepEqual(elsewhere.calls, []);
    assert.deepEqual(result, lint(complete(), { template, env }));
  });
});
