import * as vscode from 'vscode';
import type { Config, IncidentCore } from '../core';
import { CONFIG_FILE_NAMES, DEFAULT_EDITOR_OPTIONS, DEFAULT_INCIDENTS_DIR, WORKSPACE_TEMPLATE_PATH, type EditorOptions } from '../core/defaults';
import { core } from './core';

/** What the features need to know about the folder a report lives in. */
export interface FolderSettings {
  readonly folder: vscode.WorkspaceFolder | undefined;
  readonly core: IncidentCore;
  readonly config: Config;
  readonly incidentsDir: string;
  /** The team template in use, if the folder has one: it looks like a report but is not one. */
  readonly templateUri?: vscode.Uri;
}

const SECTION = 'incidentReport';

/**
 * Settings (`incidentReport.*`) and the workspace's committed `.incident-report.json|yaml`
 * (which wins), plus the team template, per workspace folder. Everything is validated
 * through the core's schema; invalid values are shown once and fall back to defaults.
 */
export class ConfigurationService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderSettings>();
  private readonly shown = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Settings for a file outside every folder, made on first use (it loads the core). */
  private fallbackSettings: FolderSettings | undefined;
  private editorOptions: EditorOptions = DEFAULT_EDITOR_OPTIONS;
  private settingsConfig: Config = {};
  private loading: Promise<void> = Promise.resolve();

  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')},.incident,.incident/*.md}`);
    const onFile = (uri: vscode.Uri): void => {
      if (vscode.workspace.getWorkspaceFolder(uri)) this.reload();
    };
    this.disposables.push(watcher, watcher.onDidCreate(onFile), watcher.onDidChange(onFile), watcher.onDidDelete(onFile));
  }

  /** Resolves once the current configuration is loaded. */
  ready(): Promise<void> {
    return this.loading;
  }

  private get fallback(): FolderSettings {
    this.fallbackSettings ??= { folder: undefined, core: core().createIncidentCore(), config: {}, incidentsDir: DEFAULT_INCIDENTS_DIR };
    return this.fallbackSettings;
  }

  get editor(): EditorOptions {
    return this.editorOptions;
  }

  forUri(uri: vscode.Uri | undefined): FolderSettings {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    return (folder && this.folders.get(folder.uri.toString())) ?? this.fallback;
  }

  /**
   * Reads settings, config files and templates again. `later`: first let the current task
   * end (activation: reading them loads the core, which activation leaves for afterwards).
   */
  reload(later = false): Promise<void> {
    const start = later ? this.loading.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))) : this.loading;
    this.loading = start
      .then(() => this.load())
      // A load that failed (the core missing from the install, a bug) is logged, and the next
      // reload tries again: the chain must not stay rejected.
      .catch((error: unknown) => this.log.error(`Incident Report could not load its configuration: ${(error as Error)?.stack ?? String(error)}`))
      .then(() => this.changed.fire());
    return this.loading;
  }

  private async load(): Promise<void> {
    this.readSettings();
    this.fallbackSettings = { folder: undefined, core: this.coreFor(this.settingsConfig, undefined), config: this.settingsConfig, incidentsDir: this.settingsConfig.incidentsDir ?? DEFAULT_INCIDENTS_DIR };
    this.folders.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        this.folders.set(folder.uri.toString(), await this.loadFolder(folder));
      } catch (error) {
        this.problem(`Incident Report: could not read the configuration of ${folder.name}: ${(error as Error).message}`);
      }
    }
  }

  private readSettings(): void {
    const settings = vscode.workspace.getConfiguration(SECTION);
    const result = core().validateSettings(
      {
        config: {
          rules: settings.get('rules'),
          mode: settings.get('mode'),
          template: settings.get('template'),
          incidentsDir: settings.get('incidentsDir'),
          owner: settings.get('owner'),
        },
        editor: { validateWorkspace: settings.get('validate.workspace'), debounceMs: settings.get('validate.debounceMs') },
      },
      core().RULE_IDS,
    );
    for (const error of result.errors) this.problem(`Invalid setting: ${error}. Using the default instead.`);
    this.settingsConfig = result.config;
    this.editorOptions = result.editor;
  }

  private async loadFolder(folder: vscode.WorkspaceFolder): Promise<FolderSettings> {
    let fileConfig: Config = {};
    for (const name of CONFIG_FILE_NAMES) {
      const text = await readText(vscode.Uri.joinPath(folder.uri, name));
      if (text === undefined) continue;
      const parsed = core().parseConfigText(text, name);
      if (!parsed.ok) {
        this.problem(`Incident Report: ${parsed.error} (in ${folder.name}); the file is ignored.`);
        break;
      }
      const validated = core().validateConfig(parsed.data, core().RULE_IDS, name);
      if (validated.ok) fileConfig = validated.config;
      else this.problem(`Incident Report: ${validated.errors.join('; ')} (in ${folder.name}); the file is ignored.`);
      break;
    }
    const config = core().mergeConfig(this.settingsConfig, fileConfig);
    const templateUri = vscode.Uri.joinPath(folder.uri, config.template ?? WORKSPACE_TEMPLATE_PATH);
    const templateText = await readText(templateUri);
    if (templateText === undefined && config.template) this.problem(`Incident Report: template ${config.template} not found in ${folder.name}; using the default template.`);
    return {
      folder,
      core: this.coreFor(config, templateText),
      config,
      incidentsDir: config.incidentsDir ?? DEFAULT_INCIDENTS_DIR,
      ...(templateText === undefined ? {} : { templateUri }),
    };
  }

  /** Whether a file is a folder's team template (never validated or listed as a report). */
  isTemplate(uri: vscode.Uri): boolean {
    return this.forUri(uri).templateUri?.toString() === uri.toString();
  }

  private coreFor(config: Config, templateText: string | undefined): IncidentCore {
    try {
      return core().createIncidentCore({ config, templateText });
    } catch (error) {
      this.problem(`Incident Report: the template could not be read (${(error as Error).message}); using the default template.`);
      return core().createIncidentCore({ config });
    }
  }

  /** Shown once per distinct message; always logged. */
  private problem(message: string): void {
    this.log.warn(message);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    void vscode.window.showWarningMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A file's text, or undefined when it does not exist or cannot be read. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const read = await readTextFile(uri);
  return read.text;
}

/**
 * Files larger than this are not read as reports: a hand-written report is tens of KB and
 * a 5 MB one is validated fine; past this it is a log or a dump, and reading it would cost
 * memory and time for nothing. The CLI has the same limit.
 */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * A file's text (UTF-8, a leading BOM dropped), or why it was not read: it vanished, is
 * not readable, is not a regular file (a FIFO would never finish reading) or is too large.
 */
export async function readTextFile(uri: vscode.Uri): Promise<{ text: string; reason?: undefined } | { text?: undefined; reason: string }> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File)) {
      if (stat.type & vscode.FileType.Directory) return { reason: 'it is a folder' };
      // A link that leads nowhere is reported as a link alone.
      return { reason: stat.type & vscode.FileType.SymbolicLink ? 'it is a link to nothing (its target does not exist)' : 'it is not a regular file' };
    }
    if (stat.size > MAX_REPORT_BYTES) return { reason: `it is too large (${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_REPORT_BYTES / 1024 / 1024} MB limit)` };
    const bytes = await vscode.workspace.fs.readFile(uri);
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = error instanceof vscode.FileSystemError ? error.code : undefined;
    return { reason: code === 'FileNotFound' || code === 'EntryNotFound' ? 'it no longer exists' : code === 'NoPermissions' ? 'permission denied' : `it could not be read (${(error as Error).message})` };
  }
}
