/**
 * `incident-report export FILE --html OUT`: one self-contained HTML file of a report, to
 * read in a browser or print to PDF. The rendering (sanitised, nothing loaded from anywhere)
 * is src/core/reportHtml.ts, shared with the editor's Export to HTML.
 */
import { constants, copyFileSync, existsSync, linkSync, openSync, closeSync, writeSync, renameSync, rmSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_DEFINITION, createIncidentCore, reportHtml } from '../core';
import type { Io } from './main';
import { UsageError, loadRootWorkspace, readErrorReason, readText } from './workspace';

export async function exportCommand(args: readonly string[], io: Io, help: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { html: { type: 'string' }, force: { type: 'boolean', default: false }, root: { type: 'string', default: '.' }, config: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('export: expected one report: export FILE --html OUT');
  if (!values.html) throw new UsageError('export: --html OUT is required (the HTML file to write)');
  const file = resolve(io.cwd, positionals[0]!);
  const out = resolve(io.cwd, values.html);
  const workspace = await loadRootWorkspace(resolve(io.cwd, values.root), values.config === undefined ? undefined : resolve(io.cwd, values.config), io);
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const text = readText(file, 'report');
  if (sameFile(file, out)) throw new UsageError(`export: --html ${values.html} is the report itself; expected another file`);
  if (existsSync(out) && !values.force) throw new UsageError(`export: ${relative(io.cwd, out) || out} exists; pass --force to replace it`);
  const html = reportHtml(core, text, basename(file));
  if (html === undefined) throw new UsageError(`export: ${positionals[0]}: not an incident report (${REPORT_DEFINITION})`);
  writeAtomically(out, html, values.force);
  io.out(relative(io.cwd, out) || out);
  return 0;
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Written to a temporary file beside `path`, then moved into place: a reader never sees half
 * a file. Without `replace` the move is a hard link, which fails if `path` appeared meanwhile.
 */
function writeAtomically(path: string, text: string, replace: boolean): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    if (replace) renameSync(temporary, path);
    else {
      try {
        linkSync(temporary, path);
      } catch (error) {
        // A file system without hard links: copy, still refusing an existing file.
        if ((error as NodeJS.ErrnoException).code !== 'EPERM' && (error as NodeJS.ErrnoException).code !== 'ENOTSUP') throw error;
        copyFileSync(temporary, path, constants.COPYFILE_EXCL);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EEXIST' ? `export: ${path} exists; pass --force to replace it` : `export: cannot write ${path}: ${readErrorReason(error)}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export { renderReportHtml, timelineSvg, type ExportParts } from '../core';
