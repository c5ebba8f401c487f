/**
 * The one place where the benchmark validates a document "as the extension host does",
 * for the event-loop blocking measurement. Today that is the synchronous `core.lint`;
 * when the core grows an async or worker-based path, switch it here (an async
 * `core.lintAsync(text, request)` is picked up automatically).
 *
 * @param {any} core what createIncidentCore() returns (from the bundled core)
 * @param {string} text
 * @param {object} request the lint request ({ parser, now, today, ... })
 * @returns {Promise<{ diagnostics: readonly unknown[] }>}
 */
export async function validateForHost(core, text, request) {
  if (typeof core.lintAsync === 'function') return core.lintAsync(text, request);
  return core.lint(text, request);
}

/** Which path validateForHost takes, for the report. */
export function hostValidatePath(core) {
  return typeof core.lintAsync === 'function' ? 'core.lintAsync' : 'core.lint (synchronous, main thread)';
}
