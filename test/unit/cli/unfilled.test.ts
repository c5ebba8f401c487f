import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_IDS } from '../../../src/core/rules';
import { CLI, NOW, ROOT } from './run';

/**
 * A report left as its team's template fails `lint --final` on the unfilled rules alone
 * (every other rule off), and a filled report of the same template passes them.
 */
const FIXTURES = join(ROOT, 'test', 'fixtures', 'unfilled');
const UNFILLED = new Set(['placeholder', 'empty-field']);

interface Item {
  readonly ruleId: string;
  readonly severity: string;
  readonly line: number;
}

function lintFinal(shape: string, which: 'template' | 'filled'): { status: number | null; items: Item[] } {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  const dir = mkdtempSync(join(tmpdir(), 'incident-unfilled-'));
  try {
    mkdirSync(join(dir, '.incident'));
    copyFileSync(join(FIXTURES, `${shape}-template.md`), join(dir, '.incident', 'template.md'));
    copyFileSync(join(FIXTURES, `${shape}-${which}.md`), join(dir, 'report.md'));
    const rules = Object.fromEntries(RULE_IDS.filter((id) => !UNFILLED.has(id)).map((id) => [id, 'off']));
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ rules }));
    const env = { ...process.env, INCIDENT_REPORT_NOW: NOW };
    const run = spawnSync(process.execPath, [CLI, 'lint', '--final', '--format', 'json', 'report.md'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    return { status: run.status, items: JSON.parse(run.stdout) as Item[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (items: readonly Item[]): string[] => items.map((i) => `${i.line} ${i.ruleId} ${i.severity}`);

describe('CLI: a report left as its template fails --final on the unfilled rules', () => {
  it('italic and quoted help, example rows and items', () => {
    const blank = lintFinal('guidance', 'template');
    assert.equal(blank.status, 1);
    assert.deepStrictEqual(lines(blank.items), ['3 placeholder error', '3 placeholder error', '4 placeholder error', '7 placeholder error', '9 empty-field error', '15 placeholder error', '17 empty-field error', '20 empty-field error', '27 empty-field error', '32 empty-field error']);
    assert.deepStrictEqual(lintFinal('guidance', 'filled'), { status: 0, items: [] });
  });

  it('{…}, <…>, TBD, TBA, ?? and date-format placeholders', () => {
    const blank = lintFinal('placeholders', 'template');
    assert.equal(blank.status, 1);
    assert.deepStrictEqual(blank.items.map((i) => i.line), [1, 3, 3, 4, 9, 9, 9, 13, 14, 15, 21, 21, 21]);
    assert.deepStrictEqual(lintFinal('placeholders', 'filled'), { status: 0, items: [] });
  });

  it('empty sections', () => {
    const blank = lintFinal('empty', 'template');
    assert.equal(blank.status, 1);
    assert.deepStrictEqual(lines(blank.items.filter((i) => i.ruleId === 'empty-field')), ['7 empty-field error', '9 empty-field error', '15 empty-field error', '17 empty-field error', '19 empty-field error']);
    assert.deepStrictEqual(lintFinal('empty', 'filled'), { status: 0, items: [] });
  });
});
