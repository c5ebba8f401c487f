/**
 * The Node file system as the server's workspace (stdio clients: Neovim, Helix, Zed).
 * Links are followed only when their target stays inside the workspace folder; a folder
 * reached twice (a link loop) is walked once.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { decodeText, readErrorReason, readRegularFile, notRegularFile } from '../cli/workspace';
import type { ReadResult, StatResult } from './protocol';
import { EXCLUDED_FOLDERS, MAX_REPORT_BYTES, tooLargeReason } from '../core/defaults';
import type { IncidentWorkspace } from './workspace';

export class NodeWorkspace implements IncidentWorkspace {
  /** The workspace folders' real paths: nothing is read from outside them. */
  private roots: string[] = [];

  async setFolders(folders: readonly string[]): Promise<void> {
    const roots: string[] = [];
    for (const folder of folders) {
      const uri = URI.parse(folder);
      if (uri.scheme === 'file') roots.push(await realpath(uri.fsPath).catch(() => uri.fsPath));
    }
    this.roots = roots;
  }

  private async leadsInside(path: string): Promise<boolean> {
    const real = await realpath(path).catch(() => undefined);
    return real !== undefined && this.roots.some((root) => inside(root, real));
  }

  async findMarkdown(folders: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const folder of folders) {
      const uri = URI.parse(folder);
      if (uri.scheme !== 'file') continue;
      let root: string;
      try {
        root = await realpath(uri.fsPath);
      } catch {
        continue;
      }
      const seen = new Set<string>();
      const walk = async (dir: string): Promise<void> => {
        let real: string;
        try {
          real = await realpath(dir);
        } catch {
          return;
        }
        if (!inside(root, real) || seen.has(real)) return;
        seen.add(real);
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!EXCLUDED_FOLDERS.has(entry.name)) await walk(path);
          } else if (entry.isSymbolicLink()) {
            const target = await stat(path).catch(() => undefined);
            if (target?.isDirectory()) {
              if (!EXCLUDED_FOLDERS.has(entry.name)) await walk(path);
            } else if (entry.name.endsWith('.md')) found.push(URI.file(path).toString());
          } else if (entry.name.endsWith('.md')) found.push(URI.file(path).toString());
        }
      };
      await walk(uri.fsPath);
    }
    return found;
  }

  async read(uriText: string): Promise<ReadResult> {
    const uri = URI.parse(uriText);
    if (uri.scheme !== 'file') return { reason: `it is not a file on this machine (${uri.scheme}:)` };
    try {
      const stats = await stat(uri.fsPath);
      const reason = notRegularFile(stats);
      if (reason) return { reason: reason.startsWith('is ') ? `it ${reason}` : `it is ${reason}` };
      if (stats.size > MAX_REPORT_BYTES) return { reason: tooLargeReason(stats.size) };
      if (this.roots.length && !(await this.leadsInside(uri.fsPath))) return { reason: 'it leads outside the workspace (through a symbolic link)' };
      return { text: decodeText(readRegularFile(uri.fsPath)) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        const link = await lstat(uri.fsPath).catch(() => undefined);
        return { reason: link?.isSymbolicLink() ? 'it is a link to nothing (its target does not exist)' : 'it no longer exists' };
      }
      return { reason: readErrorReason(error) };
    }
  }

  async stat(uriText: string): Promise<StatResult> {
    const uri = URI.parse(uriText);
    if (uri.scheme !== 'file') return null;
    const link = await lstat(uri.fsPath).catch(() => undefined);
    if (!link) return null;
    // A link is usable only while it leads inside the workspace; one that leads out is "other".
    if (link.isSymbolicLink()) return !this.roots.length || (await this.leadsInside(uri.fsPath)) ? 'link' : 'other';
    return link.isFile() ? 'file' : link.isDirectory() ? 'directory' : 'other';
  }

  async readDirectory(uriText: string): Promise<string[]> {
    const uri = URI.parse(uriText);
    if (uri.scheme !== 'file') return [];
    return readdir(uri.fsPath).catch(() => []);
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || !(rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..');
}
