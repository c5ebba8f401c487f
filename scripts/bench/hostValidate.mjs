const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The one place where the benchmark validates a document "as the extension host does",
 * for the event-loop blocking measurement: `core.lintAsync` with the pause the editor
 * passes (src/vscode/diagnostics.ts: a setTimeout(0) between sections, batches and rules).
 *
 * @param {any} core what createIncidentCore() returns (from the bundled core)
 * @param {string} text
 * @param {object} request the lint request ({ parser, now, today, ... })
 * @returns {Promise<{ diagnostics: readonly unknown[] }>}
 */
export async function validateForHost(core, text, request) {
  if (typeof core.lintAsync === 'function') {
    const result = await core.lintAsync(text, request, pause);
    // An internal error would make every figure meaningless (a lint that did nothing).
    const failed = result?.diagnostics.find((d) => d.ruleId === 'internal-error');
    if (failed) throw new Error(`lintAsync failed: ${failed.message}`);
    return result;
  }
  return core.lint(text, request);
}

/** Which path validateForHost takes, for the report. */
export function hostValidatePath(core) {
  return typeof core.lintAsync === 'function' ? 'core.lintAsync (setTimeout(0) pauses, as the editor)' : 'core.lint (synchronous, main thread)';
}
