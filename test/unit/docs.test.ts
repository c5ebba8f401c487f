/**
 * The rule documentation under docs/rules/ is tested: its examples are run through the
 * engine, and the pages are checked against the rule registry.
 *
 * EXAMPLE FORMAT. A fenced block whose info string is `markdown ok` or `markdown not-ok`,
 * followed by optional `key=value` attributes (a value with spaces in double or single
 * quotes; single quotes let it hold a double quote):
 *
 *   ```markdown not-ok mode=final base=complete expect="is missing"
 *   ## 📊 Timeline (UTC)
 *   ...
 *   ```
 *
 * Use a longer fence (````) when the example itself holds a ``` code block. Blocks with
 * any other info string (`markdown`, `json`, ...) are illustrations and are not run.
 *
 * Attributes (an unknown attribute fails the test, so a typo cannot silently skip a check):
 *   base=complete   the block is spliced into the complete fixture
 *                   test/fixtures/workspace/incidents/INC-20261020-001-checkout-outage.md.
 *                   Without `base`, the block is the whole document.
 *   part=section    (the default with base=complete) the block replaces one `##` section of
 *                   the fixture: the one named by `section="..."`, else the one whose heading
 *                   has the same words as the block's first `## ` line (emoji, punctuation,
 *                   case ignored: wordsKey). The section replaced runs from its `## ` line up
 *                   to the `---` line that closes it (the last `---` line before the next
 *                   `## ` heading, or before the end of the file); that `---` line stays.
 *                   The block (trailing blank lines trimmed) is followed by one blank line.
 *                   An empty block deletes the section.
 *   part=header     the block replaces the header field lines: everything between the
 *                   `# ` title line and the first `---` line after it.
 *   part=front-matter  the block replaces the front matter, both `---` fences included
 *                   (so the block writes its own fences; an empty block removes it).
 *   section="..."   which fixture section part=section replaces.
 *   mode=draft|final|auto   the lint mode (default draft; `auto` takes it from the front
 *                   matter Status, as the editor does; `final` is the CLI's --final).
 *   today=YYYY-MM-DD  the caller's UTC date (default 2026-11-26); "now" is noon UTC that day.
 *   fileName=...    the report's file name (default: none, as for an untitled document).
 *   workspace=none  no workspace: pathExists and incidentExists are undefined (default: test/fixtures/workspace,
 *                   read with node:fs, never outside that folder).
 *   also=a,b        further rules to run before the page's rule (only sign-off needs this:
 *                   it reports the errors other rules left). Assertions concern the page's
 *                   rule only.
 *   expect="..."    (not-ok) one of the page rule's messages contains this text.
 *   severity=...    (not-ok) that diagnostic (with expect, one whose message contains it)
 *                   has this level: error, warning, info or hint (the default config).
 *
 * ASSERTIONS. Each example is linted with only the page's rule (plus `also`), the shipped
 * default template, and the options above. A `not-ok` example yields at least one
 * diagnostic of the page's rule (with `expect`, one whose message contains it); an `ok`
 * example yields none. No example may yield an `internal-error`.
 *
 * The pages themselves: every rule in RULES has docs/rules/<id>.md; every page's title is
 * `# <id>` of a rule (or internal-error); every rule page has the sections What it checks,
 * Why, Severity, Examples, Fix, Details, at least one ok and one not-ok example, and states
 * its default levels as "Draft: **level**" / "Final: **level**"; docsUrl(id) ends with
 * docs/rules/<id>.md; README.md links every page and lists the same default levels.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTERNAL_RULE_ID, lint } from '../../src/core/engine';
import { RULES } from '../../src/core/rules';
import { docsUrl, type Rule } from '../../src/core/rules/rule';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../src/core/template/templateModel';
import { wordsKey } from '../../src/core/text/normalize';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..');
const DOCS = join(ROOT, 'docs', 'rules');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const COMPLETE = readFileSync(join(WORKSPACE, 'incidents', 'INC-20261020-001-checkout-outage.md'), 'utf8');
const TEMPLATE = defaultTemplateModel(DEFAULT_TEMPLATE);
const ATTRIBUTES = new Set(['base', 'part', 'section', 'mode', 'today', 'fileName', 'workspace', 'also', 'expect', 'severity']);
const RULE_SECTIONS = ['What it checks', 'Why', 'Severity', 'Examples', 'Fix', 'Details'];

interface Example {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly kind: 'ok' | 'not-ok';
  readonly attributes: ReadonlyMap<string, string>;
  readonly body: string;
}

/** Fenced blocks of a page (CommonMark fences: ``` or ~~~, closed by a fence at least as long). */
function fencedBlocks(text: string): { line: number; endLine: number; info: string; body: string }[] {
  const lines = text.split(/\r?\n/);
  const blocks: { line: number; endLine: number; info: string; body: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    const closes = (line: string): boolean => new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line);
    for (; j < lines.length && !closes(lines[j]!); j++) body.push(lines[j]!);
    blocks.push({ line: i + 1, endLine: j + 1, info: open[2]!.trim(), body: body.join('\n') });
    i = j;
  }
  return blocks;
}

function parseAttributes(text: string, where: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const token of text.matchAll(/\s*([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|\s*(\S+)/g)) {
    if (token[5] !== undefined) throw new Error(`${where}: "${token[5]}" is not a key=value attribute`);
    const key = token[1]!;
    if (!ATTRIBUTES.has(key)) throw new Error(`${where}: unknown attribute "${key}"`);
    if (attributes.has(key)) throw new Error(`${where}: attribute "${key}" given twice`);
    attributes.set(key, token[2] ?? token[3] ?? token[4]!);
  }
  return attributes;
}

function examplesOf(page: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const block of fencedBlocks(text)) {
    const info = /^markdown\s+(ok|not-ok)(?:\s+(.*))?$/.exec(block.info);
    if (!info) continue;
    const where = `${page}:${block.line}`;
    const attributes = parseAttributes(info[2] ?? '', where);
    if (info[1] === 'ok' && (attributes.has('expect') || attributes.has('severity'))) throw new Error(`${where}: expect and severity are for not-ok examples`);
    examples.push({ page, line: block.line, kind: info[1] as 'ok' | 'not-ok', attributes, body: block.body });
  }
  return examples;
}

/** Start offsets of each line of `text` (LF or CRLF). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineAt(text: string, starts: readonly number[], index: number): string {
  return text.slice(starts[index]!, index + 1 < starts.length ? starts[index + 1]! : text.length).replace(/\r?\n$/, '');
}

/** The document an example stands for (see the header for the splice). */
function documentOf(example: Pick<Example, 'attributes' | 'body'>, base = COMPLETE): string {
  const attrs = example.attributes;
  const block = example.body.replace(/\s+$/, '');
  if (!attrs.has('base')) return example.body.length > 0 ? `${example.body}\n` : '';
  if (attrs.get('base') !== 'complete') throw new Error(`base must be "complete", not "${attrs.get('base')}"`);
  const starts = lineStarts(base);
  const count = starts.length;
  const part = attrs.get('part') ?? 'section';
  const splice = (start: number, end: number, text: string): string => base.slice(0, start) + text + base.slice(end);
  const isBreak = (i: number): boolean => /^ {0,3}---\s*$/.test(lineAt(base, starts, i));
  if (part === 'front-matter') {
    if (!isBreak(0)) throw new Error('the base has no front matter');
    let close = 1;
    while (close < count && !isBreak(close)) close++;
    const end = close + 1 < count ? starts[close + 1]! : base.length;
    return splice(0, end, block ? `${block}\n` : '');
  }
  if (part === 'header') {
    const title = [...Array(count).keys()].find((i) => /^# /.test(lineAt(base, starts, i)));
    if (title === undefined) throw new Error('the base has no # title');
    let next = title + 1;
    while (next < count && !isBreak(next)) next++;
    return splice(starts[title + 1]!, starts[next]!, `\n${block}\n\n`);
  }
  if (part !== 'section') throw new Error(`part must be section, header or front-matter, not "${part}"`);
  const heading = attrs.get('section') ?? block.split('\n').find((l) => /^## /.test(l))?.slice(3);
  if (heading === undefined) throw new Error('part=section needs section="..." or a ## heading in the block');
  const key = wordsKey(heading);
  const first = [...Array(count).keys()].find((i) => /^## /.test(lineAt(base, starts, i)) && wordsKey(lineAt(base, starts, i).slice(3)) === key);
  if (first === undefined) throw new Error(`the base has no section "## ${heading}"`);
  let next = first + 1;
  while (next < count && !/^## /.test(lineAt(base, starts, next))) next++;
  let close = next - 1;
  while (close > first && !isBreak(close)) close--;
  const endLine = close > first ? close : next;
  const end = endLine < count ? starts[endLine]! : base.length;
  return splice(starts[first]!, end, block ? `${block}\n\n` : '');
}

/** Whether a workspace-relative path exists under test/fixtures/workspace (never outside it). */
function workspacePathExists(relativePath: string): boolean {
  const full = resolve(WORKSPACE, relativePath);
  if (full !== WORKSPACE && !full.startsWith(WORKSPACE + sep)) return false;
  return existsSync(full);
}

/** Whether a report of test/fixtures/workspace has this incident ID (its file names start with the ID). */
function workspaceIncidentExists(id: string): boolean {
  return readdirSync(join(WORKSPACE, 'incidents')).some((name) => name.startsWith(`${id}-`));
}

function ruleById(id: string): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule "${id}"`);
  return rule;
}

function run(rule: Rule, example: Example) {
  const attrs = example.attributes;
  const mode = attrs.get('mode') ?? 'draft';
  if (mode !== 'draft' && mode !== 'final' && mode !== 'auto') throw new Error(`mode must be draft, final or auto, not "${mode}"`);
  const today = attrs.get('today') ?? '2026-11-26';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, not "${today}"`);
  const workspace = attrs.get('workspace');
  if (workspace !== undefined && workspace !== 'none') throw new Error(`workspace can only be "none"`);
  const also = (attrs.get('also') ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(ruleById);
  const text = documentOf(example);
  const result = lint(text, {
    template: TEMPLATE,
    mode,
    rules: [...also, rule],
    env: { today, now: new Date(`${today}T12:00:00Z`), fileName: attrs.get('fileName'), pathExists: workspace === 'none' ? undefined : workspacePathExists, incidentExists: workspace === 'none' ? undefined : workspaceIncidentExists },
  });
  return { text, diagnostics: result.diagnostics };
}

function pages(): string[] {
  return readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();
}

function read(page: string): string {
  return readFileSync(join(DOCS, page), 'utf8');
}

function titleOf(text: string): string | undefined {
  return /^# (.+)$/m.exec(text)?.[1]?.trim();
}

/** The body of a `## heading` of a page, up to the next `## ` heading outside a fenced block. */
function sectionOf(text: string, heading: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const inFence = new Set<number>();
  for (const block of fencedBlocks(text)) for (let i = block.line - 1; i < block.endLine; i++) inFence.add(i);
  const isHeading = (i: number, title?: string): boolean => !inFence.has(i) && (title === undefined ? /^## /.test(lines[i]!) : lines[i]!.trim() === `## ${title}`);
  const start = lines.findIndex((_, i) => isHeading(i, heading));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !isHeading(end)) end++;
  return lines.slice(start + 1, end).join('\n');
}

describe('rule documentation', () => {
  describe('pages', () => {
    it('every rule has docs/rules/<id>.md, and internal-error and README.md exist', () => {
      const missing = RULES.map((r) => `${r.id}.md`).filter((p) => !existsSync(join(DOCS, p)));
      assert.deepEqual(missing, []);
      assert.ok(existsSync(join(DOCS, `${INTERNAL_RULE_ID}.md`)));
      assert.ok(existsSync(join(DOCS, 'README.md')));
    });

    it('every page is titled with a rule id (or internal-error), matching its file name', () => {
      const ids = new Set([...RULES.map((r) => r.id), INTERNAL_RULE_ID]);
      for (const page of pages()) {
        if (page === 'README.md') continue;
        const title = titleOf(read(page));
        assert.ok(title !== undefined && ids.has(title), `${page}: title "${title}" is not a rule id`);
        assert.equal(`${title}.md`, page, `${page}: title "${title}" does not match the file name`);
      }
    });

    it('every rule page has the sections, an ok and a not-ok example, and its default levels', () => {
      for (const rule of RULES) {
        const page = `${rule.id}.md`;
        const text = read(page);
        for (const heading of RULE_SECTIONS) assert.ok(sectionOf(text, heading) !== undefined, `${page}: no "## ${heading}" section`);
        const examples = examplesOf(page, text);
        assert.ok(examples.some((e) => e.kind === 'ok'), `${page}: no ok example`);
        assert.ok(examples.some((e) => e.kind === 'not-ok'), `${page}: no not-ok example`);
        const severity = sectionOf(text, 'Severity') ?? '';
        assert.match(severity, new RegExp(`Draft: \\*\\*${rule.defaultSeverity.draft}\\*\\*`), `${page}: Severity does not say Draft: **${rule.defaultSeverity.draft}**`);
        assert.match(severity, new RegExp(`Final: \\*\\*${rule.defaultSeverity.final}\\*\\*`), `${page}: Severity does not say Final: **${rule.defaultSeverity.final}**`);
        assert.ok(severity.includes('.incident-report.json'), `${page}: Severity does not say how to configure the rule`);
      }
    });

    it("each rule's docsUrl ends with docs/rules/<id>.md", () => {
      for (const id of [...RULES.map((r) => r.id), INTERNAL_RULE_ID]) assert.ok(docsUrl(id).endsWith(`docs/rules/${id}.md`), docsUrl(id));
    });

    it('README.md indexes every page with its default levels', () => {
      const readme = read('README.md');
      const rows = new Map<string, string[]>();
      for (const line of readme.split(/\r?\n/)) {
        const cells = /^\|(.*)\|\s*$/.exec(line)?.[1]?.split('|').map((c) => c.trim());
        const link = cells?.[0] ? /^\[`?([\w-]+)`?\]\(\.?\/?([\w-]+\.md)\)$/.exec(cells[0]) : null;
        if (cells && link) {
          assert.equal(`${link[1]}.md`, link[2], `README: ${link[1]} links ${link[2]}`);
          rows.set(link[1]!, cells);
        }
      }
      for (const rule of RULES) {
        const cells = rows.get(rule.id);
        assert.ok(cells, `README: no row linking ${rule.id}.md`);
        assert.equal(cells[2], rule.defaultSeverity.draft, `README: ${rule.id} draft level`);
        assert.equal(cells[3], rule.defaultSeverity.final, `README: ${rule.id} final level`);
      }
      assert.ok(readme.includes(`(${INTERNAL_RULE_ID}.md)`), 'README: no link to internal-error.md');
      assert.deepEqual([...rows.keys()].slice(0, RULES.length), RULES.map((r) => r.id), 'README: rows follow the registry order');
    });

    it('internal-error: a rule that throws is reported under that id, and the other rules still run', () => {
      const broken: Rule = { id: 'broken', description: 'throws', defaultSeverity: { draft: 'error', final: 'error' }, check: () => { throw new Error('boom'); } };
      const text = COMPLETE.replace('**Date:** 2026-10-20', '**Date:** 2026-13-40');
      const result = lint(text, { template: TEMPLATE, mode: 'final', rules: [broken, ruleById('incident-date')], env: { today: '2026-11-26', now: new Date('2026-11-26T12:00:00Z'), fileName: undefined, pathExists: undefined } });
      const internal = result.diagnostics.filter((d) => d.ruleId === INTERNAL_RULE_ID);
      assert.equal(internal.length, 1);
      assert.equal(internal[0]!.message, 'Rule broken failed on this document (boom); please report it.');
      assert.ok(internal[0]!.docsUrl?.endsWith('docs/rules/internal-error.md'));
      assert.ok(result.diagnostics.some((d) => d.ruleId === 'incident-date'));
    });
  });

  describe('the splice of base=complete', () => {
    const attrs = (entries: Record<string, string>) => new Map(Object.entries({ base: 'complete', ...entries }));
    it('an unchanged section gives back the fixture', () => {
      const body = COMPLETE.slice(COMPLETE.indexOf('## 📊 Timeline (UTC)'), COMPLETE.indexOf('---\n\n## 🔍 Detection'));
      assert.equal(documentOf({ attributes: attrs({}), body }), COMPLETE);
    });
    it('an unchanged last section (before the footer) gives back the fixture', () => {
      const body = COMPLETE.slice(COMPLETE.indexOf('## ✍️ Sign-off'), COMPLETE.lastIndexOf('---\n'));
      assert.equal(documentOf({ attributes: attrs({}), body }), COMPLETE);
    });
    it('an unchanged header or front matter gives back the fixture', () => {
      assert.equal(documentOf({ attributes: attrs({ part: 'header' }), body: '**Incident ID:** INC-20261020-001  \n**Date:** 2026-10-20  \n**Severity:** 🔴 Critical' }), COMPLETE);
      const fm = COMPLETE.slice(0, COMPLETE.indexOf('---', 4) + 3);
      assert.equal(documentOf({ attributes: attrs({ part: 'front-matter' }), body: fm }), COMPLETE);
    });
    it('an empty block deletes the section named by section=', () => {
      const doc = documentOf({ attributes: attrs({ section: 'Post-Mortem' }), body: '' });
      assert.ok(!doc.includes('## 🔐 Post-Mortem'));
      assert.ok(doc.includes('## 📎 Related Links') && doc.includes('## 📊 SLO Impact'));
    });
  });

  for (const page of existsSync(DOCS) ? pages() : []) {
    const rule = RULES.find((r) => `${r.id}.md` === page);
    if (!rule) continue;
    describe(page, () => {
      for (const example of examplesOf(page, read(page))) {
        const label = `${example.kind} example at line ${example.line}${example.attributes.size ? ` (${[...example.attributes].map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`;
        it(label, () => {
          const { diagnostics } = run(rule, example);
          const shown = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.ruleId}: ${d.message}`).join('\n');
          assert.deepEqual(diagnostics.filter((d) => d.ruleId === INTERNAL_RULE_ID).map((d) => d.message), [], 'a rule failed');
          const own = diagnostics.filter((d) => d.ruleId === rule.id);
          if (example.kind === 'ok') {
            assert.equal(own.length, 0, `expected no ${rule.id} diagnostic, got:\n${shown}`);
            return;
          }
          assert.ok(own.length > 0, `expected a ${rule.id} diagnostic, got none:\n${shown || '(nothing)'}`);
          const expected = example.attributes.get('expect');
          const matching = expected === undefined ? own : own.filter((d) => d.message.includes(expected));
          assert.ok(matching.length > 0, `no ${rule.id} message contains "${expected}":\n${shown}`);
          const level = example.attributes.get('severity');
          if (level !== undefined) assert.ok(matching.some((d) => d.severity === level), `no such ${rule.id} diagnostic has severity ${level}:\n${shown}`);
        });
      }
    });
  }
});
