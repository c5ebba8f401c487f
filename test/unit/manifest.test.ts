import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EDITOR_OPTIONS, RULE_IDS, validateSettings } from '../../src/core';

/** Contract between package.json, the code and the docs (after the Markdown extension's manifest test). */
const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('package.json manifest', () => {
  const code = sources(join(ROOT, 'src', 'vscode')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const registered = new Set([...code.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]!));
  const internal = new Set(['incidentReport.createEvidenceFile', 'incidentReport.revealLine']);
  const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

  it('every registered command is contributed, and every contributed command is registered', () => {
    assert.ok(registered.size >= 4);
    assert.deepEqual([...registered].filter((c) => !contributed.has(c) && !internal.has(c)), []);
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), []);
  });

  it('welcome texts use no Markdown but links: VS Code shows anything else as typed (**bold** stays **bold**)', () => {
    const welcomes: { contents: string }[] = manifest.contributes.viewsWelcome;
    assert.ok(welcomes.length > 0);
    for (const { contents } of welcomes) {
      const text = contents.replace(/\[[^\]]*\]\(command:[^)]*\)/g, '');
      assert.doesNotMatch(text, /[*_`#<>]|\[|\]/, contents);
    }
  });

  it('commands are in the Incident category', () => {
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Incident', command.command);
  });

  it('identity and engines match the platform we test on', () => {
    assert.equal(manifest.name, 'incident-report');
    assert.equal(manifest.displayName, 'Incident Report');
    assert.equal(manifest.publisher, 'spark-eng');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
    assert.deepEqual(manifest.bin, { 'incident-report': 'dist/cli.js', 'incident-report-language-server': 'dist/server.js' });
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('setting defaults pass the core validation', () => {
    const props = manifest.contributes.configuration.properties;
    const result = validateSettings(
      {
        config: { rules: props['incidentReport.rules'].default, mode: props['incidentReport.mode'].default, incidentsDir: props['incidentReport.incidentsDir'].default },
        editor: { validateWorkspace: props['incidentReport.validate.workspace'].default, debounceMs: props['incidentReport.validate.debounceMs'].default, lastUpdatedOnSave: props['incidentReport.lastUpdatedOnSave'].default },
      },
      RULE_IDS,
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.editor, DEFAULT_EDITOR_OPTIONS, 'the manifest and the core agree on every editor default');
  });

  it('contributed files exist', () => {
    for (const entry of manifest.contributes.jsonValidation ?? []) assert.ok(existsSync(join(ROOT, entry.url)), entry.url);
    for (const entry of manifest.contributes.snippets ?? []) assert.ok(existsSync(join(ROOT, entry.path)), entry.path);
    for (const entry of manifest.contributes.grammars ?? []) assert.ok(existsSync(join(ROOT, entry.path)), entry.path);
  });

  it('the CHANGELOG names the package version', () => {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });
});

describe('package.json menus', () => {
  it('every menu item names a contributed command (VS Code warns about any other)', () => {
    const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const dangling = Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>).flatMap(([menu, items]) => items.filter((i) => !contributed.has(i.command)).map((i) => `${menu}: ${i.command}`));
    assert.deepEqual(dangling, []);
  });
});
