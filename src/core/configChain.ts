/**
 * Layered configuration: a config file, the files it `extends` (base first), and its
 * `overrides` applied to the reports whose path matches. Pure: the caller's host reads files
 * and says where an `extends` leads (inside the root only), so the CLI (Node paths) and the
 * server (URIs) resolve a chain the same way.
 */
import picomatch from 'picomatch/posix';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { mergeConfig, parseConfigText, validateConfigKeys, type Config } from './config';

/** A chain longer than this is refused (a chain, not a loop, that never ends). */
export const MAX_EXTENDS_DEPTH = 10;

/** Only data files are extended: a config is never code that runs. */
const DATA_FILE = /\.(json|ya?ml)$/i;

/**
 * What an `extends` entry names: `./base.json` or `../shared/base.yaml` (relative to the
 * config file), or `package/file.json` / `@scope/package/file.json` (a file of a package in a
 * `node_modules` folder inside the root). An absolute path, a URL or a code file is refused.
 */
export type ExtendsTarget = { readonly kind: 'relative'; readonly path: string } | { readonly kind: 'package'; readonly path: string } | { readonly error: string };

export function parseExtends(spec: string): ExtendsTarget {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(spec) || /^[\\/]/.test(spec)) return { error: `"${spec}" is not a path inside the workspace: write "./file.json" (relative to this file) or "package/file.json" (from node_modules); nothing is fetched` };
  if (!DATA_FILE.test(spec)) return { error: `"${spec}" is not a .json, .yaml or .yml file: only data files are extended, never code` };
  const path = spec.replace(/\\/g, '/');
  if (path.startsWith('./') || path.startsWith('../')) return { kind: 'relative', path };
  const segments = path.split('/');
  const packageSegments = path.startsWith('@') ? 2 : 1;
  if (segments.length <= packageSegments || segments.includes('..') || segments.includes('.')) {
    return { error: `"${spec}" names no file of a package: write "package/file.json", or "./${spec}" for a file beside this one` };
  }
  return { kind: 'package', path };
}

/** Where the host found a file (a path or a URI), or why it cannot be used. */
export type HostAnswer<T> = T | { readonly error: string };

export interface ConfigHost {
  /** The text of the config file at `location`. */
  read(location: string): Promise<HostAnswer<{ readonly text: string }>>;
  /** Where `target`, written in the config at `from`, leads; refused when outside the root or missing. */
  locate(from: string, target: Exclude<ExtendsTarget, { error: string }>): Promise<HostAnswer<{ readonly location: string }>>;
  /** The file's name in messages (relative to the root). */
  display(location: string): string;
}

/** A problem in one file of the chain: an error stops a CLI run, a warning is a key left out. */
export interface ChainProblem {
  readonly location: string;
  /** The key it is about (`["rules", "placeholdr"]`, `["extends"]`), for a range in that file. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ConfigChain {
  /** Every layer merged (overrides still listed, to apply per report). */
  readonly config: Config;
  /** Every file read, the entry first: a change to any of them changes the config. */
  readonly files: readonly string[];
  readonly problems: readonly ChainProblem[];
}

/**
 * Reads the config at `entry` and what it extends. A file that cannot be read or parsed, and
 * an `extends` that is refused, loops or goes too deep, is an error; an invalid key or value
 * is a warning and is left out alone.
 */
export async function loadConfigChain(entry: string, knownRuleIds: readonly string[], host: ConfigHost): Promise<ConfigChain> {
  const files: string[] = [];
  const problems: ChainProblem[] = [];
  const load = async (location: string, stack: readonly string[]): Promise<Config | undefined> => {
    if (!files.includes(location)) files.push(location);
    const name = host.display(location);
    const read = await host.read(location);
    if ('error' in read) {
      problems.push({ location, path: [], message: `${name}: cannot read config file: ${read.error}`, severity: 'error' });
      return undefined;
    }
    const parsed = parseConfigText(read.text, name);
    if (!parsed.ok) {
      problems.push({ location, path: [], message: parsed.error, severity: 'error' });
      return undefined;
    }
    const validated = validateConfigKeys(parsed.data, knownRuleIds, name);
    for (const problem of validated.problems) problems.push({ location, path: problem.path, message: `${problem.message}; this key is ignored`, severity: 'warning' });
    const own = validated.config;
    const specs = own.extends === undefined ? [] : typeof own.extends === 'string' ? [own.extends] : own.extends;
    let base: Config = {};
    for (const [index, spec] of specs.entries()) {
      const at = typeof own.extends === 'string' ? ['extends'] : ['extends', index];
      const refuse = (why: string): void => void problems.push({ location, path: at, message: `${name}: "extends" ${why}`, severity: 'error' });
      const target = parseExtends(spec);
      if ('error' in target) {
        refuse(target.error);
        continue;
      }
      const found = await host.locate(location, target);
      if ('error' in found) {
        refuse(`"${spec}": ${found.error}`);
        continue;
      }
      const chain = [...stack, location];
      if (chain.includes(found.location)) {
        refuse(`"${spec}" makes a cycle: ${[...chain.slice(chain.indexOf(found.location)), found.location].map((l) => host.display(l)).join(' → ')}`);
        continue;
      }
      if (chain.length >= MAX_EXTENDS_DEPTH) {
        refuse(`"${spec}" goes deeper than ${MAX_EXTENDS_DEPTH} files: ${chain.map((l) => host.display(l)).join(' → ')} → …`);
        continue;
      }
      const layer = await load(found.location, chain);
      if (layer) base = mergeConfig(base, layer);
    }
    return mergeConfig(base, own);
  };
  const config = await load(entry, []);
  return { config: config ?? {}, files, problems };
}

/** Whether any problem of the chain stops a CLI run (the file, or a base, could not be used). */
export function hasChainError(chain: ConfigChain): boolean {
  return chain.problems.some((p) => p.severity === 'error');
}

/**
 * The config for one report: the overrides whose `files` globs match its path (relative to
 * the config file's folder, `/`-separated), applied in order: rules merge rule by rule, a
 * mode replaces the mode. A glob without a `/` matches the file name in any folder.
 */
export function configForPath(config: Config, relativePath: string): Config {
  const { overrides, extends: _extends, ...base } = config;
  let result: Config = base;
  for (const override of overrides ?? []) {
    if (!matcherFor(override.files)(relativePath)) continue;
    result = { ...result, rules: { ...(result.rules ?? {}), ...(override.rules ?? {}) }, ...(override.mode ? { mode: override.mode } : {}) };
  }
  return result;
}

/**
 * Whether a Markdown file found by a folder walk or a glob is never linted nor listed as a
 * report: a README (README.md, readme.md, any case) or a path matching the config's
 * `exclude` (relative to the config file's folder, `/`-separated). The team template is
 * the caller's other check: only it knows where that file is. A file named on the
 * command line is linted whatever this says.
 */
export function isExcludedPath(config: Config, relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (name.toLowerCase() === 'readme.md') return true;
  return !!config.exclude?.length && matcherFor(config.exclude)(relativePath);
}

const matchers = new Map<string, (path: string) => boolean>();

function matcherFor(globs: readonly string[]): (path: string) => boolean {
  const key = JSON.stringify(globs);
  let matcher = matchers.get(key);
  if (!matcher) {
    // A glob without "/" matches the file name in any folder (picomatch's own `basename`
    // option then ignores the globs that have one).
    matcher = picomatch(globs.map((glob) => (glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`)), { dot: true });
    // A long-lived server meets few distinct lists; a bound keeps it so whatever it meets.
    if (matchers.size > 1000) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher;
}

/**
 * Where a key sits in a config file's text (JSON or YAML): the key's own span, else its
 * nearest parent's that is there; undefined when the text does not parse. Offsets in UTF-16
 * code units, as documents count them.
 */
export function configKeyRange(text: string, path: readonly (string | number)[]): { start: number; end: number } | undefined {
  let doc;
  try {
    doc = parseDocument(text, { schema: 'core', customTags: [], merge: false, logLevel: 'silent', uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length) return undefined;
  let node: unknown = doc.contents;
  let span: { start: number; end: number } | undefined = rangeOf(doc.contents as Node | null);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      span = rangeOf(pair.key as Node) ?? span;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      span = rangeOf(item as Node) ?? span;
      node = item;
    } else break;
  }
  return span;
}

function rangeOf(node: Node | null | undefined): { start: number; end: number } | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}
