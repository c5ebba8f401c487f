/**
 * Shared unit-test helpers. Keep this API small and stable: several test files import it.
 *
 *   TODAY, NOW                  '2026-11-26' and 2026-11-26T12:00:00Z, the default clock.
 *   FIXTURE_FILE_NAME           'INC-20261020-001-checkout-outage.md'.
 *   complete()                  the complete Critical report fixture (lints clean in final mode).
 *   mutate(text, from, to)      replaces the ONE occurrence of `from` (throws when it occurs 0 or 2+ times).
 *   lint(text, options?)        the engine's full result (diagnostics with severity, span, range, fixes).
 *   lintWith(text, options?)    compact snapshots, one per diagnostic, in engine order:
 *                                 '38:1-38:40 timeline-order: Timeline goes backwards: ...'
 *                               1-based line:column like the CLI; the end column is exclusive
 *                               (CLI endColumn). Severity is not in the snapshot: use lint().
 *   snapshot(diagnostic)        one such string.
 *   rangeOf(text, needle, n?)   the '1:1-1:5' range of the ONE occurrence of `needle` (or its
 *                               first `n` characters), to assert ranges by content.
 *   spanRange(text, span)       the same for a span.
 *   REPO_ROOT, FIXTURE_WORKSPACE  absolute paths of the clone and of test/fixtures/workspace.
 *   fixesOf(result, ruleId)     every fix of that rule's diagnostics.
 *   applyFix(text, fix)         the text with the fix's edits applied.
 *   fixturePathExists           pathExists over test/fixtures/workspace (the default).
 *   assertFixes(text, ruleId, options?)
 *                               for EVERY fix of every `ruleId` diagnostic: applying it removes that
 *                               diagnostic (fewer `ruleId` diagnostics with its message remain),
 *                               adds no error-level diagnostic of any rule
 *                               (per-rule error counts never grow), and the text is stable: applying
 *                               that rule's fixes again converges, after which none is offered.
 *                               Throws when there is no fix at all. Returns the fixed texts, one per fix.
 *
 * LintWithOptions: { rules?: ids or Rule objects to run (default: every registered rule),
 *   mode?: 'auto'|'draft'|'final' (default 'auto': from the front matter Status),
 *   today?, now?, fileName? (default none), pathExists? (default fixturePathExists; pass
 *   `undefined` explicitly for "unknown"), config? (the engine's {rules, mode}),
 *   templateText? (a custom template's Markdown; default: the shipped template) }.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/core/config';
import { lint as engineLint, type LintResult } from '../../src/core/engine';
import { applyEdits } from '../../src/core/fix/edits';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rules/rule';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { buildTemplateModel, defaultTemplateModel, type IdentityConfig } from '../../src/core/template/templateModel';
import { LineIndex } from '../../src/core/text/lineIndex';
import type { Diagnostic, Fix, Span } from '../../src/core/types';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const FIXTURE_WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
export const FIXTURE_FILE_NAME = 'INC-20261020-001-checkout-outage.md';
export const TODAY = '2026-11-26';
export const NOW = new Date('2026-11-26T12:00:00Z');

let fixtureText: string | undefined;

/** The complete, consistent Critical report; lints clean in final mode with TODAY. */
export function complete(): string {
  fixtureText ??= readFileSync(join(FIXTURE_WORKSPACE, 'incidents', FIXTURE_FILE_NAME), 'utf8');
  return fixtureText;
}

/** Replaces the one occurrence of `from`; throws when it is absent or ambiguous. */
export function mutate(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`mutate: ${JSON.stringify(from)} not found`);
  if (text.indexOf(from, at + 1) >= 0) throw new Error(`mutate: ${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Whether a workspace-relative path exists under test/fixtures/workspace (never outside it). */
export function fixturePathExists(relativePath: string): boolean | undefined {
  const full = resolve(FIXTURE_WORKSPACE, relativePath);
  if (full !== FIXTURE_WORKSPACE && !full.startsWith(FIXTURE_WORKSPACE + sep)) return false;
  return existsSync(full);
}

export interface LintWithOptions {
  readonly rules?: readonly (string | Rule)[];
  readonly mode?: 'auto' | 'draft' | 'final';
  readonly today?: string;
  readonly now?: Date;
  readonly fileName?: string;
  readonly pathExists?: ((relativePath: string) => boolean | undefined) | undefined;
  readonly config?: Pick<Config, 'rules' | 'mode'>;
  readonly templateText?: string;
  /** Config's `idPattern` and `severityLevels`, over what the template declares. */
  readonly identity?: IdentityConfig;
}

function selectRules(rules: readonly (string | Rule)[] | undefined): readonly Rule[] {
  if (!rules) return RULES;
  return rules.map((r) => {
    if (typeof r !== 'string') return r;
    const found = RULES.find((rule) => rule.id === r);
    if (!found) throw new Error(`lint: no registered rule "${r}"`);
    return found;
  });
}

/** The engine's full result for `text`. */
export function lint(text: string, options: LintWithOptions = {}): LintResult {
  const now = options.now ?? NOW;
  const template = options.templateText === undefined ? defaultTemplateModel(DEFAULT_TEMPLATE, options.identity) : buildTemplateModel(options.templateText, options.identity);
  return engineLint(text, {
    template,
    config: options.config,
    mode: options.mode ?? 'auto',
    rules: selectRules(options.rules),
    env: {
      now,
      today: options.today ?? TODAY,
      fileName: options.fileName,
      pathExists: 'pathExists' in options ? options.pathExists : fixturePathExists,
    },
  });
}

/** `L:C-L:C rule-id: message`, 1-based, end column exclusive. */
export function snapshot(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${d.ruleId}: ${d.message}`;
}

/** Snapshots of every diagnostic, in the engine's order. */
export function lintWith(text: string, options: LintWithOptions = {}): string[] {
  return lint(text, options).diagnostics.map(snapshot);
}

/** `L:C-L:C` (1-based, end exclusive) of a span of `text`. */
export function spanRange(text: string, span: Span): string {
  const { start, end } = new LineIndex(text).rangeOf(span);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

/** `L:C-L:C` of the one occurrence of `needle` (or of its first `length` characters). */
export function rangeOf(text: string, needle: string, length = needle.length): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`rangeOf: ${JSON.stringify(needle)} not found`);
  if (text.indexOf(needle, at + 1) >= 0) throw new Error(`rangeOf: ${JSON.stringify(needle)} occurs more than once`);
  return spanRange(text, { start: at, end: at + length });
}

export function fixesOf(result: LintResult, ruleId: string): Fix[] {
  return result.diagnostics.filter((d) => d.ruleId === ruleId).flatMap((d) => d.fixes);
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** See the header: every fix of `ruleId` removes its problem, adds no error and converges. */
export function assertFixes(text: string, ruleId: string, options: LintWithOptions = {}): string[] {
  const before = lint(text, options);
  const fixes = before.diagnostics.filter((d) => d.ruleId === ruleId).flatMap((d) => d.fixes.map((fix) => ({ fix, message: d.message })));
  if (fixes.length === 0) throw new Error(`assertFixes: no ${ruleId} fix offered`);
  const count = (r: LintResult, id: string, severity?: string) => r.diagnostics.filter((d) => d.ruleId === id && (!severity || d.severity === severity)).length;
  const same = (r: LintResult, message: string) => r.diagnostics.filter((d) => d.ruleId === ruleId && d.message === message).length;
  const errorsByRule = (r: LintResult) => new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId));
  const results: string[] = [];
  for (const { fix, message } of fixes) {
    const fixed = applyFix(text, fix);
    if (fixed === text) throw new Error(`assertFixes: "${fix.title}" changes nothing`);
    const after = lint(fixed, options);
    if (same(after, message) >= same(before, message)) {
      throw new Error(`assertFixes: "${fix.title}" leaves "${message}":\n${after.diagnostics.filter((d) => d.ruleId === ruleId).map(snapshot).join('\n')}`);
    }
    for (const id of errorsByRule(after)) {
      if (count(after, id, 'error') > count(before, id, 'error')) {
        throw new Error(`assertFixes: "${fix.title}" adds ${id} errors:\n${after.diagnostics.filter((d) => d.ruleId === id).map(snapshot).join('\n')}`);
      }
    }
    // Converges: keep applying the rule's first fix; it must run out, and then nothing is offered.
    let current = fixed;
    for (let round = 0; ; round++) {
      const next = fixesOf(lint(current, options), ruleId)[0];
      if (!next) break;
      if (round >= 50) throw new Error(`assertFixes: ${ruleId} fixes do not converge after "${fix.title}"`);
      const applied = applyFix(current, next);
      if (applied === current) throw new Error(`assertFixes: "${next.title}" is offered but changes nothing`);
      current = applied;
    }
    results.push(fixed);
  }
  return results;
}

/** Per rule id, how many error-level diagnostics `lint(text, options)` reports (fix invariants compare them). */
export function errorCounts(text: string, options: LintWithOptions = {}): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of lint(text, options).diagnostics) if (d.severity === 'error') counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
  return counts;
}
