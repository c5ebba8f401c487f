// Load + activate time of the built extension in a fresh Node process, with a minimal fake
// `vscode` module (what activate() and the modules' top level touch; anything else is an
// inert auto-stub, listed in the output). Usage: node activate.cjs <dist/extension.js> <workspace dir>
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const nodePath = require('node:path');

const [extensionPath, workspaceDir] = process.argv.slice(2);
const autoStubbed = new Set();

/** An inert value for any API we did not write: callable, constructible, every property another stub. */
function auto(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => name;
      if (typeof prop === 'symbol') return undefined;
      autoStubbed.add(`${name}.${String(prop)}`);
      return auto(`${name}.${String(prop)}`);
    },
    apply: () => auto(`${name}()`),
    construct: () => auto(`new ${name}`),
  });
}
function withAuto(name, object) {
  return new Proxy(object, {
    get(target, prop) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return target[prop];
      autoStubbed.add(`${name}.${String(prop)}`);
      return auto(`${name}.${String(prop)}`);
    },
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this.fn) this.fn();
  }
}
class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return new Disposable(() => this.listeners.delete(listener));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}
const noEvent = () => new Disposable();
class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
    this.authority = '';
    this.query = '';
    this.fragment = '';
  }
  get fsPath() {
    return this.path;
  }
  static file(path) {
    return new Uri('file', nodePath.resolve(path));
  }
  static parse(value) {
    const match = /^([a-z][a-z0-9+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(value);
    return match ? new Uri(match[1], decodeURIComponent(match[2])) : new Uri('file', value);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, nodePath.posix.join(base.path, ...parts));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
}
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
for (const [key, value] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', RefactorRewrite: 'refactor.rewrite', Source: 'source', SourceFixAll: 'source.fixAll', SourceOrganizeImports: 'source.organizeImports' })) {
  CodeActionKind[key] = new CodeActionKind(value);
}
const watcher = () => ({ onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose() {} });
const folderUri = Uri.file(workspaceDir);
const folders = [{ uri: folderUri, name: nodePath.basename(workspaceDir), index: 0 }];
const log = () => withAuto('LogOutputChannel', { name: 'log', trace() {}, debug() {}, info() {}, warn() {}, error() {}, append() {}, appendLine() {}, show() {}, clear() {}, dispose() {}, onDidChangeLogLevel: noEvent, logLevel: 2 });

/** Classes the language client extends or makes at load time: real, empty ones. */
const CLIENT_CLASSES = ['CallHierarchyItem', 'CodeLens', 'CompletionItem', 'DocumentLink', 'InlayHint', 'SymbolInformation', 'TypeHierarchyItem', 'CodeAction', 'Diagnostic', 'Location', 'Position', 'Range', 'MarkdownString', 'TextEdit', 'WorkspaceEdit', 'RelativePattern', 'SnippetString', 'Hover', 'CompletionList', 'DocumentSymbol', 'FoldingRange', 'SelectionRange'];
const vscode = withAuto('vscode', {
  ...Object.fromEntries(CLIENT_CLASSES.map((name) => [name, { [name]: class {} }[name]])),
  __esModule: undefined, // like the real module: plain CommonJS
  version: '1.100.0',
  Disposable,
  EventEmitter,
  Uri,
  CodeActionKind,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  workspace: withAuto('vscode.workspace', {
    workspaceFolders: folders,
    textDocuments: [],
    getWorkspaceFolder: (uri) => (uri.path.startsWith(folderUri.path) ? folders[0] : undefined),
    getConfiguration: () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => {} }),
    onDidChangeConfiguration: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    onDidOpenTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidCloseTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onDidRenameFiles: noEvent,
    onDidCreateFiles: noEvent,
    onDidDeleteFiles: noEvent,
    createFileSystemWatcher: watcher,
    findFiles: async () => [],
    fs: {
      readFile: async (uri) => new Uint8Array(await fs.promises.readFile(uri.fsPath)),
      stat: async (uri) => {
        const s = await fs.promises.stat(uri.fsPath);
        return { type: s.isDirectory() ? 2 : 1, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
      },
      readDirectory: async () => [],
      writeFile: async () => {},
      createDirectory: async () => {},
    },
    isTrusted: true,
  }),
  window: withAuto('vscode.window', {
    createOutputChannel: () => log(),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    createTreeView: () => withAuto('TreeView', { dispose() {}, reveal: async () => {}, visible: true, onDidChangeVisibility: noEvent, onDidExpandElement: noEvent }),
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    showInformationMessage: async () => undefined,
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: noEvent,
    withProgress: async (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: noEvent }),
  }),
  languages: withAuto('vscode.languages', {
    createDiagnosticCollection: () => {
      const map = new Map();
      return { set: (uri, d) => map.set(String(uri), d), delete: (uri) => map.delete(String(uri)), get: (uri) => map.get(String(uri)), clear: () => map.clear(), forEach: () => {}, dispose() {} };
    },
    registerCodeActionsProvider: () => new Disposable(),
    getDiagnostics: () => [],
    onDidChangeDiagnostics: noEvent,
  }),
  commands: withAuto('vscode.commands', {
    registerCommand: () => new Disposable(),
    executeCommand: async () => undefined,
  }),
  env: withAuto('vscode.env', { openExternal: async () => true, language: 'en' }),
});

const FAKE = nodePath.join(__dirname, '__fake_vscode__.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? FAKE : resolve.call(this, request, ...rest);
};
const fake = new Module(FAKE);
fake.filename = FAKE;
fake.loaded = true;
fake.exports = vscode;
require.cache[FAKE] = fake;

const memento = () => {
  const data = new Map();
  return { get: (k, d) => (data.has(k) ? data.get(k) : d), update: async (k, v) => void data.set(k, v), keys: () => [...data.keys()] };
};
const context = withAuto('ExtensionContext', {
  subscriptions: [],
  extensionUri: Uri.file(nodePath.resolve(nodePath.dirname(extensionPath), '..')),
  extensionPath: nodePath.resolve(nodePath.dirname(extensionPath), '..'),
  workspaceState: memento(),
  globalState: Object.assign(memento(), { setKeysForSync() {} }),
  storageUri: undefined,
  globalStorageUri: Uri.file('/tmp/incident-report-bench-storage'),
  logUri: Uri.file('/tmp/incident-report-bench-log'),
  extensionMode: 1,
  environmentVariableCollection: auto('environmentVariableCollection'),
  secrets: auto('secrets'),
});

(async () => {
  const t0 = performance.now();
  const extension = require(nodePath.resolve(extensionPath));
  const t1 = performance.now();
  const api = await extension.activate(context);
  const t2 = performance.now();
  // What activation leaves for right after it: loading the core (dist/core.js) with the
  // configuration, then starting validation. Reported too, so nothing is hidden by deferring it.
  const coreLoaded = () => Object.keys(require.cache).some((file) => nodePath.basename(file) === 'core.js');
  const coreAtActivation = coreLoaded();
  // The fake host cannot run the server: `ready` is waited for a moment, not required.
  let readyMs = null;
  if (api && api.ready) {
    const settled = await Promise.race([api.ready.then(() => true, () => false), new Promise((resolve) => setTimeout(() => resolve(false), 2000))]);
    if (settled) readyMs = performance.now() - t0;
  }
  const t3 = readyMs === null ? null : t0 + readyMs;
  const ok = !!api && typeof api === 'object';
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, readyMs: t3 === null ? null : t3 - t0, coreAtActivation, coreAfterReady: coreLoaded(), ok, subscriptions: context.subscriptions.length, autoStubbed: [...autoStubbed].sort() })}\n`);
  process.exit(0);
})().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack ? error.stack : error), autoStubbed: [...autoStubbed].sort() })}\n`);
  process.exit(1);
});
