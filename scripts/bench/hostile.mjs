// Hostile shapes for the benchmark's "hostile shapes" section (run by scripts/bench/index.ts,
// plain Node, one fresh process per measurement):
//   node hostile.mjs <json-args: { core, shape, size, file, write }>
// With `write`, builds one hostile input of `size` units of its shape (the repros of issue
// #17) into `file` and exits. Otherwise reads `file` and puts it through the bundled core the
// way an editor or the CLI would (lint, Fix All, or reading a config), and prints one JSON
// object: time, peak RSS, the input's size, how many diagnostics came out and the
// input-limit / internal-error messages among them. Built in another process, the input's
// construction does not count in the peak RSS: only reading it (as the editor or CLI does) and the core.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = JSON.parse(process.argv[2] ?? '{}');
const require = createRequire(import.meta.url);
const env = { now: new Date('2026-11-26T12:00:00Z'), today: '2026-11-26' };
/** Messages as printed: their first 160 characters. */
const short = (message) => (message.length > 160 ? `${message.slice(0, 159)}…` : message);
const mb = (kb) => Math.round((kb / 1024) * 10) / 10;

/** What a fresh report looks like, with `extra` appended at its end (after its last section's content). */
function report(core, extra) {
  return `${fresh(core)}\n${extra}\n`;
}

let freshText;
function fresh(core) {
  freshText ??= core.newReport({ title: 'hostile shape', severity: 'Major', now: env.now, existingIds: [] }).text;
  return freshText;
}

/** The fresh report with `rows` (whole lines) added to its timeline table. */
function withTimelineRows(core, rows) {
  const text = fresh(core);
  const at = text.indexOf('\n', text.indexOf('| 12:00 |')) + 1;
  return text.slice(0, at) + rows + text.slice(at);
}

const pad = (n) => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:MM` for minute `m` after 2026-01-01 00:00 UTC. */
function stamp(m) {
  const d = new Date(Date.UTC(2026, 0, 1) + m * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * Each shape: what one unit is, and how `n` units become the input. `run` says what is
 * done with it: lint (default), fixAll, or config (parseConfigText + validateConfig).
 */
export const SHAPES = {
  'quote-depth': { unit: 'nested "> " on one line', build: (core, n) => report(core, `${'> '.repeat(n)}x`) },
  'list-depth': { unit: 'nested "- " on one line', build: (core, n) => report(core, `${'- '.repeat(n)}x`) },
  'emphasis-depth': { unit: '"*" on each side of one word', build: (core, n) => report(core, `${'*'.repeat(n)}x${'*'.repeat(n)}`) },
  'link-depth': { unit: 'nested "[" ... "](u)"', build: (core, n) => report(core, `${'['.repeat(n)}x${'](u)'.repeat(n)}`) },
  'timeline-pipes': { unit: '"|" in one timeline row', build: (core, n) => withTimelineRows(core, `${'|'.repeat(n)}\n`) },
  'row-columns': { unit: 'column ("| a ") in one timeline row', build: (core, n) => withTimelineRows(core, `${'| a '.repeat(n)}|\n`) },
  'long-line': { unit: '"a " on one line', build: (core, n) => report(core, 'a '.repeat(n)) },
  'blank-lines': { unit: 'blank line', build: (core, n) => report(core, '\n'.repeat(n)) },
  'rows-out-of-order': { unit: 'timeline row, newest first (Fix All)', run: 'fixAll', build: (core, n) => withTimelineRows(core, Array.from({ length: n }, (_, i) => `| ${stamp(n - i)} | event ${i} | bot |\n`).join('')) },
  placeholders: { unit: '"[Name]" in prose', build: (core, n) => report(core, Array.from({ length: Math.ceil(n / 10) }, () => '[Name] '.repeat(10).trimEnd()).join('\n')) },
  'evidence-paths': { unit: '"evidence/..." path in prose', build: (core, n) => report(core, Array.from({ length: Math.ceil(n / 10) }, (_, l) => Array.from({ length: 10 }, (_, i) => `evidence/f${l}_${i}.txt`).join(' ')).join('\n')) },
  'config-keys': { unit: 'key under "rules" in a YAML config', run: 'config', build: (_core, n) => `rules:\n${Array.from({ length: n }, (_, i) => `  r${i}: "off"\n`).join('')}` },
};

function notable(diagnostics) {
  const found = diagnostics.filter((d) => d.ruleId === 'input-limit' || d.ruleId === 'internal-error');
  return { diagnostics: diagnostics.length, messages: found.slice(0, 3).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.ruleId}: ${short(d.message)}`) };
}

function main() {
  const { createIncidentCore, parseConfigText, validateConfig, RULE_IDS } = require(args.core);
  const core = createIncidentCore();
  const shape = SHAPES[args.shape];
  if (!shape) throw new Error(`unknown shape ${args.shape}`);
  if (args.write) {
    writeFileSync(args.file, shape.build(core, args.size));
    process.stdout.write('{"written":true}\n');
    return;
  }
  // Warm the core up on a normal report, so the figures are the shape's, not the JIT's.
  for (let i = 0; i < 3; i++) core.lint(fresh(core), env);
  const text = readFileSync(args.file, 'utf8');
  const baselineRssMb = mb(process.resourceUsage().maxRSS);
  const t0 = performance.now();
  let out;
  if (shape.run === 'config') {
    const parsed = parseConfigText(text, '.incident-report.yaml');
    const result = parsed.ok ? validateConfig(parsed.data, RULE_IDS, '.incident-report.yaml') : { ok: false, errors: [parsed.error] };
    out = { diagnostics: result.ok ? 0 : result.errors.length, messages: result.ok ? [] : result.errors.slice(-2).map(short) };
  } else if (shape.run === 'fixAll') {
    const fixed = core.fixAll(text, env);
    out = { diagnostics: 0, changed: fixed.text !== text, messages: [] };
  } else {
    out = notable(core.lint(text, env).diagnostics);
  }
  const ms = performance.now() - t0;
  // What a lint of Fix All's input says (after the timing): whether it was refused.
  if (shape.run === 'fixAll') out.messages = notable(core.lint(text, env).diagnostics).messages;
  process.stdout.write(`${JSON.stringify({ shape: args.shape, size: args.size, chars: text.length, ms, baselineRssMb, peakRssMb: mb(process.resourceUsage().maxRSS), ...out })}\n`);
}

main();
