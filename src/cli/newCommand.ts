import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, nameHasId, type IncidentCore, type ReportStore } from '../core';

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
    createExclusive: async (id, fileName, text) => {
      mkdirSync(dir, { recursive: true });
      const lock = join(dir, `.${id}.lock`);
      if (!createNew(lock, '')) return false;
      try {
        // Another process may have finished a report with this ID (and dropped its lock) since we listed.
        if (list().some((name) => nameHasId(name, id) && !name.endsWith('.lock'))) return false;
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

export async function newCommand(core: IncidentCore, dir: string, request: { title: string; severity: string; now: Date; owner?: string }): Promise<string> {
  const created = await createReport(core, folderStore(dir), request);
  return join(dir, created.fileName);
}
