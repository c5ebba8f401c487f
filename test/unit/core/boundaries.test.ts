import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/** The core runs in the CLI, the extension host and the browser: it imports neither `vscode` nor Node. */
const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    specifiers.push((match[1] ?? match[2] ?? match[3] ?? match[4])!);
  }
  return specifiers;
}

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('core boundaries', () => {
  const files = sourceFiles(join(ROOT, 'src', 'core'));

  it('finds the core sources', () => {
    assert.ok(files.length > 10, `only ${files.length} files under src/core`);
  });

  it('no core module imports vscode or a Node built-in', () => {
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => spec === 'vscode' || nodeBuiltins.has(spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('the check catches an offending import', () => {
    assert.deepEqual(importsOf("import * as vscode from 'vscode';\nimport { x } from './y';\nconst fs = require('node:fs');"), ['vscode', './y', 'node:fs']);
  });

  // core/defaults is the core's second, light entry point: names and defaults the editor
  // needs at activation, before it loads the core itself (dist/core.js, src/vscode/core.ts).
  it('adapters reach the core only through its entry points (the core, and core/defaults)', () => {
    const adapters = ['cli', 'vscode', 'node'].flatMap((dir) => {
      try {
        return sourceFiles(join(ROOT, 'src', dir));
      } catch {
        return [];
      }
    });
    const deep = adapters.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => /(^|\/)core\//.test(spec) && !/(^|\/)core\/defaults$/.test(spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    assert.deepEqual(deep, []);
  });
});
