import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, nameHasId, type IncidentCore, type ReportStore } from '../core';
import { UsageError } from './workspace';

/** Files in the incidents folder; a hidden `.<ID>.lock` reserves an ID while its report is written. */
export function folderStore(dir: string): ReportStore {
  const list = (): string[] => {
    try {
      return readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  return {
    listNames: async () => list(),
    createExclusive: async ({ id, fileName, text, taken }) => {
      mkdirSync(dir, { recursive: true });
      const lock = join(dir, `.${id}.lock`);
      if (!createNew(lock, '')) return false;
      try {
        // Another process may have finished a report with this ID or number (and dropped its lock) since we listed.
        if (list().some((name) => !name.endsWith('.lock') && (nameHasId(name, id) || taken(name)))) return false;
        return createNew(join(dir, fileName), text);
      } finally {
        unlinkSync(lock);
      }
    },
  };
}

/** Writes a file only if it does not exist (`wx`); false when it does. */
function createNew(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

export async function newCommand(core: IncidentCore, dir: string, request: { title: string; severity?: string | undefined; now: Date; date?: string | undefined; owner?: string | undefined }): Promise<string> {
  try {
    const created = await createReport(core, folderStore(dir), request);
    return join(dir, created.fileName);
  } catch (error) {
    // What a user can run into is said in one line, not as a stack trace.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new UsageError(`new: --dir ${dir}: not a directory`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UsageError(`new: cannot write in ${dir}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'}`);
    if (error instanceof RangeError) throw new UsageError(`new: ${error.message}`);
    throw error;
  }
}
