import type { ReportModel } from '../model/types';
import { runToEnd } from '../steps';
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
  const memo = modelMemo<T>();
  return (model, template) => (memo.known(model, template) ?? memo.keep(model, template, compute(model, template))).value;
}

/** The values of one per-model computation, by model and template (identity, weakly held). */
function modelMemo<T>(): {
  known(model: ReportModel, template: TemplateModel): { value: T } | undefined;
  keep(model: ReportModel, template: TemplateModel, value: T): { value: T };
} {
  const byModel = new WeakMap<ReportModel, WeakMap<TemplateModel, { value: T }>>();
  return {
    known: (model, template) => byModel.get(model)?.get(template),
    keep: (model, template, value) => {
      let byTemplate = byModel.get(model);
      if (!byTemplate) byModel.set(model, (byTemplate = new WeakMap()));
      const entry = { value };
      byTemplate.set(template, entry);
      return entry;
    },
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

/** A per-model value that can also be computed in steps (see perModelInSteps). */
export interface SteppedPerModel<T> {
  (model: ReportModel, template: TemplateModel): T;
  /** Computes and keeps the value, yielding now and then; nothing when it is already known. */
  prime(model: ReportModel, template: TemplateModel): Generator<void, void>;
}

/**
 * Per-model values over every timeline row (thousands in a 5 MB report) that several rules
 * share, in the order they must be primed: lintAsync primes them before the rules, pausing
 * between steps, so no rule pays for a whole one at once.
 */
export const STEPPED: SteppedPerModel<unknown>[] = [];

/**
 * perModel for a computation written as a generator that yields every so many items: asked
 * for directly, it runs to the end at once; `prime` runs it with its yields (the engine does).
 */
export function perModelInSteps<T>(compute: (model: ReportModel, template: TemplateModel) => Generator<void, T>): SteppedPerModel<T> {
  const memo = modelMemo<T>();
  const get = ((model: ReportModel, template: TemplateModel): T => (memo.known(model, template) ?? memo.keep(model, template, runToEnd(compute(model, template)))).value) as SteppedPerModel<T>;
  get.prime = function* (model, template) {
    if (!memo.known(model, template)) memo.keep(model, template, yield* compute(model, template));
  };
  STEPPED.push(get as SteppedPerModel<unknown>);
  return get;
}
