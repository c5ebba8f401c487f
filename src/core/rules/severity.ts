import { replace, fix } from '../fix/edits';
import type { SeverityLevel } from '../template/templateModel';
import { stripLeadingEmoji } from '../text/normalize';
import { headerAnchor, headerField } from './query';
import type { Rule } from './rule';

export const severityRule: Rule = {
  id: 'severity',
  description: 'Severity keeps exactly one known level.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const levels = ctx.template.severityLevels;
    const field = headerField(ctx.model, 'severity');
    const known = levels.map((l) => l.word).join(', ');
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: `No **Severity:** field found; expected one of ${known}.` });
      return;
    }
    const span = field.value ? field.valueSpan : field.labelSpan;
    const target = field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end };
    const fixes = levels.map((level) => fix(`Keep severity ${level.label}`, [replace(target, field.value ? level.label : ` ${level.label}`)]));
    const parts = severityParts(field.value);
    if (parts.length === 0) {
      ctx.report({ span, message: `Severity is empty; expected one of ${known}.`, fixes });
      return;
    }
    const found = parts.map((part) => matchLevel(part, levels));
    const unknown = parts.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      ctx.report({ span, message: `Severity "${unknown[0]}" is not a known level; expected one of ${known}.`, fixes });
      return;
    }
    if (parts.length > 1) {
      ctx.report({ span, message: `Severity lists ${parts.length} levels (${parts.join(' / ')}); keep exactly one of ${known}.`, fixes });
      return;
    }
    // `🟢 Critical`: the colour says one level, the word another. The word wins the fix.
    const level = found[0]!;
    const emoji = parts[0]!.slice(0, parts[0]!.length - stripLeadingEmoji(parts[0]!).length).trim();
    if (emoji && level.emoji && emoji !== level.emoji) {
      const other = levels.find((l) => l.emoji === emoji);
      ctx.report({
        span,
        message: `Severity "${parts[0]}" pairs ${emoji}${other ? ` (${other.word})` : ''} with ${level.word}; ${level.word} is ${level.label}.`,
        fixes: [fix(`Write ${level.label}`, [replace(target, level.label)], { isPreferred: true, safe: true }), ...(other ? [fix(`Keep severity ${other.label}`, [replace(target, other.label)])] : [])],
      });
    }
  },
};

/** `🔴 Critical / 🟡 Major` -> the levels a Severity value names, as written. */
export function severityParts(value: string): string[] {
  return value.split('/').map((p) => p.trim()).filter(Boolean);
}

/** `🔴 Critical`, `critical` or `CRITICAL` -> the Critical level (emoji optional, case-insensitive). */
export function matchLevel(text: string, levels: readonly SeverityLevel[]): SeverityLevel | undefined {
  const word = stripLeadingEmoji(text).toLowerCase();
  return levels.find((l) => l.word.toLowerCase() === word);
}
