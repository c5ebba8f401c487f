import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createIncidentCore } from '../../src/core';

/**
 * The browser build of the core runs where there is no Node: a bare VM context with only
 * the language's own globals (no require, process, Buffer, setTimeout or TextDecoder).
 */
const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'web', 'core.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'workspace', 'incidents', 'INC-20261020-001-checkout-outage.md');

describe('browser bundle of the core (dist/web/core.js)', () => {
  before(function () {
    if (!existsSync(BUNDLE)) throw new Error('dist/web/core.js is missing: run `npm run build` first (npm test does).');
  });

  it('loads and lints in a context without any Node built-in, with the same results as Node', () => {
    const sandbox: Record<string, unknown> = {};
    runInNewContext(readFileSync(BUNDLE, 'utf8'), sandbox, { filename: 'core.js' });
    const api = sandbox['IncidentCore'] as typeof import('../../src/core');
    assert.equal(typeof api.createIncidentCore, 'function');
    for (const name of ['require', 'process', 'Buffer', 'module']) assert.equal(name in sandbox, false, `${name} leaked into the sandbox`);

    const text = readFileSync(FIXTURE, 'utf8').replace('| 14:05 | On-call notified | PagerDuty |\n| 14:12 |', '| 14:12 | Investigation started | Priya Raman |\n| 14:05 | On-call notified | PagerDuty |\n| 14:12 |');
    // Named character references take a DOM in the browser build of micromark's decoder; a worker has none.
    const withEntities = `${text}\nPaged AT&amp;T &copy; &nbsp;on-call.\n`;
    const request = { now: new Date('2026-11-26T12:00:00Z'), today: '2026-11-26', fileName: 'INC-20261020-001-checkout-outage.md' };
    // Copied into this realm: arrays made in the sandbox have the sandbox's prototypes.
    const inBrowser = [...api.createIncidentCore().lint(withEntities, request).diagnostics].map((d) => `${d.range.start.line}:${d.range.start.character} ${d.ruleId} ${d.message}`);
    const inNode = createIncidentCore().lint(withEntities, request).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.ruleId} ${d.message}`);
    assert.ok(inNode.some((d) => d.includes('timeline-order')));
    assert.deepEqual(inBrowser, inNode);
  });

  it('the web extension bundle requires nothing but vscode', () => {
    const source = readFileSync(join(ROOT, 'dist', 'web', 'extension.js'), 'utf8');
    const required = new Set([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
  });
});
