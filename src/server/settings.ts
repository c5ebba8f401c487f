import {
  CONFIG_FILE_NAMES,
  DEFAULT_EDITOR_OPTIONS,
  DEFAULT_INCIDENTS_DIR,
  RULE_IDS,
  WORKSPACE_TEMPLATE_PATH,
  configForPath,
  isExcludedPath,
  createIncidentCore,
  loadConfigChain,
  mergeConfig,
  validateSettings,
  type ChainProblem,
  type Config,
  type ConfigHost,
  type EditorOptions,
  type IncidentCore,
} from '../core';
import { baseName, dirName, isInside, joinUri, normalizeUri, type IncidentWorkspace } from './workspace';

/** What the features need to know about the folder a report lives in. */
export interface FolderSettings {
  /**
   * The report's root: the nearest folder holding a config file or `.git` inside its
   * workspace folder, else the workspace folder; evidence paths are relative to it.
   * Undefined for a file outside every folder.
   */
  readonly folder: string | undefined;
  readonly core: IncidentCore;
  readonly config: Config;
  readonly incidentsDir: string;
  /** The team template in use, if the folder has one: it looks like a report but is not one. */
  readonly templateUri?: string;
}

/** A config file's problems, to show on the file itself. */
export interface ConfigFileProblems {
  readonly uri: string;
  /** The text the problems were found in (undefined: it could not be read). */
  readonly text: string | undefined;
  readonly problems: readonly ChainProblem[];
}

/** A root found in a workspace folder, with its config chain merged over the settings. */
interface Root {
  readonly dir: string;
  /** Its config file, if the root has one (a root may be marked by `.git` alone). */
  readonly configUri: string | undefined;
  readonly config: Config;
  readonly templateText: string | undefined;
  readonly templateUri: string | undefined;
  /** Settings per effective config (overrides applied), made as reports ask. */
  readonly byConfig: Map<string, FolderSettings>;
}

/** Folders looked into for roots, at most (the walk follows the folders that hold Markdown files). */
const MAX_ROOT_FOLDERS = 20_000;

/** The client's `incidentReport.*` settings as it sends them (unvalidated). */
export type ClientSettings = Record<string, unknown> | undefined;

/**
 * Settings (`incidentReport.*`, from the client) and each folder's committed
 * `.incident-report.json|yaml` (which wins), plus its team template. Everything is validated
 * through the core's schema; an invalid value is reported and falls back to its default.
 */
export class SettingsStore {
  private roots: Root[] = [];
  private fallback: FolderSettings = { folder: undefined, core: createIncidentCore(), config: {}, incidentsDir: DEFAULT_INCIDENTS_DIR };
  private editorOptions: EditorOptions = DEFAULT_EDITOR_OPTIONS;
  /** Every config file read (entries and what they extend): a change to one reloads. */
  private configFiles = new Set<string>();
  private fileProblems: ConfigFileProblems[] = [];

  constructor(
    private readonly workspace: IncidentWorkspace,
    /** Reports a problem with the user's settings or files (shown once by the client). */
    private readonly problem: (message: string) => void,
  ) {}

  get editor(): EditorOptions {
    return this.editorOptions;
  }

  /** The config files with problems found by the last load, for diagnostics on them. */
  get configProblems(): readonly ConfigFileProblems[] {
    return this.fileProblems;
  }

  /** Every config file the last load read, for the server to watch. */
  get watchedConfigFiles(): readonly string[] {
    return [...this.configFiles];
  }

  /** Reads settings, config files and templates again. */
  async load(folders: readonly string[], settings: ClientSettings): Promise<void> {
    const raw = settings ?? {};
    const validated = validateSettings(
      {
        config: { rules: raw['rules'], mode: raw['mode'], template: raw['template'], incidentsDir: raw['incidentsDir'], owner: raw['owner'] },
        editor: { validateWorkspace: nested(raw, 'validate', 'workspace'), debounceMs: nested(raw, 'validate', 'debounceMs'), lastUpdatedOnSave: raw['lastUpdatedOnSave'] },
      },
      RULE_IDS,
    );
    for (const error of validated.errors) this.problem(`Invalid setting: ${error}. Using the default instead.`);
    this.editorOptions = validated.editor;
    this.fallback = { folder: undefined, core: this.coreFor(validated.config, undefined), config: validated.config, incidentsDir: validated.config.incidentsDir ?? DEFAULT_INCIDENTS_DIR };
    const texts = new Map<string, string | undefined>();
    const problems: ChainProblem[] = [];
    const configFiles = new Set<string>();
    const next: Root[] = [];
    for (const folder of folders.map(normalizeUri)) {
      for (const found of await this.findRoots(folder)) next.push(await this.loadRoot(folder, found.dir, found.configUri, validated.config, texts, problems, configFiles));
    }
    // The deepest root first, so a nested folder's config wins for its files.
    this.roots = next.sort((a, b) => b.dir.length - a.dir.length);
    this.configFiles = configFiles;
    const byFile = new Map<string, ChainProblem[]>();
    for (const problem of problems) byFile.set(problem.location, [...(byFile.get(problem.location) ?? []), problem]);
    this.fileProblems = [...byFile].map(([uri, list]) => ({ uri, text: texts.get(uri), problems: list }));
  }

  forUri(uri: string | undefined): FolderSettings {
    if (uri === undefined) {
      const last = this.roots.at(-1);
      return last ? this.settingsFor(last, last.config) : this.fallback;
    }
    const root = this.roots.find((r) => isInside(r.dir, uri));
    if (!root) return this.fallback;
    // Overrides are matched against the path from the config file's folder.
    const relativePath = normalizeUri(uri).slice(root.dir.replace(/\/$/, '').length + 1);
    return this.settingsFor(root, root.config.overrides?.length ? configForPath(root.config, decodeURIComponent(relativePath)) : root.config);
  }

  /**
   * Whether a file is never validated or listed by the workspace scan: a README file or a
   * path matching its root config's `exclude` (as the CLI skips them in a folder walk).
   */
  isExcluded(uri: string): boolean {
    const key = normalizeUri(uri);
    const root = this.roots.find((r) => isInside(r.dir, key));
    const relativePath = root ? decodeURIComponent(key.slice(root.dir.replace(/\/$/, '').length + 1)) : decodeURIComponent(baseName(key));
    return isExcludedPath(root?.config ?? {}, relativePath);
  }

  /** Whether a file is its folder's team template (never validated or listed as a report). */
  isTemplate(uri: string): boolean {
    const template = this.forUri(uri).templateUri;
    return template !== undefined && template === normalizeUri(uri);
  }

  /** Whether a change to this file changes the configuration. */
  isConfigFile(uri: string): boolean {
    const name = baseName(uri);
    const key = normalizeUri(uri);
    // A template folder created or deleted whole is reported as the folder alone.
    const templateFolder = `/${WORKSPACE_TEMPLATE_PATH.split('/')[0]}`;
    return (CONFIG_FILE_NAMES as readonly string[]).includes(name) || this.configFiles.has(key) || this.isTemplate(key) || key.endsWith(`/${WORKSPACE_TEMPLATE_PATH}`) || key.endsWith(templateFolder);
  }

  private settingsFor(root: Root, config: Config): FolderSettings {
    const key = JSON.stringify(config);
    let found = root.byConfig.get(key);
    if (!found) {
      const { overrides: _overrides, ...effective } = config;
      found = {
        folder: root.dir,
        core: this.coreFor(effective, root.templateText),
        config: effective,
        incidentsDir: config.incidentsDir ?? DEFAULT_INCIDENTS_DIR,
        ...(root.templateText === undefined ? {} : { templateUri: root.templateUri }),
      };
      // A long-lived server meets few distinct configs per root; a bound keeps it so.
      if (root.byConfig.size > 100) root.byConfig.clear();
      root.byConfig.set(key, found);
    }
    return found;
  }

  /**
   * The roots of a workspace folder: the folder itself, and each folder above a Markdown file
   * that holds a config file or `.git` (nearest config wins for the reports under it).
   */
  private async findRoots(folder: string): Promise<{ dir: string; configUri: string | undefined }[]> {
    const dirs = new Set<string>([folder]);
    for (const file of await this.workspace.findMarkdown([folder])) {
      for (let dir = dirName(file); isInside(folder, dir) && !dirs.has(dir) && dirs.size < MAX_ROOT_FOLDERS; dir = dirName(dir)) dirs.add(dir);
    }
    const roots: { dir: string; configUri: string | undefined }[] = [];
    for (const dir of dirs) {
      const names = await this.workspace.readDirectory(dir);
      const configName = CONFIG_FILE_NAMES.find((name) => names.includes(name));
      if (dir === folder || configName || names.includes('.git')) roots.push({ dir, configUri: configName ? joinUri(dir, configName) : undefined });
    }
    return roots;
  }

  private async loadRoot(folder: string, dir: string, configUri: string | undefined, settingsConfig: Config, texts: Map<string, string | undefined>, problems: ChainProblem[], configFiles: Set<string>): Promise<Root> {
    const name = baseName(dir);
    let fileConfig: Config = {};
    if (configUri) {
      const chain = await loadConfigChain(configUri, RULE_IDS, this.configHost(folder, texts));
      for (const file of chain.files) configFiles.add(file);
      problems.push(...chain.problems);
      // A file that cannot be used (not read, not parsed, a base refused) is said once, as before; keys left out show on the file.
      for (const problem of chain.problems) if (problem.severity === 'error') this.problem(`Incident Report: ${problem.message} (in ${name}); ${problem.path.length ? 'that base is ignored' : 'the file is ignored'}.`);
      fileConfig = chain.config;
    }
    const config = mergeConfig(settingsConfig, fileConfig);
    const templatePath = config.template ?? WORKSPACE_TEMPLATE_PATH;
    const templateUri = joinUri(dir, ...templatePath.split('/').filter(Boolean));
    let templateText: string | undefined;
    if (!isInside(dir, templateUri)) {
      this.problem(`Incident Report: template ${templatePath} is outside ${name}; using the default template.`);
    } else if ((await this.workspace.stat(templateUri)) !== null) {
      const read = await this.workspace.read(templateUri);
      if (read.text === undefined) this.problem(`Incident Report: template ${templatePath} in ${name} cannot be read (${read.reason}); using the default template.`);
      templateText = read.text;
    } else if (config.template) {
      this.problem(`Incident Report: template ${config.template} not found in ${name}; using the default template.`);
    }
    return { dir, configUri, config, templateText, templateUri, byConfig: new Map() };
  }

  /** Config files through the workspace interface, inside the workspace folder only. */
  private configHost(folder: string, texts: Map<string, string | undefined>): ConfigHost {
    const display = (uri: string): string => {
      const key = normalizeUri(uri);
      return isInside(folder, key) ? decodeURIComponent(key.slice(folder.replace(/\/$/, '').length + 1)) || baseName(key) : key;
    };
    return {
      read: async (uri) => {
        const read = await this.workspace.read(uri);
        texts.set(uri, read.text);
        return read.text === undefined ? { error: read.reason ?? 'it cannot be read' } : { text: read.text };
      },
      locate: async (from, target) => {
        const segments = target.path.split('/').filter(Boolean);
        const candidates: string[] = [];
        if (target.kind === 'relative') candidates.push(joinUri(dirName(from), ...segments));
        // node_modules folders from the config's folder up to the workspace folder, never above it.
        else for (let dir = dirName(from); isInside(folder, dir); dir = dirName(dir)) candidates.push(joinUri(dir, 'node_modules', ...segments));
        for (const candidate of candidates) {
          if (!isInside(folder, candidate)) return { error: `it leads outside the workspace folder ${baseName(folder)}` };
          if ((await this.workspace.stat(candidate)) !== null) return { location: normalizeUri(candidate) };
        }
        return { error: target.kind === 'relative' ? `${display(candidates[0]!)}: no such file` : `no node_modules folder up to ${baseName(folder)} holds it (packages are never fetched)` };
      },
      display,
    };
  }

  private coreFor(config: Config, templateText: string | undefined): IncidentCore {
    try {
      const core = createIncidentCore({ config, templateText });
      void core.template; // a broken template shows here, not at the first lint
      return core;
    } catch (error) {
      this.problem(`Incident Report: the template could not be read (${(error as Error).message}); using the default template.`);
      return createIncidentCore({ config });
    }
  }
}

/** `validate.workspace` as a nested object (VS Code's getConfiguration) or a dotted key. */
function nested(raw: Record<string, unknown>, group: string, key: string): unknown {
  const inner = raw[group];
  if (inner && typeof inner === 'object' && key in inner) return (inner as Record<string, unknown>)[key];
  return raw[`${group}.${key}`];
}
