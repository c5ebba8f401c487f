import {
  CONFIG_FILE_NAMES,
  DEFAULT_EDITOR_OPTIONS,
  DEFAULT_INCIDENTS_DIR,
  RULE_IDS,
  WORKSPACE_TEMPLATE_PATH,
  createIncidentCore,
  mergeConfig,
  parseConfigText,
  validateConfig,
  validateSettings,
  type Config,
  type EditorOptions,
  type IncidentCore,
} from '../core';
import { baseName, isInside, joinUri, normalizeUri, type IncidentWorkspace } from './workspace';

/** What the features need to know about the folder a report lives in. */
export interface FolderSettings {
  /** The workspace folder's URI; undefined for a file outside every folder. */
  readonly folder: string | undefined;
  readonly core: IncidentCore;
  readonly config: Config;
  readonly incidentsDir: string;
  /** The team template in use, if the folder has one: it looks like a report but is not one. */
  readonly templateUri?: string;
}

/** The client's `incidentReport.*` settings as it sends them (unvalidated). */
export type ClientSettings = Record<string, unknown> | undefined;

/**
 * Settings (`incidentReport.*`, from the client) and each folder's committed
 * `.incident-report.json|yaml` (which wins), plus its team template. Everything is validated
 * through the core's schema; an invalid value is reported and falls back to its default.
 */
export class SettingsStore {
  private folderSettings: FolderSettings[] = [];
  private fallback: FolderSettings = { folder: undefined, core: createIncidentCore(), config: {}, incidentsDir: DEFAULT_INCIDENTS_DIR };
  private editorOptions: EditorOptions = DEFAULT_EDITOR_OPTIONS;

  constructor(
    private readonly workspace: IncidentWorkspace,
    /** Reports a problem with the user's settings or files (shown once by the client). */
    private readonly problem: (message: string) => void,
  ) {}

  get editor(): EditorOptions {
    return this.editorOptions;
  }

  get folders(): readonly string[] {
    return this.folderSettings.map((f) => f.folder!);
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
    const next: FolderSettings[] = [];
    for (const folder of folders) next.push(await this.loadFolder(normalizeUri(folder), validated.config));
    // The deepest folder first, so a nested folder's settings win for its files.
    this.folderSettings = next.sort((a, b) => b.folder!.length - a.folder!.length);
  }

  forUri(uri: string | undefined): FolderSettings {
    if (uri === undefined) return this.folderSettings.at(-1) ?? this.fallback;
    return this.folderSettings.find((f) => isInside(f.folder!, uri)) ?? this.fallback;
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
    return (CONFIG_FILE_NAMES as readonly string[]).includes(name) || this.isTemplate(key) || key.endsWith(`/${WORKSPACE_TEMPLATE_PATH}`) || key.endsWith(templateFolder);
  }

  private async loadFolder(folder: string, settingsConfig: Config): Promise<FolderSettings> {
    let fileConfig: Config = {};
    const name = baseName(folder);
    for (const configName of CONFIG_FILE_NAMES) {
      const uri = joinUri(folder, configName);
      if ((await this.workspace.stat(uri)) === null) continue;
      const read = await this.workspace.read(uri);
      if (read.text === undefined) {
        // A config that exists but cannot be read must not silently become "defaults".
        this.problem(`Incident Report: ${configName} in ${name} cannot be read (${read.reason}); using the defaults.`);
        break;
      }
      const parsed = parseConfigText(read.text, configName);
      if (!parsed.ok) {
        this.problem(`Incident Report: ${parsed.error} (in ${name}); the file is ignored.`);
        break;
      }
      const validated = validateConfig(parsed.data, RULE_IDS, configName);
      if (validated.ok) fileConfig = validated.config;
      else this.problem(`Incident Report: ${validated.errors.join('; ')} (in ${name}); the file is ignored.`);
      break;
    }
    const config = mergeConfig(settingsConfig, fileConfig);
    const templatePath = config.template ?? WORKSPACE_TEMPLATE_PATH;
    const templateUri = joinUri(folder, ...templatePath.split('/').filter(Boolean));
    let templateText: string | undefined;
    if (!isInside(folder, templateUri)) {
      this.problem(`Incident Report: template ${templatePath} is outside ${name}; using the default template.`);
    } else if ((await this.workspace.stat(templateUri)) !== null) {
      const read = await this.workspace.read(templateUri);
      if (read.text === undefined) this.problem(`Incident Report: template ${templatePath} in ${name} cannot be read (${read.reason}); using the default template.`);
      templateText = read.text;
    } else if (config.template) {
      this.problem(`Incident Report: template ${config.template} not found in ${name}; using the default template.`);
    }
    return {
      folder,
      core: this.coreFor(config, templateText),
      config,
      incidentsDir: config.incidentsDir ?? DEFAULT_INCIDENTS_DIR,
      ...(templateText === undefined ? {} : { templateUri }),
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
