import * as z from 'zod/mini';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { formatCount } from './limits';
import { CONFIG_FILE_NAMES, DEFAULT_EDITOR_OPTIONS, DEFAULT_INCIDENTS_DIR, WORKSPACE_TEMPLATE_PATH, type EditorOptions } from './defaults';

/**
 * The configuration schema, owned by the core: `.incident-report.json|yaml` at the
 * workspace root and the editor's `incidentReport.*` settings both go through it.
 */
export const LEVELS = ['off', 'error', 'warning', 'info', 'hint'] as const;
export type Level = (typeof LEVELS)[number];

const level = z.enum(LEVELS);
const ruleSetting = z.union([level, z.strictObject({ draft: z.optional(level), final: z.optional(level) })]);
/** A path inside the workspace: relative, no `..`, never absolute. */
const workspacePath = z.string().check(
  z.refine((p) => p.trim() !== '' && !/^([A-Za-z]:)?[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), 'a path inside the workspace (relative, without "..")'),
);

export const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  rules: z.optional(z.record(z.string(), ruleSetting)),
  mode: z.optional(z.enum(['auto', 'draft', 'final'])),
  template: z.optional(workspacePath),
  incidentsDir: z.optional(workspacePath),
  owner: z.optional(z.string()),
});

export type Config = z.infer<typeof configSchema>;
export type RuleSetting = z.infer<typeof ruleSetting>;

/** Unknown rule ids listed one by one; past this many, one more line counts the rest. */
const MAX_CONFIG_ERRORS = 20;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Validates untrusted configuration data; errors name the key and what was expected. */
export function validateConfig(data: unknown, knownRuleIds: readonly string[], source = 'config'): ConfigResult {
  if (data === undefined || data === null) return { ok: true, config: {} };
  const parsed = configSchema.safeParse(data);
  const errors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${source}: ${describeIssue(issue)}`);
    return { ok: false, errors };
  }
  // The input's own keys, not the parsed record's: a "__proto__" key (JSON.parse keeps it
  // as an own key) is dropped by the record and would be ignored without a word.
  const input = (data as { rules?: unknown }).rules;
  const ruleIds = input !== null && typeof input === 'object' ? Object.keys(input) : [];
  const unknown = ruleIds.filter((id) => !knownRuleIds.includes(id));
  for (const id of unknown.slice(0, MAX_CONFIG_ERRORS)) errors.push(`${source}: "rules.${id}" is not a rule; known rules: ${knownRuleIds.join(', ')}`);
  // A file of thousands of wrong keys is one mistake: the first ones, then their number.
  if (unknown.length > MAX_CONFIG_ERRORS) errors.push(`${source}: and ${formatCount(unknown.length - MAX_CONFIG_ERRORS)} more keys under "rules" that are not rules`);
  return errors.length ? { ok: false, errors } : { ok: true, config: parsed.data };
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
}

function describeIssue(issue: Issue): string {
  const key = issue.path.length ? `"${issue.path.map(String).join('.')}"` : 'the top level';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${key} has unknown key${issue.keys && issue.keys.length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}; allowed: rules, mode, template, incidentsDir, owner`;
    case 'invalid_value':
      return `${key} must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `${key} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'invalid_union':
      return `${key} must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')} or {"draft": level, "final": level}`;
    default:
      return `${key} must be ${issue.message === 'Invalid input' ? 'valid' : issue.message}`;
  }
}

/** The JSON Schema shipped for `.incident-report.json`, generated from the same schema. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { target: 'draft-7' });
}

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

/** The workspace file wins over settings, key by key; rule levels merge rule by rule. */
export function mergeConfig(settings: Config, file: Config): Config {
  return { ...settings, ...file, rules: { ...(settings.rules ?? {}), ...(file.rules ?? {}) } };
}
