import type { ReportModel } from '../model/types';
import type { TemplateModel } from '../template/templateModel';

/**
 * Values several rules derive from the same report (timed rows, timeline milestones): the
 * first rule that asks computes, the others reuse. The engine makes a fresh memo for every
 * lint and hands it to the rules in their context, so a value never outlives the model it
 * was computed from and nothing is kept between lints. A computation that throws is not
 * kept: the next rule that asks tries again (and fails on its own, in its own try).
 */
export class LintMemo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  get<T>(key: MemoKey<T>, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}

/** Names one value a LintMemo holds (by identity); `T` is the value's type. */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: carries `T` so LintMemo.get is typed by its key. */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}

/** What a memoised value is computed from and kept in: a rule's context has all three. */
export interface MemoContext {
  readonly model: ReportModel;
  readonly template: TemplateModel;
  readonly memo: LintMemo;
}

/**
 * Memoisation of data derived from the template alone. A template lives as long as the
 * core that parsed it (one per folder), across every lint, so this is not the per-lint memo:
 * weakly held by template, it goes when the template does.
 */
export function perTemplate<T>(compute: (template: TemplateModel) => T): (template: TemplateModel) => T {
  const byTemplate = new WeakMap<TemplateModel, { value: T }>();
  return (template) => {
    let entry = byTemplate.get(template);
    if (!entry) byTemplate.set(template, (entry = { value: compute(template) }));
    return entry.value;
  };
}
