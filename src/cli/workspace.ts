import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, RULE_IDS, WORKSPACE_TEMPLATE_PATH, configForPath, isExcludedPath, loadConfigChain, type Config, type ConfigHost } from '../core';
import { MAX_REPORT_BYTES } from '../core/defaults';

/** A usage or input problem: printed, exit code 2. */
export class UsageError extends Error {}

export interface Workspace {
  readonly root: string;
  /** The config with every layer merged; its overrides are applied per report (configFor). */
  readonly config: Config;
  readonly configPath: string | undefined;
  readonly templateText: string | undefined;
  readonly templatePath: string | undefined;
  /** Every config file read (the entry and what it extends), for the cache key. */
  readonly configFiles: readonly string[];
}

/** Where a report belongs: its root (evidence paths, template, the wall) and the config that applies. */
export interface Place {
  readonly root: string;
  readonly configPath: string | undefined;
}

/**
 * Walks up from `dir` to the nearest folder holding a config file (its config applies and it
 * is the root) or `.git` (the root, no config). With `--root` the root is that folder and
 * the walk for a config stops there. Nothing found up to the file system's root: `fallback`.
 */
export function findPlace(dir: string, explicitRoot: string | undefined, fallback: string): Place {
  // A file outside --root gets the root's config: no config above the root is read.
  if (explicitRoot !== undefined && !isWithin(explicitRoot, resolve(dir))) return { root: explicitRoot, configPath: configIn(explicitRoot) };
  for (let current = resolve(dir); ; ) {
    const configPath = configIn(current);
    if (explicitRoot !== undefined) {
      if (configPath || current === explicitRoot) return { root: explicitRoot, configPath };
    } else if (configPath) return { root: current, configPath };
    else if (entryExists(join(current, '.git'))) return { root: current, configPath: undefined };
    const parent = dirname(current);
    if (parent === current) return { root: explicitRoot ?? fallback, configPath: explicitRoot === undefined ? undefined : configIn(explicitRoot) };
    current = parent;
  }
}

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || !(rel.startsWith('..') || isAbsolute(rel));
}

function configIn(dir: string): string | undefined {
  // A config that is there but cannot be read (a dangling link, a link loop) is an error, not "no config".
  return CONFIG_FILE_NAMES.map((name) => join(dir, name)).find((p) => entryExists(p));
}

/**
 * The folder `extends` may not leave: `--root`, else the repository (nearest `.git`) the
 * config lives in, else the config's own folder.
 */
export function extendsWall(configPath: string, explicitRoot: string | undefined): string {
  if (explicitRoot !== undefined) return explicitRoot;
  for (let current = dirname(configPath); ; current = dirname(current)) {
    if (entryExists(join(current, '.git'))) return current;
    if (dirname(current) === current) return dirname(configPath);
  }
}

/** Reads config files for loadConfigChain: inside `wall` only (a config named with --config is the user's choice). */
export function nodeConfigHost(wall: string, cwd: string, namedConfig: string | undefined): ConfigHost {
  const outside = (): string => `it leads outside the workspace ${wall} (through "..", an absolute path or a symbolic link)`;
  return {
    read: async (location) => {
      if (location !== namedConfig && existsSync(location) && pathExistsInside(wall, relative(wall, location)) !== true) return { error: outside() };
      const read = readTextResult(location);
      return 'reason' in read ? { error: read.reason } : read;
    },
    locate: async (from, target) => {
      let candidate: string | undefined;
      if (target.kind === 'relative') candidate = resolve(dirname(from), target.path);
      else {
        // node_modules folders from the config's folder up to the wall, never above it.
        for (let dir = dirname(from); ; dir = dirname(dir)) {
          const inside = relative(wall, dir);
          if (inside.startsWith('..') || isAbsolute(inside)) break;
          if (entryExists(join(dir, 'node_modules', target.path))) {
            candidate = join(dir, 'node_modules', target.path);
            break;
          }
          if (dir === wall || dirname(dir) === dir) break;
        }
        if (!candidate) return { error: `no node_modules folder from ${displayPath(cwd, dirname(from))} up to the root ${displayPath(cwd, wall)} holds it (packages are never fetched)` };
      }
      const inside = pathExistsInside(wall, relative(wall, candidate));
      if (inside === undefined || (inside === false && existsSync(candidate))) return { error: outside() };
      if (!entryExists(candidate)) return { error: `${displayPath(cwd, candidate)}: no such file` };
      return { location: candidate };
    },
    display: (location) => displayPath(cwd, location),
  };
}

/** A path as messages print it: relative to the working directory when under it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * Loads the config that applies at a place (`--config`, else the place's config file, with
 * what it extends) and the root's team template. Invalid keys come back as `warnings`; a
 * config or base that cannot be used, or a template outside the root, is a UsageError.
 */
export async function loadWorkspace(place: Place, options: { readonly cwd: string; readonly explicitRoot: string | undefined; readonly configFlag: string | undefined }): Promise<Workspace & { readonly warnings: readonly string[] }> {
  const rootDir = place.root;
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) throw new UsageError(`--root ${rootDir}: not a directory`);
  const configPath = options.configFlag ?? place.configPath;
  let config: Config = {};
  let configFiles: readonly string[] = [];
  const warnings: string[] = [];
  if (configPath) {
    const host = nodeConfigHost(extendsWall(configPath, options.explicitRoot), options.cwd, options.configFlag);
    const chain = await loadConfigChain(configPath, RULE_IDS, host);
    const errors = chain.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    if (errors.length) throw new UsageError(errors.join('\n'));
    warnings.push(...chain.problems.map((p) => p.message));
    config = chain.config;
    configFiles = chain.files;
  }
  const templateRelative = config.template ?? (existsSync(join(rootDir, WORKSPACE_TEMPLATE_PATH)) ? WORKSPACE_TEMPLATE_PATH : undefined);
  const templatePath = templateRelative ? join(rootDir, templateRelative) : undefined;
  // `new` copies the template into a report: it must not be a way to read a file outside the workspace.
  if (templatePath && pathExistsInside(rootDir, relative(rootDir, templatePath)) !== true && entryExists(templatePath)) {
    throw new UsageError(`${templatePath}: cannot read template: it leads outside the workspace ${rootDir} (through "..", an absolute path or a symbolic link)`);
  }
  const templateText = templatePath ? readText(templatePath, 'template') : undefined;
  return { root: rootDir, config, configPath, templateText, templatePath, configFiles, warnings };
}

/** The config for one report: its overrides matched against its path from the config file's folder. */
export function configFor(workspace: Workspace, reportPath: string): Config {
  return configForPath(workspace.config, configRelativePath(workspace, reportPath));
}

/**
 * Whether a file found in a folder or by a glob is never read as a report: the team
 * template, a README file or a path the config's `exclude` matches. A file named on the
 * command line (`explicit`) always is.
 */
export function neverLinted(workspace: Workspace, target: { readonly path: string; readonly explicit: boolean }): boolean {
  return !target.explicit && (target.path === workspace.templatePath || isExcludedPath(workspace.config, configRelativePath(workspace, target.path)));
}

/** A report's path as `overrides` and `exclude` globs see it: from the config file's folder, `/`-separated. */
export function configRelativePath(workspace: Workspace, reportPath: string): string {
  return workspace.configPath ? relative(dirname(workspace.configPath), reportPath).split(sep).join('/') : basename(reportPath);
}

/** Whether a directory entry exists at all, a link to nothing included (existsSync follows links). */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The largest file read (reports, config, template). Real reports are tens of kilobytes and a
 * 5 MB one lints fine; past this the file is surely not a hand-written report (a log, a dump,
 * a sparse or runaway file) and reading it would only exhaust memory and time, so it is
 * reported instead. Kept well below V8's string length limit (about 512 MB). The server and
 * the editor read no more (one limit, in core/defaults).
 */
export const MAX_TEXT_BYTES = MAX_REPORT_BYTES;

/**
 * Why what `stats` describes (links followed) is not read as text: undefined for a regular
 * file. A FIFO would block the read forever and a device (/dev/zero) never ends.
 */
export function notRegularFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  const kind = stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() ? 'a character device' : stats.isBlockDevice() ? 'a block device' : stats.isSocket() ? 'a socket' : undefined;
  return kind ? `not a regular file (${kind})` : 'not a regular file';
}

/** The reason shown for a failed stat, open or read of a file. */
export function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
}

/** `size` undefined: the file grew past the limit while it was read. */
function tooLarge(size?: number): string {
  const limit = `the ${MAX_TEXT_BYTES / (1024 * 1024)} MB limit`;
  return size === undefined ? `too large (over ${limit})` : `too large (${(size / (1024 * 1024)).toFixed(1)} MB, over ${limit})`;
}

class Unreadable extends Error {}

/**
 * Reads a text file (UTF-8, a leading BOM dropped), only if it is a regular file of at most
 * MAX_TEXT_BYTES; anything else is a UsageError `<path>: cannot read <what>: <reason>`.
 */
export function readText(path: string, what: string): string {
  return readTextFile(path, what).text;
}

/** readText, with the bytes it decoded: `lint --fix` writes in their encoding, and only over them. */
export function readTextFile(path: string, what: string): { text: string; bytes: Buffer } {
  const read = readTextResult(path);
  if ('reason' in read) throw new UsageError(`${path}: cannot read ${what}: ${read.reason}`);
  return read;
}

/** readTextFile's answer as data: the text and its bytes, or why it was not read. */
export function readTextResult(path: string): { text: string; bytes: Buffer } | { reason: string } {
  try {
    // Stat (following links) before opening: opening a FIFO blocks until a writer comes, and
    // opening a device can have side effects.
    const reason = checkStats(statSync(path));
    if (reason) throw new Unreadable(reason);
    const bytes = readRegularFile(path);
    return { text: decodeText(bytes), bytes };
  } catch (error) {
    return { reason: error instanceof Unreadable ? error.message : readErrorReason(error) };
  }
}

/**
 * UTF-8, or UTF-16 when the file starts with its byte order mark (as VS Code, which opens
 * such a file by its BOM, and Windows tools write it); the BOM is dropped.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `text` encoded as decodeText read `like`: UTF-8, or UTF-16 LE or BE, with the byte order mark it had. */
export function encodeLike(text: string, like: Buffer): Buffer {
  if (like[0] === 0xff && like[1] === 0xfe) return Buffer.concat([like.subarray(0, 2), Buffer.from(text, 'utf16le')]);
  if (like[0] === 0xfe && like[1] === 0xff) return Buffer.concat([like.subarray(0, 2), Buffer.from(text, 'utf16le').swap16()]);
  const bom = like[0] === 0xef && like[1] === 0xbb && like[2] === 0xbf ? '\ufeff' : '';
  return Buffer.from(bom + text, 'utf8');
}

function checkStats(stats: Stats): string | undefined {
  return notRegularFile(stats) ?? (stats.size > MAX_TEXT_BYTES ? tooLarge(stats.size) : undefined);
}

/**
 * Opens and reads a file that a stat found regular (exported for tests, which skip that stat
 * to stand for the race below). Throws an Error naming the reason when it is not one.
 */
export function readRegularFile(path: string): Buffer {
  // The path may be replaced between the stat and the open (a race): O_NONBLOCK (where the
  // platform has it) keeps the open of a FIFO from blocking, and the descriptor is checked again.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    const reason = checkStats(stats);
    if (reason) throw new Unreadable(reason);
    // Read to the end, as the file may grow after the fstat, never past the limit.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_TEXT_BYTES) throw new Unreadable(tooLarge());
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_TEXT_BYTES + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a workspace-relative path exists, refusing anything that resolves outside the
 * root (through `..`, an absolute path or a symbolic link).
 */
export function pathExistsInside(root: string, relativePath: string): boolean | undefined {
  if (isAbsolute(relativePath) || relativePath.split(/[\\/]/).includes('..')) return undefined;
  const full = resolve(root, relativePath);
  if (!existsSync(full)) return false;
  try {
    const real = realpathSync(full);
    const realRoot = realpathSync(root);
    const rel = relative(realRoot, real);
    return !(rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..');
  } catch {
    return false;
  }
}

/**
 * The workspace of one root for the commands that take `--root` as it is (`new`, `stats`,
 * `actions`, `export`): its config (or `--config`) and template; warnings for keys left out
 * go to stderr.
 */
export async function loadRootWorkspace(root: string, configFlag: string | undefined, io: { readonly cwd: string; err(line: string): void }): Promise<Workspace> {
  const workspace = await loadWorkspace(findPlace(root, root, root), { cwd: io.cwd, explicitRoot: root, configFlag });
  for (const warning of workspace.warnings) io.err(`incident-report: warning: ${warning}`);
  return workspace;
}
