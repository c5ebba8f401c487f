/**
 * `lint --fix` writing a fixed report: only inside the workspace, only over the bytes that
 * were linted, and atomically (a temporary file beside it, renamed over it), so a reader, a
 * crash or a full disk never leaves half a report.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { UsageError, encodeLike, pathExistsInside, readErrorReason, readRegularFile } from './workspace';

/**
 * Writes `text` over `path`, in the encoding (BOM) of `original`, the bytes it was read as.
 * A symbolic link stays a link: its target (inside the workspace) is the file rewritten. The
 * file's permission bits are kept. Throws a UsageError naming the file when it is outside the
 * workspace, changed on disk since it was read (it is then left as it is), or cannot be written.
 */
export function writeFixed(path: string, root: string, original: Buffer, text: string): void {
  if (pathExistsInside(root, relative(root, path)) !== true) throw new UsageError(`${path}: not fixed: it is outside the workspace ${root} (--root), which --fix never writes`);
  let target: string;
  let temporary: string | undefined;
  try {
    target = realpathSync(path);
    const mode = statSync(target).mode & 0o7777;
    if (!unchanged(target, original)) throw new UsageError(`${path}: not fixed: it changed on disk while it was linted; run again`);
    // A name no other run picks (pid and random), created exclusively: nothing is written over.
    temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      const bytes = encodeLike(text, original);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Checked again just before the rename: an editor may have saved it meanwhile.
    if (!unchanged(target, original)) throw new UsageError(`${path}: not fixed: it changed on disk while it was linted; run again`);
    renameSync(temporary, target);
    temporary = undefined;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: cannot write the fixed report: ${readErrorReason(error)}`);
  } finally {
    if (temporary !== undefined) rmSync(temporary, { force: true });
  }
}

function unchanged(path: string, original: Buffer): boolean {
  try {
    return readRegularFile(path).equals(original);
  } catch {
    return false;
  }
}
