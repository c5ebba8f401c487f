/**
 * Work written as a generator that yields where an asynchronous driver may pause (the
 * parser's steps, long rules, shared per-model values): run here to its end, without pauses.
 */
export function runToEnd<T>(steps: Iterator<unknown, T, undefined>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
