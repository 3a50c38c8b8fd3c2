import { cpus } from 'node:os';
import { extensions, SymbolKind, workspace, type DocumentSymbol, type ExtensionContext, type SymbolInformation } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CODE_CACHE_ARGUMENT, serverNodeOptions, type InitializationOptions } from '../../server/src/protocol';

/** The documents the server is given; it decides which of them are readouts. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
];

/** VS Code's own Markdown support, which outlines a Markdown file's headings. */
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

/**
 * Our outline is the front matter, then the body's headings (what editors without Markdown
 * support need). For a Markdown file VS Code's Markdown support already lists the headings, so
 * there ours are dropped (they are the top-level String symbols; the front matter is a Namespace)
 * and each heading appears once.
 */
function withoutMarkdownHeadings(document: { languageId: string }, symbols: SymbolInformation[] | DocumentSymbol[] | null | undefined) {
  if (!symbols || document.languageId !== 'markdown' || !extensions.getExtension(MARKDOWN_EXTENSION)) return symbols;
  return (symbols as (SymbolInformation | DocumentSymbol)[]).filter((symbol) => symbol.kind !== SymbolKind.String) as SymbolInformation[] | DocumentSymbol[];
}

/** Where the server keeps the workspace's index between sessions: the workspace's storage (none when no workspace is open). */
export function indexStorageFolder(context: ExtensionContext): string | undefined {
  return context.storageUri?.fsPath;
}

/** The language client for the bundled server, over IPC. */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const execArgv = serverNodeOptions(cpus().length);
  // The server's compiled code is kept for the next start in the extension's global storage.
  const args = [`${CODE_CACHE_ARGUMENT}=${context.globalStorageUri.fsPath}`];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { execArgv } },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'readout' },
    initializationOptions: { workspaceTrusted: workspace.isTrusted, indexStorage: indexStorageFolder(context) } satisfies InitializationOptions,
    middleware: {
      provideDocumentSymbols: async (document, token, next) => withoutMarkdownHeadings(document, await next(document, token)),
    },
  };
  return new LanguageClient('readout', 'Readout', serverOptions, clientOptions);
}
