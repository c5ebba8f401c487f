import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { EXCLUDED_FOLDERS, MAX_REPORT_BYTES, tooLargeReason } from '../core/defaults';
import { FsRequests, type ReadResult, type StatResult } from '../server/protocol';

/** Folders never searched for reports, as findFiles' exclude glob. */
const EXCLUDE = `{${[...EXCLUDED_FOLDERS].map((name) => `**/${name}/**`).join(',')}}`;

/**
 * The server reads files through VS Code's file system: virtual workspaces and VS Code for
 * the Web work as the desktop does, and unsaved editors stay the client's business.
 */
export function serveFileSystem(client: BaseLanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    client.onRequest(FsRequests.findMarkdown, async ({ folders }: { folders: string[] }): Promise<string[]> => {
      const files = await vscode.workspace.findFiles('**/*.md', EXCLUDE);
      const prefixes = folders.map((f) => f.replace(/\/?$/, '/'));
      return files.map((uri) => uri.toString()).filter((uri) => prefixes.some((p) => uri.startsWith(p)));
    }),
    client.onRequest(FsRequests.read, ({ uri }: { uri: string }): Promise<ReadResult> => readTextFile(vscode.Uri.parse(uri))),
    client.onRequest(FsRequests.stat, async ({ uri }: { uri: string }): Promise<StatResult> => {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        if (stat.type & vscode.FileType.SymbolicLink) return 'link';
        return stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other';
      } catch {
        return null;
      }
    }),
    client.onRequest(FsRequests.readDirectory, async ({ uri }: { uri: string }): Promise<string[]> => {
      try {
        return (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri))).map(([name]) => name);
      } catch {
        return [];
      }
    }),
  );
}

/**
 * A file's text (UTF-8, a leading BOM dropped), or why it was not read: it vanished, is
 * not readable, is not a regular file (a FIFO would never finish reading) or is too large.
 */
export async function readTextFile(uri: vscode.Uri): Promise<ReadResult> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File)) {
      if (stat.type & vscode.FileType.Directory) return { reason: 'it is a folder' };
      // A link that leads nowhere is reported as a link alone.
      return { reason: stat.type & vscode.FileType.SymbolicLink ? 'it is a link to nothing (its target does not exist)' : 'it is not a regular file' };
    }
    if (stat.size > MAX_REPORT_BYTES) return { reason: tooLargeReason(stat.size) };
    const bytes = await vscode.workspace.fs.readFile(uri);
    // UTF-16 when the file starts with its byte order mark, as VS Code opens it; the BOM is dropped.
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    return { text: new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes) };
  } catch (error) {
    const code = error instanceof vscode.FileSystemError ? error.code : undefined;
    return { reason: code === 'FileNotFound' || code === 'EntryNotFound' ? 'it no longer exists' : code === 'NoPermissions' ? 'permission denied' : `it could not be read (${(error as Error).message})` };
  }
}
