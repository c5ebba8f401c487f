import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desktop extension is a language client plus UI: the core (parser, rules, YAML) lives
 * in the server's bundle, dist/server.js, which runs in its own process. An import of a
 * core value into src/vscode would pull the core into the extension host again.
 */
const ROOT = join(__dirname, '..', '..');
const EXTENSION = join(ROOT, 'dist', 'extension.js');
const CLIENT = join(ROOT, 'dist', 'client.js');
const SERVER = join(ROOT, 'dist', 'server.js');

describe('the built extension (dist/extension.js) and server (dist/server.js)', () => {
  before(function () {
    if (!existsSync(EXTENSION) || !existsSync(SERVER)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });

  it('the client bundles no part of the core: no parser, no rules, no YAML', () => {
    const client = readFileSync(EXTENSION, 'utf8');
    for (const marker of ['micromark', 'blameless-language', 'LineCounter']) assert.equal(client.includes(marker), false, `${marker} found in dist/extension.js`);
    const server = readFileSync(SERVER, 'utf8');
    for (const marker of ['micromark', 'blameless-language']) assert.ok(server.includes(marker), `${marker} missing from dist/server.js`);
  });

  it('activation loads the UI alone; the language client (dist/client.js) starts the server from dist/server.js', () => {
    const extension = readFileSync(EXTENSION, 'utf8');
    assert.match(extension, /require\("\.\/client\.js"\)/);
    assert.equal(extension.includes('vscode-languageclient') || extension.includes('vscode-jsonrpc'), false, 'the protocol library is in dist/client.js');
    assert.match(readFileSync(CLIENT, 'utf8'), /"dist",\s*"server\.js"/);
    assert.ok(readFileSync(SERVER, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });
});
