import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, RULE_IDS, WORKSPACE_TEMPLATE_PATH, parseConfigText, validateConfig, type Config } from '../core';
import { MAX_REPORT_BYTES } from '../core/defaults';

/** A usage or input problem: printed, exit code 2. */
export class UsageError extends Error {}

export interface Workspace {
  readonly root: string;
  readonly config: Config;
  readonly configPath: string | undefined;
  readonly templateText: string | undefined;
  readonly templatePath: string | undefined;
}

/** Loads the config (`--config`, else the root's `.incident-report.*`) and the team template. */
export function loadWorkspace(root: string, configFlag: string | undefined): Workspace {
  const rootDir = resolve(root);
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) throw new UsageError(`--root ${root}: not a directory`);
  // A config that is there but cannot be read (a dangling link, a link loop) is an error, not "no config".
  const configPath = configFlag ? resolve(configFlag) : CONFIG_FILE_NAMES.map((name) => join(rootDir, name)).find((p) => entryExists(p));
  let config: Config = {};
  // The workspace's own config (not one named with --config) must not be a link leading out of it.
  if (configPath && !configFlag && existsSync(configPath) && pathExistsInside(rootDir, relative(rootDir, configPath)) !== true) {
    throw new UsageError(`${configPath}: cannot read config file: it leads outside the workspace ${rootDir} (through a symbolic link)`);
  }
  if (configPath) {
    const text = readText(configPath, 'config file');
    const parsed = parseConfigText(text, configPath);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const result = validateConfig(parsed.data, RULE_IDS, configPath);
    if (!result.ok) throw new UsageError(result.errors.join('\n'));
    config = result.config;
  }
  const templateRelative = config.template ?? (existsSync(join(rootDir, WORKSPACE_TEMPLATE_PATH)) ? WORKSPACE_TEMPLATE_PATH : undefined);
  const templatePath = templateRelative ? join(rootDir, templateRelative) : undefined;
  // `new` copies the template into a report: it must not be a way to read a file outside the workspace.
  if (templatePath && pathExistsInside(rootDir, relative(rootDir, templatePath)) !== true && entryExists(templatePath)) {
    throw new UsageError(`${templatePath}: cannot read template: it leads outside the workspace ${rootDir} (through "..", an absolute path or a symbolic link)`);
  }
  const templateText = templatePath ? readText(templatePath, 'template') : undefined;
  return { root: rootDir, config, configPath, templateText, templatePath };
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
  try {
    // Stat (following links) before opening: opening a FIFO blocks until a writer comes, and
    // opening a device can have side effects.
    const reason = checkStats(statSync(path));
    if (reason) throw new Unreadable(reason);
    const bytes = readRegularFile(path);
    return { text: decodeText(bytes), bytes };
  } catch (error) {
    throw new UsageError(`${path}: cannot read ${what}: ${error instanceof Unreadable ? error.message : readErrorReason(error)}`);
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
