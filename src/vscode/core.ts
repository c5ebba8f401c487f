import type * as CoreExports from './coreExports';

/*
 * The core (parser, rules, YAML, zod: ~340 KB minified) is its own file, dist/core.js
 * (built from coreExports.ts), required on first use rather than when the extension loads:
 * activation registers commands, views and listeners in a few milliseconds, and the core
 * is compiled right after, when the configuration is read. Types come from `../core`
 * directly (erased); values through core(). (The web build bundles it: core.web.ts.)
 */

/** What the adapters call on the core module itself (the rest goes through an IncidentCore). */
export type CoreModule = typeof CoreExports;

let loaded: CoreModule | undefined;

export function core(): CoreModule {
  // A literal path, external to the bundle: esbuild leaves it to Node, next to dist/extension.js.
  loaded ??= require('./core.js') as CoreModule;
  return loaded;
}
