/**
 * The robustness harness shared by the fast slice (test/unit/robustness, part of
 * `npx mocha`) and the full run (`npm run fuzz`, scripts/fuzz.ts).
 *
 * `checkDocument(text)` puts one document through lint and through fix-all and throws an
 * `InvariantError` naming the first broken invariant:
 *
 *   1. lint never throws and no rule fails (the engine turns a throwing rule into an
 *      `internal-error` diagnostic: that counts as a crash here);
 *   2. every diagnostic's span lies inside the document, its range is the span's
 *      position (recomputed here independently: \r\n, \r and \n break lines), no range
 *      ends past its line's content, and every fix edit lies inside the document;
 *   3. fix-all (fixAllText, whose lints are recorded pass by pass): each pass's change is
 *      exactly the safe fix edits of that pass's diagnostics (`safeFixEdits`, as
 *      `applyEdits` applies them); the edits do not overlap, no edit boundary splits a
 *      CRLF or a surrogate pair, a value fix never removes a line break (only the
 *      timeline sort replaces several lines, and it keeps every row), and every character
 *      outside the edits is kept, in order: the text after the pass is rebuilt from the
 *      untouched segments of the text before it and the edits' new text, and compared
 *      exactly;
 *   4. no pass inserts a section that an earlier pass already inserted (a section placed
 *      where the report cannot see it, e.g. inside an unclosed code fence, would be
 *      inserted again on every pass), and fix-all is idempotent: run again on its own
 *      result (every save, with source.fixAll) it changes nothing; with crossCheck,
 *      `core.fixAll` (fresh parses) gives
 *      the same text, and its one minimal edit turns the original into the result.
 *      Stopping at the pass limit with safe edits left is not a failure (fixAllText's
 *      documented limit) but is counted: `stats.unconverged`;
 *   5. the result re-lints without new errors: per rule, error-level diagnostics after
 *      fix-all never outnumber those before, compared in the same mode. Not counted:
 *      (a) `sign-off`'s "N errors from other rules remain" summary (it restates the
 *      others' count);
 *      (b) errors lying wholly inside a skeleton fix-all inserted: a section inserted for
 *      `missing-section`, a front matter block or keys inserted by `front-matter`. In
 *      final mode the template's own placeholders, empty fields and unticked choices
 *      are errors (and an inserted `Owner: ""` is an empty Owner), so the insertion
 *      turns one "missing" error into "fill this in" errors at the places to fill: the
 *      quick fix SPEC asks for, not a regression. Any error OUTSIDE inserted text counts;
 *      (c) when fix-all closes the front matter block (an unterminated `---` swallows the
 *      report up to the next `---` line), the rules see text they could not see before
 *      (a Timeline heading, say, and so its table's broken rows): the baseline is then,
 *      per rule, the larger count of the original and of the original with only that
 *      closing edit applied (a later front matter fix can move the closing line back
 *      above text the original showed). (Closed in a later pass: errors
 *      wholly inside the former block are not counted.) Every other edit still counts;
 *      (d) when a fix changes the mode (closing the front matter reveals
 *      `Status: Resolved`), the original is re-linted in the new mode and compared with
 *      that;
 *   6. (optional) the incremental parser (a `ReportParser` reused across the passes) and
 *      a fresh parse give the same diagnostics.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { createIncidentCore, ReportParser, type Diagnostic, type IncidentCore, type LintResult, type TextEdit } from '../../src/core/index';
import { applyEdits } from '../../src/core/fix/edits';
import { fixAllText, safeFixEdits } from '../../src/core/fix/fixAll';

export const ROOT = resolve(__dirname, '..', '..');
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
export const NOW = new Date('2026-11-26T12:00:00Z');
export const TODAY = '2026-11-26';

export type Mode = 'auto' | 'draft' | 'final';

/** Every file under the fixture workspace, as workspace-relative paths: pathExists without disk access per call. */
const FIXTURE_FILES: ReadonlySet<string> = new Set(listFiles(FIXTURE_WORKSPACE).map((p) => relative(FIXTURE_WORKSPACE, p).split(sep).join('/')));

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(full, ...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** Whether a workspace-relative path exists in test/fixtures/workspace (the evidence files of the complete report). */
export function fixturePathExists(path: string): boolean | undefined {
  if (path.startsWith('/') || path.split(/[\\/]/).includes('..')) return undefined;
  return FIXTURE_FILES.has(path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, ''));
}

// ---------------------------------------------------------------------------------------
// Documents

export interface Base {
  readonly name: string;
  readonly text: string;
}

/** The bundled documents every mutation starts from. */
export function loadBases(core: IncidentCore = createIncidentCore()): Base[] {
  const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
  const fresh = core.newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
  const examples = readdirSync(join(ROOT, 'examples', 'incidents'))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => ({ name: `examples/incidents/${n}`, text: read(`examples/incidents/${n}`) }));
  return [
    { name: 'complete fixture (Resolved, lints clean in final mode)', text: read('test/fixtures/workspace/incidents/INC-20261020-001-checkout-outage.md') },
    { name: 'fresh report (newReport, Open)', text: fresh },
    { name: 'fresh report marked Closed (final mode, all placeholders)', text: fresh.replace('Status: Open', 'Status: Closed') },
    ...examples,
    { name: 'templates/default.md', text: read('templates/default.md') },
    { name: 'a small report', text: SMALL_REPORT },
  ];
}

const SMALL_REPORT = `---
Title: Cache stampede
Owner: Sam
Status: Resolved
LastUpdated: 2026-10-20
---

# Incident Report: Cache stampede

**Incident ID:** INC-20261020-002
**Date:** 2026-10-20
**Severity:** 🟡 Major

## 📋 Summary

**What happened:** Redis evictions.

**Duration:** 1h 5m

## 📊 Timeline (UTC)

| Time | Event | Actor |
|------|-------|-------|
| 14:02 | Incident detected | alert |
| 14:10 | Mitigation started | sam |
| 14:40 | Service restored | sam |
| 15:07 | Incident resolved | sam |

## ✅ Action Items

| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
| Add jitter | Sam | 2026-12-01 | 🟡 In Progress |
`;

// ---------------------------------------------------------------------------------------
// Mutations

export type Op =
  | { readonly op: 'delete'; readonly line: number }
  | { readonly op: 'duplicate'; readonly line: number }
  | { readonly op: 'swap'; readonly a: number; readonly b: number }
  | { readonly op: 'move'; readonly from: number; readonly to: number }
  | { readonly op: 'pipe'; readonly nth: number; readonly variant: number; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'insertLine'; readonly line: number; readonly text: string }
  | { readonly op: 'replaceLine'; readonly line: number; readonly text: string }
  | { readonly op: 'deleteChars'; readonly at: number; readonly length: number }
  | { readonly op: 'eol'; readonly style: 'lf' | 'crlf' | 'cr' | 'mixed'; readonly seed: number }
  | { readonly op: 'bom' }
  | { readonly op: 'nul'; readonly at: number }
  | { readonly op: 'long'; readonly line: number; readonly unit: string; readonly variant: number }
  | { readonly op: 'nest'; readonly line: number; readonly kind: 'list' | 'ordered' | 'task' | 'quote' | 'listQuote'; readonly depth: number }
  | { readonly op: 'truncate'; readonly at: number };

export interface Case {
  readonly base: number;
  readonly ops: readonly Op[];
  readonly mode: Mode;
  readonly fileName: string | undefined;
}

export const LONG_LINE = 10_000;

/** Pieces of incident reports and of Markdown that lead the rules into their corners. */
export const FRAGMENTS: readonly string[] = [
  '## Timeline (UTC)', '## 📊 Timeline (UTC)', '## 📋 Summary', '## ✅ Action Items', '## ✍️ Sign-off', '## 🔍 Root Cause Analysis', '## Summary', '##', '## ', '#', '###', '### Why It Happened',
  '| Time | Event | Actor |', '|------|-------|-------|', '|---|---|', '| 14:02 | Incident detected | alice |', '| 13:00 | Incident resolved | bob |', '| 14:10 | Mitigation started | x |',
  '| 14:40 | Service restored | y |', '| HH:MM | x | y |', '| 2026-10-20 14:02 | x | y |', '| 2026-10-20T14:02:00+02:00 | detected | y |', '| 2026-10-20T25:61:00Z | x | y |', '| 24:00 | x | y |', '| 9:5 | x | y |',
  '**Duration:** 2h 35m', '**Duration:** 155 minutes', '**Duration:** 1d 3h', '**Duration:**', '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-20261399-001', '**Incident ID:** INC-2026', '**Incident ID:**',
  '**Date:** 2026-10-20', '**Date:** 2099-01-01', '**Date:** 2026-02-30', '**Severity:** 🔴 Critical 🟡 Major', '**Severity:** 🟢 minor', '**Severity:** purple', '**What happened:**', '**Detection Time:** 14:02',
  '---', '***', '```', '~~~', '```bash', '    indented code', '<!-- a comment', '-->', '<!-- Brief description of the incident -->', '> ', '> > ', '- ', '* ', '1. ', '10) ',
  '- [x] Yes → Version:', '- [ ] No → Reason: ____', '- [x] No', '- [x] Other:', '- [x] Automated alert', '- [X] ', '- [ ]', 'Status: Resolved', 'Status: Closed', 'Status: Open', 'Status: resolved', 'LastUpdated: 2026-13-01', 'Title:', 'Owner: ""',
  '[YYYY-MM-DD]', 'HH:MM', '[Name]', 'XXXms', 'X.XX%', '[XX]%', '_______________', '[link]', '[Number]', '[Timestamp]', '[timestamp]', '[id]', '[5m]',
  'evidence/../etc/passwd', '/etc/passwd', 'C:\\evidence\\x.txt', 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt', 'evidence/rollback_[timestamp].txt', 'evidence/',
  '**Final Status:** ✅ Resolved', '**Final Status:**', '**Incident Closed By:** Dana', '**Incident Closed By:**', '| Action | Owner | Due Date | Status |', '| x | | 2020-01-01 | ⬜ Not Started |', '| y | z | 2026-02-31 | ✅ Done |', '| y | z | soon | maybe |',
  '| Error rate | 0.1% | 12% | 0.2% |', '| p95 | 180 ms | 2,340ms | 1.2s |', '| Metric | Before | During | After |', '**Budget consumed:** 5%', '**Before:** 99.9%', '**After:** 99.5%', '**Budget consumed:** 0.4%',
  'Status: {toString: Resolved}', 'Title: {toString: x}', 'Owner: [a, b]', 'LastUpdated: {x: 1}',
  'careless', 'human error', 'fault of', 'should have known', '[link]: http://x', '[Name]: <>', '<div>', '</div>', '\\', '`', '``', '**', '*', '_', '|', '||', '| |', ':--:', '---:', '\\|', '&amp;', '&#0;', '&#x110000;',
  '<https://x>', '![img](x)', '[^1]', '[^1]: note', '~~strike~~', '    ', '\t', '\t|\t',
  // Values with the writer's notes around them (#17): a fix rewrites the value, never the note.
  '**Incident ID:** INC-20261020-001 (see Slack thread, reopened from INC-20261019-003)', '**Incident ID:** <!-- reopened --> INC-20261020-007 (dup)',
  '**Duration:** roughly 3h, paging delay excluded', '**Duration:** about 45 minutes (est.)', '- Budget consumed: about 9% (finance to confirm)', '**Budget consumed:** ~0.3% per finance',
  '**Detection Time:** 14:02 (alert fired late)', '**Date:** 2026-10-20 (backfilled)', '**Severity:** 🔴 Critical (upgraded at 14:30)',
];

const UNICODE: readonly string[] = [
  '🔴', '🟡', '🟢', '✅', '⬜', '🔥', '👩‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇦', '👍🏽', '\u200d', '\ufe0f', '\u202e', '\u202c', '\u200f', '\u200e', '\u2066', '\u2069', 'שלום עולם', 'مرحبا بالعالم', 'تقرير', '١٤:٠٥', '۱۴:۰۵',
  'é', 'e\u0301', '\u0300\u0301\u0302', 'ﬁ', 'İ', 'ß', 'Ω', '\u00a0', '\u2000', '\u3000', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\ud800', '\udc00', '\udbff\udfff', '\ufeff', '\ufffd', '\uffff', '\u0000', '\u0001', '\u001b[31m',
  '𝐀', '𝟏𝟒:𝟎𝟐', '１４：０２', 'Ⅻ', '中文', '日本語', '한국어',
];

const LONG_UNITS: readonly string[] = ['x', ' ', '|', '| a ', '`', '*', '_', '[Name]', '🔥', 'ש', '\\', '-', '#', '> ', '[', '<', '&', 'evidence/', 'e\u0301'];

/** Lines with their own line break ('' for an unterminated last line). */
interface Line {
  content: string;
  eol: string;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    out.push({ content: text.slice(last, match.index), eol: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ content: text.slice(last), eol: '' });
  return out;
}

const joinLines = (lines: readonly Line[]): string => lines.map((l) => l.content + l.eol).join('');

function onLines(text: string, edit: (lines: Line[]) => void): string {
  const lines = splitLines(text);
  edit(lines);
  return joinLines(lines);
}

/** Applies one mutation; positions are taken modulo the current text, so every op applies somewhere. */
export function applyOp(text: string, op: Op): string {
  const mod = (n: number, size: number) => (size <= 0 ? 0 : n % size);
  switch (op.op) {
    case 'delete':
      return onLines(text, (lines) => void lines.splice(mod(op.line, lines.length), 1));
    case 'duplicate':
      return onLines(text, (lines) => {
        if (!lines.length) return;
        const at = mod(op.line, lines.length);
        const line = lines[at]!;
        lines.splice(at, 0, { content: line.content, eol: line.eol || '\n' });
      });
    case 'swap':
      return onLines(text, (lines) => {
        if (!lines.length) return;
        const a = lines[mod(op.a, lines.length)]!;
        const b = lines[mod(op.b, lines.length)]!;
        [a.content, b.content] = [b.content, a.content];
      });
    case 'move':
      return onLines(text, (lines) => {
        if (!lines.length) return;
        const [line] = lines.splice(mod(op.from, lines.length), 1);
        lines.splice(mod(op.to, lines.length + 1), 0, { content: line!.content, eol: line!.eol || '\n' });
      });
    case 'pipe':
      return onLines(text, (lines) => {
        const piped = lines.filter((l) => l.content.includes('|'));
        if (!piped.length) return;
        const line = piped[mod(op.nth, piped.length)]!;
        const c = line.content;
        const pipes = [...c].map((ch, i) => (ch === '|' ? i : -1)).filter((i) => i >= 0);
        const p = pipes[mod(op.at, pipes.length)]!;
        switch (mod(op.variant, 6)) {
          case 0: // drop one pipe
            line.content = c.slice(0, p) + c.slice(p + 1);
            break;
          case 1: // an extra pipe somewhere in the line
            line.content = c.slice(0, mod(op.at, c.length + 1)) + '|' + c.slice(mod(op.at, c.length + 1));
            break;
          case 2: // no leading / trailing pipes
            line.content = c.replace(/^\s*\|/, '').replace(/\|\s*$/, '');
            break;
          case 3: // an escaped pipe
            line.content = c.slice(0, p) + '\\|' + c.slice(p + 1);
            break;
          case 4: // every pipe gone
            line.content = c.replace(/\|/g, ' ');
            break;
          default: // a pipe inside a code span
            line.content = c.slice(0, p) + '`|`' + c.slice(p + 1);
        }
      });
    case 'insert': {
      const at = mod(op.at, text.length + 1);
      return text.slice(0, at) + op.text + text.slice(at);
    }
    case 'insertLine':
      return onLines(text, (lines) => void lines.splice(mod(op.line, lines.length + 1), 0, { content: op.text, eol: '\n' }));
    case 'replaceLine':
      return onLines(text, (lines) => {
        if (lines.length) lines[mod(op.line, lines.length)]!.content = op.text;
      });
    case 'deleteChars': {
      const at = mod(op.at, text.length + 1);
      return text.slice(0, at) + text.slice(at + op.length);
    }
    case 'eol': {
      let i = op.seed;
      const pick = (): string => {
        if (op.style !== 'mixed') return op.style === 'crlf' ? '\r\n' : op.style === 'cr' ? '\r' : '\n';
        i = (i * 1103515245 + 12345) % 2147483648;
        return ['\n', '\r\n', '\r'][i % 3]!;
      };
      return text.replace(/\r\n|\r|\n/g, pick);
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'nul': {
      const at = mod(op.at, text.length + 1);
      return `${text.slice(0, at)}\0${text.slice(at)}`;
    }
    case 'long': {
      const long = op.unit.repeat(Math.ceil(LONG_LINE / op.unit.length)).slice(0, LONG_LINE);
      return onLines(text, (lines) => {
        const at = mod(op.line, lines.length + 1);
        switch (mod(op.variant, 4)) {
          case 0:
            lines.splice(at, 0, { content: long, eol: '\n' });
            break;
          case 1:
            if (lines[at]) lines[at]!.content += long;
            else lines.push({ content: long, eol: '' });
            break;
          case 2:
            lines.splice(at, 0, { content: `| 14:0${mod(op.line, 10)} | ${long} | a |`, eol: '\n' });
            break;
          default:
            lines.splice(at, 0, { content: `**What happened:** ${long}`, eol: '\n' });
        }
      });
    }
    case 'nest': {
      const nested: string[] = [];
      for (let d = 0; d < op.depth; d++) {
        switch (op.kind) {
          case 'list':
            nested.push(`${'  '.repeat(d)}- level ${d}`);
            break;
          case 'ordered':
            nested.push(`${'   '.repeat(d)}1. level ${d}`);
            break;
          case 'task':
            nested.push(`${'  '.repeat(d)}- [${d % 2 ? 'x' : ' '}] Other: [Name]`);
            break;
          case 'quote':
            nested.push(`${'> '.repeat(d + 1)}**Duration:** HH:MM`);
            break;
          default:
            nested.push(`${'- > '.repeat(d + 1)}| 14:02 | x | y |`);
        }
      }
      return onLines(text, (lines) => void lines.splice(mod(op.line, lines.length + 1), 0, ...nested.map((content) => ({ content, eol: '\n' }))));
    }
    case 'truncate':
      return text.slice(0, mod(op.at, text.length + 1));
  }
}

export function buildText(bases: readonly Base[], c: Case): string {
  return c.ops.reduce(applyOp, bases[c.base % bases.length]!.text);
}

/** fast-check arbitraries of mutated reports. */
export function caseArbitrary(baseCount: number, options: { maxOps?: number; maxListDepth?: number; maxQuoteDepth?: number } = {}): fc.Arbitrary<Case> {
  const line = fc.nat({ max: 400 });
  const pos = fc.nat({ max: 20_000 });
  const fragment = fc.constantFrom(...FRAGMENTS);
  const unicode = fc.constantFrom(...UNICODE);
  const insertText = fc.oneof(
    { weight: 4, arbitrary: fragment },
    { weight: 2, arbitrary: unicode },
    { weight: 2, arbitrary: fc.array(fc.oneof(fragment, unicode, fc.constantFrom(' ', '\n', '\r\n', '\r', '|')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), line }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate' as const), line }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('swap' as const), a: line, b: line }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('move' as const), from: line, to: line }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('pipe' as const), nth: fc.nat({ max: 60 }), variant: fc.nat({ max: 5 }), at: fc.nat({ max: 10 }) }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, text: insertText }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insertLine' as const), line, text: insertText }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('replaceLine' as const), line, text: insertText }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteChars' as const), at: pos, length: fc.nat({ max: 400 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('lf' as const, 'crlf' as const, 'cr' as const, 'mixed' as const), seed: fc.nat({ max: 1000 }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('nul' as const), at: pos }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('long' as const), line, unit: fc.constantFrom(...LONG_UNITS), variant: fc.nat({ max: 3 }) }) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.record({ op: fc.constant('nest' as const), line, kind: fc.constantFrom('list' as const, 'ordered' as const, 'task' as const), depth: fc.integer({ min: 1, max: options.maxListDepth ?? 40 }) }),
        fc.record({ op: fc.constant('nest' as const), line, kind: fc.constantFrom('quote' as const, 'listQuote' as const), depth: fc.integer({ min: 1, max: options.maxQuoteDepth ?? 120 }) }),
      ),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  );
  return fc.record({
    base: fc.nat({ max: baseCount - 1 }),
    ops: fc.array(op, { minLength: 1, maxLength: options.maxOps ?? 6 }),
    mode: fc.constantFrom<Mode>('auto', 'auto', 'final', 'draft'),
    fileName: fc.constantFrom<string | undefined>(undefined, undefined, 'INC-20261020-001-checkout-outage.md', 'INC-20261124-002-other.md', 'notes.md'),
  });
}

// ---------------------------------------------------------------------------------------
// Invariants

export class InvariantError extends Error {
  override name = 'InvariantError';
}

export interface CheckOptions {
  readonly mode?: Mode;
  readonly fileName?: string;
  /** Also run core.fixAll and a fresh-parse lint of the result and compare (costs about two lints). */
  readonly crossCheck?: boolean;
  /**
   * A long-lived parser to lint with (one per base document makes a mutated report cost
   * only its changed sections). Default: a new one, so the first lint is a fresh parse.
   * The parser caches chunk models by their text; crossCheck compares with fresh parses.
   */
  readonly parser?: ReportParser;
}

export interface CheckStats {
  length: number;
  passes: number;
  diagnostics: number;
  edits: number;
  /** Error-level diagnostics not counted because they lie inside inserted skeletons or revealed front matter text, by rule. */
  exempted: Record<string, number>;
  modeChanged: boolean;
  /** Set when fix-all stopped at its pass limit with safe edits left: what they were. */
  unconverged: string | undefined;
}

const SIGN_OFF_SUMMARY = /errors? from other rules remains?/;

/** Puts one document through lint and fix-all; throws an InvariantError on the first broken invariant. */
export function checkDocument(core: IncidentCore, text: string, options: CheckOptions = {}): CheckStats {
  const request = { now: NOW, today: TODAY, mode: options.mode ?? 'auto', fileName: options.fileName, pathExists: fixturePathExists } as const;
  const parser = options.parser ?? new ReportParser();
  const lintAt = (current: string, where: string, useParser: boolean, mode: Mode = request.mode) => {
    let result;
    try {
      result = core.lint(current, useParser ? { ...request, mode, parser } : { ...request, mode });
    } catch (error) {
      throw new InvariantError(`lint threw (${where}): ${shortStack(error)}`);
    }
    checkDiagnostics(current, result.diagnostics, where);
    return result;
  };

  const first = lintAt(text, 'the document', true);
  const stats: CheckStats = { length: text.length, passes: 0, diagnostics: first.diagnostics.length, edits: 0, exempted: {}, modeChanged: false, unconverged: undefined };

  // Fix-all itself (fixAllText, as core.fixAll runs it), its lints recorded pass by pass.
  const seen: { text: string; result: LintResult }[] = [];
  let fixed: string;
  try {
    fixed = fixAllText(text, (current) => {
      const r = seen.length === 0 && current === text ? first : lintAt(current, `after fix-all pass ${seen.length}`, true);
      seen.push({ text: current, result: r });
      return r.diagnostics;
    }).text;
  } catch (error) {
    if (error instanceof InvariantError) throw error;
    throw new InvariantError(`fixAllText threw: ${shortStack(error)}`);
  }
  // Each pass's change must be exactly the safe fix edits of that pass's diagnostics
  // (all of them; or, as fixAllText now does, without those whose fix an earlier pass
  // already applied), each valid, everything else kept. Meanwhile track inserted text.
  let inserted: Span[] = [];
  // What the first lint read as front matter: text the rules could not see (exempt only once fix-all closes the block).
  let hidden: Span[] = first.model.frontMatter ? [first.model.frontMatter.span] : [];
  let closedFrontMatter = false;
  let closingEdits: TextEdit[] | undefined;
  const insertedSections = new Map<string, number>();
  const applied = new Set<string>();
  for (let k = 0; k < seen.length; k++) {
    const before = seen[k]!.text;
    const after = k + 1 < seen.length ? seen[k + 1]!.text : fixed;
    if (after === before) break;
    const diagnostics = seen[k]!.result.diagnostics;
    const all = safeFixEdits(diagnostics);
    // fixAllText skips problems whose fix an earlier pass applied; the key it tells them
    // apart by has changed over time (message, fix title): any of them may explain a pass.
    const candidates = [all, ...PROBLEM_KEYS.map((key) => safeFixEdits(diagnostics.filter((d) => !applied.has(key(d, before)))))];
    const edits = candidates.find((c) => applyEdits(before, c) === after);
    if (!edits) throw new InvariantError(`fix-all pass ${k + 1} changed the text in a way its safe fixes do not explain (or the harness is out of date with fixAllText):\n  safe edits: ${describeEdits(before, withRules(diagnostics, all))}`);
    const chosen = withRules(diagnostics, edits);
    for (const d of diagnostics) if (safeFixOf(d)?.edits.some((e) => edits.includes(e))) for (const key of PROBLEM_KEYS) applied.add(key(d, before));
    checkPass(before, chosen, after, k + 1);
    for (const { ruleId, edit } of chosen) {
      // The section's own edit, not the blank line or block closer put before it.
      if (ruleId !== 'missing-section' || !/^[\r\n]*#/.test(edit.newText)) continue;
      const heading = /^[^\r\n]*/.exec(edit.newText.replace(/^[\r\n]+/, ''))![0];
      const earlier = insertedSections.get(heading);
      if (earlier !== undefined) {
        throw new InvariantError(`fix-all inserts "${heading}" again in pass ${k + 1} (it inserted it in pass ${earlier}, where the report does not see it): fix-all duplicates the section`);
      }
      insertedSections.set(heading, k + 1);
    }
    inserted = mapInserted(inserted, chosen);
    hidden = mapInserted(hidden, chosen).slice(0, hidden.length);
    const closing = chosen.filter(({ ruleId, edit }) => ruleId === 'front-matter' && /(^|[\r\n])---/.test(edit.newText)).map(({ edit }) => edit);
    if (closing.length) {
      closedFrontMatter = true;
      // Closed in the first pass: its offsets are the original's.
      if (k === 0) closingEdits = closing;
    }
    stats.edits += edits.length;
    stats.passes = k + 1;
  }
  // fixAllText stops at its pass limit before linting its result.
  const stoppedAtLimit = seen[seen.length - 1]!.text !== fixed;
  const result = stoppedAtLimit ? lintAt(fixed, 'the fixed text', true) : seen[seen.length - 1]!.result;
  // Idempotent: fix-all run again on its own result (as on every save with
  // source.fixAll) starts with the safe edits of that result's lint: there must be none.
  const again = safeFixEdits(result.diagnostics);
  if (again.length && applyEdits(fixed, again) !== fixed) {
    const what = describeEdits(fixed, withRules(result.diagnostics, again));
    if (stoppedAtLimit) stats.unconverged = what;
    else {
      const duplicates = withRules(result.diagnostics, again).some(({ ruleId }) => ruleId === 'missing-section');
      throw new InvariantError(`fix-all is not idempotent: run again on its own result it edits ${what}${duplicates ? ' (fix-all duplicates the section on every run)' : ''}`);
    }
  }

  if (options.crossCheck) {
    if (options.parser) {
      const fresh = lintAt(text, 'the document, fresh parse', false);
      const a = fresh.diagnostics.map(diagKey).join('\n');
      const b = first.diagnostics.map(diagKey).join('\n');
      if (a !== b) throw new InvariantError(`incremental and fresh parse disagree on the document:\n${firstDifference(b, a)}`);
    }
    let viaCore;
    try {
      viaCore = core.fixAll(text, request);
    } catch (error) {
      throw new InvariantError(`core.fixAll threw: ${shortStack(error)}`);
    }
    if (viaCore.text !== fixed) throw new InvariantError(`core.fixAll differs from its passes applied one by one (incremental parse vs fresh?):\n  passes: ${JSON.stringify(fixed.slice(0, 300))}\n  fixAll: ${JSON.stringify(viaCore.text.slice(0, 300))}`);
    const edit = viaCore.edit;
    if ((edit === undefined) !== (fixed === text)) throw new InvariantError('core.fixAll returned an edit for an unchanged text, or none for a changed one');
    if (edit) {
      if (edit.span.start < 0 || edit.span.end > text.length || edit.span.start > edit.span.end) throw new InvariantError(`core.fixAll's edit ${edit.span.start}-${edit.span.end} lies outside the document (length ${text.length})`);
      if (applyEdits(text, [edit]) !== fixed) throw new InvariantError("core.fixAll's minimal edit does not turn the document into its result");
    }
    const fresh = lintAt(fixed, 'the fixed text, fresh parse', false);
    const a = fresh.diagnostics.map(diagKey).join('\n');
    const b = result.diagnostics.map(diagKey).join('\n');
    if (a !== b) throw new InvariantError(`incremental and fresh parse disagree on the fixed text:\n${firstDifference(b, a)}`);
  }

  // Re-lint without new errors, in the same mode. When fix-all closed the front matter in
  // its first pass, the report read with the block closed (and only that) is a baseline too:
  // what the rules could not see before is not fix-all's doing; every other edit still is.
  // A later front matter fix may move the closing line again and bring text back into the
  // body that the original reading showed, so per rule the larger count of the two readings
  // is the baseline.
  const original = result.mode !== first.mode ? lintAt(text, `the document in ${result.mode} mode`, false, result.mode) : first;
  const closedReading = closingEdits ? lintAt(applyEdits(text, closingEdits), `the document with its front matter closed, ${result.mode} mode`, false, result.mode) : undefined;
  stats.modeChanged = result.mode !== first.mode;
  const notCounted = closedFrontMatter && !closingEdits ? [...inserted, ...hidden] : inserted;
  const countBefore = errorCounts(original.diagnostics, []);
  if (closedReading) for (const [rule, n] of Object.entries(errorCounts(closedReading.diagnostics, []))) countBefore[rule] = Math.max(countBefore[rule] ?? 0, n);
  const exempted: Record<string, number> = {};
  const countAfter = errorCounts(result.diagnostics, notCounted, exempted);
  stats.exempted = exempted;
  for (const [rule, n] of Object.entries(countAfter)) {
    const was = countBefore[rule] ?? 0;
    if (n > was) {
      const added = result.diagnostics.filter((d) => d.ruleId === rule && d.severity === 'error' && !inside(d.span, notCounted));
      throw new InvariantError(
        `fix-all added ${rule} errors (${was} -> ${n}, ${result.mode} mode, ${stats.passes} pass(es)); after fix-all:\n${added.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message} | ${JSON.stringify(fixed.slice(d.span.start, Math.min(d.span.end, d.span.start + 80)))}`).join('\n')}`,
      );
    }
  }
  return stats;
}

/** An error's message and its first distinct stack frames (a stack overflow repeats one frame thousands of times). */
export function shortStack(error: unknown): string {
  const stack = (error as Error)?.stack ?? String(error);
  const lines = stack.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (out.length >= 12) break;
    if (out.length && out[out.length - 1] === line) continue;
    out.push(line);
  }
  return out.join('\n');
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface Chosen {
  readonly edit: TextEdit;
  readonly ruleId: string;
}

/** The rule each edit comes from: the diagnostic whose first safe fix holds that very edit object. */
function withRules(diagnostics: readonly Diagnostic[], edits: readonly TextEdit[]): Chosen[] {
  return edits.map((edit) => ({ edit, ruleId: diagnostics.find((d) => d.fixes.find((f) => f.safe && !f.createFile)?.edits.includes(edit))?.ruleId ?? '(unknown rule)' }));
}

function safeFixOf(d: Diagnostic) {
  return d.fixes.find((f) => f.safe && !f.createFile);
}

/** The ways fixAllText has told one problem from another across passes (by message, by its fix's title). */
const PROBLEM_KEYS: readonly ((d: Diagnostic, text: string) => string)[] = [
  (d) => `m\u0000${d.ruleId}\u0000${d.message}`,
  (d) => `t\u0000${d.ruleId}\u0000${safeFixOf(d)?.title ?? d.message}`,
  // fixAllText's current key: the fix's title and what each edit replaces with what.
  (d, text) => {
    const fix = safeFixOf(d);
    return fix ? ['c', d.ruleId, fix.title, ...fix.edits.map((e) => `${text.slice(e.span.start, e.span.end)}\u0001${e.newText}`)].join('\u0000') : `c\u0000${d.ruleId}\u0000${d.message}`;
  },
];

function describeEdits(text: string, chosen: readonly Chosen[]): string {
  return chosen.map(({ edit, ruleId }) => `${ruleId} ${edit.span.start}-${edit.span.end} ${JSON.stringify(text.slice(edit.span.start, edit.span.end).slice(0, 60))} -> ${JSON.stringify(edit.newText.slice(0, 60))}`).join('; ');
}

/** Independent offset -> position, with \r\n, \r and \n as line breaks. */
class Positions {
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const re = /\r\n|\r|\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      this.ends.push(m.index);
      this.starts.push(m.index + m[0].length);
    }
    this.ends.push(text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  lineLength(line: number): number {
    return this.ends[line]! - this.starts[line]!;
  }

  /** Whether an offset falls between the \r and \n of a CRLF or between the halves of a surrogate pair. */
  splitsPair(offset: number): string | undefined {
    if (offset <= 0 || offset >= this.text.length) return undefined;
    const before = this.text.charCodeAt(offset - 1);
    const after = this.text.charCodeAt(offset);
    if (before === 13 && after === 10) return 'a CRLF';
    if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return 'a surrogate pair';
    return undefined;
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

function checkDiagnostics(text: string, diagnostics: readonly Diagnostic[], where: string): void {
  const positions = new Positions(text);
  for (const d of diagnostics) {
    const label = `${d.ruleId} "${d.message}" (${where})`;
    if (d.ruleId === 'internal-error') throw new InvariantError(`a rule crashed (${where}): ${d.message}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') throw new InvariantError(`${label}: empty message`);
    if (!SEVERITIES.has(d.severity)) throw new InvariantError(`${label}: severity ${String(d.severity)}`);
    const { start, end } = d.span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) throw new InvariantError(`${label}: span ${start}-${end} outside the document (length ${text.length})`);
    const s = positions.position(start);
    const e = positions.position(end);
    const r = d.range;
    if (r.start.line !== s.line || r.start.character !== s.character || r.end.line !== e.line || r.end.character !== e.character) {
      throw new InvariantError(`${label}: range ${fmtRange(r)} is not the span's position ${fmtRange({ start: s, end: e })}`);
    }
    for (const p of [r.start, r.end]) {
      if (p.line >= positions.lineCount || p.character > positions.lineLength(p.line)) throw new InvariantError(`${label}: range ${fmtRange(r)} ends past its line (line ${p.line + 1} has ${positions.lineLength(p.line)} characters)`);
    }
    for (const f of d.fixes) {
      for (const edit of f.edits) {
        if (edit.span.start < 0 || edit.span.end < edit.span.start || edit.span.end > text.length || typeof edit.newText !== 'string') {
          throw new InvariantError(`${label}: fix "${f.title}" edits ${edit.span.start}-${edit.span.end}, outside the document (length ${text.length})`);
        }
      }
    }
  }
}

function fmtRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** One fix-all pass: edits valid, and the text outside them kept byte for byte, in order. */
function checkPass(before: string, chosen: readonly Chosen[], after: string, pass: number): void {
  const positions = new Positions(before);
  const sorted = [...chosen].sort((a, b) => a.edit.span.start - b.edit.span.start || a.edit.span.end - b.edit.span.end);
  let previous: Span | undefined;
  for (const { edit, ruleId } of sorted) {
    const { start, end } = edit.span;
    const what = `${ruleId} edit ${start}-${end} ${JSON.stringify(before.slice(start, end).slice(0, 80))} -> ${JSON.stringify(edit.newText.slice(0, 80))} (pass ${pass})`;
    if (start < 0 || end < start || end > before.length) throw new InvariantError(`${what}: outside the document (length ${before.length})`);
    // Insertions at one offset are applied in the order fix-all chose them (a stable sort).
    if (previous && start < previous.end) throw new InvariantError(`${what}: overlaps the previous edit`);
    previous = edit.span;
    for (const at of start === end ? [start] : [start, end]) {
      const split = positions.splitsPair(at);
      if (split) throw new InvariantError(`${what}: its boundary at ${at} splits ${split}`);
    }
    const removed = before.slice(start, end);
    if (ruleId === 'timeline-order') {
      const rows = (s: string) => splitLines(s).map((l) => l.content.trim()).filter((l) => l !== '').sort();
      if (rows(removed).join('\n') !== rows(edit.newText).join('\n')) throw new InvariantError(`${what}: the sort does not keep the same rows`);
    } else if (/[\r\n]/.test(removed)) {
      throw new InvariantError(`${what}: a value fix removes a line break`);
    } else {
      const lost = wordsLostBy(removed, edit.newText);
      if (lost.length) throw new InvariantError(`${what}: removes words the writer typed outside its target: ${JSON.stringify(lost)}`);
    }
  }
  // Rebuild: untouched segment, new text, untouched segment, ...
  let cursor = 0;
  let at = 0;
  const expectAt = (piece: string, what: string) => {
    if (after.slice(at, at + piece.length) !== piece) {
      throw new InvariantError(`fix-all pass ${pass} changed text outside its edits: ${what} ${JSON.stringify(piece.slice(0, 80))} not found at ${at} (found ${JSON.stringify(after.slice(at, at + 80))})`);
    }
    at += piece.length;
  };
  for (const { edit } of sorted) {
    expectAt(before.slice(cursor, edit.span.start), `untouched text ${cursor}-${edit.span.start}`);
    expectAt(edit.newText, `the new text of edit ${edit.span.start}-${edit.span.end}`);
    cursor = edit.span.end;
  }
  expectAt(before.slice(cursor), `untouched text ${cursor}-${before.length}`);
  if (at !== after.length) throw new InvariantError(`fix-all pass ${pass} left ${after.length - at} unexplained characters at the end`);
}

/**
 * What a value fix may remove is its target: a one-word value as a whole, or inside longer
 * text the target's own shapes (an ID, a number with its unit, a time or a date, a
 * placeholder, a level or status word). Any other word must still be in the new text (#17).
 */
const TARGET_WORD = /^(?:\d.*|INC-.*|[+-]\d.*|(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|d|days?|ms|PT\w*)|(?:YYYY|MM|DD|HH|XX|X|Name|Number|Timestamp|timestamp|link|id|TBD|tbd)|(?:critical|major|minor|open|investigating|mitigated|resolved|closed|done|progress|in|not|started|yes|no|utc|z)|_+)$/i;

function wordsLostBy(removed: string, newText: string): string[] {
  const words = removed.match(/[\p{L}\p{N}][\p{L}\p{N}'._:-]*/gu) ?? [];
  if (removed.trim() === '' || !/\s/.test(removed.trim())) return [];
  const kept = new Set(newText.match(/[\p{L}\p{N}][\p{L}\p{N}'._:-]*/gu) ?? []);
  return words.filter((word) => !kept.has(word) && !TARGET_WORD.test(word));
}

/** Maps the inserted spans through one pass's edits and adds the sections missing-section inserted in it. */
function mapInserted(inserted: readonly Span[], chosen: readonly Chosen[]): Span[] {
  const sorted = [...chosen].sort((a, b) => a.edit.span.start - b.edit.span.start || a.edit.span.end - b.edit.span.end);
  const map = (pos: number, bias: 'left' | 'right'): number => {
    let delta = 0;
    for (const { edit } of sorted) {
      const { start, end } = edit.span;
      const grow = edit.newText.length - (end - start);
      if (end < pos || (end === pos && (start < pos || bias === 'right'))) delta += grow;
      else if (start < pos && pos < end) return start + delta + (bias === 'right' ? edit.newText.length : 0);
      else break;
    }
    return pos + delta;
  };
  const out = inserted.map((s) => ({ start: map(s.start, 'left'), end: map(s.end, 'right') }));
  let delta = 0;
  for (const { edit, ruleId } of sorted) {
    const start = edit.span.start + delta;
    if (ruleId === 'missing-section' || (ruleId === 'front-matter' && edit.span.start === edit.span.end)) out.push({ start, end: start + edit.newText.length });
    delta += edit.newText.length - (edit.span.end - edit.span.start);
  }
  return out;
}

function inside(span: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => s.start <= span.start && span.end <= s.end);
}

function errorCounts(diagnostics: readonly Diagnostic[], inserted: readonly Span[], exempted?: Record<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (d.ruleId === 'sign-off' && SIGN_OFF_SUMMARY.test(d.message)) continue;
    if (inside(d.span, inserted)) {
      if (exempted) exempted[d.ruleId] = (exempted[d.ruleId] ?? 0) + 1;
      continue;
    }
    counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
  }
  return counts;
}

function diagKey(d: Diagnostic): string {
  return `${fmtRange(d.range)} ${d.severity} ${d.ruleId}: ${d.message} [${d.fixes.map((f) => `${f.title}${f.safe ? '*' : ''}:${f.edits.map((e) => `${e.span.start}-${e.span.end}=${JSON.stringify(e.newText)}`).join(',')}`).join('; ')}]`;
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return `  incremental: ${la[i] ?? '(none)'}\n  fresh:       ${lb[i] ?? '(none)'}`;
  return '';
}

// ---------------------------------------------------------------------------------------
// Known bugs

/**
 * Bugs found by this harness and not fixed yet. Each has its own failing test (test/unit/
 * robustness/knownBugs.test.ts). The broad fast-slice tests (corpus, fast-check) tolerate a
 * failure of a known bug's class ONLY while its minimal repro still reproduces it, so they
 * keep checking every other invariant meanwhile, and enforce this one again by themselves
 * once the bug is fixed. `npm run fuzz` tolerates nothing: it reports every class.
 */
export interface KnownBug {
  readonly id: string;
  readonly title: string;
  readonly matches: (message: string) => boolean;
  readonly repro: string;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  // Empty: every bug the harness found is fixed; each keeps its regression test in
  // test/unit/robustness/knownBugs.test.ts. A newly found, not yet fixed bug goes here
  // with its minimal repro, so the broad runs keep checking everything else meanwhile.
];

/** Runs checkDocument; a failure of a still-reproducible known bug is returned (tolerated) instead of thrown. */
export function checkTolerating(core: IncidentCore, text: string, options: CheckOptions, known: readonly KnownBug[]): KnownBug | undefined {
  try {
    checkDocument(core, text, options);
    return undefined;
  } catch (error) {
    const bug = error instanceof InvariantError ? known.find((b) => b.matches(error.message)) : undefined;
    if (!bug) throw error;
    return bug;
  }
}

let reproducible: KnownBug[] | undefined;

/** The known bugs whose repro still fails with their class of failure (checked once per process, default template). */
export function reproducibleKnownBugs(core: IncidentCore): KnownBug[] {
  return (reproducible ??= KNOWN_BUGS.filter((bug) => {
    try {
      checkDocument(core, bug.repro);
      return false;
    } catch (error) {
      return error instanceof InvariantError && bug.matches(error.message);
    }
  }));
}

// ---------------------------------------------------------------------------------------
// Runs

/** A failure's class: its first line with numbers and quoted text blanked. */
export function signature(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .replace(/(\(?[a-z-]+\)? N-N "…" -> "…"(; )?)+/g, '<edits> ')
    .slice(0, 160);
}

export interface Shrunk {
  readonly case: Case;
  readonly text: string;
  readonly message: string;
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
}

/**
 * Replays run `index` of `seed` and lets fast-check shrink it, keeping only inputs that
 * fail with the same signature, so the minimal input shows the same bug.
 */
export function shrinkCase(core: IncidentCore, bases: readonly Base[], arbitrary: fc.Arbitrary<Case>, seed: number, index: number, wanted: string, crossCheck: boolean, onAttempt?: (n: number) => void): Shrunk | undefined {
  let attempts = 0;
  const property = fc.property(arbitrary, (c) => {
    onAttempt?.(attempts++);
    try {
      checkDocument(core, buildText(bases, c), { mode: c.mode, fileName: c.fileName, crossCheck });
    } catch (error) {
      if (error instanceof InvariantError && signature(error.message) === wanted) throw error;
    }
  });
  const details = fc.check(property, { seed, path: String(index), numRuns: index + 1 });
  if (!details.failed || !details.counterexample) return undefined;
  const c = details.counterexample[0];
  const error = details.errorInstance;
  return { case: c, text: buildText(bases, c), message: error instanceof Error ? error.message : String(error), seed, path: details.counterexamplePath ?? String(index), shrinks: details.numShrinks };
}

/** What one failure prints: how to replay it and the minimal input as a JSON string. */
export function describeShrunk(s: Shrunk): string {
  return [
    `  seed ${s.seed}, path "${s.path}" (${s.shrinks} shrinks); mode ${s.case.mode}, fileName ${s.case.fileName ?? '(none)'}`,
    `  ops: ${JSON.stringify(s.case.ops)} on base #${s.case.base}`,
    `  minimal input (${s.text.length} chars): ${s.text.length <= 4000 ? JSON.stringify(s.text) : `${JSON.stringify(s.text.slice(0, 4000))}…`}`,
    `  ${s.message.split('\n').join('\n  ')}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------
// Corpora

/** The CommonMark spec's examples (npm commonmark-spec), `→` turned into the tab it stands for. */
export function commonmarkExamples(): { number: number; section: string; markdown: string }[] {
  const spec = require('commonmark-spec') as { tests: { markdown: string; section: string; number: number }[] };
  return spec.tests.map((t) => ({ number: t.number, section: t.section, markdown: t.markdown.replace(/→/g, '\t') }));
}

/**
 * Cases in the style of the GFM spec's tables (4.10) and task list items (5.3) extensions,
 * plus the malformed shapes reports get: every one is linted alone and inside a report.
 */
export const GFM_CASES: readonly { readonly name: string; readonly markdown: string }[] = [
  { name: 'table', markdown: '| foo | bar |\n| --- | --- |\n| baz | bim |\n' },
  { name: 'table with alignment, no outer pipes', markdown: '| abc | defghi |\n:-: | -----------:\nbar | baz\n' },
  { name: 'escaped pipes in cells', markdown: '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n' },
  { name: 'table ended by a block quote', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n' },
  { name: 'table ended by a blank line', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n' },
  { name: 'delimiter row with too few cells (not a table)', markdown: '| abc | def |\n| --- |\n| bar |\n' },
  { name: 'rows with too few and too many cells', markdown: '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n' },
  { name: 'header and delimiter only', markdown: '| abc | def |\n| --- | --- |\n' },
  { name: 'one column without pipes on the delimiter', markdown: '| a |\n---\n| b |\n' },
  { name: 'table in a list item', markdown: '- | a | b |\n  |---|---|\n  | 1 | 2 |\n' },
  { name: 'table in a block quote', markdown: '> | Time | Event | Actor |\n> |---|---|---|\n> | 14:02 | x | y |\n' },
  { name: 'table with empty cells and trailing spaces', markdown: '| Time | Event | Actor |   \n|---|---|---|\n|  |  |  |\n| 14:02 |\n' },
  { name: 'table with inline code holding pipes', markdown: '| Time | Event | Actor |\n|---|---|---|\n| 14:02 | `a | b` | c |\n' },
  { name: 'table with HTML and links', markdown: '| Time | Event | Actor |\n|---|---|---|\n| <b>14:02</b> | [x](http://y "t\\|z") | <img src=x> |\n' },
  { name: 'table directly after a paragraph', markdown: 'text\n| Time | Event | Actor |\n|---|---|---|\n| 14:02 | x | y |\n' },
  { name: 'setext-looking delimiter', markdown: 'Time | Event\n--- | ---\n' },
  { name: 'task list', markdown: '- [ ] foo\n- [x] bar\n' },
  { name: 'nested task list', markdown: '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n' },
  { name: 'task markers in odd places', markdown: '* [X] upper\n+ [ ]\n1. [x] ordered\n- [ ]no space\n- [x]\ttab\n- [ ] \n' },
  { name: 'task list in a quote and a table cell', markdown: '> - [x] Yes → Version: v1\n\n| a |\n|---|\n| - [x] b |\n' },
  { name: 'not a task: indented code and escaped bracket', markdown: '-     [x] code\n- \\[x] escaped\n- [x](link)\n' },
  { name: 'strikethrough and autolinks', markdown: '~~a~~ ~b~ www.example.com https://x.y/z?a=1 user@example.com\n' },
  { name: 'footnotes', markdown: 'x[^1]\n\n[^1]: note\n    more\n' },
];

/** A report skeleton with a slot inside a section, where corpus snippets are embedded. */
export function embed(report: string, snippet: string, where: 'summary' | 'timeline' | 'end'): string {
  if (where === 'end') return `${report}\n${snippet}`;
  const heading = where === 'summary' ? /^## .*Summary.*$/m : /^## .*Timeline.*$/m;
  const match = heading.exec(report);
  if (!match) return `${report}\n${snippet}`;
  const at = match.index + match[0].length;
  return `${report.slice(0, at)}\n\n${snippet}\n${report.slice(at)}`;
}
