import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createIncidentCore, ReportParser } from '../../../src/core';
import { parsePiece } from '../../../src/core/model/parseReport';
import { splitChunks } from '../../../src/core/parse/chunks';
import { PieceWorker } from '../../../src/node/pieceWorker';
import { complete, mutate, NOW, REPO_ROOT, TODAY } from '../helpers';

/** The real worker thread: src/node/pieceWorkerMain.ts and the core bundled as the build does (dist/pieceWorker.js beside dist/core.js). */
describe('PieceWorker (a real worker thread)', function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'incident-piece-worker-'));
    script = join(dir, 'pieceWorker.js');
    // As the build lays them out: the worker requires the core beside it.
    const options = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', define: { __VERSION__: '"test"' } } as const;
    await build({ ...options, entryPoints: [join(REPO_ROOT, 'src/node/pieceWorkerMain.ts')], outfile: script, external: ['./core.js'] });
    await build({ ...options, entryPoints: [join(REPO_ROOT, 'src/vscode/coreExports.ts')], outfile: join(dir, 'core.js') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const bigSection = (): string => {
    const items = Array.from({ length: 400 }, (_, i) => `   - Factor ${i}: the retry policy had **no jitter**, see [runbook](https://example.com/${i}). ✅`).join('\n');
    return mutate(complete(), '## 🔧 Root Cause Analysis\n', `## 🔧 Root Cause Analysis\n\n1. **Contributing Factors:**\n${items}\n`);
  };

  it('parses a piece to exactly the model the thread would, at the given offset', async () => {
    const worker = new PieceWorker(script);
    try {
      const text = bigSection();
      const chunk = splitChunks(text).find((c) => c.text.startsWith('## 🔧'))!;
      assert.deepEqual(await worker.parse(chunk.text, chunk.start), parsePiece(chunk.text, chunk.start));
      assert.equal(worker.parsed, 1);
    } finally {
      worker.dispose();
    }
  });

  it('as lintAsync\'s elsewhere, gives the diagnostics of a lint in the thread', async () => {
    const core = createIncidentCore();
    const worker = new PieceWorker(script);
    try {
      const text = mutate(bigSection(), '| 14:12 | Investigation', '| 13:12 | Investigation');
      const request = { now: NOW, today: TODAY };
      const result = await core.lintAsync(text, { ...request, parser: new ReportParser(), elsewhere: worker.parse }, async () => {});
      assert.equal(worker.parsed, 1, 'the long Root Cause section went to the worker');
      assert.deepEqual(result, core.lint(text, request));
      assert.ok(result!.diagnostics.some((d) => d.ruleId === 'timeline-order'));
    } finally {
      worker.dispose();
    }
  });

  it('rejects (so the caller parses in the thread) when the worker cannot run, and gives up after three failures', async () => {
    const broken = join(dir, 'broken.js');
    writeFileSync(broken, 'throw new Error("broken build");');
    const messages: string[] = [];
    const worker = new PieceWorker(broken, { log: (message) => messages.push(message) });
    for (let i = 0; i < 3; i++) await assert.rejects(worker.parse('# x\n', 0), /broken build|piece worker/);
    assert.equal(messages.length, 3);
    assert.match(messages[2]!, /from now on/);
    await assert.rejects(worker.parse('# x\n', 0), /no piece worker/);
    assert.equal(messages.length, 3, 'no fourth worker was started');
    await assert.rejects(new PieceWorker(join(dir, 'missing.js')).parse('# x\n', 0));
  });

  it('keeps a worker with a small heap for the next piece, and stops one idle with a heap over the limit', async () => {
    const text = bigSection();
    const kept = new PieceWorker(script);
    const renewed = new PieceWorker(script, { restartHeapMb: 0, bigHeapIdleMs: 10 });
    try {
      for (const worker of [kept, renewed]) {
        await worker.parse(text, 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await worker.parse(text, 0);
        assert.equal(worker.parsed, 2);
      }
      assert.equal(kept.started, 1);
      assert.equal(renewed.started, 2, 'every heap is over 0 MB: stopped once idle after each piece, started again for the next');
    } finally {
      kept.dispose();
      renewed.dispose();
    }
  });

  it('a piece too big for its heap: rejected, not counted as a failure, and pieces that long are kept in the thread from then on', async () => {
    const messages: string[] = [];
    const worker = new PieceWorker(script, { log: (message) => messages.push(message), oldGenerationMb: 32 });
    try {
      const huge = Array.from({ length: 40 }, () => bigSection()).join('\n');
      await assert.rejects(worker.parse(huge, 0), /out of memory/);
      assert.match(messages.join('\n'), /ran out of memory on a section of \d+ KB/);
      await assert.rejects(worker.parse(huge, 0), /too long/);
      assert.equal(worker.started, 1, 'no worker started for a piece known to be too long');
      const small = '## Summary\n\nShort.\n';
      assert.deepEqual(await worker.parse(small, 10), parsePiece(small, 10));
      assert.equal(worker.started, 2);
    } finally {
      worker.dispose();
    }
  });

  it('drops the queued pieces of a cancelled parse instead of sending them', async () => {
    const worker = new PieceWorker(script);
    try {
      let cancelled = false;
      const pieces = Array.from({ length: 40 }, (_, i) => worker.parse(bigSection(), i, () => cancelled));
      await pieces[0];
      cancelled = true;
      const outcomes = await Promise.allSettled(pieces);
      const dropped = outcomes.filter((o) => o.status === 'rejected' && /cancelled/.test(String(o.reason)));
      assert.ok(dropped.length >= 30, `${dropped.length} of 40 dropped`);
      assert.ok(worker.parsed <= 10, `${worker.parsed} parsed`);
      const after = 'Short.\n';
      assert.deepEqual(await worker.parse(after, 0), parsePiece(after, 0), 'the worker still serves the next parse');
    } finally {
      worker.dispose();
    }
  });

  it('rejects what is pending when disposed, and everything after', async () => {
    const worker = new PieceWorker(script);
    const pending = worker.parse(bigSection(), 0);
    worker.dispose();
    await assert.rejects(pending, /stopped/);
    await assert.rejects(worker.parse('# x\n', 0), /no piece worker/);
  });
});
