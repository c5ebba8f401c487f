// One build for every target: the extension (cjs, `vscode` external), the CLI (cjs with a
// shebang) and, for the unit tests' "no Node built-ins" check, the core alone for the browser.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/**
 * micromark-core-commonmark's content construct resolves each paragraph's content with
 * micromark-util-subtokenize; in our bundles it gets our copy (src/core/parse/subtokenize.ts,
 * the same events with its jumps in a Map), which the parse's postprocess already uses.
 * Only imports from node_modules are redirected: our copy takes SpliceBuffer from the package.
 * The build fails if nothing was redirected, so a reshuffled micromark cannot drop it unseen.
 */
const PORTED_SUBTOKENIZE = '2.1.0';
const ownSubtokenize = {
  name: 'own-subtokenize',
  setup(build) {
    // The copy is of one version: a newer package must be compared with it first (README, patches/).
    const installed = JSON.parse(readFileSync(`${root}node_modules/micromark-util-subtokenize/package.json`, 'utf8')).version;
    if (installed !== PORTED_SUBTOKENIZE) throw new Error(`own-subtokenize: src/core/parse/subtokenize.ts is a port of micromark-util-subtokenize ${PORTED_SUBTOKENIZE}, ${installed} is installed: compare them, then update PORTED_SUBTOKENIZE`);
    let redirected = 0;
    build.onResolve({ filter: /^micromark-util-subtokenize$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]micromark-core-commonmark[\\/]/.test(args.importer)) return undefined;
      redirected++;
      return { path: `${root}src/core/parse/subtokenize.ts` };
    });
    build.onEnd((result) => {
      const bundlesMicromark = Object.keys(result.metafile?.inputs ?? {}).some((input) => input.includes('micromark-core-commonmark/'));
      const none = redirected === 0;
      redirected = 0;
      if (result.errors.length === 0 && bundlesMicromark && none) {
        throw new Error('own-subtokenize: micromark-core-commonmark no longer imports micromark-util-subtokenize; see scripts/build.mjs');
      }
    });
  },
};

const common = {
  bundle: true,
  metafile: true,
  plugins: [ownSubtokenize],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  absWorkingDir: root,
  legalComments: 'none',
};

/** In the browser builds `./x` resolves to `./x.web.ts` where there is one (serverProcess: a Web Worker, not a Node process). */
const webVariants = {
  name: 'web-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const candidate = `${args.resolveDir}/${args.path}.web.ts`;
      return existsSync(candidate) ? { path: candidate } : undefined;
    });
  },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/cli/index.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ESM dependencies (fdir) read import.meta.url, which a cjs bundle lacks: give them this file's URL.
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  // The language server for any LSP client (stdio) and for the VS Code client (a Node process).
  {
    ...common,
    entryPoints: ['src/server/main.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];
if (existsSync(`${root}src/vscode/extension.ts`)) {
  // The client and its UI; the core lives in the server (dist/server.js), not in the extension host.
  targets.push({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', './client.js'] });
  // The language client library and its glue, required right after activation (src/vscode/clientLoader.ts).
  targets.push({ ...common, entryPoints: ['src/vscode/client.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] });
  // VS Code for the Web runs the same adapters in a web worker: no Node built-ins may be bundled.
  targets.push({ ...browserOptions(), entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] });
  // The Show Timeline webview's script (ECharts bundled here, never in dist/extension.js): a browser page under a strict CSP.
  targets.push({ ...browserOptions(), entryPoints: ['src/webview/timeline/main.ts'], outfile: 'dist/webview/timeline.js', format: 'iife', conditions: ['browser'] });
  // The language server in a Web Worker for VS Code for the Web.
  targets.push({ ...browserOptions(), entryPoints: ['src/server/browserMain.ts'], outfile: 'dist/web/server.js', format: 'iife' });
  // The Incident Insights page's script (ECharts, tree-shaken), loaded by the webview alone: never in dist/extension.js.
  targets.push({ ...common, entryPoints: ['src/webview/insights/main.ts'], outfile: 'dist/webview/insights.js', platform: 'browser', target: 'es2022', format: 'iife', define: { ...common.define, 'process.env.NODE_ENV': '"production"' } });
}
// The core alone for the browser, as an IIFE global: a unit test runs it in a bare VM context.
targets.push({ ...browserOptions(), entryPoints: ['src/core/index.ts'], outfile: 'dist/web/core.js', format: 'iife', globalName: 'IncidentCore' });

function browserOptions() {
  return {
    ...common,
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    // The extension host on the web is a worker, without a DOM: the `worker` export of
    // decode-named-character-reference, not its `browser` one (which needs `document`).
    conditions: ['worker', 'browser'],
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
    plugins: [ownSubtokenize, webVariants],
  };
}


// The integration suite runs inside the extension host: CommonJS, `vscode` and mocha from node_modules.
if (process.argv.includes('--tests')) {
  const { readdirSync } = await import('node:fs');
  const entries = readdirSync(`${root}test/integration`).filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`);
  targets.push({ ...common, minify: false, entryPoints: entries, outdir: 'out/test/integration', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] });
}

if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
  console.log('watching...');
} else {
  const started = Date.now();
  await Promise.all(targets.map((options) => esbuild.build(options)));
  console.log(`built ${targets.map((t) => t.outfile ?? t.outdir).join(', ')} in ${Date.now() - started} ms`);
}
