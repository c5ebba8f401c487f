import { allTextRuns } from './query';
import type { Rule } from './rule';

/**
 * Phrases that judge a person instead of describing what the system allowed. Kept short
 * on purpose: each entry is almost never neutral in a post-mortem, so the hint stays
 * trustworthy. Words with common technical senses (`failed to`, `mistake`, `error`,
 * `fault` alone: "page fault", "fault tolerance") are left out.
 * - character judgements: careless(ness), negligent/negligence, incompetent/incompetence
 * - hindsight: should have known / should've known
 * - blame itself: blame, blamed, blames, blaming (not `blameless`), fault of, at fault,
 *   his/her/their/my/your/our/someone's fault (not "<name>'s fault": it cannot be told
 *   apart from "the cache's fault", which is about the system)
 * - person as root cause: human error
 * - slang: stupid mistake, screwed up
 */
const PHRASES: readonly string[] = [
  'careless(?:ness|ly)?',
  'negligen(?:t|ce|tly)',
  'incompeten(?:t|ce)',
  "should(?:\\s+have|['’]ve)\\s+known",
  'blam(?:e|ed|es|ing)',
  'fault\\s+of',
  'at\\s+fault',
  "(?:his|her|their|my|your|our|some(?:one|body)['’]s)\\s+fault",
  'human\\s+error',
  'stupid\\s+mistake',
  'screwed\\s+up',
];

// Letters and digits on either side would make it part of another word (`blameless`).
const BLAME = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${PHRASES.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
/**
 * A word every phrase above contains (same flags, so case folding agrees): a run without
 * any is skipped without running BLAME, which is most of them. Keep it in step with PHRASES.
 */
const HINT = /careless|negligen|incompeten|known|blam|fault|error|mistake|screwed/iu;

export const blamelessLanguageRule: Rule = {
  id: 'blameless-language',
  description: 'Blame-oriented phrasing (careless, fault of, should have known, human error, ...).',
  defaultSeverity: { draft: 'hint', final: 'info' },
  check(ctx) {
    for (const run of allTextRuns(ctx.model)) {
      // Prose only: code, inline code and quoted material (log lines, quotes) are not the author's words.
      if (run.kind !== 'text' || run.inBlockquote || !HINT.test(run.text)) continue;
      BLAME.lastIndex = 0;
      for (let match = BLAME.exec(run.text); match; match = BLAME.exec(run.text)) {
        const phrase = match[0];
        ctx.report({
          span: { start: run.start + match.index, end: run.start + match.index + phrase.length },
          message: `"${phrase.replace(/\s+/g, ' ')}" is blame-oriented phrasing; describe the system condition instead (what allowed the action, what did not catch it).`,
        });
      }
    }
  },
};
