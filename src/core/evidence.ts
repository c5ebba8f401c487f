/**
 * Evidence paths: where a report names the files that back it up. Shared by the
 * `evidence-path` rule, its fixes and the editor ("Fill Evidence Path", "create evidence
 * file"). Pure: existence is asked of the caller, never read from disk here.
 *
 * An evidence path is any path in an evidence slot of the template (the code blocks under
 * Rollback Evidence and Metrics Evidence, the Evidence Files field) and any `evidence/...`
 * path elsewhere in the report's text. Paths are relative to the workspace root (the
 * fixture report in `incidents/` names `evidence/INC-.../...`, which sits at the root).
 */
import type { CodeBlock, Field, ReportModel, Section } from './model/types';
import { DEFAULT_ID_SCHEME } from './ids';
import { perTemplate } from './rules/cache';
import { allTextRuns, headerField, identityField } from './rules/query';
import { overlapsAnyOf } from './text/spans';
import { findPlaceholders, type PlaceholderMatch, type PlaceholderSet } from './template/placeholders';
import type { EvidenceSlot, TemplateModel } from './template/templateModel';
import { compactTimestamp } from './time';
import type { Span } from './types';

export interface EvidencePath {
  /** The path as written (backticks and quotes around it removed). */
  readonly path: string;
  readonly span: Span;
  /** The template slot it fills; undefined for an `evidence/...` path elsewhere. */
  readonly slot: EvidenceSlot | undefined;
  /** File stem for a concrete path (`rollback`, `metrics_before_incident`). */
  readonly name: string;
  /** The slot names a folder or pattern of files (the Evidence Files line), not one file. */
  readonly directory: boolean;
}

export type EvidenceCheck =
  | { readonly kind: 'outside'; readonly reason: string }
  | { readonly kind: 'unfilled'; readonly placeholder: string }
  /** `lookup` is what to ask pathExists; `file` says whether the caller could create it. */
  | { readonly kind: 'filled'; readonly lookup: string; readonly file: boolean };

/** A code slot line that says the slot does not apply (rollback not performed). */
const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|-+|—)$/i;
/** `evidence/...` in prose or code; `[` `]` allowed so `rollback_[timestamp].txt` stays whole. */
const EVIDENCE_IN_TEXT = /(?<![\w./\\~-])(?:\.{1,2}[\\/])*evidence[\\/][^\s`'"<>()|,;]*/g;
const MARKDOWN_LINK = /\[[^\]\r\n]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;
const GLOB = /[*?{]/;

/** Every evidence path of the report, with its span and slot, in document order. */
export function evidencePaths(model: ReportModel, template: TemplateModel): readonly EvidencePath[] {
  const found: EvidencePath[] = [];
  const slots = slotInfo(template);
  for (const slot of template.evidenceSlots) {
    const { name, directory } = slots.get(slot)!;
    const section = model.sections.find((s) => s.key === slot.sectionKey);
    if (!section) continue;
    for (const { path, span } of slotPaths(model.text, section, slot)) found.push({ path, span, slot, name, directory });
  }
  const taken = overlapsAnyOf(found.map((p) => p.span));
  for (const run of allTextRuns(model)) {
    // An option not chosen (`- [ ] Other: see evidence/...`) names nothing.
    if (run.inUncheckedItem || run.kind === 'html') continue;
    // Cheap test first: most runs name no evidence folder at all.
    if (!run.text.includes('evidence')) continue;
    for (const match of run.text.matchAll(EVIDENCE_IN_TEXT)) {
      const path = trimTrailing(match[0]);
      const span = { start: run.start + match.index, end: run.start + match.index + path.length };
      if (path.length <= 'evidence/'.length || taken(span)) continue;
      found.push({ path, span, slot: undefined, name: evidenceStem(path, template.placeholders) || 'evidence', directory: path.endsWith('/') || GLOB.test(path) });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** What the template says of each evidence slot: its file stem and whether it names a folder. */
const slotInfo = perTemplate((template: TemplateModel): ReadonlyMap<EvidenceSlot, { name: string; directory: boolean }> => {
  const info = new Map<EvidenceSlot, { name: string; directory: boolean }>();
  for (const slot of template.evidenceSlots) {
    const templatePath = slotTemplatePath(template, slot);
    info.set(slot, { name: evidenceStem(templatePath ?? '', template.placeholders) || 'evidence', directory: isDirectorySlot(templatePath) });
  }
  return info;
});

/** The evidence slot the offset is in (its code block or field line), even when empty: for "Fill Evidence Path". */
export function evidenceSlotAt(model: ReportModel, template: TemplateModel, offset: number): { slot: EvidenceSlot; name: string; directory: boolean } | undefined {
  const within = (span: Span): boolean => offset >= span.start && offset <= span.end;
  for (const slot of template.evidenceSlots) {
    const section = model.sections.find((s) => s.key === slot.sectionKey);
    if (!section || !within(section.span)) continue;
    const hit =
      slot.kind === 'code'
        ? section.content.codeBlocks.some((b) => b.subsection === slot.subsection && b.field === slot.field && within(b.span))
        : section.content.fields.some((f) => f.subsection === slot.subsection && f.key === slot.field && within(f.span));
    if (!hit) continue;
    const templatePath = slotTemplatePath(template, slot);
    return { slot, name: evidenceStem(templatePath ?? '', template.placeholders) || 'evidence', directory: isDirectorySlot(templatePath) };
  }
  return undefined;
}

/** Workspace-relative: no absolute path, drive, URL, `~`, or `..` segment. */
export function isInsideWorkspace(path: string): boolean {
  return outsideReason(path) === undefined;
}

function outsideReason(path: string): string | undefined {
  const p = path.trim().replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return /^[a-z]:/i.test(p) ? 'is an absolute path' : 'is a URL';
  if (p.startsWith('/')) return 'is an absolute path';
  if (p.startsWith('~')) return 'starts in a home directory (~)';
  if (p.split('/').includes('..')) return 'climbs out with ".."';
  return undefined;
}

/** `evidence/INC-20261126-001/rollback_20261126T140500Z.txt`. */
export function concreteEvidencePath(id: string, name: string, now: Date): string {
  // A file name, never a path: separators and `..` become `_`.
  const safe = name.replace(/[^A-Za-z0-9._-]+|\.{2,}/g, '_').replace(/_{2,}/g, '_').replace(/^[._-]+|[._-]+$/g, '') || 'evidence';
  return `evidence/${id}/${safe}_${compactTimestamp(now)}.txt`;
}

/** The folder holding an incident's evidence, for the Evidence Files line. */
export function evidenceFolder(id: string): string {
  return `evidence/${id}/`;
}

/** What a path concretely is: outside the workspace, still a template placeholder, or filled. */
export function checkEvidencePath(path: string, placeholders: PlaceholderSet): EvidenceCheck {
  const reason = outsideReason(path);
  if (reason) return { kind: 'outside', reason };
  const placeholder = firstPlaceholder(path, placeholders);
  if (placeholder) return { kind: 'unfilled', placeholder: placeholder.text };
  const normal = path.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  const glob = GLOB.exec(normal);
  if (glob) {
    // A pattern exists when its folder does: `evidence/INC-1/*.txt` -> `evidence/INC-1/`.
    const folder = normal.slice(0, normal.lastIndexOf('/', glob.index) + 1);
    return { kind: 'filled', lookup: folder || './', file: false };
  }
  return { kind: 'filled', lookup: normal, file: !normal.endsWith('/') };
}

/** The report's incident ID (header, else file name), for concrete paths. */
export function reportIncidentId(model: ReportModel, fileName: string | undefined, template?: TemplateModel): string | undefined {
  // The shipped template's ID field and pattern unless a template says otherwise.
  const scheme = template ? template.identity.idScheme : DEFAULT_ID_SCHEME;
  if (!scheme) return undefined;
  const header = (template ? identityField(model, template, 'id') : headerField(model, 'incident id'))?.value.trim();
  if (header && scheme.whole.test(header)) return header;
  return fileName && scheme.inText ? scheme.pattern.exec(fileName)?.[0] : undefined;
}

/** `evidence/metrics_before_incident_[timestamp].txt` -> `metrics_before_incident`. */
export function evidenceStem(path: string, placeholders: PlaceholderSet): string {
  const base = path.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() ?? '';
  let stem = base.replace(/(?:\.[A-Za-z0-9]{1,5})+$/, '');
  for (const match of findPlaceholders(stem, placeholders).reverse()) stem = stem.slice(0, match.index) + stem.slice(match.index + match.text.length);
  // Drop the timestamp a filled name already has, so a refill does not stack them.
  stem = stem.replace(/\d{8}T\d{6}Z/g, '').replace(/[*?{}[\]]/g, '');
  return stem.replace(/[_-]{2,}/g, '_').replace(/^[._-]+|[._-]+$/g, '');
}

function firstPlaceholder(path: string, placeholders: PlaceholderSet): PlaceholderMatch | undefined {
  return findPlaceholders(path, placeholders)[0];
}

/** A slot whose template path is a pattern or folder (Evidence Files) is filled with the incident's folder. */
function isDirectorySlot(templatePath: string | undefined): boolean {
  return templatePath !== undefined && (GLOB.test(templatePath) || templatePath.endsWith('/'));
}

/** The path the template itself writes in a slot, for the file stem. */
function slotTemplatePath(template: TemplateModel, slot: EvidenceSlot): string | undefined {
  const section = template.report.sections.find((s) => s.key === slot.sectionKey);
  if (!section) return undefined;
  return slotPaths(template.text, section, slot)[0]?.path;
}

function slotPaths(text: string, section: Section, slot: EvidenceSlot): { path: string; span: Span }[] {
  if (slot.kind === 'code') {
    return section.content.codeBlocks.filter((b) => b.subsection === slot.subsection && b.field === slot.field).flatMap(codePaths);
  }
  return section.content.fields.filter((f) => f.subsection === slot.subsection && f.key === slot.field).flatMap((field) => fieldPaths(text, field));
}

/** One path per line of a slot's code block; comment lines and `n/a` do not count. */
function codePaths(block: CodeBlock): { path: string; span: Span }[] {
  const paths: { path: string; span: Span }[] = [];
  for (const line of block.lines) {
    const trimmed = line.text.trim();
    // `# note` and `// note` are comments; `//server/share/...` is a (UNC) path, checked below.
    if (trimmed === '' || /^(#|\/\/(\s|$))/.test(trimmed) || NOT_APPLICABLE.test(trimmed)) continue;
    const start = line.span.start + line.text.indexOf(trimmed);
    const words = [...trimmed.matchAll(/\S+/g)].map((m) => ({ text: m[0], index: m.index }));
    const pathLike = words.filter((w) => isPathLike(w.text));
    // Several words: the path-like ones (`cp x evidence/a.txt`); else the line is the path.
    const picked = words.length > 1 && pathLike.length > 0 ? pathLike : [{ text: trimmed, index: 0 }];
    for (const word of picked) paths.push(unquote(word.text, start + word.index));
  }
  return paths;
}

function isPathLike(word: string): boolean {
  return /[\\/]/.test(word) || word.startsWith('~');
}

/** Paths on the Evidence Files line: link targets and path-like words. */
function fieldPaths(text: string, field: Field): { path: string; span: Span }[] {
  const value = text.slice(field.valueSpan.start, field.valueSpan.end);
  const paths: { path: string; span: Span }[] = [];
  // The value with its links blanked out, built in pieces (not re-sliced once per link).
  const pieces: string[] = [];
  let from = 0;
  for (const link of value.matchAll(MARKDOWN_LINK)) {
    const target = link[1]!;
    const at = link.index + link[0].indexOf(target, link[0].indexOf(']('));
    paths.push({ path: target, span: { start: field.valueSpan.start + at, end: field.valueSpan.start + at + target.length } });
    pieces.push(value.slice(from, link.index), ' '.repeat(link[0].length));
    from = link.index + link[0].length;
  }
  pieces.push(value.slice(from));
  const masked = pieces.join('');
  for (const token of masked.matchAll(/[^\s,;]+/g)) {
    const word = unquote(token[0], field.valueSpan.start + token.index);
    if (isPathLike(word.path)) paths.push(word);
  }
  return paths.sort((a, b) => a.span.start - b.span.start);
}

/** Removes backticks, quotes and angle brackets around a path, keeping the span exact. */
function unquote(raw: string, start: number): { path: string; span: Span } {
  const inner = raw.replace(/^[`'"<(]+/, '');
  const lead = raw.length - inner.length;
  const path = trimTrailing(inner.replace(/[`'">)]+$/, ''));
  return { path, span: { start: start + lead, end: start + lead + path.length } };
}

/** Sentence punctuation after a path is not part of it; an unbalanced `]` neither. */
function trimTrailing(path: string): string {
  // A dot ends a sentence only after a word character: `evidence/..` keeps its `..`.
  const strip = (p: string): string => p.replace(/[,:;!?]+$/, '').replace(/(?<=\w)\.+$/, '').replace(/[,:;!?]+$/, '');
  let out = strip(path);
  while (out.endsWith(']') && (out.match(/\[/g)?.length ?? 0) < (out.match(/\]/g)?.length ?? 0)) out = strip(out.slice(0, -1));
  return out;
}
