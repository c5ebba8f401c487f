/**
 * src/core/parse/subtokenize.ts is micromark's postprocess with the jumps kept in a Map: the
 * events it gives must be micromark's own, event for event, on every kind of document.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, postprocess as micromarkPostprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import type { Event } from 'micromark-util-types';
import { postprocess } from '../../../src/core/parse/subtokenize';
import { commonmarkExamples, GFM_CASES } from '../../fuzz/harness';

const ROOT = join(__dirname, '..', '..', '..');
const extensions = [frontmatter(['yaml']), gfm()];

/** Every event as text: kind, token type, both points, and the flags later passes read. */
function eventsOf(text: string, post: (events: Event[]) => Event[]): string[] {
  const events = post(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
  return events.map(([kind, token]) => {
    const point = (p: typeof token.start): string => `${p.line}:${p.column}:${p.offset}`;
    return `${kind} ${token.type} ${point(token.start)}-${point(token.end)}${token._isInFirstContentOfListItem ? ' first' : ''}`;
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : []));
}

describe('postprocess: micromark subtokenize with its jumps in a Map', () => {
  it('gives micromark’s events on every CommonMark example and GFM case', () => {
    const texts = [...commonmarkExamples(), ...GFM_CASES].map((example) => example.markdown);
    assert.ok(texts.length > 600);
    const differ = texts.filter((text) => JSON.stringify(eventsOf(text, postprocess)) !== JSON.stringify(eventsOf(text, micromarkPostprocess)));
    assert.deepEqual(differ, []);
  });

  it('gives micromark’s events on the template, the examples and the fixtures, in LF and CRLF, and on nested containers and task lists', () => {
    const files = [join(ROOT, 'templates', 'default.md'), ...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(join(ROOT, 'test', 'fixtures'))];
    const nested = '> - [ ] a\n>   - [x] b\n>\n>     > c\n>     d\n\n1. x\n\n   | a | b |\n   |---|---|\n   | *1* | `2` |\n';
    for (const text of [...files.map((file) => readFileSync(file, 'utf8')), nested]) {
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const ours = eventsOf(variant, postprocess);
        assert.ok(ours.length > 0);
        assert.deepStrictEqual(ours, eventsOf(variant, micromarkPostprocess));
      }
    }
    // A task list's check is read only in the first content of a list item, which the hook marks.
    assert.equal(eventsOf(nested, postprocess).filter((event) => event.startsWith('enter taskListCheck ')).length, 2);
  });
});
