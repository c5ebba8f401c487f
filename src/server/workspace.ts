/**
 * The one interface through which the server sees files: listing, reading and statting,
 * confined to the workspace folders. Three implementations: the Node file system (stdio
 * clients: Neovim, Helix), the VS Code client's file system (virtual workspaces, the web)
 * and memory (tests). Writes never go through it: they are `workspace/applyEdit`s the
 * client carries out (it owns the buffers, undo and "never over an existing file").
 */
import { URI, Utils } from 'vscode-uri';
import { EXCLUDED_FOLDERS } from '../core/defaults';
import type { ReadResult, StatResult } from './protocol';

export interface IncidentWorkspace {
  /** Markdown files under the folders (dependency and build folders left out), as URIs. */
  findMarkdown(folders: readonly string[]): Promise<string[]>;
  /** A file's text (UTF-8, BOM dropped), or why it was not read. */
  read(uri: string): Promise<ReadResult>;
  stat(uri: string): Promise<StatResult>;
  /** The names in a folder; empty when it does not exist. */
  readDirectory(uri: string): Promise<string[]>;
  /** The workspace folders, where the implementation confines reads itself (the Node one: links leading out). */
  setFolders?(folders: readonly string[]): Promise<void>;
}



export function joinUri(base: string, ...segments: string[]): string {
  return Utils.joinPath(URI.parse(base), ...segments).toString();
}

/** The folder a URI is in. */
export function dirName(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

export function baseName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** Whether `uri` lies in `folder` (a folder URI), compared as normalised URI strings. */
export function isInside(folder: string, uri: string): boolean {
  const base = URI.parse(folder).toString().replace(/\/$/, '');
  const target = URI.parse(uri).toString().replace(/\/$/, '');
  return target === base || target.startsWith(`${base}/`);
}

/** The same URI written the one way (`file:///a%20b` and `file:///a b` are one file). */
export function normalizeUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** A workspace held in memory, for tests: URI → text; folders are implied by the files. */
export class MemoryWorkspace implements IncidentWorkspace {
  readonly files = new Map<string, string>();
  /** Files that exist but cannot be read, with the reason (stands for a FIFO, a dangling link). */
  readonly unreadable = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.files.set(normalizeUri(uri), text);
  }

  write(uri: string, text: string): void {
    this.files.set(normalizeUri(uri), text);
  }

  delete(uri: string): void {
    this.files.delete(normalizeUri(uri));
  }

  async findMarkdown(folders: readonly string[]): Promise<string[]> {
    const all = [...this.files.keys(), ...this.unreadable.keys()];
    return all.filter((uri) => uri.endsWith('.md') && folders.some((folder) => isInside(folder, uri)) && !URI.parse(uri).path.split('/').some((segment) => EXCLUDED_FOLDERS.has(segment))).sort();
  }

  async read(uri: string): Promise<ReadResult> {
    const key = normalizeUri(uri);
    const reason = this.unreadable.get(key);
    if (reason) return { reason };
    const text = this.files.get(key);
    return text === undefined ? { reason: 'it no longer exists' } : { text };
  }

  async stat(uri: string): Promise<StatResult> {
    const key = normalizeUri(uri);
    if (this.files.has(key)) return 'file';
    if (this.unreadable.has(key)) return 'other';
    const prefix = key.replace(/\/?$/, '/');
    return [...this.files.keys()].some((file) => file.startsWith(prefix)) ? 'directory' : null;
  }

  async readDirectory(uri: string): Promise<string[]> {
    const prefix = normalizeUri(uri).replace(/\/?$/, '/');
    const names = new Set<string>();
    for (const file of this.files.keys()) if (file.startsWith(prefix)) names.add(decodeURIComponent(file.slice(prefix.length).split('/')[0]!));
    return [...names];
  }
}
