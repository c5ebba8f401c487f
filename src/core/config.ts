import * as z from 'zod/mini';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { formatCount } from './limits';
import { idSpecProblem } from './ids';
import { SEVERITY_COLOR } from './template/identity';
import { FILE_NAME_TOKENS, fileNamePatternProblem } from './fileName';
import { CONFIG_FILE_NAMES, DEFAULT_EDITOR_OPTIONS, DEFAULT_INCIDENTS_DIR, WORKSPACE_TEMPLATE_PATH, type EditorOptions } from './defaults';

/**
 * The configuration schema, owned by the core: `.incident-report.json|yaml` at the
 * workspace root and the editor's `incidentReport.*` settings both go through it.
 */
const ID_PATTERN_EXPECTED = 'a pattern such as "PM{YYYY}-{NNN}": literal text and one or more of the tokens {YYYY}, {YY}, {MM}, {DD}, {YYYYMMDD}, {N}, {NNN}';

export const LEVELS = ['off', 'error', 'warning', 'info', 'hint'] as const;
export type Level = (typeof LEVELS)[number];

const level = z.enum(LEVELS);
const ruleSetting = z.union([level, z.strictObject({ draft: z.optional(level), final: z.optional(level) })]);
/** A path inside the workspace: relative, no `..`, never absolute. */
const workspacePath = z.string().check(
  z.refine((p) => p.trim() !== '' && !/^([A-Za-z]:)?[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), 'a path inside the workspace (relative, without "..")'),
);

const mode = z.enum(['auto', 'draft', 'final']);
/** The incident ID's pattern: literal text and tokens, `PM{YYYY}-{NNN}` (src/core/ids.ts). */
const idPattern = z.string().check(z.refine((spec) => idSpecProblem(spec) === undefined, ID_PATTERN_EXPECTED));
/** A severity level: its name, or its name and colour; the list is in order, most severe first. */
const severityLevelEntry = z.union([
  z.string().check(z.refine((name) => name.trim() !== '', 'a non-empty name')),
  z.strictObject({
    name: z.string().check(z.refine((name) => name.trim() !== '', 'a non-empty name')),
    color: z.optional(z.string().check(z.refine((color) => SEVERITY_COLOR.test(color), 'a colour "#d32f2f" or a theme colour id "charts.red"'))),
  }),
]);
const severityLevels = z.array(severityLevelEntry).check(z.minLength(1, 'a non-empty list'));
const fileNamePattern = z.string().check(
  z.refine((p) => fileNamePatternProblem(p) === undefined, `a file name pattern ending in ".md" with {id} or {NNN}, from the tokens ${FILE_NAME_TOKENS.map((t) => `{${t}}`).join(' ')}, without "/" or "\\" (e.g. "PM{YYYY}-{NNN} - {title}.md")`),
);
const rules = z.record(z.string(), ruleSetting);
/** A list of globs, matched against report paths relative to the config file's folder. */
const globs = z.array(z.string().check(z.refine((g) => g.trim() !== '', 'a list of non-empty globs'))).check(z.minLength(1, 'a non-empty list of globs'));

/** A column's header in the team's tables: one name, or several (`["Zeit", "Uhrzeit"]`). */
const columnName = z.union([
  z.string().check(z.refine((n) => n.trim() !== '', 'a column header (not empty)')),
  z.array(z.string().check(z.refine((n) => n.trim() !== '', 'a column header (not empty)'))).check(z.minLength(1, 'a non-empty list of column headers')),
]);
/** Names for the column roles (src/core/template/columnRoles.ts), read before the built-in synonyms. */
const columnRoleFields = {
  timeline: { time: z.optional(columnName), event: z.optional(columnName), actor: z.optional(columnName) },
  actionItems: { action: z.optional(columnName), owner: z.optional(columnName), due: z.optional(columnName), status: z.optional(columnName) },
};
const columns = z.strictObject({ timeline: z.optional(z.strictObject(columnRoleFields.timeline)), actionItems: z.optional(z.strictObject(columnRoleFields.actionItems)) });

/** One `overrides` entry: settings for the reports whose path matches one of `files`. */
const overrideFields = { files: globs, rules: z.optional(rules), mode: z.optional(mode) };
const overrideSchema = z.strictObject(overrideFields);

/** The timeline milestones, in timeline order (src/core/milestones.ts reads rows for them). */
export const MILESTONE_IDS = ['detected', 'mitigation-started', 'service-restored', 'resolved'] as const;
/** Phrases a team adds to a milestone's built-in words: each with at least one letter or digit. */
const milestonePhrases = z.array(z.string().check(z.refine((p) => /[\p{L}\p{N}]/u.test(p), 'a list of phrases (words, "#" for a number)')));
const milestonesSchema = z.strictObject(Object.fromEntries(MILESTONE_IDS.map((id) => [id, z.optional(milestonePhrases)])) as Record<(typeof MILESTONE_IDS)[number], z.ZodMiniOptional<typeof milestonePhrases>>);

const configFields = {
  $schema: z.optional(z.string()),
  /** Config files this one builds on, base first: `./path` (relative) or `package/file.json` (from node_modules). */
  extends: z.optional(z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))])),
  rules: z.optional(rules),
  mode: z.optional(mode),
  template: z.optional(workspacePath),
  incidentsDir: z.optional(workspacePath),
  owner: z.optional(z.string()),
  /** New reports' file name: `PM{YYYY}-{NNN} - {title}.md` (src/core/fileName.ts); `{id}-{slug}.md` when absent. */
  fileName: z.optional(fileNamePattern),
  overrides: z.optional(z.array(overrideSchema)),
  /** Markdown files a folder walk or a glob never lints, relative to the config file's folder. */
  exclude: z.optional(globs),
  /** Milestone words added to the built-in ones: `{"detected": ["sev declared"], "resolved": ["customer impact over"]}`. */
  milestones: z.optional(milestonesSchema),
  /** The incident ID's pattern, over the one the template's example declares. */
  idPattern: z.optional(idPattern),
  /** The severity levels, most severe first, over the ones the template lists. */
  severityLevels: z.optional(severityLevels),
  /** The team's column headers per role: `{"timeline": {"time": "Zeit"}, "actionItems": {"owner": "Verantwortlich"}}`. */
  columns: z.optional(columns),
};
export const configSchema = z.strictObject(configFields);

export type Config = z.infer<typeof configSchema>;
export type RuleSetting = z.infer<typeof ruleSetting>;
export type ConfigOverride = z.infer<typeof overrideSchema>;
export type MilestoneConfig = z.infer<typeof milestonesSchema>;

/** Unknown rule ids listed one by one; past this many, one more line counts the rest. */
const MAX_CONFIG_ERRORS = 20;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** A key that was reported and left out: where it is (`["rules", "placeholdr"]`) and why. */
export interface ConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Validates untrusted configuration data; errors name the key and what was expected. */
export function validateConfig(data: unknown, knownRuleIds: readonly string[], source = 'config'): ConfigResult {
  const { config, problems } = validateConfigKeys(data, knownRuleIds, source);
  return problems.length ? { ok: false, errors: problems.map((p) => p.message) } : { ok: true, config };
}

/**
 * Validates key by key: an invalid key (a setting, one rule's level, one override) is
 * reported and left out alone, and every valid one applies (one typo must not cancel the
 * rest of the file). Messages start with `source` and name the key and what was expected.
 */
export function validateConfigKeys(data: unknown, knownRuleIds: readonly string[], source = 'config'): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let unknownRules = 0;
  const report = (path: readonly (string | number)[], message: string): void => {
    problems.push({ path, message: `${source}: ${message}` });
  };
  if (data === undefined || data === null) return { config: {}, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    report([], 'the top level must be an object');
    return { config: {}, problems };
  }
  /** The valid part of a `rules` object, each rule alone; `at` is where it sits. */
  const validRules = (value: unknown, at: readonly (string | number)[]): Record<string, RuleSetting> | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      report(at, `${keyName(at)} must be a record`);
      return undefined;
    }
    const valid: Record<string, RuleSetting> = {};
    // The input's own keys, not a parsed record's: a "__proto__" key (JSON.parse keeps it
    // as an own key) would be dropped by the record and ignored without a word.
    for (const id of Object.keys(value)) {
      const setting = (value as Record<string, unknown>)[id];
      if (!knownRuleIds.includes(id)) {
        // A file of thousands of wrong keys is one mistake: the first ones, then their number.
        if (++unknownRules <= MAX_CONFIG_ERRORS) report([...at, id], `${keyName([...at, id])} is not a rule; known rules: ${knownRuleIds.join(', ')}`);
        continue;
      }
      const parsed = ruleSetting.safeParse(setting);
      if (parsed.success) Object.defineProperty(valid, id, { value: parsed.data, enumerable: true, writable: true, configurable: true });
      else report([...at, id], describeIssue({ ...parsed.error.issues[0]!, code: 'invalid_union', path: [...at, id] }));
    }
    return valid;
  };
  const config: Record<string, unknown> = {};
  const input = data as Record<string, unknown>;
  const unknownKeys = Object.keys(input).filter((key) => !Object.hasOwn(configFields, key));
  if (unknownKeys.length) report([unknownKeys[0]!], describeIssue({ code: 'unrecognized_keys', path: [], keys: unknownKeys, message: '' }));
  for (const key of Object.keys(configFields)) {
    if (!Object.hasOwn(input, key) || input[key] === undefined) continue;
    const value = input[key];
    if (key === 'rules') {
      const valid = validRules(value, ['rules']);
      if (valid) config['rules'] = valid;
    } else if (key === 'overrides') {
      if (!Array.isArray(value)) {
        report(['overrides'], `"overrides" must be a list of {"files": [globs], "rules": {...}, "mode": ...}`);
        continue;
      }
      const overrides: ConfigOverride[] = [];
      value.forEach((entry: unknown, index) => {
        const at = ['overrides', index];
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return report(at, `${keyName(at)} must be an object {"files": [globs], "rules": {...}, "mode": ...}`);
        const fields = entry as Record<string, unknown>;
        const extra = Object.keys(fields).filter((k) => !Object.hasOwn(overrideFields, k));
        if (extra.length) report([...at, extra[0]!], `${keyName(at)} has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}; allowed: ${Object.keys(overrideFields).join(', ')}`);
        const files = globs.safeParse(fields['files']);
        // Without its globs an override applies to nothing: it is left out whole.
        if (!files.success) return report([...at, 'files'], `${keyName([...at, 'files'])} must be a non-empty list of globs (e.g. ["incidents/2026/**"]); this override is ignored`);
        const override: { files: string[]; rules?: Record<string, RuleSetting>; mode?: Config['mode'] } = { files: files.data };
        if (fields['rules'] !== undefined) {
          const valid = validRules(fields['rules'], [...at, 'rules']);
          if (valid) override.rules = valid;
        }
        if (fields['mode'] !== undefined) {
          const parsed = mode.safeParse(fields['mode']);
          if (parsed.success) override.mode = parsed.data;
          else report([...at, 'mode'], describeIssue({ ...parsed.error.issues[0]!, path: [...at, 'mode'] }));
        }
        overrides.push(override);
      });
      config['overrides'] = overrides;
    } else {
      const parsed = configSchema.safeParse({ [key]: value });
      if (parsed.success) config[key] = (parsed.data as Record<string, unknown>)[key];
      else for (const issue of parsed.error.issues) report(issue.path as (string | number)[], describeIssue(issue));
    }
  }
  if (unknownRules > MAX_CONFIG_ERRORS) report(['rules'], `and ${formatCount(unknownRules - MAX_CONFIG_ERRORS)} more keys under "rules" that are not rules`);
  return { config: config as Config, problems };
}

function keyName(path: readonly PropertyKey[]): string {
  return path.length ? `"${path.map(String).join('.')}"` : 'the top level';
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
}

/** The keys allowed where an unknown one was found: the top level, `columns` or one of its tables. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  if (path[0] === 'milestones') return [...MILESTONE_IDS];
  if (path[0] === 'severityLevels') return ['name', 'color'];
  if (path[0] === 'columns') {
    const table = path[1];
    if (table === 'timeline' || table === 'actionItems') return Object.keys(columnRoleFields[table]);
    return Object.keys(columnRoleFields);
  }
  return Object.keys(configFields).filter((k) => k !== '$schema');
}

function describeIssue(issue: Issue): string {
  const key = keyName(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${key} has unknown key${issue.keys && issue.keys.length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}; allowed: ${allowedKeys(issue.path).join(', ')}`;
    case 'invalid_value':
      return `${key} must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `${key} must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_union':
      if (issue.path[0] === 'columns') return `${key} must be a column header ("Zeit") or a list of them`;
      if (issue.path[0] === 'severityLevels') return `${key} must be a level name ("SEV1") or {"name": "SEV1", "color": "#d32f2f"}`;
      if (issue.path[0] === 'extends') return `${key} must be a config file ("./base.json", "some-package/config.json") or a list of them`;
      return `${key} must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')} or {"draft": level, "final": level}`;
    default:
      return `${key} must be ${issue.message === 'Invalid input' ? 'valid' : issue.message}`;
  }
}

/**
 * The JSON Schema shipped for `.incident-report.json`, generated from the same schema, with
 * the rule ids of the registry enumerated (under `rules` and each override's `rules`), so an
 * editor flags a misspelt rule and completes rule names.
 */
export function configJsonSchema(ruleList: readonly { readonly id: string; readonly description: string }[]): unknown {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7' }) as { properties: Record<string, JsonSchemaNode>; definitions?: Record<string, JsonSchemaNode> };
  let setting: JsonSchemaNode | undefined;
  const enumerate = (node: JsonSchemaNode): JsonSchemaNode => {
    setting ??= node.additionalProperties as JsonSchemaNode;
    return {
      type: 'object',
      // One definition of a rule's setting, referred to by every rule (allOf keeps the description beside the reference).
      properties: Object.fromEntries(ruleList.map((rule) => [rule.id, { description: rule.description, allOf: [{ $ref: '#/definitions/ruleSetting' }] }])),
      propertyNames: { enum: ruleList.map((rule) => rule.id) },
      additionalProperties: false,
    };
  };
  const properties = schema.properties;
  properties['rules'] = enumerate(properties['rules']!);
  const override = (properties['overrides']!.items as JsonSchemaNode).properties as Record<string, JsonSchemaNode>;
  override['rules'] = enumerate(override['rules']!);
  properties['exclude'] = {
    ...properties['exclude'],
    description: 'Markdown files never linted when found in a folder or by a glob (globs relative to this file\'s folder; README files and the template are never linted anyway). A file named on the command line is linted.',
  };
  properties['milestones'] = {
    ...properties['milestones'],
    description: 'Phrases that mark a timeline milestone, added to the built-in ones (docs/rules/timeline-milestones.md): matched as whole words anywhere in a row\'s event, case and punctuation ignored; "#" stands for a number ("sev # ended").',
  };
  properties['idPattern'] = {
    ...properties['idPattern'],
    description: 'The incident ID\'s pattern, over the one the template\'s example declares: literal text and the tokens {YYYY}, {YY}, {MM}, {DD}, {YYYYMMDD}, {N} (any number) or {NNN} (that many digits), e.g. "PM{YYYY}-{NNN}".',
    examples: ['INC-{YYYYMMDD}-{NNN}', 'PM{YYYY}-{NNN}', '{N}'],
  };
  const levelsNode = properties['severityLevels']!;
  const levelItem = ((levelsNode.items as JsonSchemaNode).anyOf as JsonSchemaNode[])[1]!;
  ((levelItem.properties as Record<string, JsonSchemaNode>)['color'])!.pattern = SEVERITY_COLOR.source;
  properties['severityLevels'] = {
    ...levelsNode,
    description: 'The severity levels, most severe first, over the ones the template lists: names ("SEV1") or {"name": "SEV1", "color": "#d32f2f"}. Without a colour, a level takes one on a ramp from red (most severe) to green.',
  };
  properties['columns'] = {
    ...properties['columns'],
    description:
      'The team\'s column headers per role, read before the built-in synonyms (docs/templates.md): {"timeline": {"time": "Zeit", "event": "Ereignis", "actor": "Wer"}, "actionItems": {"action": …, "owner": "Verantwortlich", "due": …, "status": …}}. Each is a header or a list of headers.',
  };
  schema.definitions = { ...schema.definitions, ruleSetting: setting! };
  return schema;
}

type JsonSchemaNode = Record<string, unknown>;

/**
 * Reads a config file's text (JSON, or YAML for .yaml/.yml) into data for validateConfig.
 * YAML is read with the core schema and a small alias cap: nothing in it is executed.
 */
export function parseConfigText(text: string, fileName: string): { ok: true; data: unknown } | { ok: false; error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    if (/\.ya?ml$/i.test(fileName)) return { ok: true, data: parseYamlConfig(body) };
    return { ok: true, data: JSON.parse(body) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `${fileName}: not valid ${/\.ya?ml$/i.test(fileName) ? 'YAML' : 'JSON'}: ${reason}` };
  }
}

/**
 * YAML.parse with the same options, but duplicate keys found with a set per mapping: the
 * library's own check (uniqueKeys) compares every key with every other, quadratic in their
 * number (20,000 keys took 24 s). Throws what YAML.parse throws, with the same messages.
 */
function parseYamlConfig(text: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', customTags: [], merge: false, logLevel: 'error', uniqueKeys: false, lineCounter });
  if (doc.errors[0]) throw doc.errors[0];
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate !== undefined) {
    const { line, col } = lineCounter.linePos(duplicate);
    throw new Error(`Map keys must be unique at line ${line}, column ${col}:`);
  }
  return doc.toJS({ maxAliasCount: 20 });
}

/** Offset of the first key (in the text) that its mapping already has, anywhere in the document (an explicit stack: nesting can be deep). */
function firstDuplicateKey(root: unknown): number | undefined {
  const stack: unknown[] = [root];
  let first: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const at = pair.key.range?.[0] ?? 0;
          if (seen.has(pair.key.value) && (first === undefined || at < first)) first = at;
          seen.add(pair.key.value);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return first;
}

export { CONFIG_FILE_NAMES, WORKSPACE_TEMPLATE_PATH, DEFAULT_INCIDENTS_DIR, DEFAULT_EDITOR_OPTIONS, type EditorOptions };

const editorOptionsSchema = z.strictObject({
  validateWorkspace: z.boolean(),
  debounceMs: z.number().check(z.int(), z.minimum(0), z.maximum(5000)),
  lastUpdatedOnSave: z.boolean(),
});

/** Each editor option's setting name and what a valid value is, for the error message. */
const EDITOR_SETTINGS: Record<keyof EditorOptions, { readonly name: string; readonly expected: string }> = {
  validateWorkspace: { name: 'validate.workspace', expected: 'true or false' },
  debounceMs: { name: 'validate.debounceMs', expected: 'a whole number of milliseconds from 0 to 5000' },
  lastUpdatedOnSave: { name: 'lastUpdatedOnSave', expected: 'true or false' },
};

/**
 * Settings are validated key by key: an invalid value is reported and replaced by its
 * default, and the valid ones still apply (one typo must not switch everything off).
 */
export function validateSettings(
  raw: { readonly config: Record<string, unknown>; readonly editor: Record<string, unknown> },
  knownRuleIds: readonly string[],
): { config: Config; editor: EditorOptions; errors: string[] } {
  const errors: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.config)) {
    if (value === undefined || value === null || (key !== 'rules' && value === '')) continue;
    const result = validateConfig({ [key]: value }, knownRuleIds, 'incidentReport');
    if (result.ok) Object.assign(config, result.config);
    else errors.push(...result.errors);
  }
  const editor: Record<string, unknown> = { ...DEFAULT_EDITOR_OPTIONS };
  for (const [key, value] of Object.entries(raw.editor)) {
    if (value === undefined) continue;
    const candidate = { ...DEFAULT_EDITOR_OPTIONS, [key]: value };
    const parsed = editorOptionsSchema.safeParse(candidate);
    if (parsed.success) editor[key] = value;
    else {
      const setting = Object.hasOwn(EDITOR_SETTINGS, key) ? EDITOR_SETTINGS[key as keyof EditorOptions] : { name: key, expected: 'a known editor option' };
      errors.push(`incidentReport: "${setting.name}" must be ${setting.expected}`);
    }
  }
  return { config: config as Config, editor: editor as unknown as EditorOptions, errors };
}

/**
 * The workspace file wins over settings (and a config over the one it extends), key by key;
 * rule levels merge rule by rule; overrides add up, the base's first. `extends` is spent.
 */
export function mergeConfig(settings: Config, file: Config): Config {
  const { extends: _extends, ...merged } = { ...settings, ...file, rules: { ...(settings.rules ?? {}), ...(file.rules ?? {}) } };
  const overrides = [...(settings.overrides ?? []), ...(file.overrides ?? [])];
  return overrides.length ? { ...merged, overrides } : merged;
}
