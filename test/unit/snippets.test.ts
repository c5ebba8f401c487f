import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionStatuses, ROOT, sectionPrefix, SNIPPETS_FILE, snippetsFile } from '../../scripts/snippetsAndGrammar';
import { createIncidentCore } from '../../src/core';
import { checkEvidencePath, evidencePaths } from '../../src/core/evidence';
import { applyEdits } from '../../src/core/fix/edits';
import { parseReport } from '../../src/core/model/parseReport';
import type { SectionContent } from '../../src/core/model/types';
import { timeline } from '../../src/core/rules/query';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { findPlaceholders } from '../../src/core/template/placeholders';
import { buildTemplateModel, type TemplateSection } from '../../src/core/template/templateModel';
import { complete, lintWith, mutate, NOW, rangeOf, TODAY } from './helpers';

// ---------------------------------------------------------------------------------------
// A small expander for VS Code's snippet syntax (after snippetParser.ts): tab stops and
// placeholders take their default text, choices their first option, mirrors the default of
// their tab stop, variables a sample value (through their transform, if any).

type FormatPart = string | { readonly index: number; readonly shorthand?: string; readonly ifValue?: string; readonly elseValue?: string };
interface Transform {
  readonly regexp: RegExp;
  readonly format: readonly FormatPart[];
}
type Marker =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'tabstop'; readonly index: number; readonly children: Marker[]; readonly choices?: string[] }
  | { readonly type: 'variable'; readonly name: string; readonly children: Marker[]; readonly transform?: Transform };

class SnippetSyntaxError extends Error {}

function parseSnippet(source: string): Marker[] {
  let pos = 0;
  const peek = (n = 0): string => source[pos + n] ?? '';
  const int = (): string => /^\d+/.exec(source.slice(pos))?.[0] ?? '';
  const name = (): string => /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(pos))?.[0] ?? '';
  const fail = (what: string): never => {
    throw new SnippetSyntaxError(`${what} at ${pos} in ${JSON.stringify(source.slice(Math.max(0, pos - 20), pos + 20))}`);
  };

  /** Until an unescaped `}` when nested (consumed by the caller), else to the end. */
  function markers(nested: boolean): Marker[] {
    const out: Marker[] = [];
    const text = (value: string): void => {
      const last = out[out.length - 1];
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + value };
      else out.push({ type: 'text', value });
    };
    while (pos < source.length) {
      const c = peek();
      if (c === '\\') {
        const next = peek(1);
        if (next === '$' || next === '}' || next === '\\') {
          text(next);
          pos += 2;
        } else {
          text('\\');
          pos += 1;
        }
      } else if (nested && c === '}') {
        return out;
      } else if (c === '$') {
        const marker = dollar();
        if (marker) out.push(marker);
        else {
          text('$');
          pos += 1;
        }
      } else {
        text(c);
        pos += 1;
      }
    }
    if (nested) fail('unclosed ${');
    return out;
  }

  function dollar(): Marker | undefined {
    pos += 1;
    const index = int();
    if (index) {
      pos += index.length;
      return { type: 'tabstop', index: Number(index), children: [] };
    }
    const simple = name();
    if (simple) {
      pos += simple.length;
      return { type: 'variable', name: simple, children: [] };
    }
    if (peek() !== '{') {
      pos -= 1;
      return undefined;
    }
    pos += 1;
    const n = int();
    const v = n ? '' : name();
    if (!n && !v) fail('${ without a tab stop or variable');
    pos += (n || v).length;
    const c = peek();
    pos += 1;
    if (c === '}') return n ? { type: 'tabstop', index: Number(n), children: [] } : { type: 'variable', name: v, children: [] };
    if (c === ':') {
      const children = markers(true);
      pos += 1;
      return n ? { type: 'tabstop', index: Number(n), children } : { type: 'variable', name: v, children };
    }
    if (c === '|' && n) {
      const choices: string[] = [];
      let current = '';
      for (;;) {
        const ch = peek();
        if (ch === '') fail('unclosed choice');
        if (ch === '\\' && [',', '|', '\\'].includes(peek(1))) {
          current += peek(1);
          pos += 2;
        } else if (ch === ',') {
          choices.push(current);
          current = '';
          pos += 1;
        } else if (ch === '|') {
          choices.push(current);
          pos += 1;
          if (peek() !== '}') fail('choice not closed by |}');
          pos += 1;
          return { type: 'tabstop', index: Number(n), children: [], choices };
        } else {
          current += ch;
          pos += 1;
        }
      }
    }
    if (c === '/' && v) return { type: 'variable', name: v, children: [], transform: transform() };
    return fail(`unexpected ${JSON.stringify(c)}`);
  }

  function transform(): Transform {
    let regex = '';
    while (peek() !== '/') {
      if (peek() === '') fail('unclosed regex');
      if (peek() === '\\' && peek(1) === '/') {
        regex += '/';
        pos += 2;
      } else {
        regex += peek();
        pos += 1;
      }
    }
    pos += 1;
    const format: FormatPart[] = [];
    while (peek() !== '/') {
      if (peek() === '') fail('unclosed format');
      if (peek() === '\\') {
        const next = peek(1);
        format.push(next === '\\' || next === '/' ? next : '\\');
        pos += next === '\\' || next === '/' ? 2 : 1;
        continue;
      }
      const part = formatString();
      if (part) format.push(part);
      else {
        format.push(peek());
        pos += 1;
      }
    }
    pos += 1;
    let options = '';
    while (peek() !== '}') {
      if (peek() === '') fail('unclosed transform');
      options += peek();
      pos += 1;
    }
    pos += 1;
    return { regexp: new RegExp(regex, options), format };
  }

  function formatString(): FormatPart | undefined {
    const start = pos;
    if (peek() !== '$') return undefined;
    pos += 1;
    const complex = peek() === '{';
    if (complex) pos += 1;
    const index = int();
    if (!index) {
      pos = start;
      return undefined;
    }
    pos += index.length;
    if (!complex) return { index: Number(index) };
    if (peek() === '}') {
      pos += 1;
      return { index: Number(index) };
    }
    if (peek() !== ':') fail('format string');
    pos += 1;
    const until = (end: string): string => {
      let value = '';
      while (peek() !== end) {
        if (peek() === '') fail('unclosed format string');
        if (peek() === '\\' && ['$', '}', '\\'].includes(peek(1))) {
          value += peek(1);
          pos += 2;
        } else {
          value += peek();
          pos += 1;
        }
      }
      pos += 1;
      return value;
    };
    const op = peek();
    if (op === '/') {
      pos += 1;
      return { index: Number(index), shorthand: until('}') };
    }
    if (op === '+') {
      pos += 1;
      return { index: Number(index), ifValue: until('}') };
    }
    if (op === '-') {
      pos += 1;
      return { index: Number(index), elseValue: until('}') };
    }
    if (op === '?') {
      pos += 1;
      const ifValue = until(':');
      return { index: Number(index), ifValue, elseValue: until('}') };
    }
    return { index: Number(index), elseValue: until('}') };
  }

  return markers(false);
}

function applyTransform(t: Transform, value: string): string {
  const replaceWith = (groups: readonly (string | undefined)[]): string =>
    t.format
      .map((part) => {
        if (typeof part === 'string') return part;
        const v = groups[part.index] ?? '';
        if (part.shorthand === 'upcase') return v.toUpperCase();
        if (part.shorthand === 'downcase') return v.toLowerCase();
        if (part.shorthand) throw new SnippetSyntaxError(`format shorthand /${part.shorthand} not supported here`);
        if (v && part.ifValue !== undefined) return part.ifValue;
        if (!v && part.elseValue !== undefined) return part.elseValue;
        return v;
      })
      .join('');
  let matched = false;
  const out = value.replace(t.regexp, (...args: unknown[]) => {
    matched = true;
    return replaceWith(args.slice(0, -2) as (string | undefined)[]);
  });
  return !matched && t.format.some((p) => typeof p !== 'string' && p.elseValue) ? replaceWith([]) : out;
}

/** Variables VS Code knows (snippetVariables.ts, KnownSnippetVariableNames). */
const KNOWN_VARIABLES = new Set(
  'CURRENT_YEAR CURRENT_YEAR_SHORT CURRENT_MONTH CURRENT_DATE CURRENT_HOUR CURRENT_MINUTE CURRENT_SECOND CURRENT_MILLISECOND CURRENT_DAY_NAME CURRENT_DAY_NAME_SHORT CURRENT_MONTH_NAME CURRENT_MONTH_NAME_SHORT CURRENT_SECONDS_UNIX CURRENT_MILLISECONDS_UNIX CURRENT_TIMEZONE_OFFSET CURRENT_TIMEZONE_NAME SELECTION CLIPBOARD TM_SELECTED_TEXT TM_CURRENT_LINE TM_CURRENT_WORD TM_LINE_INDEX TM_LINE_NUMBER TM_FILENAME TM_FILENAME_BASE TM_DIRECTORY TM_DIRECTORY_BASE TM_FILEPATH CURSOR_INDEX CURSOR_NUMBER RELATIVE_FILEPATH REVERSE_RELATIVE_FILEPATH BLOCK_COMMENT_START BLOCK_COMMENT_END LINE_COMMENT WORKSPACE_NAME WORKSPACE_FOLDER RANDOM RANDOM_HEX UUID'.split(
    ' ',
  ),
);

const FILE_BASE = 'INC-20261126-001-api-latency';
const SAMPLE_VARIABLES: Record<string, string> = { TM_FILENAME_BASE: FILE_BASE, TM_FILENAME: `${FILE_BASE}.md`, CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '26', CURRENT_HOUR: '15', CURRENT_MINUTE: '05' };

interface Expanded {
  readonly text: string;
  /** Where each tab stop's text landed in `text` (mirrors included), in document order. */
  readonly stops: readonly { readonly index: number; readonly start: number; readonly end: number; readonly choices?: readonly string[] }[];
  readonly variables: readonly string[];
}

function expand(body: string | readonly string[], variables: Record<string, string> = SAMPLE_VARIABLES): Expanded {
  const tree = parseSnippet(typeof body === 'string' ? body : body.join('\n'));
  const defaults = new Map<number, Marker[]>();
  const collect = (ms: readonly Marker[]): void => {
    for (const m of ms) {
      if (m.type === 'tabstop' && m.index > 0 && !defaults.has(m.index) && (m.children.length > 0 || m.choices)) defaults.set(m.index, m.children.length ? m.children : [{ type: 'text', value: m.choices![0]! }]);
      if (m.type !== 'text') collect(m.children);
    }
  };
  collect(tree);
  const stops: { index: number; start: number; end: number; choices?: readonly string[] }[] = [];
  const used: string[] = [];
  let text = '';
  const render = (ms: readonly Marker[]): void => {
    for (const m of ms) {
      if (m.type === 'text') text += m.value;
      else if (m.type === 'tabstop') {
        const start = text.length;
        render(m.children.length ? m.children : m.choices ? [{ type: 'text', value: m.choices[0]! }] : (defaults.get(m.index) ?? []));
        stops.push({ index: m.index, start, end: text.length, ...(m.choices ? { choices: m.choices } : {}) });
      } else {
        used.push(m.name);
        const value = variables[m.name];
        if (m.transform) text += applyTransform(m.transform, value ?? '');
        else if (value !== undefined) text += value;
        else render(m.children);
      }
    }
  };
  render(tree);
  return { text, stops: stops.sort((a, b) => a.start - b.start || a.index - b.index), variables: used };
}

// ---------------------------------------------------------------------------------------

interface SnippetJson {
  readonly prefix: string | string[];
  readonly body: string | string[];
  readonly description?: string;
  readonly scope?: string;
}

const raw = readFileSync(join(ROOT, SNIPPETS_FILE), 'utf8');
const template = buildTemplateModel(DEFAULT_TEMPLATE);
const core = createIncidentCore();

function snippets(): Record<string, SnippetJson> {
  return JSON.parse(raw) as Record<string, SnippetJson>;
}

function byPrefix(prefix: string): SnippetJson {
  const found = Object.values(snippets()).filter((s) => ([] as string[]).concat(s.prefix).includes(prefix));
  assert.equal(found.length, 1, `one snippet with prefix ${prefix}`);
  return found[0]!;
}

/** The structure the rules read: subsections, fields, tables, checklists, each with its placement. */
function shape(content: SectionContent) {
  return {
    subsections: content.subsections.map((s) => s.key),
    fields: content.fields.map((f) => `${f.subsection ?? ''}/${f.key}`),
    tables: content.tables.map((t) => `${t.subsection ?? ''}/${t.columns.join('|')}`),
    checklists: content.checklists.map((c) => `${c.subsection ?? ''}/${c.field ?? ''}: ${c.items.map((i) => `${i.checked ? 'x' : ' '} ${i.text}`).join('; ')}`),
  };
}

function templateSection(key: string): TemplateSection {
  const section = template.sections.find((s) => s.key === key);
  assert.ok(section, key);
  return section;
}

describe('snippets (snippets/incident-report.code-snippets)', () => {
  describe('the file', () => {
    it('is valid JSON: every snippet has a prefix, a body of lines, a description and the markdown scope', () => {
      const all = snippets();
      assert.ok(Object.keys(all).length >= template.sections.length + 4);
      for (const [name, s] of Object.entries(all)) {
        assert.equal(typeof s.prefix, 'string', name);
        assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
        assert.ok(s.description && s.description.length > 20, name);
        assert.equal(s.scope, 'markdown', name);
      }
    });

    it('is up to date with the template (npm run gen)', () => {
      assert.equal(raw, snippetsFile());
    });

    it('no two snippets share a prefix, and every prefix starts with inc-', () => {
      const prefixes = Object.values(snippets()).flatMap((s) => ([] as string[]).concat(s.prefix));
      assert.deepEqual(
        prefixes.filter((p, i) => prefixes.indexOf(p) !== i),
        [],
      );
      for (const p of prefixes) assert.match(p, /^inc-[a-z0-9-]+$/);
    });

    it('every body is well-formed snippet syntax: tab stops 1..n without gaps, one final $0 at the end, only known variables', () => {
      for (const [name, s] of Object.entries(snippets())) {
        const { stops, variables, text } = expand(s.body);
        const indices = [...new Set(stops.map((t) => t.index))].sort((a, b) => a - b);
        assert.deepEqual(
          indices,
          Array.from({ length: indices.length }, (_, i) => i),
          `${name}: tab stops ${indices.join(',')}`,
        );
        const finals = stops.filter((t) => t.index === 0);
        assert.equal(finals.length, 1, `${name}: one $0`);
        assert.equal(finals[0]!.start, text.length, `${name}: $0 at the end`);
        for (const v of variables) assert.ok(KNOWN_VARIABLES.has(v), `${name}: unknown variable ${v}`);
      }
    });

    it('no snippet writes the local time: CURRENT_HOUR/MINUTE/SECOND are local, the report is UTC', () => {
      for (const [name, s] of Object.entries(snippets())) {
        assert.doesNotMatch(([] as string[]).concat(s.body).join('\n'), /CURRENT_(HOUR|MINUTE|SECOND|DATE|MONTH|YEAR|TIMEZONE)/, name);
      }
    });
  });

  describe('the expander used by these tests', () => {
    it('expands tab stops, placeholders, choices, mirrors, escapes and transforms like VS Code', () => {
      assert.equal(expand('a ${1:foo} $1 ${2|x,y|} $3 \\$HOME \\} \\\\ $0').text, 'a foo foo x  $HOME } \\ ');
      assert.equal(expand('${2:${1:in}ner} $1').text, 'inner in');
      assert.equal(expand('${TM_FILENAME_BASE/^(INC-\\d{8}).*$|^.*$/${1:-none}/}').text, 'INC-20261126');
      assert.equal(expand('${TM_FILENAME_BASE/^(INC-\\d{8}).*$|^.*$/${1:-none}/}', { TM_FILENAME_BASE: 'Untitled-1' }).text, 'none');
      assert.equal(expand('${TM_FILENAME_BASE/(api)/${1:/upcase}/}').text, 'INC-20261126-001-API-latency');
      assert.equal(expand('${UNSET:fallback}', {}).text, 'fallback');
      assert.throws(() => expand('${1:open'), SnippetSyntaxError);
      assert.throws(() => expand('${1|a,b}'), SnippetSyntaxError);
    });
  });

  describe('a snippet for every ## section of the template', () => {
    it('the template has its 16 sections, each with one snippet named after it', () => {
      assert.equal(template.sections.length, 16);
      const names = Object.keys(snippets());
      for (const section of template.sections) assert.ok(names.includes(`Incident section: ${section.title}`), section.title);
    });

    for (const section of buildTemplateModel(DEFAULT_TEMPLATE).sections) {
      it(`${sectionPrefix(section.title)}: expands to exactly the "${section.title}" section, structure and text`, () => {
        const snippet = snippets()[`Incident section: ${section.title}`];
        assert.ok(snippet);
        assert.equal(snippet.prefix, sectionPrefix(section.title));
        const { text } = expand(snippet.body);
        const model = parseReport(text);
        assert.equal(model.sections.length, 1);
        const [parsed] = model.sections;
        assert.equal(parsed!.key, section.key);
        assert.equal(parsed!.title, section.title);
        const expected = template.report.sections[section.index]!;
        assert.deepEqual(shape(parsed!.content), shape(expected.content));
        // Nothing before the heading, and the template's own text (separator included).
        assert.equal(model.preamble.content.blocks.length, 0);
        assert.equal(text, section.source);
      });

      it(`${sectionPrefix(section.title)}: every placeholder and guidance comment of the section is a tab stop`, () => {
        const { text, stops } = expand(snippets()[`Incident section: ${section.title}`]!.body);
        const inStop = (start: number, end: number): boolean => stops.some((s) => s.index > 0 && s.start <= start && end <= s.end);
        for (const match of findPlaceholders(text, template.placeholders)) assert.ok(inStop(match.index, match.index + match.text.length), `${match.text} at ${match.index}`);
        for (const match of text.matchAll(/<!--.*?-->/g)) assert.ok(inStop(match.index, match.index + match[0].length), match[0]);
      });
    }

    it('choices offer the template values: SLA breach Yes/No, verification PASS/FAIL, action statuses', () => {
      const choices = (prefix: string): string[][] => expand(byPrefix(prefix).body).stops.flatMap((s) => (s.choices ? [[...s.choices]] : []));
      assert.deepEqual(choices('inc-impact-assessment'), [['[Yes/No]', 'Yes', 'No']]);
      assert.deepEqual(choices('inc-resolution'), [['✅ PASS / ❌ FAIL', '✅ PASS', '❌ FAIL']]);
      const statuses = actionStatuses(template);
      assert.deepEqual(statuses, ['🟡 In Progress', '⬜ Not Started', '✅ Done']);
      for (const options of choices('inc-action-items')) assert.deepEqual([...options].sort(), [...statuses].sort());
    });
  });

  describe('inc-row: a timeline row', () => {
    const row = (): Expanded => expand(byPrefix('inc-row').body);

    it('is a Time | Event | Actor row whose time is the HH:MM placeholder (tab stop 1), not a local time', () => {
      const { text, stops } = row();
      assert.equal(text, '| HH:MM | Event | [Engineer] |');
      assert.deepEqual(
        stops.filter((s) => s.index > 0).map((s) => [s.index, text.slice(s.start, s.end)]),
        [
          [1, 'HH:MM'],
          [2, 'Event'],
          [3, '[Engineer]'],
        ],
      );
      assert.match(byPrefix('inc-row').description!, /Insert UTC Timestamp/);
    });

    it('parses as a timeline row with 3 cells inside the timeline table', () => {
      const section = templateSection('timeline utc');
      const doc = `## ${section.title}\n\n| Time | Event | Actor |\n|------|-------|-------|\n${row().text}\n`;
      const table = timeline(parseReport(doc), template)?.table;
      assert.ok(table);
      assert.deepEqual(
        table.rows.map((r) => r.cells.map((c) => c.text)),
        [['HH:MM', 'Event', '[Engineer]']],
      );
    });

    it('in a report, HH:MM is a placeholder (not a timeline-time error) and the refactor fills it with the UTC time', () => {
      const base = complete();
      const last = '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |';
      const doc = mutate(base, last, `${last}\n${row().text}`);
      const found = lintWith(doc, { rules: ['timeline-table', 'timeline-time', 'placeholder'], mode: 'draft' });
      assert.deepEqual(
        found.map((d) => d.split(' ').slice(0, 2).join(' ')),
        [`${rangeOf(doc, 'HH:MM')} placeholder:`, `${rangeOf(doc, '[Engineer]')} placeholder:`],
      );
      const at = doc.indexOf('HH:MM');
      const fixes = core.refactorsAt(doc, at + 1, new Date('2026-11-26T23:30:00Z'));
      assert.equal(fixes.length, 1);
      assert.equal(applyEdits(doc, fixes[0]!.edits).slice(at - 2, at + 8), '| 23:30 | ');
    });
  });

  describe('inc-action: an action item row', () => {
    it('parses as an Action Items row with an owner, a due date placeholder and a known status', () => {
      const { text, stops } = expand(byPrefix('inc-action').body);
      assert.equal(text, '| Action | [Name] | [YYYY-MM-DD] | ⬜ Not Started |');
      const section = templateSection('action items');
      const doc = `## ${section.title}\n\n| Action | Owner | Due Date | Status |\n|--------|-------|----------|--------|\n${text}\n`;
      const tables = parseReport(doc).sections[0]!.content.tables;
      assert.deepEqual(
        tables.map((t) => t.rows.map((r) => r.cells.map((c) => c.text))),
        [[['Action', '[Name]', '[YYYY-MM-DD]', '⬜ Not Started']]],
      );
      const choice = stops.find((s) => s.choices);
      assert.deepEqual([...choice!.choices!].sort(), [...actionStatuses(template)].sort());
    });
  });

  describe('inc-evidence: an evidence path', () => {
    it('names the incident folder from the file name, and [id] when the file name has no ID', () => {
      const body = byPrefix('inc-evidence').body;
      assert.equal(expand(body).text, 'evidence/INC-20261126-001/name_[timestamp].txt');
      assert.equal(expand(body, { TM_FILENAME_BASE: 'Untitled-1' }).text, 'evidence/[id]/name_[timestamp].txt');
    });

    it('in the Rollback Evidence block it is an unfilled evidence path whose [timestamp] the refactor fills in UTC', () => {
      const line = expand(byPrefix('inc-evidence').body, { TM_FILENAME_BASE: 'INC-20261020-001-checkout-outage' }).text;
      const doc = mutate(complete(), 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt', line);
      const model = parseReport(doc);
      const path = evidencePaths(model, template).find((p) => p.path === line);
      assert.ok(path, 'found as an evidence path');
      assert.equal(path.slot?.subsection, 'rollback performed');
      assert.deepEqual(checkEvidencePath(path.path, template.placeholders), { kind: 'unfilled', placeholder: '[timestamp]' });
      const at = doc.indexOf('[timestamp]');
      const [fill] = core.refactorsAt(doc, at + 1, new Date('2026-11-26T14:05:09Z'));
      assert.ok(fill);
      assert.match(applyEdits(doc, fill.edits), /^evidence\/INC-20261020-001\/name_20261126T140509Z\.txt$/m);
    });
  });

  describe('inc-report: a whole new report', () => {
    const skeleton = (): SnippetJson => byPrefix('inc-report');

    it('expanded in a file named like New Incident names it, lints with no error in draft mode', () => {
      const { text } = expand(skeleton().body);
      const result = core.lint(text, { now: NOW, today: TODAY, fileName: `${FILE_BASE}.md`, mode: 'draft', pathExists: () => undefined });
      assert.equal(result.mode, 'draft');
      assert.deepEqual(
        result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`),
        [],
      );
      // The parts New Incident fills are not reported, but for the Owner left empty (as New Incident leaves it without the setting).
      assert.deepEqual(
        result.diagnostics.filter((d) => ['front-matter', 'incident-id', 'incident-date', 'severity', 'missing-section', 'section-order', 'timeline-table', 'timeline-time'].includes(d.ruleId)).map((d) => `${d.range.start.line + 1} ${d.ruleId}`),
        ['3 front-matter'],
      );
    });

    it('is the report New Incident writes, but for the first row\'s time, left for the user to fill in UTC', () => {
      const { text } = expand(skeleton().body);
      const created = core.newReport({ title: 'Short title', severity: 'critical', now: new Date('2026-11-26T14:05:00Z'), existingIds: [] });
      assert.equal(created.fileName, `${FILE_BASE.replace('api-latency', 'short-title')}.md`);
      assert.equal(mutate(mutate(text, 'Title: "Short title"', 'Title: Short title'), '| HH:MM |', '| 14:05 |'), created.text);
    });

    it('has the ID and Date of the file name, a chosen severity, every template section and one timeline row', () => {
      const { text, stops } = expand(skeleton().body);
      const model = parseReport(text);
      const field = (key: string): string | undefined => model.preamble.content.fields.find((f) => f.key === key)?.value;
      assert.equal(field('incident id'), 'INC-20261126-001');
      assert.equal(field('date'), '2026-11-26');
      assert.equal(field('severity'), '🔴 Critical');
      assert.deepEqual({ ...model.frontMatter?.data }, { Title: 'Short title', Owner: '', Status: 'Open', LastUpdated: '2026-11-26', Links: [] });
      assert.equal(model.preamble.title?.text, 'Incident Report: Short title');
      assert.deepEqual(
        model.sections.map((s) => s.key),
        template.sections.map((s) => s.key),
      );
      for (const section of model.sections) assert.deepEqual(shape(section.content), shape(template.report.sections.find((s) => s.key === section.key)!.content), section.key);
      assert.deepEqual(
        timeline(model, template)?.table?.rows.map((r) => r.cells.map((c) => c.text)),
        [['HH:MM', 'Incident detected', '[Alert/User]']],
      );
      const severity = stops.find((s) => s.choices);
      assert.deepEqual(
        severity?.choices,
        template.severityLevels.map((l) => l.label),
      );
      // Tab order: title, owner, ID, date, severity, time, actor, what happened.
      assert.deepEqual(
        [...new Map(stops.filter((s) => s.index > 0 && s.start !== s.end).map((s) => [s.index, text.slice(s.start, s.end)])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]),
        ['Short title', 'INC-20261126-001', '2026-11-26', '🔴 Critical', 'HH:MM', '[Alert/User]', '<!-- Brief description of the incident -->'],
      );
    });

    it('in a file without an ID in its name, ID and Date are the template placeholders to fill', () => {
      const model = parseReport(expand(skeleton().body, { TM_FILENAME_BASE: 'Untitled-1' }).text);
      const field = (key: string): string | undefined => model.preamble.content.fields.find((f) => f.key === key)?.value;
      assert.equal(field('incident id'), 'INC-[YYYYMMDD]-[NNN]');
      assert.equal(field('date'), '[YYYY-MM-DD]');
    });
  });
});
