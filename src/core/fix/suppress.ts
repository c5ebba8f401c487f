import type { Nodes, Parent } from 'mdast';
import type { ReportModel } from '../model/types';
import { splitChunks } from '../parse/chunks';
import { parseBounded } from '../parse/markdown';
import { readDirectives, SUPPRESSION_PREFIX, UNSUPPRESSIBLE_RULE_IDS } from '../suppressions';
import { LineIndex } from '../text/lineIndex';
import type { Diagnostic, Fix, TextEdit } from '../types';
import { fix, insertAt } from './edits';

/*
 * The "Disable RULE for this line / file" quick fixes. Neither is safe: Fix All never
 * applies them. A comment line must not change how the report is read, so where the line
 * above a problem cannot take one the comment goes where it can:
 *   - a table row: a comment line between rows would end the table, so the table is
 *     wrapped in `disable` / `enable` comments ("for this table");
 *   - a list item other than the first: a comment line at the item's indentation would end
 *     the list, so the comment goes at the end of the item before it, at that item's content
 *     indentation (a first item gets it above the whole list);
 *   - a line inside a paragraph (or code block) that does not start it: a comment line
 *     would split the paragraph, so it is wrapped ("for this paragraph");
 *   - the front matter: YAML holds no HTML comment, so only "for this file" is offered.
 * Everywhere else, `disable-next-line` goes on its own line above, with the line's
 * indentation (and `>` of a block quote).
 */

/** Block nodes that hold other blocks: the walk goes into these. */
const CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition']);

/** Whether a diagnostic of this rule can be hidden by a comment (and so gets the quick fixes). */
export function isSuppressible(ruleId: string): boolean {
  return !UNSUPPRESSIBLE_RULE_IDS.has(ruleId);
}

/** The quick fixes that hide `diagnostic` with a suppression comment (none for rules a comment cannot hide). */
export function suppressionFixes(model: ReportModel, diagnostic: Diagnostic, knownRuleIds: readonly string[]): Fix[] {
  if (!isSuppressible(diagnostic.ruleId) || !knownRuleIds.includes(diagnostic.ruleId)) return [];
  const fixes: Fix[] = [];
  const line = lineFix(model.text, diagnostic);
  if (line) fixes.push(line);
  const file = fileFix(model, diagnostic.ruleId);
  if (file) fixes.push(file);
  return fixes;
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** The text before `offset` on its line, as a prefix for a new line there: indentation and `>` kept, anything else (a list marker) as spaces. */
function prefixBefore(text: string, lines: LineIndex, offset: number): string {
  const lineStart = lines.lineStart(lines.positionAt(offset).line);
  return text.slice(lineStart, offset).replace(/[^\s>]/g, ' ');
}

/** The block nodes containing `offset`, outermost first (root not included). */
function blockPath(root: Parent, offset: number): Nodes[] {
  const path: Nodes[] = [];
  let parent: Parent = root;
  for (;;) {
    const child = (parent.children as Nodes[]).find((node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      return start !== undefined && end !== undefined && start <= offset && offset <= end;
    });
    if (!child) return path;
    path.push(child);
    if (!CONTAINERS.has(child.type) || !('children' in child)) return path;
    parent = child;
  }
}

function lineFix(text: string, diagnostic: Diagnostic): Fix | undefined {
  const lines = new LineIndex(text);
  const eol = eolOf(text);
  const ruleId = diagnostic.ruleId;
  const line = diagnostic.range.start.line;
  const offset = Math.min(Math.max(0, diagnostic.span.start), text.length);
  // Only the `##` section holding the line is parsed: its chunk's offsets plus `base`.
  const chunk = splitChunks(text).find((c) => c.start <= offset && offset <= c.start + c.text.length) ?? { start: 0, text };
  const base = chunk.start;
  const path = blockPath(parseBounded(chunk.text).tree, offset - base);
  const startOf = (node: Nodes): number => node.position!.start.offset! + base;
  const endOf = (node: Nodes): number => node.position!.end.offset! + base;
  const lineOf = (at: number): number => lines.positionAt(at).line;

  if (path.some((node) => node.type === 'yaml')) return undefined;

  /** A new line's prefix inside a list item: its indentation plus the marker's width (`- `, `10. `; a task's `[ ]` is content). */
  const itemContentPrefix = (item: Nodes): string => {
    const marker = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]{1,4}(?![ \t])|[ \t]|(?=\r|\n|$))/.exec(text.slice(startOf(item)))?.[0] ?? '  ';
    return prefixBefore(text, lines, startOf(item)) + ' '.repeat(marker.length);
  };
  /** A new line's prefix for a line right after `path[index]`, in the same container. */
  const prefixAfter = (index: number): string => {
    const parent = path[index - 1];
    return parent?.type === 'listItem' && (parent as Parent).children[0] === path[index] ? itemContentPrefix(parent) : prefixBefore(text, lines, startOf(path[index]!));
  };

  /** An edit putting `comment` on a line of its own just before the block `path[index]`, inside the same container. */
  const before = (index: number, comment: string): TextEdit => {
    const node = path[index]!;
    const parent = path[index - 1];
    // The first block of a list item starts on the marker's line: the comment goes before the item.
    if (parent?.type === 'listItem' && (parent as Parent).children[0] === node) return before(index - 1, comment);
    if (node.type === 'listItem' && parent?.type === 'list') {
      const siblings = (parent as Parent).children as Nodes[];
      const previous = siblings[siblings.indexOf(node) - 1];
      // The first item: above the whole list. Another: at the end of the item before, at its content's indentation.
      if (!previous) return before(index - 1, comment);
      return insertAt(lines.lineStart(lineOf(startOf(node))), `${itemContentPrefix(previous)}${comment}${eol}`);
    }
    return insertAt(lines.lineStart(lineOf(startOf(node))), `${prefixBefore(text, lines, startOf(node))}${comment}${eol}`);
  };

  const tableIndex = path.findIndex((node) => node.type === 'table');
  const index = tableIndex >= 0 ? tableIndex : path.length - 1;
  const target = path[index];
  const nextLine = `<!-- ${SUPPRESSION_PREFIX}disable-next-line ${ruleId} -->`;
  // Between blocks (a blank line, the end of the document): above the line, with its indentation.
  if (!target) {
    const start = lines.lineStart(line);
    const indent = /^[ \t>]*/.exec(text.slice(start))![0];
    return fix(`Disable ${ruleId} for this line`, [insertAt(start, `${indent}${nextLine}${eol}`)]);
  }
  // A block's first line (a table's header row too) takes the comment above it.
  if (lineOf(startOf(target)) === line) return fix(`Disable ${ruleId} for this line`, [before(index, nextLine)]);
  // A table row, or a line inside a block: the whole block, between disable and enable.
  const after = insertAt(lines.lineEnd(lineOf(endOf(target))), `${eol}${prefixAfter(index)}<!-- ${SUPPRESSION_PREFIX}enable ${ruleId} -->`);
  const what = target.type === 'table' ? 'table' : target.type === 'paragraph' ? 'paragraph' : 'block';
  return fix(`Disable ${ruleId} for this ${what}`, [before(index, `<!-- ${SUPPRESSION_PREFIX}disable ${ruleId} -->`), after]);
}

/** Extends the report's first `disable-file` comment that lists rules, or adds one after the front matter (at the top without one). */
function fileFix(model: ReportModel, ruleId: string): Fix | undefined {
  const text = model.text;
  const title = `Disable ${ruleId} for this file`;
  const existing = readDirectives(model).directives.find((d) => d.kind === 'disable-file' && d.ids.length > 0);
  if (existing) return fix(title, [insertAt(existing.ids[existing.ids.length - 1]!.span.end, ` ${ruleId}`)]);
  const comment = `<!-- ${SUPPRESSION_PREFIX}disable-file ${ruleId} -->`;
  const eol = eolOf(text);
  if (model.frontMatter) return fix(title, [insertAt(model.frontMatter.span.end, `${eol}${comment}`)]);
  // A `---` first line the parser did not take as front matter (not closed yet): a comment above it would stop it from ever being one.
  if (/^---[ \t]*(\r|\n|$)/.test(text)) return undefined;
  return fix(title, [insertAt(0, `${comment}${eol}`)]);
}
