/**
 * VS Code's theme as a webview sees it: the `--vscode-*` CSS variables and the body's
 * `vscode-light` / `vscode-dark` / `vscode-high-contrast` class. Shared by the extension's webviews.
 */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  return classes.contains('vscode-light') ? 'light' : 'dark';
}

/** A theme colour by its VS Code name (`editor.foreground`), or the fallback when the theme has none. */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(`--vscode-${name.replace(/\./g, '-')}`).trim();
  return value || fallback;
}

/** Calls `onChange` when the user switches theme (VS Code swaps the body's classes and variables). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
}
