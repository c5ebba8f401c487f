/** Desktop: the language client is a file of its own (dist/client.js), required after activation. */
export function loadClientModule(): typeof import('./client') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle, not a package
  return require('./client.js') as typeof import('./client');
}
