import * as vscode from 'vscode';

/**
 * Rules ask synchronously whether an evidence path exists; the editor can only stat
 * asynchronously. Unknown paths answer `undefined` (the rule stays silent), are looked
 * up in the background, and the owner re-validates when an answer arrives.
 */
export class EvidenceExistenceCache implements vscode.Disposable {
  private readonly known = new Map<string, boolean>();
  private readonly pending = new Set<string>();
  private readonly learned = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private flush: ReturnType<typeof setTimeout> | undefined;

  readonly onDidLearn = this.learned.event;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/evidence/**');
    const forget = (): void => {
      if (this.known.size === 0) return;
      this.known.clear();
      this.learned.fire();
    };
    this.watcher.onDidCreate(forget);
    this.watcher.onDidDelete(forget);
  }

  /** A `pathExists` for the core, bound to one workspace folder. */
  lookup(folder: vscode.Uri | undefined): ((relativePath: string) => boolean | undefined) | undefined {
    if (!folder) return undefined;
    return (relativePath) => {
      if (relativePath.split(/[\\/]/).includes('..') || /^([A-Za-z]:)?[\\/]/.test(relativePath)) return undefined;
      const uri = vscode.Uri.joinPath(folder, relativePath);
      const key = uri.toString();
      const answer = this.known.get(key);
      if (answer === undefined) this.request(uri, key);
      return answer;
    };
  }

  private request(uri: vscode.Uri, key: string): void {
    if (this.pending.has(key)) return;
    this.pending.add(key);
    vscode.workspace.fs.stat(uri).then(
      () => this.answer(key, true),
      () => this.answer(key, false),
    );
  }

  private answer(key: string, exists: boolean): void {
    this.pending.delete(key);
    this.known.set(key, exists);
    // Many paths answer together: tell the owner once.
    if (this.flush) clearTimeout(this.flush);
    this.flush = setTimeout(() => this.learned.fire(), 20);
  }

  dispose(): void {
    if (this.flush) clearTimeout(this.flush);
    this.watcher.dispose();
    this.learned.dispose();
  }
}
