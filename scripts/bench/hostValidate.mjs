const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The one place where the benchmark validates a document "as the extension host does"
 * (src/vscode/diagnostics.ts), for the event-loop blocking measurement: a report up to the
 * large-report size is linted at once (core.lint); a larger one with core.lintAsync, a
 * setTimeout(0) pause between sections, batches and rules, and its long pieces parsed in
 * the worker thread (`elsewhere`: a PieceWorker's parse, as src/vscode/offThread.ts gives it).
 *
 * @param {any} core what createIncidentCore() returns (from the bundled core)
 * @param {string} text
 * @param {object} request the lint request ({ parser, now, today, ... })
 * @param {((text: string, base: number) => Promise<unknown>) | undefined} elsewhere
 * @param {number} largeChars from the core's DEFAULT_EDITOR_OPTIONS.largeReportKB: larger reports are validated in steps
 * @returns {Promise<{ diagnostics: readonly unknown[] }>}
 */
export async function validateForHost(core, text, request, elsewhere, largeChars) {
  validateForHost.longestStepMs = 0;
  if (text.length <= largeChars) {
    const t0 = performance.now();
    const result = core.lint(text, request);
    validateForHost.longestStepMs = performance.now() - t0;
    return result;
  }
  // The longest stretch of our own code between two hand-backs (a pause, or waiting on the
  // worker): what the validation itself holds the thread for, garbage collection aside.
  let resumed = performance.now();
  const handBack = () => {
    validateForHost.longestStepMs = Math.max(validateForHost.longestStepMs, performance.now() - resumed);
  };
  const timedPause = async () => {
    handBack();
    await pause();
    resumed = performance.now();
  };
  const timedElsewhere = elsewhere && (async (piece, base) => {
    handBack();
    try {
      return await elsewhere(piece, base);
    } finally {
      resumed = performance.now();
    }
  });
  const result = await core.lintAsync(text, { ...request, elsewhere: timedElsewhere }, timedPause);
  handBack();
  // An internal error would make every figure meaningless (a lint that did nothing).
  const failed = result?.diagnostics.find((d) => d.ruleId === 'internal-error');
  if (failed) throw new Error(`lintAsync failed: ${failed.message}`);
  return result;
}
/** Set by each validateForHost call. */
validateForHost.longestStepMs = 0;

/** Which path validateForHost takes for a text, for the report. */
export function hostValidatePath(text, elsewhere, largeChars) {
  if (text.length <= largeChars) return `core.lint (at once, as the editor does up to ${largeChars / 1024} KB)`;
  return `core.lintAsync (setTimeout(0) pauses${elsewhere ? ', long pieces in a worker thread' : ''}, as the editor)`;
}
