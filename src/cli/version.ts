declare const __VERSION__: string;

/** The tool's version, set by the build (dist/cli.js); the TypeScript source runs as a dev version. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
