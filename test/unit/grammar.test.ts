import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { GRAMMAR_FILE, GRAMMAR_SCOPE, grammarFile, ROOT, SCOPES } from '../../scripts/snippetsAndGrammar';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { findPlaceholders } from '../../src/core/template/placeholders';
import { buildTemplateModel } from '../../src/core/template/templateModel';
import { complete } from './helpers';

/**
 * A stand-in for VS Code's Markdown grammar (microsoft/vscode-markdown-tm-grammar), with
 * the same structure where it matters to an injection: begin/while blocks for paragraphs,
 * lists and tables, table cells and headings retokenised through captures, links matched
 * whole from their `[`, HTML comments, fenced code with an embedded shell grammar, bold
 * spans, inline code. The injection must work inside all of them.
 */
const INLINE = [{ include: '#bold' }, { include: '#raw' }, { include: '#link-inline' }, { include: '#link-ref' }, { include: '#link-ref-shortcut' }];
const MARKDOWN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#frontMatter' }, { include: '#block' }],
  repository: {
    frontMatter: { begin: '\\A-{3}\\s*$', end: '(^|\\G)-{3}\\s*$', contentName: 'meta.embedded.block.frontmatter', patterns: [{ match: '^\\w+(?=:)', name: 'entity.name.tag.yaml' }] },
    block: {
      patterns: [
        { include: '#separator' },
        { include: '#heading' },
        { include: '#lists' },
        { include: '#fenced_code_block' },
        { include: '#link-def' },
        { include: '#html' },
        { include: '#table' },
        { include: '#paragraph' },
      ],
    },
    separator: { match: '(^|\\G)[ ]{0,3}([*\\-_])([ ]{0,2}\\2){2,}[ \\t]*$\\n?', name: 'meta.separator.markdown' },
    heading: {
      match: '(?:^|\\G)[ ]{0,3}(#{1,6})\\s+(.*?)\\s*$',
      name: 'markup.heading.markdown',
      captures: { '1': { name: 'punctuation.definition.heading.markdown' }, '2': { name: 'entity.name.section.markdown', patterns: INLINE } },
    },
    lists: {
      begin: '(^|\\G)([ ]{0,3})([*+-]|[0-9]+[.)])([ \\t])',
      beginCaptures: { '3': { name: 'punctuation.definition.list.begin.markdown' } },
      name: 'markup.list.markdown',
      patterns: [{ include: '#block' }, { include: '#list_paragraph' }],
      while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
    },
    list_paragraph: {
      begin: '(^|\\G)(?=\\S)(?![*+->]\\s|[0-9]+\\.\\s)',
      name: 'meta.paragraph.markdown',
      patterns: INLINE,
      while: '(^|\\G)(?!\\s*$|#|[ ]{0,3}[*+->]|[ ]{0,3}[0-9]+\\.)',
    },
    fenced_code_block: {
      patterns: [
        {
          begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?i:(bash|sh|shell)(\\s+[^`~]*)?$)',
          beginCaptures: { '3': { name: 'punctuation.definition.markdown' }, '4': { name: 'fenced_code.block.language.markdown' } },
          end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
          endCaptures: { '3': { name: 'punctuation.definition.markdown' } },
          name: 'markup.fenced_code.block.markdown',
          patterns: [{ begin: '(^|\\G)(\\s*)(.*)', while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)', contentName: 'meta.embedded.block.shellscript', patterns: [{ include: 'source.shell' }] }],
        },
        {
          begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?=([^`]*)?$)',
          beginCaptures: { '3': { name: 'punctuation.definition.markdown' }, '4': { name: 'fenced_code.block.language' } },
          end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
          endCaptures: { '3': { name: 'punctuation.definition.markdown' } },
          name: 'markup.fenced_code.block.markdown',
        },
      ],
    },
    'link-def': {
      match: '\\s*(\\[)([^]]+?)(\\])(:)[ \\t]*(\\S+)\\s*$',
      name: 'meta.link.reference.def.markdown',
      captures: { '2': { name: 'constant.other.reference.link.markdown' }, '5': { name: 'markup.underline.link.markdown' } },
    },
    html: { begin: '(^|\\G)\\s*(<!--)', end: '(-->)', name: 'comment.block.html' },
    table: {
      name: 'markup.table.markdown',
      begin: '(^|\\G)(\\|)(?=[^|].+\\|\\s*$)',
      beginCaptures: { '2': { name: 'punctuation.definition.table.markdown' } },
      while: '(^|\\G)(?=\\|)',
      patterns: [
        { match: '\\|', name: 'punctuation.definition.table.markdown' },
        { match: '(?<=\\|)\\s*(:?-+:?)\\s*(?=\\|)', captures: { '1': { name: 'punctuation.separator.table.markdown' } } },
        { match: '(?<=\\|)\\s*(?=\\S)((\\\\\\||[^|])+)(?<=\\S)\\s*(?=\\|)', captures: { '1': { patterns: INLINE } } },
      ],
    },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=[^ \\t\\n])',
      name: 'meta.paragraph.markdown',
      patterns: INLINE,
      while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=[^ \\t\\n]))',
    },
    bold: {
      begin: '(\\*\\*)(?=\\S)(?=.*?\\S\\*\\*)',
      end: '(?<=\\S)(\\*\\*)',
      captures: { '1': { name: 'punctuation.definition.bold.markdown' } },
      name: 'markup.bold.markdown',
      patterns: [{ include: '#raw' }],
    },
    raw: { match: '(`+)((?:[^`]|(?!(?<!`)\\1(?!`))`)*+)(\\1)', name: 'markup.inline.raw.string.markdown' },
    'link-inline': {
      match: '(\\[)((?<square>[^\\[\\]\\\\]|\\\\.|\\[\\g<square>*+\\])*+)(\\])(\\()[ \\t]*((?<url>(?>[^\\s()]+)|\\(\\g<url>*\\))*)[ \\t]*(\\))',
      name: 'meta.link.inline.markdown',
      captures: {
        '1': { name: 'punctuation.definition.link.title.begin.markdown' },
        '2': { name: 'string.other.link.title.markdown', patterns: [{ include: '#raw' }, { include: '#bold' }] },
        '4': { name: 'punctuation.definition.link.title.end.markdown' },
        '6': { name: 'markup.underline.link.markdown' },
      },
    },
    'link-ref': {
      match: '(?<![\\]\\\\])(\\[)((?<square>[^\\[\\]\\\\]|\\\\.|\\[\\g<square>*+\\])*+)(\\])(\\[)([^\\]]*+)(\\])',
      name: 'meta.link.reference.markdown',
      captures: { '2': { name: 'string.other.link.title.markdown' }, '6': { name: 'constant.other.reference.link.markdown' } },
    },
    'link-ref-shortcut': {
      match: '(?<![\\]\\\\])(\\[)((?:[^\\s\\[\\]\\\\]|\\\\[\\[\\]])+?)((?<!\\\\)\\])',
      name: 'meta.link.reference.markdown',
      captures: { '2': { name: 'string.other.link.title.markdown' } },
    },
  },
};
const SHELL = {
  scopeName: 'source.shell',
  patterns: [
    { match: '(?<!\\S)(#).*$', name: 'comment.line.number-sign.shell', captures: { '1': { name: 'punctuation.definition.comment.shell' } } },
    { match: '\\$\\w+', name: 'variable.other.normal.shell' },
  ],
};

const grammarText = readFileSync(join(ROOT, GRAMMAR_FILE), 'utf8');
const template = buildTemplateModel(DEFAULT_TEMPLATE);

let loaded: Promise<vsctm.IGrammar> | undefined;

/** The stand-in Markdown grammar with ours injected, as VS Code wires `injectTo`. */
function markdownGrammar(): Promise<vsctm.IGrammar> {
  loaded ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM({ data: wasm });
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN), 'markdown.json');
        if (scope === 'source.shell') return vsctm.parseRawGrammar(JSON.stringify(SHELL), 'shell.json');
        if (scope === GRAMMAR_SCOPE) return vsctm.parseRawGrammar(grammarText, GRAMMAR_FILE);
        return null;
      },
      getInjections: (scope) => (scope === 'text.html.markdown' ? [GRAMMAR_SCOPE] : undefined),
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    if (!grammar) throw new Error('no grammar');
    return grammar;
  })();
  return loaded;
}

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

async function tokenize(doc: string): Promise<Token[][]> {
  const grammar = await markdownGrammar();
  let state = vsctm.INITIAL;
  return doc.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const OURS = /\.incident-report$/;

/** Per line, the runs our grammar scoped: `text=scope`, adjacent tokens of one scope joined. */
function highlights(tokens: readonly Token[][]): string[][] {
  return tokens.map((line) => {
    const runs: { text: string; scope: string | undefined }[] = [];
    for (const token of line) {
      const scope = token.scopes.filter((s) => OURS.test(s)).pop();
      const last = runs[runs.length - 1];
      if (last && last.scope === scope) last.text += token.text;
      else runs.push({ text: token.text, scope });
    }
    return runs.filter((r) => r.scope).map((r) => `${r.text}=${r.scope}`);
  });
}

async function highlighted(doc: string): Promise<string[][]> {
  return highlights(await tokenize(doc));
}

/** The scopes of the token(s) that start with `text` on `line` (0-based). */
async function scopesAt(doc: string, line: number, text: string): Promise<readonly string[]> {
  const tokens = (await tokenize(doc))[line]!;
  const token = tokens.find((t) => t.text.startsWith(text) || text.startsWith(t.text));
  assert.ok(token, `no token ${text} on line ${line}: ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

const ID = SCOPES.incidentId;
const CRIT = SCOPES.critical;
const MAJOR = SCOPES.major;
const MINOR = SCOPES.minor;
const TIME = SCOPES.time;
const DT = SCOPES.dateTime;
const PH = SCOPES.placeholder;

describe('grammar (syntaxes/incident-report.injection.tmLanguage.json)', () => {
  describe('the file', () => {
    it('is up to date with the template (npm run gen)', () => {
      assert.equal(grammarText, grammarFile());
    });

    it('is an injection into Markdown, outside comments, ahead of the Markdown rules', () => {
      const grammar = JSON.parse(grammarText);
      assert.equal(grammar.scopeName, GRAMMAR_SCOPE);
      assert.equal(grammar.injectionSelector, 'L:text.html.markdown -comment');
    });

    it('every pattern compiles with Oniguruma, and every scope ends in .incident-report or is Markdown table punctuation', async () => {
      await markdownGrammar();
      const patterns: string[] = [];
      const names: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            if (key === 'match' && typeof value === 'string') patterns.push(value);
            else if (key === 'name' && typeof value === 'string') names.push(value);
            else walk(value);
          }
        }
      };
      walk(JSON.parse(grammarText).repository);
      assert.ok(patterns.length >= 9);
      for (const p of patterns) assert.doesNotThrow(() => new oniguruma.OnigScanner([p]).dispose(), p);
      for (const n of names) assert.ok(OURS.test(n) || n === SCOPES.tablePipe, n);
    });
  });

  describe('incident IDs', () => {
    it('colours INC-YYYYMMDD-NNN in the header, in prose, in link text, in paths', async () => {
      const doc = [
        '**Incident ID:** INC-20261126-001  ',
        '',
        'Follows INC-20261020-001 and [INC-20261020-002](../incidents/INC-20261020-002-db.md).',
        '',
        '- **Evidence Files:** evidence/INC-20261126-001/',
        '',
        'Not IDs: INC-2026112-001, INC-20261126-0011, XINC-20261126-001, `INC-20261126-003`.',
      ].join('\n');
      assert.deepEqual(await highlighted(doc), [[`INC-20261126-001=${ID}`], [], [`INC-20261020-001=${ID}`, `INC-20261020-002=${ID}`], [], [`INC-20261126-001=${ID}`], [], []]);
    });
  });

  describe('severity levels', () => {
    it('colours the level after **Severity:**, with or without its emoji, any case', async () => {
      const doc = ['**Severity:** 🔴 Critical', '', '**Severity:** Major', '', '**Severity:** 🟢 minor', '', '**Severity:**  CRITICAL  '].join('\n');
      assert.deepEqual(await highlighted(doc), [[`🔴 Critical=${CRIT}`], [], [`Major=${MAJOR}`], [], [`🟢 minor=${MINOR}`], [], [`CRITICAL=${CRIT}`]]);
    });

    it('colours the three emoji + word forms anywhere, and not a bare word outside the Severity field', async () => {
      const doc = ['**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor', '', 'Downgraded from 🔴 Critical to 🟡 Major, then 🟢 Minor.', '', 'A major problem with minor impact; critical path.', '', '| Fix alerts | Ana | 2026-12-01 | 🟡 In Progress |'].join('\n');
      assert.deepEqual(await highlighted(doc), [[`🔴 Critical=${CRIT}`, `🟡 Major=${MAJOR}`, `🟢 Minor=${MINOR}`], [], [`🔴 Critical=${CRIT}`, `🟡 Major=${MAJOR}`, `🟢 Minor=${MINOR}`], [], [], [], []]);
    });

    it('keeps the Markdown bold of the label', async () => {
      assert.ok((await scopesAt('**Severity:** Major', 0, 'Severity:')).includes('markup.bold.markdown'));
    });
  });

  describe('UTC times', () => {
    const table = [
      '## 📊 Timeline (UTC)',
      '',
      '| Time | Event | Actor |',
      '|------|-------|-------|',
      '| 14:05 | Incident detected: alert 14:03 fired | Alertmanager |',
      '| 14:05:30 | On-call notified | PagerDuty |',
      '| 2026-11-26 14:20 | Mitigation started | Ana |',
      '| 2026-11-26T14:35:00Z | Service restored | Ana |',
      '| 2026-11-27T00:10Z | Incident resolved | Ana |',
      '| 2026-11-26T16:05:00+02:00 | Not UTC: an offset | Ana |',
      '| 25-11-26 | Not a time | Ana |',
    ].join('\n');

    it('colours the time of each timeline row in its three forms, and only in the Time cell for a bare HH:MM', async () => {
      assert.deepEqual((await highlighted(table)).slice(4), [[`14:05=${TIME}`], [`14:05:30=${TIME}`], [`2026-11-26 14:20=${DT}`], [`2026-11-26T14:35:00Z=${DT}`], [`2026-11-27T00:10Z=${DT}`], [], []]);
    });

    it('keeps the table punctuation of the row it starts', async () => {
      const tokens = (await tokenize(table))[4]!;
      assert.deepEqual(tokens[0]!.text, '|');
      assert.ok(tokens[0]!.scopes.includes('punctuation.definition.table.markdown'));
      assert.ok(tokens[0]!.scopes.includes('markup.table.markdown'), 'still inside the Markdown table');
    });

    it('colours UTC date-times in prose, not plain dates nor bare times there', async () => {
      const doc = ['- Deployed at: 2026-11-26T14:05:00Z', '', '**Date:** 2026-11-26  ', '', 'The deploy on 2026-11-26 at 14:05 went fine; ratio 10:30.'].join('\n');
      assert.deepEqual(await highlighted(doc), [[`2026-11-26T14:05:00Z=${DT}`], [], [], [], []]);
    });
  });

  describe('placeholders', () => {
    it('colours every bracketed placeholder of the template (read from the template, not a copy)', async () => {
      assert.ok(template.placeholders.tokens.length >= 20);
      const doc = template.placeholders.tokens.map((t) => `- Value: ${t}`).join('\n');
      assert.deepEqual(
        await highlighted(doc),
        template.placeholders.tokens.map((t) => [`${t}=${PH}`]),
      );
    });

    it('colours the placeholder shapes: HH:MM, [XX]%, XXXms, X.XX%, XX, ____ and [timestamp] in paths', async () => {
      const doc = [
        '| HH:MM | On-call notified | [System] |',
        '',
        '- Before incident: [XX]%',
        '- Other: _______________',
        '',
        '| API P95 | XXXms | X.XX% | XX% | XX |',
        '',
        '```bash',
        '# Error rate during incident',
        '[XX]%',
        'P95: [XXX]ms',
        'evidence/rollback_[timestamp].txt',
        '```',
        '',
        '- **Evidence Files:** evidence/incident_[id]_*.txt',
      ].join('\n');
      assert.deepEqual(await highlighted(doc), [
        [`HH:MM=${PH}`, `[System]=${PH}`],
        [],
        [`[XX]%=${PH}`],
        [`_______________=${PH}`],
        [],
        [`XXXms=${PH}`, `X.XX%=${PH}`, `XX%=${PH}`, `XX=${PH}`],
        [],
        [],
        [],
        [`[XX]%=${PH}`],
        [`[XXX]ms=${PH}`],
        [`[timestamp]=${PH}`],
        [],
        [],
        [`[id]=${PH}`],
      ]);
    });

    it('does not colour Markdown links, references, checkboxes, PromQL ranges, rules, comments or other brackets', async () => {
      const doc = [
        'See the [link](https://example.com/runbook), [Name][ref] and ![Date](img.png).',
        '',
        '[link]: https://example.com/runbook',
        '',
        '- [ ] Automated alert',
        '- [x] User report',
        '',
        '```',
        'sum(rate(http_requests_total{code=~"5.."}[5m])) > 0.05 [1h]',
        '```',
        '',
        'A PromQL range `rate(x[5m])`, an array [1, 2], a [note], [XXL] sizes and snake__case.',
        '',
        '___',
        '',
        '<!-- Fill [Name] and [YYYY-MM-DD] -->',
        '',
        '```bash',
        '# ran by [Name] at HH:MM',
        '```',
        '',
        '`[Name]` in inline code.',
      ].join('\n');
      assert.deepEqual((await highlighted(doc)).flat(), []);
    });

    it('keeps the link scopes of a link whose text is a placeholder word', async () => {
      const scopes = await scopesAt('Open [link](https://example.com) now.', 0, 'link');
      assert.ok(scopes.includes('string.other.link.title.markdown'), scopes.join(' '));
      assert.ok(!scopes.some((s) => OURS.test(s)));
    });
  });

  describe('whole documents', () => {
    it('in the template, colours exactly the placeholders the placeholder rule finds, line by line', async () => {
      const lines = DEFAULT_TEMPLATE.split('\n');
      const got = await highlighted(DEFAULT_TEMPLATE);
      lines.forEach((line, i) => {
        const expected = findPlaceholders(line, template.placeholders).map((m) => m.text);
        const placeholders = got[i]!.filter((r) => r.endsWith(`=${PH}`)).map((r) => r.slice(0, -PH.length - 1).replace(/(?<=\])(?:%|ms)$/, ''));
        assert.deepEqual(placeholders, expected, `line ${i + 1}: ${line}`);
      });
      // And the header's severity levels.
      assert.deepEqual(got[lines.findIndex((l) => l.startsWith('**Severity:**'))], [`🔴 Critical=${CRIT}`, `🟡 Major=${MAJOR}`, `🟢 Minor=${MINOR}`]);
    });

    it('in a complete report, colours no placeholder but the unticked options the rules ignore too, and every timeline time', async () => {
      const text = complete();
      const lines = text.split('\n');
      const got = await highlighted(text);
      lines.forEach((line, i) => {
        if (got[i]!.some((r) => r.endsWith(`=${PH}`))) assert.match(line, /^\s*- \[ \] /, `line ${i + 1}: ${line}`);
      });
      const rows = lines.map((l, i) => [l, got[i]!] as const).filter(([l]) => /^\| \d{2}:\d{2} \|/.test(l));
      assert.equal(rows.length, 8);
      for (const [line, runs] of rows) assert.equal(runs[0], `${line.slice(2, 7)}=${TIME}`);
      assert.equal(got[lines.findIndex((l) => l.startsWith('**Incident ID:**'))]![0], `INC-20261020-001=${ID}`);
      assert.deepEqual(got[lines.findIndex((l) => l.startsWith('**Severity:**'))], [`🔴 Critical=${CRIT}`]);
    });
  });
});
