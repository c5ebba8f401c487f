// Fresh-process measurements for the benchmark (run by scripts/bench/index.ts, plain Node):
//   node child.mjs <mode> <json-args>
// Modes: ours (validate once: time, peak RSS, longest event-loop block; then the
// incremental edits), remark (bare parse: time, peak RSS), markdownlint (lint: time),
// index (2,000 reports: cold headers, and per changed file header + details). Prints one JSON object on stdout.
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const [mode, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson ?? '{}');
const require = createRequire(import.meta.url);
const mb = (kb) => Math.round((kb / 1024) * 10) / 10;
const maxRssMb = () => mb(process.resourceUsage().maxRSS);
const env = { now: new Date(args.now ?? '2026-11-26T12:00:00Z'), today: args.today ?? '2026-11-26' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function loadCore() {
  const { createIncidentCore, ReportParser } = require(args.core);
  return { core: createIncidentCore(), ReportParser };
}

/** Longest stretch the event loop could not run a 1 ms timer, while `work` runs. */
async function blockingOf(work) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  let maxGapStart = 0;
  // Garbage collections of the main thread, to tell how much of the longest block was one.
  const gcs = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ start: entry.startTime, ms: entry.duration, kind: entry.detail?.kind });
  });
  observer.observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > maxGap) {
      maxGap = now - last;
      maxGapStart = last;
    }
    last = now;
  }, 1);
  histogram.enable();
  await sleep(20);
  last = performance.now();
  maxGap = 0;
  const result = await work();
  await sleep(20);
  clearInterval(timer);
  histogram.disable();
  observer.disconnect();
  const inGap = gcs.filter((gc) => gc.start >= maxGapStart && gc.start < maxGapStart + maxGap);
  const gcInLongestBlockMs = inGap.reduce((sum, gc) => sum + gc.ms, 0);
  return { result, maxGapMs: maxGap, histogramMaxMs: histogram.max / 1e6, gcInLongestBlockMs, longestGcMs: Math.max(0, ...gcs.map((gc) => gc.ms)) };
}

function applyEdit(text, edit) {
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at);
}

async function ours() {
  const { core, ReportParser } = loadCore();
  if (args.warm) {
    const warm = readFileSync(args.warm, 'utf8');
    for (let i = 0; i < 3; i++) core.lint(warm, env);
  }
  const text = readFileSync(args.doc, 'utf8');
  const baselineRssMb = maxRssMb();
  const parser = new ReportParser();
  const block = await blockingOf(async () => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // One synchronous lint, whatever the size, as the language server runs it.
    const result = core.lint(text, { ...env, parser });
    // An internal error would make every figure meaningless (a lint that did nothing).
    const failed = result.diagnostics.find((d) => d.ruleId === 'internal-error');
    if (failed) throw new Error(`lint failed: ${failed.message}`);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { result, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  });
  const out = {
    path: 'core.lint (at once, in one thread)',
    fullMs: block.result.ms,
    fullCpuMs: block.result.cpuMs,
    diagnostics: block.result.result.diagnostics.length,
    maxBlockMs: block.maxGapMs,
    gcInLongestBlockMs: block.gcInLongestBlockMs,
    longestGcMs: block.longestGcMs,
    histogramMaxMs: block.histogramMaxMs,
    baselineRssMb,
    peakRssMb: maxRssMb(),
  };
  // One-character edits in turn, each on top of the previous one (so each is again a
  // one-character change from the parser's last parse); later offsets move with earlier inserts.
  const incremental = {};
  let current = text;
  const applied = [];
  for (const [name, edit] of Object.entries(args.edits ?? {})) {
    const at = edit.at + applied.filter((e) => e.at <= edit.at).reduce((n, e) => n + e.insert.length, 0);
    current = applyEdit(current, { at, insert: edit.insert });
    applied.push(edit);
    const t0 = performance.now();
    core.lint(current, { ...env, parser });
    incremental[name] = performance.now() - t0;
  }
  out.incrementalMs = incremental;
  out.peakRssAfterIncrementalMb = maxRssMb();
  return out;
}

async function remark() {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm')]);
  const processor = unified().use(remarkParse).use(remarkGfm).freeze();
  if (args.warm) {
    const warm = readFileSync(args.warm, 'utf8');
    for (let i = 0; i < 3; i++) processor.parse(warm);
  }
  const text = readFileSync(args.doc, 'utf8');
  const baselineRssMb = maxRssMb();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const tree = processor.parse(text);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, nodes: tree.children.length, baselineRssMb, peakRssMb: maxRssMb() };
}

async function markdownlint() {
  const { lint } = await import('markdownlint/sync');
  if (args.warm) {
    const warm = readFileSync(args.warm, 'utf8');
    for (let i = 0; i < 2; i++) lint({ strings: { doc: warm } });
  }
  const text = readFileSync(args.doc, 'utf8');
  const t0 = performance.now();
  const result = lint({ strings: { doc: text } });
  return { ms: performance.now() - t0, problems: result.doc.length, peakRssMb: maxRssMb() };
}

/**
 * The Incidents view's index: read every report (16 at a time, like IncidentIndex) and
 * summarise its header (level 1: what the list shows). A changed file of an expanded incident
 * costs the most: read again, header and details (level 2: timeline rows, action items).
 */
async function index() {
  const t0 = performance.now();
  const { core } = loadCore();
  const loadMs = performance.now() - t0;
  const files = readdirSync(args.dir).filter((f) => f.endsWith('.md')).map((f) => join(args.dir, f));
  const build = async () => {
    const headers = new Map();
    let cursor = 0;
    const worker = async () => {
      while (cursor < files.length) {
        const file = files[cursor++];
        const text = await readFile(file, 'utf8');
        const header = core.summarizeHeader(text);
        if (header) headers.set(file, header);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return headers;
  };
  const c0 = performance.now();
  const cold = await build();
  const coldMs = performance.now() - c0;
  const w0 = performance.now();
  await build();
  const warmMs = performance.now() - w0;
  // A changed file: read it again, its header and its details (IncidentIndex.refreshFile of an expanded incident).
  const perFile = [];
  for (let i = 0; i < Math.min(args.changed ?? 200, files.length); i++) {
    const file = files[(i * 7919) % files.length];
    const s = performance.now();
    const text = await readFile(file, 'utf8');
    if (core.summarizeHeader(text)) core.summarizeDetails(text, env.today);
    perFile.push(performance.now() - s);
  }
  perFile.sort((a, b) => a - b);
  const open = [...cold.values()].filter((s) => s.open).length;
  return { files: files.length, reports: cold.size, open, loadMs, coldMs, warmMs, changedMedianMs: perFile[perFile.length >> 1], changedP95Ms: perFile[Math.floor(perFile.length * 0.95)], changedMaxMs: perFile[perFile.length - 1], peakRssMb: maxRssMb() };
}

const modes = { ours, remark, markdownlint, index };
if (!modes[mode]) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
const out = await modes[mode]();
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
