import * as vscode from 'vscode';
import { PREVIEW_STYLESHEET } from '../../../server/src/clientApi';

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/**
 * The preview's page, set once per panel (and again when `remoteImages` changes); content comes
 * later by message, so that an update keeps the scroll position. The Content-Security-Policy
 * allows nothing but the page's own stylesheet and script (by nonce) and data images, and images
 * over https only with `remoteImages`: whatever the document holds never runs, and nothing is
 * fetched unless the person asked for it. The look is the core's stylesheet, the same as
 * `readout render`'s, in VS Code's theme colours.
 */
export function previewPage(webview: vscode.Webview, extensionUri: vscode.Uri, remoteImages: boolean): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'out', 'preview.js'));
  const pageNonce = nonce();
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${pageNonce}'`,
    `img-src ${remoteImages ? 'https: ' : ''}data:`,
    `script-src 'nonce-${pageNonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${pageNonce}">${PREVIEW_STYLESHEET}</style>
<title>Readout preview</title>
</head>
<body>
<main id="readout-preview" class="readout-preview"></main>
<script nonce="${pageNonce}" src="${script}"></script>
</body>
</html>`;
}
