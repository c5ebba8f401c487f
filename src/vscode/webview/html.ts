/**
 * The HTML shell every webview of the extension uses: a strict Content Security Policy that
 * lets in only the extension's own files and one nonce'd script, no network, no eval.
 */
import * as vscode from 'vscode';

/** A fresh random nonce for one page (Web Crypto: in Node's extension host and the web worker alike). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The policy: the one script with this nonce; styles, fonts and images from the extension, plus the page's own image sources. */
export function contentSecurityPolicy(webview: vscode.Webview, nonce: string, imageSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Chart libraries position tooltips and labels with style attributes; styles cannot run code.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `img-src ${[webview.cspSource, ...imageSources].join(' ')}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
}

export interface WebviewPage {
  readonly title: string;
  /** The page's script, a file under the extension (dist/webview/...). */
  readonly script: vscode.Uri;
  /** Static markup inside <body>; never report text (the script renders that). */
  readonly body: string;
  /** Page styles; VS Code's theme variables (`--vscode-*`) are available. */
  readonly style?: string;
  /** Image sources beyond the extension's files (`data:`, `blob:` for an export drawn in the page). */
  readonly imageSources?: readonly string[];
}

export function webviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview, nonce, page.imageSources)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style>${page.style ?? ''}</style>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${webview.asWebviewUri(page.script).toString()}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
