import type { ReportModel } from '../model/types';
import type { TemplateModel } from '../template/templateModel';

/**
 * Per-model memoisation for data several rules derive from the same report (timeline
 * milestones, timed rows, evidence paths). A lint builds one model and runs every rule
 * over it: the first rule computes, the others reuse. Keyed by object identity, so a new
 * model (every lint, every edit) starts afresh and nothing outlives its model. The model
 * is read-only, so a value computed from (model, template) stays right; callers must not
 * mutate what they get (the types say readonly).
 */
export function perModel<T>(compute: (model: ReportModel, template: TemplateModel) => T): (model: ReportModel, template: TemplateModel) => T {
  const byModel = new WeakMap<ReportModel, WeakMap<TemplateModel, { value: T }>>();
  return (model, template) => {
    let byTemplate = byModel.get(model);
    if (!byTemplate) byModel.set(model, (byTemplate = new WeakMap()));
    let entry = byTemplate.get(template);
    if (!entry) byTemplate.set(template, (entry = { value: compute(model, template) }));
    return entry.value;
  };
}

/** Memoisation of data derived from the template alone (it lives as long as the core). */
export function perTemplate<T>(compute: (template: TemplateModel) => T): (template: TemplateModel) => T {
  const byTemplate = new WeakMap<TemplateModel, { value: T }>();
  return (template) => {
    let entry = byTemplate.get(template);
    if (!entry) byTemplate.set(template, (entry = { value: compute(template) }));
    return entry.value;
  };
}
