import { replace, fix } from '../fix/edits';
import { matchLevel } from '../template/identity';
import { stripLeadingEmoji } from '../text/normalize';
import { headerAnchor, headerField, identityField } from './query';
import type { Rule } from './rule';

export const severityRule: Rule = {
  id: 'severity',
  description: 'Severity keeps exactly one known level.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const declared = ctx.template.identity.severity;
    const levels = ctx.template.severityLevels;
    // A template without a severity field (and no levels in config): nothing to check.
    if (!declared && levels.length === 0) return;
    const label = declared?.label ?? 'Severity';
    const field = declared ? identityField(ctx.model, ctx.template, 'severity') : headerField(ctx.model, 'severity');
    const known = levels.map((l) => l.word).join(', ');
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: `No **${label}:** field found; expected ${levels.length ? `one of ${known}` : 'a level'}.` });
      return;
    }
    // Levels unknown (the template lists none): any value goes.
    if (levels.length === 0) return;
    const span = field.value ? field.valueSpan : field.labelSpan;
    const target = field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end };
    const fixes = levels.map((level) => fix(`Keep severity ${level.label}`, [replace(target, field.value ? level.label : ` ${level.label}`)]));
    const parts = severityParts(field.value, ctx.template.identity.severitySeparators);
    if (parts.length === 0) {
      ctx.report({ span, message: `${label} is empty; expected one of ${known}.`, fixes });
      return;
    }
    const found = parts.map((part) => matchLevel(part, levels));
    const unknown = parts.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      ctx.report({ span, message: `${label} "${unknown[0]}" is not a known level; expected one of ${known}.`, fixes });
      return;
    }
    if (parts.length > 1) {
      ctx.report({ span, message: `${label} lists ${parts.length} levels (${parts.join(' / ')}); keep exactly one of ${known}.`, fixes });
      return;
    }
    // `🟢 Critical`: the colour says one level, the word another. The word wins the fix.
    const level = found[0]!;
    const emoji = parts[0]!.slice(0, parts[0]!.length - stripLeadingEmoji(parts[0]!).length).trim();
    if (emoji && level.emoji && emoji !== level.emoji) {
      const other = levels.find((l) => l.emoji === emoji);
      ctx.report({
        span,
        message: `${label} "${parts[0]}" pairs ${emoji}${other ? ` (${other.word})` : ''} with ${level.word}; ${level.word} is ${level.label}.`,
        fixes: [fix(`Write ${level.label}`, [replace(target, level.label)], { isPreferred: true, safe: true }), ...(other ? [fix(`Keep severity ${other.label}`, [replace(target, other.label)])] : [])],
      });
    }
  },
};

/**
 * `🔴 Critical / 🟡 Major` -> the levels a severity value names, as written, split on `/`
 * and on the template's own separator (`SEV1 | SEV2` for a template listing `SEV1 | SEV2`).
 */
export function severityParts(value: string, separators: readonly string[] = ['/']): string[] {
  const split = new RegExp(separators.map((s) => `\\${s}`).join('|'));
  return value.split(split).map((p) => p.trim()).filter(Boolean);
}

export { matchLevel };
