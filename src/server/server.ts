/**
 * The incident-report language server: diagnostics, code actions, commands and the
 * Incidents index over the core, for any LSP client. It sees files only through an injected
 * IncidentWorkspace, so every feature runs the same over stdio, in a web worker and in tests.
 */
import type { CodeAction, CodeActionParams, CompletionItem, Connection, Diagnostic as LspDiagnostic, DidChangeWatchedFilesParams, InitializeParams, InitializeResult, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments, type Disposable } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { actionItemsAcross, REPORT_DEFINITION, CONFIG_FILE_NAMES, applyEdits, configKeyRange, createIncidentCore, createReport, formatTemplateSummary, incidentStats, summarizeTemplate, templateUsable, isProblem, ReportParser, reportHtml, type Diagnostic, type FiledFacts, type Fix, type IncidentFacts, type LintResult, type ReportDetails, type ReportHeader, type Severity, type TextEdit } from '../core';
import {
  ActionItemsRequest,
  DIAGNOSTIC_SOURCE,
  ExportHtmlRequest,
  StatsRequest,
  type ActionItemsParams,
  type ActionItemsResult,
  type ExportHtmlParams,
  type ExportHtmlResult,
  type StatsParams,
  type StatsResult,
  FIX_ALL_KIND,
  FsRequests,
  IncidentDetailsRequest,
  IncidentsChangedNotification,
  IncidentsRequest,
  ProblemNotification,
  REWRITE_KIND,
  ServerCommands,
  TemplateCheckRequest,
  TemplateInfoRequest,
  type TemplateCheckParams,
  type TemplateCheckResult,
  TimelineChartRequest,
  ValidatedNotification,
  type AddTimelineEventParams,
  type CreateEvidenceParams,
  type FillEvidenceParams,
  type IncidentDetailsParams,
  type IncidentDetailsResult,
  type IncidentsResult,
  type InitializationOptions,
  type NewIncidentParams,
  type NewIncidentResult,
  RescanRequest,
  type InsertTimestampParams,
  type SetStatusParams,
  type SetStatusResultParams,
  type ReadResult,
  type StatResult,
  type TemplateInfoParams,
  type TemplateInfoResult,
  type TimelineChartParams,
  type TimelineChartResult,
} from './protocol';
import { completionsAt, contextCompletions, definitionsOf, documentSymbols, hoverAt, idAt, metricsLens, progressLenses, referencesOf, workspaceSymbols, type IndexedReport } from './languageFeatures';
import { SettingsStore, type ClientSettings, type FolderSettings } from './settings';
import { baseName, dirName, isInside, joinUri, normalizeUri, type IncidentWorkspace } from './workspace';

export interface IncidentServerOptions {
  /** The server's own file system, used unless the client offers its own (initializationOptions.fileSystem). */
  readonly workspace?: IncidentWorkspace;
  /** The clock; tests pin it. */
  readonly now?: () => Date;
}

/** One report of the workspace as the server knows it: from its file, or its open editor. */
interface KnownReport {
  readonly header: ReportHeader;
  readonly version: number;
  problems: number;
  /** Places still to fill (unfilled diagnostics) at its last validation. */
  toFill: number;
  details?: ReportDetails;
  /** Every incident ID the file mentions (its own included), for definitions and references. */
  mentions(): IndexedReport['mentions'];
  /** Its action items' owners, read when an Owner completion first asks. */
  owners?: string[];
  /** What it adds to the insights (stats, action items), read when first asked for on `today` (overdue depends on the day). */
  facts?: { readonly today: string; readonly facts: IncidentFacts | undefined };
}

/** A lint of one exact document version: what code actions read fixes from. */
interface CachedLint {
  readonly version: number;
  readonly text: string;
  readonly result: LintResult;
}

const SETTINGS_SECTION = 'incidentReport';
/** How long one completion request may spend reading other reports for their owners. */
const OWNERS_READ_BUDGET_MS = 150;

/** Wires the server's features onto a connection and starts listening. */
export function createIncidentServer(connection: Connection, options: IncidentServerOptions = {}): { readonly documents: TextDocuments<TextDocument>; dispose(): void } {
  const now = options.now ?? (() => new Date());
  const documents = new TextDocuments(TextDocument);
  let workspace: IncidentWorkspace = options.workspace ?? clientWorkspace(connection);
  let folders: string[] = [];
  let canAskConfiguration = false;
  let validateWorkspace = true;
  let validateWorkspaceOption = true;
  let supportsFolderEvents = false;
  const shownProblems = new Set<string>();
  const settings = new SettingsStore(
    { findMarkdown: (f) => workspace.findMarkdown(f), read: (u) => workspace.read(u), stat: (u) => workspace.stat(u), readDirectory: (u) => workspace.readDirectory(u) },
    (message) => {
      connection.console.warn(message);
      if (shownProblems.has(message)) return;
      shownProblems.add(message);
      notify(ProblemNotification, { message });
    },
  );
  const reports = new Map<string, KnownReport>();
  const skipped = new Map<string, string>();
  const parsers = new Map<string, ReportParser>();
  const lints = new Map<string, CachedLint>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const evidence = new EvidenceLookup(() => workspace, () => revalidateOpen());
  let reportVersions = 0;
  let loading: Promise<void> = Promise.resolve();
  /** The workspace scan under way (or done): requests that read the whole index wait for it. */
  let scanning: Promise<void> = Promise.resolve();
  /** Whether the index holds the whole workspace: only then may a mention "name no report". */
  let scanned = false;
  let firstScanDone: () => void = () => undefined;
  /** Resolves when the first scan has indexed the workspace (requests may come before it starts). */
  const firstScan = new Promise<void>((resolve) => (firstScanDone = resolve));
  /** The index as complete as it gets: after the first scan and any rescan under way. */
  const wholeIndex = async (): Promise<void> => {
    await firstScan;
    await scanning;
  };
  /** The IDs of the indexed reports, rebuilt after one is added, removed or changes its ID. */
  let knownIds: Set<string> | undefined;
  const idsOfIndex = (): Set<string> => (knownIds ??= new Set([...reports.values()].flatMap((k) => (k.header.id ? [k.header.id] : []))));
  /** IDs that appeared or disappeared since the files mentioning them were last checked. */
  const changedIds = new Set<string>();
  let idsTimer: ReturnType<typeof setTimeout> | undefined;
  let scanGeneration = 0;
  let changedTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  /** Notifications after the client went away are dropped, not thrown from a timer. */
  const notify = (method: string, params?: unknown): void => {
    if (disposed) return;
    connection.sendNotification(method, params).catch(() => undefined);
  };
  const sendDiagnostics = (params: { uri: string; version?: number; diagnostics: LspDiagnostic[] }): void => {
    if (disposed) return;
    connection.sendDiagnostics(params).catch(() => undefined);
  };

  const incidentsChanged = (): void => {
    // Many files change together (a checkout): tell the client once.
    if (changedTimer) return;
    changedTimer = setTimeout(() => {
      changedTimer = undefined;
      notify(IncidentsChangedNotification);
    }, 20);
  };

  // ---- The request every lint and fix is made with: file name, now, path checks ----
  const requestFor = (uri: string) => {
    const folderSettings = settings.forUri(uri);
    const inWorkspace = folderSettings.folder !== undefined;
    return {
      folderSettings,
      request: {
        fileName: fileNameOf(uri),
        now: now(),
        pathExists: inWorkspace ? evidence.lookup(folderSettings.folder!, uri) : undefined,
        // Until the scan has read every file, an ID not yet seen may still be in one.
        incidentExists: inWorkspace && scanned ? (id: string) => idsOfIndex().has(id) : undefined,
      },
    };
  };

  const isCandidate = (uri: string): boolean => uri.endsWith('.md') || uri.startsWith('untitled:');

  // ---- Index: one record per report, from its open editor or its file ----
  const remember = (uri: string, text: string | undefined, reason?: string): boolean => {
    const key = normalizeUri(uri);
    if (text === undefined) {
      if (reason) skipped.set(key, reason);
      else skipped.delete(key);
      return forget(key);
    }
    skipped.delete(key);
    // The template, README files and `exclude` are no reports of the Incidents view.
    if (settings.isTemplate(key) || settings.isExcluded(key)) return forget(key);
    let header: ReportHeader | undefined;
    try {
      header = settings.forUri(key).core.summarizeHeader(text);
    } catch (error) {
      connection.console.error(`Could not summarise ${key}: ${(error as Error).message}`);
    }
    if (!header) return forget(key);
    const previous = reports.get(key);
    const known: KnownReport = { header, version: ++reportVersions, problems: previous?.problems ?? 0, toFill: previous?.toFill ?? 0, mentions: mentionsOf(key, text) };
    if (previous?.details) known.details = summarizeDetails(key, text);
    reports.set(key, known);
    if (previous?.header.id !== header.id) idsChanged(previous?.header.id, header.id);
    return true;
  };

  /**
   * A file's ID mentions: read now for a closed file (its text is not kept), when first asked
   * for an open one (it changes on every keystroke; its document holds the text anyway).
   */
  const mentionsOf = (key: string, text: string): KnownReport['mentions'] => {
    const read = () => settings.forUri(key).core.incidentMentions(text);
    if (!documents.get(key)) {
      const mentions = read();
      return () => mentions;
    }
    let mentions: IndexedReport['mentions'] | undefined;
    return () => (mentions ??= read());
  };

  /** Drops a file from the index; false when it was not there. */
  const forget = (key: string): boolean => {
    const previous = reports.get(key);
    if (!previous) return false;
    reports.delete(key);
    idsChanged(previous.header.id, undefined);
    return true;
  };

  /**
   * A report's ID appeared or went: the files that mention it are checked again (after the
   * scan; the scan's end checks every file that mentions an ID it did not know).
   */
  const idsChanged = (...ids: (string | undefined)[]): void => {
    knownIds = undefined;
    if (!scanned) return;
    for (const id of ids) if (id) changedIds.add(id);
    if (idsTimer || changedIds.size === 0) return;
    idsTimer = setTimeout(() => {
      idsTimer = undefined;
      const ids = new Set(changedIds);
      changedIds.clear();
      recheckMentions((id) => ids.has(id));
    }, 20);
  };

  /** Validates again the reports that mention an ID `affected` accepts (not their own). */
  const recheckMentions = (affected: (id: string) => boolean): void => {
    for (const [uri, known] of reports) {
      if (!known.mentions().some((m) => m.id !== known.header.id && affected(m.id))) continue;
      const document = documents.get(uri);
      if (document) schedule(document, 0);
      else void validateFile(uri);
    }
  };

  const summarizeDetails = (uri: string, text: string): ReportDetails => {
    try {
      return settings.forUri(uri).core.summarizeDetails(text, now().toISOString().slice(0, 10));
    } catch (error) {
      connection.console.error(`Could not read the timeline and action items of ${uri}: ${(error as Error).message}`);
      return { timeline: [], actionItems: [], metrics: [] };
    }
  };

  // ---- Diagnostics ----
  const publish = (uri: string, version: number | null, diagnostics: readonly Diagnostic[]): void => {
    sendDiagnostics({ uri, ...(version === null ? {} : { version }), diagnostics: diagnostics.map(toLspDiagnostic) });
    const known = reports.get(normalizeUri(uri));
    if (known) {
      const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
      const toFill = diagnostics.filter((d) => d.unfilled).length;
      if (known.problems !== problems || known.toFill !== toFill) {
        known.problems = problems;
        known.toFill = toFill;
        incidentsChanged();
      }
    }
    notify(ValidatedNotification, { uri, version });
  };

  /** The open document's parser: lints, metrics and the outline all re-read only its changed sections. */
  const parserFor = (uri: string): ReportParser => {
    let parser = parsers.get(uri);
    if (!parser) parsers.set(uri, (parser = new ReportParser()));
    return parser;
  };

  /** Lints an open document's current version (the parser re-reads only changed sections). */
  const lintDocument = (document: TextDocument): CachedLint | undefined => {
    const uri = document.uri;
    const text = document.getText();
    if (settings.isTemplate(uri) || !settings.forUri(uri).core.isReport(text)) {
      lints.delete(uri);
      return undefined;
    }
    const parser = parserFor(uri);
    const { folderSettings, request } = requestFor(uri);
    const cached = { version: document.version, text, result: folderSettings.core.lint(text, { ...request, parser }) };
    lints.set(uri, cached);
    return cached;
  };

  // ---- The team template: never linted as a report; what template check finds is shown on it ----
  const templateDiagnostics = (text: string): LspDiagnostic[] => {
    const { problems } = summarizeTemplate(createIncidentCore({ templateText: text }).template);
    const lines = text.split(/\r?\n/);
    return problems.map((problem): LspDiagnostic => {
      // On the line it is about (its whole text); a problem of the whole file on the first line.
      const line = Math.min(Math.max((problem.line ?? 1) - 1, 0), lines.length - 1);
      return {
        range: { start: { line, character: 0 }, end: { line, character: lines[line]!.length } },
        severity: problem.level === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        message: `Template: ${problem.message}`,
      };
    });
  };
  const publishTemplate = (uri: string, version: number | null, text: string): void => {
    let diagnostics: LspDiagnostic[] = [];
    try {
      diagnostics = templateDiagnostics(text);
    } catch (error) {
      connection.console.error(`Template check of ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
    sendDiagnostics({ uri, ...(version === null ? {} : { version }), diagnostics });
    notify(ValidatedNotification, { uri, version });
  };

  const validateOpen = (document: TextDocument): void => {
    try {
      if (settings.isTemplate(document.uri)) return publishTemplate(document.uri, document.version, document.getText());
      const cached = lintDocument(document);
      publish(document.uri, document.version, cached?.result.diagnostics ?? []);
    } catch (error) {
      connection.console.error(`Validation of ${document.uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
  };

  const schedule = (document: TextDocument, delay: number): void => {
    if (!isCandidate(document.uri)) return;
    const uri = document.uri;
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void loading.then(() => {
          // Closed, or typed on: the newest version is scheduled already.
          const current = documents.get(uri);
          if (current && current.version === document.version) validateOpen(current);
        });
      }, delay),
    );
  };

  /** A report file that is not open: validated and indexed from its saved content. */
  const validateFile = async (uri: string, text?: string): Promise<void> => {
    const key = normalizeUri(uri);
    if (documents.get(uri) || documents.get(key)) return;
    let content = text;
    if (content === undefined) {
      const read = await workspace.read(key);
      if (read.text === undefined) {
        connection.console.info(`Skipped ${key}: ${read.reason}.`);
        if (remember(key, undefined, read.reason)) incidentsChanged();
        sendDiagnostics({ uri: key, diagnostics: [] });
        return;
      }
      content = read.text;
    }
    if (documents.get(uri) || documents.get(key)) return;
    remember(key, content);
    incidentsChanged();
    if (validateWorkspace && settings.isTemplate(key)) return publishTemplate(key, null, content);
    if (!validateWorkspace || settings.isTemplate(key) || settings.isExcluded(key) || !settings.forUri(key).core.isReport(content)) {
      sendDiagnostics({ uri: key, diagnostics: [] });
      return;
    }
    try {
      const { folderSettings, request } = requestFor(key);
      publish(key, null, folderSettings.core.lint(content, request).diagnostics);
    } catch (error) {
      connection.console.error(`Validation of ${key} failed: ${(error as Error).stack ?? String(error)}`);
    }
  };

  /** Scans the workspace once: every Markdown file read once, indexed and (when enabled) validated. */
  const scanWorkspace = async (): Promise<void> => {
    const generation = ++scanGeneration;
    const started = Date.now();
    const files = folders.length ? await workspace.findMarkdown(folders) : [];
    for (const key of [...reports.keys()]) if (!files.includes(key) && !documents.get(key)) forget(key);
    let done = 0;
    for (const uri of files) {
      if (generation !== scanGeneration) return; // a newer scan took over
      await validateFile(uri);
      // Let requests in between files: typing stays answered during a large scan.
      if (++done % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (const document of documents.all()) remember(document.uri, document.getText());
    connection.console.info(`Indexed ${reports.size} reports among ${files.length} Markdown files in ${Date.now() - started} ms.`);
    if (!scanned) {
      // The index is whole now: check the mentions the scan could not answer yet.
      scanned = true;
      firstScanDone();
      const ids = idsOfIndex();
      recheckMentions((id) => !ids.has(id));
    }
    incidentsChanged();
  };

  const revalidateOpen = (): void => {
    for (const document of documents.all()) schedule(document, 0);
  };

  const reload = async (): Promise<void> => {
    const run = async (): Promise<void> => {
      await workspace.setFolders?.(folders);
      let clientSettings: ClientSettings;
      if (canAskConfiguration) {
        try {
          clientSettings = (await connection.workspace.getConfiguration({ section: SETTINGS_SECTION })) as ClientSettings;
        } catch {
          clientSettings = undefined;
        }
      }
      await settings.load(folders, clientSettings);
      publishConfigProblems();
      void watchConfigChain();
      validateWorkspace = validateWorkspaceOption && settings.editor.validateWorkspace;
      parsers.clear();
      lints.clear();
    };
    loading = loading.then(run, run);
    await loading;
    revalidateOpen();
    scanning = scanWorkspace();
    await scanning;
  };

  // ---- Config files: their problems shown on them, every file of a chain watched ----
  let configProblemUris = new Set<string>();
  const publishConfigProblems = (): void => {
    const published = new Set<string>();
    for (const file of settings.configProblems) {
      const text = file.text === undefined ? undefined : TextDocument.create(file.uri, 'json', 0, file.text);
      const diagnostics = file.problems.map((problem): LspDiagnostic => {
        // At the key the problem is about; a file that does not parse, at its start.
        const span = text ? configKeyRange(text.getText(), problem.path) : undefined;
        const range = text && span ? { start: text.positionAt(span.start), end: text.positionAt(span.end) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return { range, severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, message: problem.message };
      });
      sendDiagnostics({ uri: file.uri, diagnostics });
      published.add(file.uri);
    }
    for (const uri of configProblemUris) if (!published.has(uri)) sendDiagnostics({ uri, diagnostics: [] });
    configProblemUris = published;
  };
  // The client watches config files by name; a base a config extends (shared/base.json, a
  // package's file) is watched on request, where the client allows it.
  let canRegisterWatchers = false;
  let chainWatch: Promise<Disposable | undefined> = Promise.resolve(undefined);
  let chainWatchKey = '';
  const watchConfigChain = async (): Promise<void> => {
    const bases = settings.watchedConfigFiles.filter((uri) => !(CONFIG_FILE_NAMES as readonly string[]).includes(baseName(uri))).sort();
    const key = bases.join('\n');
    if (!canRegisterWatchers || key === chainWatchKey) return;
    chainWatchKey = key;
    const previous = chainWatch;
    chainWatch = (async () => {
      (await previous)?.dispose();
      if (bases.length === 0 || disposed) return undefined;
      return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: bases.map((uri) => ({ globPattern: { baseUri: dirName(uri), pattern: baseName(uri) } })) }).catch(() => undefined);
    })();
    await chainWatch;
  };

  // ---- Lifecycle ----
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (init.fileSystem === 'client' || !options.workspace) workspace = clientWorkspace(connection);
    validateWorkspaceOption = init.validateWorkspace !== false;
    folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).map(normalizeUri);
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    supportsFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, willSaveWaitUntil: true, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, REWRITE_KIND] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '/'] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'incident-report-language-server' },
    };
  });

  connection.onInitialized(() => {
    loading = Promise.resolve();
    void reload();
    if (canAskConfiguration) connection.onDidChangeConfiguration(() => void reload());
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => normalizeUri(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => normalizeUri(f.uri))];
        void reload();
      });
    }
  });


  /** Documents whose first content event (their opening, not a change) is still to come. */
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    justOpened.add(document.uri);
    remember(document.uri, document.getText());
    incidentsChanged();
    schedule(document, 0);
  });
  // LastUpdated follows the saves of a report that changed since it was opened or last saved.
  const changedSinceSave = new Set<string>();
  documents.onWillSaveWaitUntil(({ document }) => {
    if (!settings.editor.lastUpdatedOnSave || !changedSinceSave.has(document.uri)) return [];
    const text = document.getText();
    if (settings.isTemplate(document.uri) || !settings.forUri(document.uri).core.isReport(text)) return [];
    const edit = settings.forUri(document.uri).core.lastUpdated(text, now());
    return edit ? [{ range: { start: document.positionAt(edit.span.start), end: document.positionAt(edit.span.end) }, newText: edit.newText }] : [];
  });
  documents.onDidSave(({ document }) => changedSinceSave.delete(document.uri));
  documents.onDidChangeContent(({ document }) => {
    // The first content event of a document is its opening, not a change.
    if (!justOpened.delete(document.uri)) changedSinceSave.add(document.uri);
    if (remember(document.uri, document.getText())) incidentsChanged();
    schedule(document, settings.editor.debounceMs);
  });
  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    parsers.delete(uri);
    lints.delete(uri);
    changedSinceSave.delete(uri);
    // A closed file of the workspace keeps the diagnostics of its saved content.
    if (!uri.startsWith('untitled:') && folders.some((f) => isInside(f, uri))) void validateFile(uri);
    else {
      if (forget(normalizeUri(uri))) incidentsChanged();
      sendDiagnostics({ uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles((params: DidChangeWatchedFilesParams) => {
    let reloadNeeded = false;
    for (const change of params.changes) {
      const uri = normalizeUri(change.uri);
      if (settings.isConfigFile(uri)) reloadNeeded = true;
      if (uri.includes('/evidence/') || uri.endsWith('/evidence')) evidence.forget();
      if (!uri.endsWith('.md')) {
        // A folder deleted with its reports (a watcher reports the folder alone).
        if (change.type === FileChangeType.Deleted) {
          const prefix = `${uri}/`;
          for (const key of [...reports.keys()]) {
            if (!key.startsWith(prefix)) continue;
            forget(key);
            sendDiagnostics({ uri: key, diagnostics: [] });
            incidentsChanged();
          }
        }
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        if (remember(uri, undefined)) incidentsChanged();
        sendDiagnostics({ uri, diagnostics: [] });
      } else void validateFile(uri);
    }
    if (reloadNeeded) void reload();
  });

  // ---- Code actions: built from a lint of this exact version with "now" read now ----
  connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
    const document = documents.get(params.textDocument.uri);
    if (!document || settings.isTemplate(document.uri) || !settings.forUri(document.uri).core.isReport(document.getText())) return [];
    const { folderSettings, request } = requestFor(document.uri);
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`) || o.startsWith(`${kind}.`));
    const actions: CodeAction[] = [];
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    // The lint behind the quick fixes is of this version, with "now" read now (cheap: unchanged sections are reused).
    const cached = wants(CodeActionKind.QuickFix) && ours.length ? lintDocument(document) : undefined;
    let fixableHere = false;
    for (const diagnostic of cached ? ours : []) {
      const found =
        cached!.result.diagnostics.find((d) => sameDiagnostic(diagnostic, d)) ??
        // Neovim 0.7 sends diagnostics back with byte (UTF-8) columns where it received UTF-16 ones.
        cached!.result.diagnostics.find((d) => sameDiagnostic(diagnostic, d, (p) => utf8Position(document, p))) ??
        // The message may have moved on since it was published (an evidence file learned to exist): same rule, same place.
        cached!.result.diagnostics.find((d) => sameDiagnostic(diagnostic, d, (p) => p, false));
      for (const fix of found?.fixes ?? []) actions.push(toAction(document, fix, CodeActionKind.QuickFix, [diagnostic], folderSettings));
      if (found?.fixes.some((f) => f.safe)) fixableHere = true;
      // "Disable RULE for this line / file": after the rule's own fixes, never in Fix All.
      if (found) for (const fix of folderSettings.core.suppressionFixes(cached!.result.model, found)) actions.push(toAction(document, fix, CodeActionKind.QuickFix, [diagnostic], folderSettings));
    }
    // Fix All lints up to five times: computed when asked for by kind (on save, Source Action),
    // and in the light bulb beside a problem it would fix, not on every cursor move.
    if ((only && wants(FIX_ALL_KIND)) || (!only && fixableHere)) {
      const { edit } = folderSettings.core.fixAll(document.getText(), request);
      if (edit) actions.push({ title: 'Fix all incident report problems', kind: only ? FIX_ALL_KIND : CodeActionKind.QuickFix, edit: documentEdit(document, [edit]) });
    }
    if (wants(REWRITE_KIND)) {
      const offset = document.offsetAt(params.range.start);
      for (const fix of folderSettings.core.refactorsAt(document.getText(), offset, request.now, request.fileName)) actions.push(toAction(document, fix, REWRITE_KIND, [], folderSettings));
    }
    return actions;
  });

  // ---- Language features: metrics CodeLens, hover, completion, outline ----
  const reportFeature = <T>(uri: string, empty: T, run: (document: TextDocument, folderSettings: FolderSettings) => T): T => {
    const document = documents.get(uri);
    if (!document || settings.isTemplate(uri) || !settings.forUri(uri).core.isReport(document.getText())) return empty;
    try {
      return run(document, settings.forUri(uri));
    } catch (error) {
      connection.console.error(`A language feature failed on ${uri}: ${(error as Error).stack ?? String(error)}`);
      return empty;
    }
  };
  const reportById = (id: string): { header: ReportHeader; uri: string } | undefined => {
    for (const [uri, known] of reports) if (known.header.id === id) return { header: known.header, uri };
    return undefined;
  };
  connection.onCodeLens((params) =>
    reportFeature(params.textDocument.uri, [], (document, folder) => {
      const cached = lints.get(document.uri);
      const unfilled = (cached && cached.version === document.version ? cached : lintDocument(document))?.result.diagnostics.filter((d) => d.unfilled) ?? [];
      return [...metricsLens(folder.core, document, parserFor(document.uri)), ...progressLenses(folder.core, document, unfilled, parserFor(document.uri))];
    }),
  );
  connection.onHover((params) => reportFeature(params.textDocument.uri, null, (document, folder) => hoverAt(folder.core, document, params.position, reportById, parserFor(document.uri))));
  connection.onCompletion(async (params) => {
    const fixed = reportFeature(params.textDocument.uri, [] as CompletionItem[], (document, folder) => completionsAt(folder.core, document, params.position));
    if (fixed.length > 0) return fixed;
    const context = reportFeature(params.textDocument.uri, undefined, (document, folder) => folder.core.completionContextAt(document.getText(), document.offsetAt(params.position), fileNameOf(document.uri), parserFor(document.uri)));
    const document = documents.get(params.textDocument.uri);
    if (!context || !document) return [];
    try {
      const { owners, complete } = context.kind === 'owner' ? await workspaceOwners(document.uri) : { owners: [], complete: true };
      const evidenceFiles = context.kind === 'evidence' ? await evidenceFilesOf(document.uri, context.folder) : [];
      const items = contextCompletions(document, context, { owners, evidenceFiles });
      // Owners of reports not read yet: the client asks again as the user types.
      return complete ? items : { isIncomplete: true, items };
    } catch (error) {
      connection.console.error(`Completion failed on ${document.uri}: ${(error as Error).stack ?? String(error)}`);
      return [];
    }
  });

  /**
   * The owners the workspace's other reports name, each report read once (then kept until it
   * changes). Reading a large workspace's reports takes seconds: one request reads for
   * OWNERS_READ_BUDGET_MS at most and says whether it saw them all; the next goes on.
   */
  const workspaceOwners = async (except: string): Promise<{ owners: string[]; complete: boolean }> => {
    await wholeIndex();
    const owners = new Set<string>();
    const self = normalizeUri(except);
    const started = Date.now();
    let complete = true;
    for (const [uri, known] of [...reports]) {
      if (uri === self) continue;
      if (!known.owners) {
        if (Date.now() - started > OWNERS_READ_BUDGET_MS) {
          complete = false;
          continue;
        }
        const text = documents.get(uri)?.getText() ?? (await workspace.read(uri)).text;
        // The file changed while it was read: its new record reads it again next time.
        if (text === undefined || reports.get(uri) !== known) continue;
        known.owners = settings.forUri(uri).core.owners(text);
      }
      for (const owner of known.owners) owners.add(owner);
    }
    return { owners: [...owners].sort((a, b) => a.localeCompare(b)), complete };
  };

  /** The names in `evidence/<ID>/` of the report's workspace folder; `folder` is the core's evidenceFolder (an ID, no `..`). */
  const evidenceFilesOf = async (uri: string, folder: string): Promise<string[]> => {
    const root = settings.forUri(uri).folder;
    if (!root || !settings.forUri(uri).core.isInsideWorkspace(folder)) return [];
    return (await workspace.readDirectory(joinUri(root, ...folder.split('/').filter(Boolean)))).sort();
  };

  // ---- Links between reports: definition, references, workspace symbols (from the index) ----
  const indexedReports = function* (): Generator<IndexedReport> {
    for (const [uri, known] of reports) yield { uri, header: known.header, get mentions() { return known.mentions(); } };
  };
  connection.onDefinition(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const mention = document && idAt(document, params.position, settings.forUri(params.textDocument.uri).core.template.identity.idScheme?.inText);
    if (!mention) return [];
    await wholeIndex();
    return definitionsOf(mention.id, indexedReports());
  });
  connection.onReferences(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const mention = document && idAt(document, params.position, settings.forUri(params.textDocument.uri).core.template.identity.idScheme?.inText);
    if (!mention) return [];
    await wholeIndex();
    return referencesOf(mention.id, indexedReports(), params.context.includeDeclaration);
  });
  connection.onWorkspaceSymbol(async (params) => {
    await wholeIndex();
    return workspaceSymbols(params.query, indexedReports());
  });
  connection.onDocumentSymbol((params) => reportFeature(params.textDocument.uri, [], (document, folder) => documentSymbols(folder.core, document, now().toISOString().slice(0, 10), parserFor(document.uri))));

  // ---- Commands ----
  const apply = async (edit: WorkspaceEdit, label: string): Promise<boolean> => {
    const result = await connection.workspace.applyEdit({ label, edit });
    return result.applied;
  };

  /** New Incident creations run one after another, so two quick invocations get two IDs. */
  let creating: Promise<unknown> = Promise.resolve();

  const commands: Record<string, (args: unknown[]) => Promise<unknown>> = {
    [ServerCommands.newIncident]: async ([raw]) => {
      await loading;
      const params = raw as NewIncidentParams;
      const folder = params.folder ? normalizeUri(params.folder) : folders[0];
      const folderSettings = settings.forUri(folder);
      const at = now();
      const request = { title: params.title.trim(), severity: params.severity, now: at, ...(params.date ? { date: params.date } : {}), ...(params.owner?.trim() ? { owner: params.owner.trim() } : {}) };
      if (!folder) {
        const report = folderSettings.core.newReport({ ...request, existingIds: [] });
        return { id: report.id, fileName: report.fileName, text: report.text } satisfies NewIncidentResult;
      }
      const dir = joinUri(folder, ...folderSettings.incidentsDir.split('/').filter(Boolean));
      const run = () =>
        createReport(folderSettings.core, {
          listNames: () => workspace.readDirectory(dir),
          createExclusive: async ({ fileName, text }) => {
            const uri = joinUri(dir, fileName);
            if ((await workspace.stat(uri)) !== null) return false;
            return apply({ documentChanges: [{ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] }, 'New Incident');
          },
        }, request);
      const created = (creating = creating.then(run, run)) as ReturnType<typeof run>;
      const report = await created;
      return { id: report.id, fileName: report.fileName, text: report.text, uri: joinUri(dir, report.fileName) } satisfies NewIncidentResult;
    },
    [ServerCommands.addTimelineEvent]: async ([raw]) => {
      const params = raw as AddTimelineEventParams;
      const document = documents.get(params.uri);
      const text = document?.getText() ?? (await workspace.read(params.uri)).text;
      if (text === undefined) return { applied: false, reason: 'The report could not be read.' };
      const at = params.at === undefined ? now() : new Date(params.at);
      if (Number.isNaN(at.getTime())) return { applied: false, reason: `"${params.at}" is not a time.` };
      const inserted = settings.forUri(params.uri).core.addTimelineRow(text, at, { event: params.event ?? '', actor: params.actor ?? '' });
      if (!inserted) return { applied: false, reason: 'This report has no timeline table to add a row to.' };
      if (params.check) return { applied: false, possible: true };
      const target = document ?? TextDocument.create(params.uri, 'markdown', 0, text);
      // The row's line, read before the edit is applied (applying updates the open document).
      const line = target.positionAt(inserted.edit.span.start).line + 1;
      const applied = await apply(documentEdit(target, [inserted.edit], document ? document.version : null), 'Add Timeline Event');
      return { applied, line, time: inserted.time };
    },
    [ServerCommands.insertTimestamp]: async ([raw]) => {
      const params = raw as InsertTimestampParams;
      const document = documents.get(params.uri);
      if (!document) return { applied: false };
      const core = settings.forUri(params.uri).core;
      const text = document.getText();
      const instant = now();
      const ranges = params.ranges ?? (params.position ? [{ start: params.position, end: params.position }] : []);
      const edits = ranges.map((range) => {
        const start = document.offsetAt(range.start);
        return { span: { start, end: document.offsetAt(range.end) }, newText: core.timestampAt(text, start, instant).text };
      });
      return { applied: await apply(documentEdit(document, edits), 'Insert UTC Timestamp') };
    },
    [ServerCommands.fillEvidencePath]: async ([raw]) => {
      const params = raw as FillEvidenceParams;
      const document = documents.get(params.uri);
      if (!document) return { applied: false };
      const { folderSettings, request } = requestFor(params.uri);
      const filled = folderSettings.core.evidenceFillAt(document.getText(), document.offsetAt(params.position), request.now, request.fileName);
      if (!filled) return { applied: false, reason: 'This report has no Incident ID yet: evidence paths are named after it (evidence/<INC-ID>/...).' };
      const applied = await apply(documentEdit(document, filled.fix.edits), 'Fill Evidence Path');
      let created: string | undefined;
      if (applied && params.create && filled.fix.createFile && folderSettings.folder) created = await createEvidence({ folder: folderSettings.folder, path: filled.fix.createFile });
      return { applied, path: filled.path, createFile: filled.fix.createFile, folder: folderSettings.folder, created };
    },
    [ServerCommands.createEvidenceFile]: async ([raw]) => createEvidence(raw as CreateEvidenceParams),
    [ServerCommands.setStatus]: async ([raw]): Promise<SetStatusResultParams> => {
      const params = raw as SetStatusParams;
      const document = documents.get(params.uri);
      if (!document) return { applied: false, changes: [], blockers: [], reason: 'Open the report first.' };
      const { folderSettings, request } = requestFor(params.uri);
      const at = params.at ? new Date(params.at) : undefined;
      if (at && Number.isNaN(at.getTime())) return { applied: false, changes: [], blockers: [], reason: `"${params.at}" is not a time.` };
      // Read before applying: the client's didChange updates this document before applyEdit answers.
      const before = document.getText();
      const result = folderSettings.core.setStatus(before, { status: params.status, now: request.now, at, closer: params.closer, actor: params.closer });
      const applied = result.edits.length === 0 || (await apply(documentEdit(document, result.edits), `Set Status: ${params.status}`));
      let blockers: SetStatusResultParams['blockers'] = [];
      if (applied && (params.status === 'Resolved' || params.status === 'Closed')) {
        const text = applyEdits(before, result.edits);
        blockers = folderSettings.core
          .lint(text, { ...request, mode: 'final' })
          .diagnostics.filter((d) => d.severity === 'error' && d.ruleId !== 'sign-off')
          .map((d) => ({ line: d.range.start.line, ruleId: d.ruleId, message: d.message }));
      }
      return { applied, changes: result.changes, blockers };
    },
    [ServerCommands.fixAll]: async ([raw]) => {
      const { uri } = raw as { uri: string };
      const document = documents.get(uri);
      if (!document) return { applied: false };
      const { folderSettings, request } = requestFor(uri);
      const before = document.getText();
      const { edit, text } = folderSettings.core.fixAll(before, request);
      if (!edit) return { applied: false, nothingToFix: true, fixed: 0, left: folderSettings.core.lint(before, request).diagnostics.filter(isProblem).length };
      // What the user is told: how many problems went, how many are left for them.
      const count = (t: string) => folderSettings.core.lint(t, request).diagnostics.filter(isProblem).length;
      const [was, left] = [count(before), count(text)];
      return { applied: await apply(documentEdit(document, [edit]), 'Fix All'), fixed: Math.max(0, was - left), left };
    },
  };

  /** Creates an empty evidence file: inside its folder only, never through a link, never over a file. */
  const createEvidence = async ({ folder, path }: CreateEvidenceParams): Promise<string | undefined> => {
    const folderUri = normalizeUri(folder);
    if (!folders.includes(folderUri)) throw new Error('Evidence files are created inside a workspace folder; open the folder that holds the report.');
    if (typeof path !== 'string' || !settings.forUri(folderUri).core.isInsideWorkspace(path)) throw new Error(`Refused to create "${String(path)}": evidence must stay inside the workspace (no "..", no absolute path).`);
    const segments = path.split('/').filter(Boolean);
    let current = folderUri;
    for (const segment of segments) {
      current = joinUri(current, segment);
      const kind = await workspace.stat(current);
      if (kind === null) break;
      if (kind === 'link' || kind === 'other') throw new Error(`Refused to create "${path}": ${segment} is ${kind === 'link' ? 'a symbolic link, which may lead outside the workspace' : 'not a file or folder of the workspace'}.`);
    }
    const target = joinUri(folderUri, ...segments);
    if ((await workspace.stat(target)) !== null) return target;
    const applied = await apply({ documentChanges: [{ kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: true } }] }, 'Create Evidence File');
    if (!applied) throw new Error(`Could not create ${path}.`);
    evidence.forget();
    return target;
  };

  connection.onExecuteCommand(async (params) => {
    const run = commands[params.command];
    if (!run) throw new Error(`Unknown command ${params.command}`);
    return run(params.arguments ?? []);
  });

  // ---- Custom requests: the Incidents view and New Incident's questions ----
  connection.onRequest(IncidentsRequest, async (): Promise<IncidentsResult> => {
    await loading;
    return {
      incidents: [...reports].map(([uri, known]) => ({ uri, header: known.header, version: known.version, problems: known.problems, toFill: known.toFill })),
      skipped: [...skipped].map(([uri, reason]) => ({ uri, reason })),
    };
  });

  connection.onRequest(RescanRequest, async (): Promise<void> => {
    await loading;
    scanning = scanWorkspace();
    await scanning;
  });

  connection.onRequest(IncidentDetailsRequest, async ({ uri }: IncidentDetailsParams): Promise<IncidentDetailsResult> => {
    await loading;
    const key = normalizeUri(uri);
    const known = reports.get(key);
    if (!known) return null;
    if (!known.details) {
      const document = documents.get(uri) ?? documents.get(key);
      const text = document?.getText() ?? (await workspace.read(key)).text;
      if (text === undefined) return null;
      known.details = summarizeDetails(key, text);
    }
    return { ...known.details, version: known.version };
  });

  connection.onRequest(TimelineChartRequest, async ({ uri, gapMinutes }: TimelineChartParams): Promise<TimelineChartResult> => {
    await loading;
    // The open document's current text (unsaved edits included), else the file as saved.
    const document = documents.get(uri) ?? documents.get(normalizeUri(uri));
    try {
      const text = document?.getText() ?? (await workspace.read(normalizeUri(uri))).text;
      if (text === undefined) return null;
      // An open report's own parser has its current text's sections: nothing is parsed again.
      const chart = settings.forUri(uri).core.timelineChart(text, { gapMinutes }, document ? parserFor(document.uri) : undefined);
      return chart ? { ...chart, version: document?.version ?? null } : null;
    } catch (error) {
      connection.console.error(`Could not chart the timeline of ${uri}: ${(error as Error).message}`);
      return null;
    }
  });

  /** The text of an indexed report: its open document's, else its file's. */
  const textOf = async (key: string): Promise<string | undefined> => documents.get(key)?.getText() ?? (await workspace.read(key)).text;

  /** Every indexed report's facts; a report's are read once per version and day, so a refresh costs only the changed ones. */
  const indexFacts = async (): Promise<FiledFacts[]> => {
    // Numbers over part of the workspace would mislead: wait for the scan to have read it all.
    await loading;
    await wholeIndex();
    const today = now().toISOString().slice(0, 10);
    const filed: FiledFacts[] = [];
    for (const [uri, known] of [...reports]) {
      if (known.facts?.today !== today) {
        const text = await textOf(uri);
        let facts: IncidentFacts | undefined;
        try {
          facts = text === undefined ? undefined : settings.forUri(uri).core.facts(text, today);
        } catch (error) {
          connection.console.error(`Could not read the insights of ${uri}: ${(error as Error).message}`);
        }
        known.facts = { today, facts };
      }
      if (known.facts.facts) filed.push({ file: uri, facts: known.facts.facts });
    }
    return filed;
  };

  connection.onRequest(ActionItemsRequest, async (params: ActionItemsParams | undefined): Promise<ActionItemsResult> => ({
    items: actionItemsAcross(await indexFacts(), params ?? {}),
  }));

  connection.onRequest(StatsRequest, async (params: StatsParams | undefined): Promise<StatsResult> => {
    const filed = await indexFacts();
    const severityOrder = settings.forUri(folders[0]).core.template.severityLevels.map((level) => level.word);
    return incidentStats(filed, { by: params?.by, since: params?.since, severityOrder });
  });

  connection.onRequest(ExportHtmlRequest, async ({ uri }: ExportHtmlParams): Promise<ExportHtmlResult> => {
    await loading;
    const key = normalizeUri(uri);
    const text = documents.get(uri)?.getText() ?? (await textOf(key));
    if (text === undefined) return { reason: `${baseName(uri)} could not be read` };
    const html = reportHtml(settings.forUri(key).core, text, baseName(uri));
    return html === undefined ? { reason: `${baseName(uri)} is not an incident report (${REPORT_DEFINITION})` } : { html };
  });

  connection.onRequest(TemplateInfoRequest, async (params: TemplateInfoParams): Promise<TemplateInfoResult> => {
    await loading;
    const folderSettings = settings.forUri(params?.folder ?? folders[0]);
    return {
      severityLevels: folderSettings.core.template.severityLevels.map((level) => ({ word: level.word, label: level.label })),
      incidentsDir: folderSettings.incidentsDir,
      ...(folderSettings.templateUri ? { templateUri: folderSettings.templateUri } : {}),
      rules: folderSettings.core.rules.map(({ id, description, draft, final }) => ({ id, description, draft, final })),
    };
  });

  connection.onRequest(TemplateCheckRequest, async (params: TemplateCheckParams | undefined): Promise<TemplateCheckResult> => {
    await loading;
    const folderSettings = settings.forUri(params?.uri ?? folders[0]);
    const templateUri = folderSettings.templateUri;
    // The open editor's text, unsaved changes included, is the template the user is writing.
    const open = templateUri === undefined ? undefined : documents.all().find((d) => normalizeUri(d.uri) === templateUri);
    const template = open ? createIncidentCore({ templateText: open.getText() }).template : folderSettings.core.template;
    const summary = summarizeTemplate(template);
    const usable = templateUsable(summary);
    const folder = folderSettings.folder?.replace(/\/$/, '');
    const name = templateUri === undefined ? 'the shipped default template' : folder !== undefined && isInside(folder, templateUri) ? decodeURIComponent(templateUri.slice(folder.length + 1)) : baseName(templateUri);
    return { name, ...(templateUri === undefined ? {} : { templateUri }), usable, problems: summary.problems, text: formatTemplateSummary(name, summary, usable) };
  });

  const dispose = (): void => {
    disposed = true;
    scanGeneration++;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    if (changedTimer) clearTimeout(changedTimer);
    if (idsTimer) clearTimeout(idsTimer);
    evidence.dispose();
  };
  connection.onShutdown(dispose);

  documents.listen(connection);
  return { documents, dispose };
}

// ---- Conversions: core data to LSP data, in one place ----

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    source: DIAGNOSTIC_SOURCE,
    code: diagnostic.ruleId,
    codeDescription: { href: diagnostic.docsUrl },
    message: diagnostic.message,
    // What is not yet written: the client counts it as progress and jumps to it.
    ...(diagnostic.unfilled ? { data: { unfilled: true } } : {}),
  };
}

type Position = { readonly line: number; readonly character: number };

function sameDiagnostic(lsp: LspDiagnostic, core: Diagnostic, map: (p: Position) => Position = (p) => p, sameMessage = true): boolean {
  const r = lsp.range;
  const start = map(core.range.start);
  const end = map(core.range.end);
  return lsp.code === core.ruleId && (!sameMessage || lsp.message === core.message) && r.start.line === start.line && r.start.character === start.character && r.end.line === end.line && r.end.character === end.character;
}

function utf8Position(document: TextDocument, p: Position): Position {
  return { line: p.line, character: new TextEncoder().encode(document.getText({ start: { line: p.line, character: 0 }, end: p })).length };
}

/** Edits made for `document`'s text; `version` null for a file that is not open. */
function documentEdit(document: TextDocument, edits: readonly TextEdit[], version: number | null = document.version): WorkspaceEdit {
  const change: TextDocumentEdit = {
    textDocument: { uri: document.uri, version },
    edits: edits.map((edit) => ({ range: { start: document.positionAt(edit.span.start), end: document.positionAt(edit.span.end) }, newText: edit.newText })),
  };
  return { documentChanges: [change] };
}

function toAction(document: TextDocument, fix: Fix, kind: string, diagnostics: LspDiagnostic[], folderSettings: FolderSettings): CodeAction {
  const action: CodeAction = { title: fix.title, kind, diagnostics, isPreferred: fix.isPreferred === true };
  if (fix.edits.length) action.edit = documentEdit(document, fix.edits);
  if (fix.createFile && folderSettings.folder) {
    action.command = { title: fix.title, command: ServerCommands.createEvidenceFile, arguments: [{ folder: folderSettings.folder, path: fix.createFile } satisfies CreateEvidenceParams] };
  }
  return action;
}

/** The report's file name (no folders), for the ID-from-file-name check; none for an untitled one. */
export function fileNameOf(uri: string): string | undefined {
  if (uri.startsWith('untitled:')) return undefined;
  return baseName(uri) || undefined;
}

/** The file system of a client that offers its own (the VS Code client), through FsRequests. */
export function clientWorkspace(connection: Connection): IncidentWorkspace {
  return {
    findMarkdown: (folders) => connection.sendRequest<string[]>(FsRequests.findMarkdown, { folders }),
    read: (uri) => connection.sendRequest<ReadResult>(FsRequests.read, { uri }),
    stat: (uri) => connection.sendRequest<StatResult>(FsRequests.stat, { uri }),
    readDirectory: (uri) => connection.sendRequest<string[]>(FsRequests.readDirectory, { uri }),
  };
}

/**
 * Rules ask synchronously whether an evidence path exists; files are statted asynchronously.
 * An unknown path answers undefined (the rule stays silent), is looked up, and the open
 * reports are validated again once answers arrive.
 */
class EvidenceLookup {
  private readonly known = new Map<string, boolean>();
  private readonly pending = new Set<string>();
  private flush: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workspace: () => IncidentWorkspace,
    private readonly learned: () => void,
  ) {}

  lookup(folder: string, _reportUri: string): (relativePath: string) => boolean | undefined {
    return (relativePath) => {
      if (relativePath.split(/[\\/]/).includes('..') || /^([A-Za-z]:)?[\\/]/.test(relativePath)) return undefined;
      const uri = joinUri(folder, ...relativePath.split(/[\\/]/).filter(Boolean));
      const answer = this.known.get(uri);
      if (answer === undefined) this.request(uri);
      return answer;
    };
  }

  dispose(): void {
    if (this.flush) clearTimeout(this.flush);
    this.flush = undefined;
  }

  /** Evidence files were created or deleted: ask again. */
  forget(): void {
    if (this.known.size === 0) return;
    this.known.clear();
    this.learned();
  }

  private request(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    const answer = (exists: boolean): void => {
      this.pending.delete(uri);
      this.known.set(uri, exists);
      // Many paths answer together: validate again once.
      if (this.flush) clearTimeout(this.flush);
      this.flush = setTimeout(() => this.learned(), 20);
    };
    this.workspace()
      .stat(uri)
      .then(
        // A FIFO, a device or a link leading out of the workspace is no evidence file.
        (kind) => answer(kind === 'file' || kind === 'directory' || kind === 'link'),
        () => answer(false),
      );
  }
}
