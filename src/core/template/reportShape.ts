import { assemble } from '../model/assemble';
import { headingText } from '../model/extract';
import { withFieldForms } from '../model/fieldForms';
import { isReport, parseChunk, parseReport, type ReportParser } from '../model/parseReport';
import { splitChunks } from '../parse/chunks';
import type { ReportModel } from '../model/types';
import { wordsKey } from '../text/normalize';
import type { TemplateModel } from './templateModel';

/*
 * Whether a Markdown file is a report of a team's template: it has the template's shape, not
 * only the shipped template's `**Incident ID:**`. Read from the file's head, parsed as the
 * template's reports are (its section level and field forms). Documented in docs/templates.md.
 */

/** How much of a file the shape is read from: a report's header and first sections are at its top. */
export const REPORT_SHAPE_CHARS = 64 * 1024;

/** Fewest template section headings (and at least half of them) a report of the template has. */
const MIN_SECTIONS = 2;
/** Fields of the template (any form) a report has; fewer when the template has fewer. */
const MIN_FIELDS = 3;
/** Front matter keys of the template a report has, and at least half of them. */
const MIN_FRONT_MATTER_KEYS = 2;

/**
 * A report of `template` is a file with an `**Incident ID:**` field or Status and Title front
 * matter (any template), or one of:
 * - at least half of the template's own front matter keys, and at least 2;
 * - at least 3 of the template's fields (labels in any form; all of them when it has 2 or 3);
 * - at least half of the template's section headings, and at least 2;
 * - the template title's fixed words (`Postmortem:` of `# Postmortem: [Title]`) and one of its sections or fields.
 */
export function isReportOf(text: string, template: TemplateModel, parser?: ReportParser): boolean {
  if (isReport(text, parser)) return true;
  const shape = templateShape(template);
  const options = template.parseOptions;
  const body = head(text);
  // With `##` ATX sections the part before the first `##` and the `##` lines say it all: no
  // whole parse (the editor asks on every change). Other section styles need the parse.
  const atxSections = options.sectionDepth === 2 && !options.setext;
  const chunks = atxSections ? splitChunks(body) : [];
  const model: Pick<ReportModel, 'frontMatter' | 'preamble' | 'sections'> = atxSections ? withFieldForms({ text: body, ...assemble([parseChunk(chunks[0]!)]) }, options) : parseReport(body, options);
  // The first chunk holds sections too where the splitter stopped splitting.
  const sectionKeys = [...model.sections.map((s) => s.key), ...chunks.slice(1).map((chunk) => wordsKey(headingText(chunk.text.split(/\r\n|\r|\n/, 1)[0]!)))];
  const has = (keys: ReadonlySet<string>, found: Iterable<string>): number => {
    let count = 0;
    for (const key of new Set(found)) if (keys.has(key)) count++;
    return count;
  };
  const frontMatter = has(shape.frontMatterKeys, (model.frontMatter?.entries ?? []).map((e) => wordsKey(e.key)));
  if (shape.frontMatterKeys.size >= MIN_FRONT_MATTER_KEYS && frontMatter >= Math.max(MIN_FRONT_MATTER_KEYS, Math.ceil(shape.frontMatterKeys.size / 2))) return true;
  const fields = has(shape.fieldKeys, allFields(model));
  if (shape.fieldKeys.size >= 2 && fields >= Math.min(MIN_FIELDS, shape.fieldKeys.size)) return true;
  const sections = has(shape.sectionKeys, sectionKeys);
  if (shape.sectionKeys.size >= MIN_SECTIONS && sections >= Math.max(MIN_SECTIONS, Math.ceil(shape.sectionKeys.size / 2))) return true;
  const title = model.preamble.title?.text;
  return !!shape.titlePrefix && !!title && wordsKey(title).startsWith(shape.titlePrefix) && sections + fields >= 1;
}

/** Whether reports of a template without `**Incident ID:**` or Status and Title front matter can be told by its shape (isReportOf). */
export function hasReportShape(template: TemplateModel): boolean {
  const shape = templateShape(template);
  return shape.frontMatterKeys.size >= MIN_FRONT_MATTER_KEYS || shape.fieldKeys.size >= 2 || shape.sectionKeys.size >= MIN_SECTIONS || !!shape.titlePrefix;
}

interface Shape {
  readonly frontMatterKeys: ReadonlySet<string>;
  readonly fieldKeys: ReadonlySet<string>;
  readonly sectionKeys: ReadonlySet<string>;
  /** The title's words before its first placeholder, when it has one. */
  readonly titlePrefix: string | undefined;
}

const shapes = new WeakMap<TemplateModel, Shape>();

function templateShape(template: TemplateModel): Shape {
  let shape = shapes.get(template);
  if (!shape) {
    const report = template.report;
    const title = report.preamble.title?.text ?? '';
    const placeholder = title.search(/[[{<]/);
    const prefix = placeholder > 0 ? wordsKey(title.slice(0, placeholder)) : '';
    shape = {
      frontMatterKeys: new Set((report.frontMatter?.entries ?? []).map((e) => wordsKey(e.key))),
      fieldKeys: new Set(allFields(report)),
      sectionKeys: new Set(report.sections.map((s) => s.key)),
      // A few characters at least: `PM` alone says nothing.
      titlePrefix: prefix.length >= 4 ? prefix : undefined,
    };
    shapes.set(template, shape);
  }
  return shape;
}

function* allFields(model: Pick<ReportModel, 'preamble' | 'sections'>): Generator<string> {
  for (const content of [model.preamble.content, ...model.sections.map((s) => s.content)]) for (const field of content.fields) if (field.key) yield field.key;
}

/** The head of a file, cut at a line's end. */
function head(text: string): string {
  if (text.length <= REPORT_SHAPE_CHARS) return text;
  const cut = text.lastIndexOf('\n', REPORT_SHAPE_CHARS);
  return text.slice(0, cut > 0 ? cut + 1 : REPORT_SHAPE_CHARS);
}
