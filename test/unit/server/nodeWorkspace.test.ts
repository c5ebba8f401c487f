import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeWorkspace } from '../../../src/server/nodeWorkspace';

const url = (path: string): string => pathToFileURL(path).href;

describe('the Node file system as the server workspace', () => {
  let base: string;
  let root: string;
  let workspace = new NodeWorkspace();

  beforeEach(() => {
    workspace = new NodeWorkspace();
    base = mkdtempSync(join(tmpdir(), 'incident-ws-'));
    root = join(base, 'ws');
    mkdirSync(join(root, 'incidents'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(root, 'incidents', 'a.md'), '# A\n');
    writeFileSync(join(root, 'node_modules', 'pkg', 'README.md'), '# dependency\n');
    writeFileSync(join(base, 'outside', 'secret.md'), '# outside\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('lists Markdown files inside the folder; links are followed only while they stay inside, a loop once', async () => {
    symlinkSync(join(base, 'outside'), join(root, 'link-out'));
    symlinkSync('/', join(root, 'link-root'));
    symlinkSync(join(root, 'incidents'), join(root, 'incidents-again'));
    symlinkSync(root, join(root, 'incidents', 'loop'));
    const found = await workspace.findMarkdown([url(root)]);
    assert.deepEqual(found, [url(join(root, 'incidents', 'a.md'))]);
  });

  it('says why a file is not read: a FIFO, a dangling link, a folder, a missing file', async () => {
    execFileSync('mkfifo', [join(root, 'incidents', 'pipe.md')]);
    symlinkSync(join(root, 'gone.md'), join(root, 'incidents', 'dangling.md'));
    assert.deepEqual(await workspace.read(url(join(root, 'incidents', 'pipe.md'))), { reason: 'it is not a regular file (a FIFO)' });
    assert.deepEqual(await workspace.read(url(join(root, 'incidents', 'dangling.md'))), { reason: 'it is a link to nothing (its target does not exist)' });
    assert.deepEqual(await workspace.read(url(join(root, 'incidents'))), { reason: 'it is a directory' });
    assert.deepEqual(await workspace.read(url(join(root, 'none.md'))), { reason: 'it no longer exists' });
    assert.deepEqual(await workspace.read(url(join(root, 'incidents', 'a.md'))), { text: '# A\n' });
  });

  it('stats links as links (a created evidence file never goes through one) and lists folders', async () => {
    symlinkSync(join(base, 'outside'), join(root, 'evidence'));
    symlinkSync(join(root, 'incidents'), join(root, 'evidence-inside'));
    assert.equal(await workspace.stat(url(join(root, 'evidence'))), 'link');
    // Once the folders are known, a link leading out of them is not usable.
    await workspace.setFolders([url(root)]);
    assert.equal(await workspace.stat(url(join(root, 'evidence'))), 'other');
    assert.equal(await workspace.stat(url(join(root, 'evidence-inside'))), 'link');
    assert.deepEqual(await workspace.read(url(join(root, 'evidence', 'secret.md'))), { reason: 'it leads outside the workspace (through a symbolic link)' });
    assert.equal(await workspace.stat(url(join(root, 'incidents'))), 'directory');
    assert.equal(await workspace.stat(url(join(root, 'incidents', 'a.md'))), 'file');
    assert.equal(await workspace.stat(url(join(root, 'nothing'))), null);
    assert.deepEqual(await workspace.readDirectory(url(join(root, 'incidents'))), ['a.md']);
    assert.deepEqual(await workspace.readDirectory(url(join(root, 'nothing'))), []);
  });
});
