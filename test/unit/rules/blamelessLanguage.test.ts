import * as assert from 'node:assert/strict';
import { blamelessLanguageRule } from '../../../src/core/rules/blamelessLanguage';
import { complete, lint, lintWith, mutate, rangeOf, type LintWithOptions } from '../helpers';

const only = (text: string, options: LintWithOptions = {}) => lintWith(text, { rules: [blamelessLanguageRule], ...options });
const severities = (text: string) => lint(text, { rules: [blamelessLanguageRule] }).diagnostics.map((d) => d.severity);
const draft = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

const PROSE = 'The value change sat in a large refactoring PR; the rendered diff was not shown to reviewers.';
const withProse = (sentence: string) => mutate(complete(), PROSE, sentence);
const message = (phrase: string) => `"${phrase}" is blame-oriented phrasing; describe the system condition instead (what allowed the action, what did not catch it).`;

describe('rule blameless-language', () => {
  it('passes the complete report in final mode', () => {
    assert.deepEqual(only(complete(), { mode: 'final' }), []);
  });

  describe('reports each listed phrase on the phrase', () => {
    const cases: [string, string][] = [
      ['A careless reviewer approved the PR.', 'careless'],
      ['Reviewing was Careless.', 'Careless'],
      ['Carelessness in review let it through.', 'Carelessness'],
      ['The flag was carelessly named.', 'carelessly'],
      ['The deploy was negligent.', 'negligent'],
      ['Negligence in review.', 'Negligence'],
      ['An incompetent change was merged.', 'incompetent'],
      ['It was the fault of the reviewer.', 'fault of'],
      ['The author was at fault.', 'at fault'],
      ['It was his fault.', 'his fault'],
      ['It was their fault.', 'their fault'],
      ["It was someone's fault.", "someone's fault"],
      ['The reviewer should have known better.', 'should have known'],
      ['They should’ve known better.', 'should’ve known'],
      ['Root cause: human error.', 'human error'],
      ['We blame the deploy.', 'blame'],
      ['Ops blamed the deploy.', 'blamed'],
      ['A stupid mistake in the values.', 'stupid mistake'],
      ['The author SCREWED UP the values.', 'SCREWED UP'],
    ];
    for (const [sentence, phrase] of cases) {
      it(phrase, () => {
        const text = withProse(sentence);
        assert.deepEqual(only(text), [`${rangeOf(text, sentence.slice(sentence.indexOf(phrase)), phrase.length)} blameless-language: ${message(phrase)}`]);
      });
    }

    it('a phrase broken over two lines, reported with one space', () => {
      const text = withProse('The cause was human\nerror in the values.');
      assert.deepEqual(only(text), [`${rangeOf(text, 'human\nerror')} blameless-language: ${message('human error')}`]);
    });

    it('several phrases in one paragraph, and in table cells and list items', () => {
      let text = withProse('A careless edit; human error.');
      text = mutate(text, '| 15:20 | Root cause identified: pool size 5 in release values | Priya Raman |', '| 15:20 | Root cause identified: a careless edit | Priya Raman |');
      text = mutate(text, '- The pool saturation metric had no alert.', '- Nobody is to blame for the missing alert.');
      assert.deepEqual(only(text), [
        `${rangeOf(text, 'careless edit |', 8)} blameless-language: ${message('careless')}`,
        `${rangeOf(text, 'blame for', 5)} blameless-language: ${message('blame')}`,
        `${rangeOf(text, 'careless edit;', 8)} blameless-language: ${message('careless')}`,
        `${rangeOf(text, 'human error.', 11)} blameless-language: ${message('human error')}`,
      ]);
    });
  });

  describe('leaves alone', () => {
    const neutral = [
      'This is a blameless post-mortem.',
      'Blamelessness is our norm; the default was unsafe.',
      'A page fault and fault tolerance are system terms.',
      "The cache's fault counter rose.",
      'Operators made an error in the runbook order; the system allowed it.',
    ];
    for (const sentence of neutral) {
      it(JSON.stringify(sentence), () => {
        assert.deepEqual(only(withProse(sentence)), []);
      });
    }

    it('inline code, code blocks, blockquotes and link URLs (bare or in a link)', () => {
      let text = withProse('Run `git blame values/prod.yaml` and see [the annotate view](https://github.com/x/blame/main/values.yaml) or https://example.com/careless.');
      text = mutate(text, '- database.pool_size: 50\n', '- database.pool_size: 50 # careless typo, human error\n');
      text = mutate(text, 'Read replicas were idle throughout.', 'Read replicas were idle throughout.\n\n> 15:31 chat: "who screwed up the values? this is negligent"');
      assert.deepEqual(only(text), []);
    });
  });

  it('reads the text of a link: blame does not hide behind one', () => {
    const text = withProse('See [the careless merge](https://github.com/x/pull/1).');
    assert.equal(only(text).length, 1);
    assert.match(only(text)[0]!, /"careless" is blame-oriented phrasing/);
  });

  it('is a hint while open and info once resolved', () => {
    const text = withProse('A careless edit.');
    assert.deepEqual(severities(text), ['info']);
    assert.deepEqual(severities(draft(text)), ['hint']);
  });

  it('does not throw on broken input and keeps ranges right in CRLF and after emoji', () => {
    for (const text of ['', '\uFEFF', '# 🔥 careless\n', '## 📋 Summary\n\n| a |\n|\n| careless |', '<!-- careless -->']) {
      assert.deepEqual(lint(text, { rules: [blamelessLanguageRule] }).diagnostics.filter((d) => d.ruleId === 'internal-error'), [], JSON.stringify(text));
    }
    const crlf = withProse('🔥🔥 A careless edit.').replace(/\n/g, '\r\n');
    assert.deepEqual(only(crlf), [`${rangeOf(crlf, 'careless edit', 8)} blameless-language: ${message('careless')}`]);
  });
});
