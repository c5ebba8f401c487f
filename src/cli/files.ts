import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { notRegularFile, readErrorReason } from './workspace';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', '.code-server', '.vscode-test']);

export interface Target {
  readonly path: string;
  /** Named on the command line (lint it whatever it holds) or found in a directory (lint it only if it is a report). */
  readonly explicit: boolean;
}

export interface Discovery {
  readonly targets: Target[];
  /** Paths that could not be read or matched nothing, with the reason. */
  readonly problems: string[];
}

/**
 * Expands files, directories (searched for `*.md`) and globs into a sorted, de-duplicated list.
 * Link policy: a symbolic link is followed only while its real target stays inside `root`
 * (the workspace); a linked folder is never walked (no crawl of `/`, no loop); a glob match
 * is linted only if it is a report, like a file found in a folder.
 */
export function discover(args: readonly string[], cwd: string, root: string = cwd): Discovery {
  const realRoot = realOrSelf(root);
  const targets = new Map<string, Target>();
  const problems: string[] = [];
  const add = (path: string, explicit: boolean): void => {
    const existing = targets.get(path);
    if (!existing || (explicit && !existing.explicit)) targets.set(path, { path, explicit });
  };
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const matches = globSync(arg, { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) problems.push(`${arg}: no file matches this pattern`);
      for (const match of matches) {
        const path = resolve(match);
        if (isLink(path) && !leadsInside(realRoot, path)) problems.push(`${path}: cannot read report: it is a link leading outside the workspace ${root}`);
        else add(path, false);
      }
      continue;
    }
    const full = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${arg}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
      continue;
    }
    if (stats.isDirectory()) walk(full, (file) => add(file, false), problems, realRoot, root);
    else if (stats.isFile()) add(full, true);
    // A FIFO would block the read and a device (/dev/zero) never ends: neither is opened.
    else problems.push(`${arg}: ${notRegularFile(stats)}`);
  }
  return { targets: [...targets.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), problems };
}

function walk(dir: string, onFile: (path: string) => void, problems: string[], realRoot: string, root: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`${dir}: cannot read directory: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Hidden folders (.git, .incident with the team template, ...) hold no reports.
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(full, onFile, problems, realRoot, root);
    } else if (entry.name.toLowerCase().endsWith('.md')) {
      if (entry.isFile()) {
        onFile(full);
        continue;
      }
      // A link is followed to a regular file only: a dangling one, a linked folder (not
      // followed) or a link to a FIFO or a device is reported, like a FIFO, device or socket
      // named *.md itself. (The reader checks again: the entry may change before it is read.)
      let reason: string | undefined;
      try {
        reason = notRegularFile(statSync(full));
      } catch (error) {
        reason = readErrorReason(error);
      }
      if (reason === undefined && !leadsInside(realRoot, full)) reason = `it is a link leading outside the workspace ${root}`;
      if (reason === undefined) onFile(full);
      else problems.push(`${full}: cannot read report: ${reason}`);
    }
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether a path's real location (links resolved) is inside the real root. */
function leadsInside(realRoot: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realRoot, real);
  return rel === '' || !(rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..');
}
