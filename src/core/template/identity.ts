import { DEFAULT_ID_SCHEME, DEFAULT_ID_SPEC, idScheme, idSpecFromExample, type IdScheme } from '../ids';
import type { Checklist, Field, ReportModel, SectionContent } from '../model/types';
import { stripLeadingEmoji, wordsKey } from '../text/normalize';

/**
 * Identity and classification a template declares: which field holds the incident ID and
 * the ID's pattern, which holds the date, which the severity and its levels. A role the
 * template does not have is undefined, and the rule about it is silent.
 */
export interface TemplateIdentity {
  readonly id: IdentityField | undefined;
  /** The ID's pattern; undefined without an ID field, or when neither the template's example nor config gives one. */
  readonly idScheme: IdScheme | undefined;
  /** Where the pattern came from. */
  readonly idSchemeSource: 'template' | 'config' | undefined;
  readonly date: IdentityField | undefined;
  readonly severity: IdentityField | undefined;
  /** Where the levels came from: the field's value, a checklist under it, a comment at it, or config. */
  readonly severityLevelsSource: 'value' | 'checklist' | 'comment' | 'config' | undefined;
  /**
   * What separates levels a report's value still lists (`SEV1 | SEV2`, reported until one is
   * kept): `/`, and the template's own separator when it writes its list with another.
   */
  readonly severitySeparators: readonly ('/' | '|' | ',')[];
}

export interface IdentityField {
  readonly label: string;
  readonly key: string;
  /** The section key the field is in; undefined for the header (before the first section). */
  readonly sectionKey: string | undefined;
}

export type IdentityRole = 'id' | 'date' | 'severity';

/**
 * Labels (as word keys) each role is recognised by, most specific first. Documented in
 * docs/templates.md; a template's own label is kept for messages.
 */
export const IDENTITY_LABELS: Readonly<Record<IdentityRole, readonly string[]>> = {
  id: ['incident id', 'postmortem id', 'post mortem id', 'incident number', 'incident no', 'incident ref', 'incident reference', 'ticket id', 'ticket', 'id', 'incident'],
  date: ['date', 'incident date', 'date of incident', 'incident start date', 'start date', 'started', 'started at', 'occurred', 'occurred on', 'when'],
  severity: ['severity', 'sev', 'severity level', 'incident severity', 'sev level', 'priority', 'impact level'],
};

/** Section titles whose fields may hold the identity, besides the header and the first section. */
const DETAILS_SECTION = /\b(?:details|metadata|overview|summary|information|info|incident)\b/;

/** The template field playing `role`: the header's first, else a details-like section's. */
export function findIdentityField(report: ReportModel, role: IdentityRole): { field: Field; content: SectionContent; sectionKey: string | undefined } | undefined {
  const labels = IDENTITY_LABELS[role];
  const inContent = (content: SectionContent): Field | undefined => {
    for (const label of labels) {
      const field = content.fields.find((f) => f.key === label && f.subsection === undefined) ?? content.fields.find((f) => f.key === label);
      if (field) return field;
    }
    return undefined;
  };
  const header = inContent(report.preamble.content);
  if (header) return { field: header, content: report.preamble.content, sectionKey: undefined };
  for (const [index, section] of report.sections.entries()) {
    if (index > 0 && !DETAILS_SECTION.test(section.key)) continue;
    const field = inContent(section.content);
    if (field) return { field, content: section.content, sectionKey: section.key };
  }
  return undefined;
}

export interface IdentityConfig {
  readonly idPattern?: string;
  readonly severityLevels?: readonly (string | { readonly name: string; readonly color?: string })[];
}

export interface SeverityLevel {
  readonly emoji: string;
  /** The level's name, matched against reports: `Critical`, `SEV1`, `P1`. */
  readonly word: string;
  /** How the template writes it, e.g. `🔴 Critical` or `P1 - Critical`. */
  readonly label: string;
  /** 0 for the most severe; the template's (or config's) order. */
  readonly rank: number;
  /** Config's colour (`#d32f2f`, or a theme colour id such as `charts.red`), else a ramp from most to least severe. */
  readonly color: string;
}

/** The theme colours of the ramp, most severe first; the default's three levels take red, yellow and green. */
export const SEVERITY_RAMP: readonly string[] = ['charts.red', 'charts.orange', 'charts.yellow', 'charts.green'];

/** The ramp's colour for the level at `rank` of `count`: the first level red, the last green. */
export function rampColor(rank: number, count: number): string {
  if (count <= 1) return SEVERITY_RAMP[0]!;
  return SEVERITY_RAMP[Math.round((rank * (SEVERITY_RAMP.length - 1)) / (count - 1))]!;
}

/** `#d32f2f`, `#d33` or a theme colour id (`charts.red`, `terminal.ansiRed`). */
export const SEVERITY_COLOR = /^(?:#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)$/;

/** Names written as levels, in order, into levels with ranks and colours. */
export function toLevels(entries: readonly { readonly text: string; readonly color?: string }[]): SeverityLevel[] {
  const named = entries.map((e) => ({ ...nameOf(e.text), color: e.color })).filter((l) => l.word.length > 0);
  return named.map((level, rank) => ({ emoji: level.emoji, word: level.word, label: level.label, rank, color: level.color ?? rampColor(rank, named.length) }));
}

/** `🔴 Critical` -> emoji 🔴, word Critical; `P1 - Critical` -> word P1; `[SEV1]` -> SEV1. */
function nameOf(text: string): { emoji: string; word: string; label: string } {
  const label = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/^(\*\*|__|`)(.*)\1$/, '$2').trim();
  const bare = stripLeadingEmoji(label);
  const emoji = label.slice(0, label.length - bare.length).trim();
  // A name followed by its description: `P1 - Critical`, `SEV1: outage`, `P2 (High)`.
  const word = bare.split(/\s+[-–—]\s+|:\s+|\s+\(/)[0]!.trim();
  return { emoji, word, label };
}

/**
 * The levels a list of names declares, in any common form: `a / b / c`, `[SEV1/SEV2/SEV3]`,
 * `SEV1 | SEV2`, `SEV-1, SEV-2`, `P1 - Critical / P2 - High`, or after a lead-in in a
 * comment (`One of: SEV1, SEV2`). Fewer than two names is no list (a placeholder).
 */
export function parseLevelList(value: string): SeverityLevel[] {
  return readLevelList(value).levels;
}

function readLevelList(value: string): { levels: SeverityLevel[]; separator: Separator | undefined } {
  let text = value.replace(/<!--[\s\S]*?-->/g, ' ').trim();
  // A lead-in (`One of: …`, `Choose:`) before the list.
  const colon = /^[^/|,:]*:\s+(.*)$/.exec(text);
  if (colon && /[/|,]/.test(colon[1]!)) text = colon[1]!;
  text = text.replace(/^\[([^\]]*)\]$/, '$1').replace(/^\(([^)]*)\)$/, '$1').trim();
  const separator = levelSeparator(text);
  const parts = (separator ? text.split(SEPARATORS[separator]) : [text]).map((p) => p.trim()).filter(Boolean);
  return parts.length >= 2 ? { levels: toLevels(parts.map((p) => ({ text: p }))), separator } : { levels: [], separator: undefined };
}

type Separator = '/' | '|' | ',';
const SEPARATORS: Readonly<Record<Separator, RegExp>> = { '/': /\s*\/\s*/, '|': /\s*\|\s*/, ',': /\s*,\s*(?:or\s+)?|\s+or\s+/ };

/** The strongest separator a list uses: `/`, then `|`, then `,` (and ` or `). */
function levelSeparator(text: string): Separator | undefined {
  return (['/', '|', ','] as const).find((s) => SEPARATORS[s].test(text));
}

/**
 * The template's severity levels at its severity field: a checklist under the field (`- [ ] SEV1`),
 * else the field's value, else a list in the field's comment (`<!-- SEV1, SEV2, SEV3 -->`).
 */
export function templateSeverityLevels(text: string, field: Field, content: SectionContent): { levels: SeverityLevel[]; source: 'value' | 'checklist' | 'comment' | undefined; separator?: Separator } {
  const checklist = content.checklists.find((c: Checklist) => c.field === field.key && c.subsection === field.subsection);
  if (checklist && checklist.items.length >= 2) return { levels: toLevels(checklist.items.map((i) => ({ text: i.text }))), source: 'checklist' };
  const fromValue = readLevelList(field.value);
  if (fromValue.levels.length > 0) return { levels: fromValue.levels, source: 'value', ...(fromValue.separator ? { separator: fromValue.separator } : {}) };
  // A comment on the label's line, or the comment blocks below the label.
  const sources = [text.slice(field.span.start, field.span.end), ...field.blocks.filter((b) => b.isComment).map((b) => text.slice(b.span.start, b.span.end))];
  for (const source of sources) {
    for (const comment of source.matchAll(/<!--([\s\S]*?)-->/g)) {
      const { levels, separator } = readLevelList(comment[1]!.replace(/\s+/g, ' ').trim());
      // A list of names, not a sentence with commas.
      if (levels.length > 0 && levels.every((l) => l.label.split(/\s+/).length <= 4)) return { levels, source: 'comment', ...(separator ? { separator } : {}) };
    }
  }
  return { levels: [], source: undefined };
}

/** Config's `severityLevels` as levels, in its order. */
export function configSeverityLevels(entries: NonNullable<IdentityConfig['severityLevels']>): SeverityLevel[] {
  return toLevels(entries.map((e) => (typeof e === 'string' ? { text: e } : { text: e.name, ...(e.color ? { color: e.color } : {}) })));
}

/**
 * A level's name as compared: case, a leading emoji, spaces, dashes and underscores do not
 * count (`SEV-1`, `sev 1` and `🔥 SEV1` are SEV1).
 */
export function levelKey(text: string): string {
  return wordsKey(stripLeadingEmoji(text)).replace(/[\s_-]+/g, '');
}

/** `🔴 Critical`, `critical`, `SEV-1` for SEV1, `P1` or `P1 - Critical` for `P1 - Critical`: the level named, if any. */
export function matchLevel(text: string, levels: readonly SeverityLevel[]): SeverityLevel | undefined {
  const key = levelKey(text);
  if (!key) return undefined;
  return levels.find((l) => levelKey(l.word) === key) ?? levels.find((l) => levelKey(l.label) === key);
}

/** The identity read from a template's report model, with config's overrides. */
export function readIdentity(text: string, report: ReportModel, config: IdentityConfig = {}): { identity: TemplateIdentity; severityLevels: SeverityLevel[] } {
  const toField = (found: ReturnType<typeof findIdentityField>): IdentityField | undefined => found && { label: found.field.label, key: found.field.key, sectionKey: found.sectionKey };
  const id = findIdentityField(report, 'id');
  const fromTemplate = id ? idSpecFromExample(id.field.value) : undefined;
  const spec = config.idPattern ?? fromTemplate;
  const idSchemeValue = id && spec ? (spec === DEFAULT_ID_SPEC ? DEFAULT_ID_SCHEME : idScheme(spec)) : undefined;
  const severity = findIdentityField(report, 'severity');
  const fromField: ReturnType<typeof templateSeverityLevels> = severity ? templateSeverityLevels(text, severity.field, severity.content) : { levels: [], source: undefined };
  const severityLevels = config.severityLevels && config.severityLevels.length > 0 ? configSeverityLevels(config.severityLevels) : fromField.levels;
  return {
    identity: {
      id: toField(id),
      idScheme: idSchemeValue,
      idSchemeSource: idSchemeValue ? (config.idPattern ? 'config' : 'template') : undefined,
      date: toField(findIdentityField(report, 'date')),
      severity: toField(severity),
      severityLevelsSource: config.severityLevels && config.severityLevels.length > 0 ? 'config' : fromField.source,
      severitySeparators: fromField.separator && fromField.separator !== '/' ? ['/', fromField.separator] : ['/'],
    },
    severityLevels,
  };
}
