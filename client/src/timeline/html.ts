/**
 * The timeline page's HTML: an empty root, the stylesheet and the script from dist/, and a strict
 * Content-Security-Policy with a fresh nonce per render. No runbook text goes into this HTML: the
 * plan arrives by postMessage and the page inserts it as text. Plain strings, no `vscode` import.
 */
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)` as a string. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** 128 random bits, base64: a nonce no page can guess. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function timelineHtml(resources: PageResources, nonce: string = newNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(resources.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(resources.styleUri)}">
<title>Runbook timeline</title>
</head>
<body>
<div id="timeline-root"></div>
<script nonce="${attr(nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>
`;
}
