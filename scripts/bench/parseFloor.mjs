/**
 * The floor under the CI benchmark's cold target (issue #18): what the parse alone costs,
 * with nothing else, on the same files and threads as our CLI. Every `.md` file of a folder
 * is read and parsed section by section (as the CLI parses), with the extensions our parser
 * uses (YAML front matter, GFM), on `jobs` worker threads:
 *
 *   node scripts/bench/parseFloor.mjs <folder> <jobs> events   micromark's tokens only (no tree: markdownlint's parse)
 *   node scripts/bench/parseFloor.mjs <folder> <jobs> mdast    the mdast tree (mdast-util-from-markdown's fromMarkdown per section,
 *                                                              as remark calls it, without the autolink literal walk, as
 *                                                              src/core/parse/markdown.ts skips it)
 *   node scripts/bench/parseFloor.mjs <folder> <jobs> reused   the same trees from our patched fromMarkdownParser (set up once:
 *                                                              patches/), as src/core/parse/markdown.ts parses
 *
 * No rules, no model, no output. Prints the number of files parsed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as fromMarkdownModule from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

if (isMainThread) {
  const [folder, jobsArg, mode] = process.argv.slice(2);
  const jobs = Number(jobsArg);
  if (!folder || !(jobs >= 1) || !['events', 'mdast', 'reused'].includes(mode)) {
    console.error('usage: parseFloor.mjs <folder> <jobs> events|mdast|reused');
    process.exit(2);
  }
  const files = readdirSync(folder).filter((name) => name.endsWith('.md')).map((name) => join(folder, name));
  let parsed = 0;
  let running = jobs;
  for (let j = 0; j < jobs; j++) {
    const worker = new Worker(new URL(import.meta.url), { workerData: { mode, files: files.filter((_, i) => i % jobs === j) } });
    worker.on('message', (count) => {
      parsed += count;
      if (--running === 0) console.log(parsed);
    });
    worker.on('error', (error) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
} else {
  const extensions = [frontmatter(['yaml']), gfm()];
  const mdastExtensions = [frontmatterFromMarkdown(['yaml']), { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] }, gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
  const tokens = (text) => postprocess(parse({ extensions }).document().write(preprocess()(text, 'utf8', true)));
  const tree = (text) => fromMarkdownModule.fromMarkdown(text, { extensions, mdastExtensions });
  const parseOne = workerData.mode === 'events' ? tokens : workerData.mode === 'mdast' ? tree : fromMarkdownModule.fromMarkdownParser({ extensions, mdastExtensions });
  for (const file of workerData.files) {
    // Section by section, as the CLI parses (a whole report at once costs more: see ReportParser).
    for (const section of readFileSync(file, 'utf8').split(/^(?=## )/m)) parseOne(section);
  }
  parentPort.postMessage(workerData.files.length);
}
