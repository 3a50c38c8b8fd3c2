// The open documents: their diagnostics, their entries in the index (the editor's copy wins over the
// disk's), and the source_url each has, so that those sharing one are checked again together. A
// change is taken into the index when something reads it (a request, the change's own check), so
// that the versions a person typed past are never read.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import type { Configuration } from './configuration';
import { ruleUrl, toDiagnostic } from './convert';
import { describeError } from './logging';

export interface OpenDocumentsOptions {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly configuration: Configuration;
  readonly index: WorkspaceIndex;
}

export type OpenDocuments = ReturnType<typeof createOpenDocuments>;

export function createOpenDocuments(options: OpenDocumentsOptions) {
  const { connection, documents, configuration, index } = options;
  // The source_url of each open readout, those outside the workspace (and its index) included.
  const openUrls = new Map<string, string>();
  // Documents opened or changed so far.
  let edits = 0;
  // The open documents changed since their entry was brought up to date.
  const behind = new Map<string, TextDocument>();

  /** Checks a document and publishes its diagnostics. */
  function publish(document: TextDocument): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = configuration.service().getDiagnostics(configuration.input(document)).map((diagnostic) => toDiagnostic(document, diagnostic, ruleUrl));
    } catch (error) {
      // A failure must clear stale diagnostics, never leave half an answer.
      connection.console.error(`Checking ${document.uri} failed: ${describeError(error)}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  /**
   * Checks a changed document once the messages already received are handled and answered:
   * vscode-jsonrpc handles one message per turn of the event loop and writes an answer a turn
   * after, so a check put off by three turns comes after them. While a person types, the editor
   * sends a change per letter and a completion request after them; the versions a newer one
   * replaced are never checked, and the completion's answer does not wait behind the last one's
   * check (put off by two turns, the check ran between the answer's making and its writing).
   */
  function publishSoon(document: TextDocument): void {
    const { uri, version } = document;
    setImmediate(() => setImmediate(() => setImmediate(() => {
      // A newer version (its own check follows) or a closed document is not checked.
      if (documents.get(uri)?.version !== version) return;
      catchUp();
      publish(document);
    })));
  }

  /** Brings the index up to date with the open documents changed since: their latest versions, then the documents sharing a URL with them are checked. */
  function catchUp(): void {
    for (const document of behind.values()) {
      behind.delete(document.uri);
      const urls = reindex(document);
      if (urls.size > 0) recheckSharing(urls, document.uri);
    }
  }

  /** Checks the open documents whose source_url is among `urls` (a duplicate may have come or gone). */
  function recheckSharing(urls: { has(url: string): boolean }, except?: string): void {
    for (const document of documents.all()) {
      const url = openUrls.get(document.uri);
      if (document.uri !== except && url !== undefined && urls.has(url)) publish(document);
    }
  }

  /**
   * Brings an open document's index entry and URL up to date with its text and with where the
   * settings put it; returns the URLs it had and has, whose sharers may need checking again.
   */
  function reindex(document: TextDocument): Set<string> {
    const before = openUrls.get(document.uri);
    try {
      const placed = configuration.placeOf(document);
      const readout = configuration.input(document, placed);
      // One parse serves the entry, this check and the diagnostics after (the service keeps the last).
      const service = configuration.service();
      const entry = service.getEntry(readout);
      // While a readout does not parse (mid-edit), it keeps its last URL and entry.
      const gone = !entry && !service.isReadout(readout);
      if (entry?.sourceUrl) openUrls.set(document.uri, entry.sourceUrl.value);
      else if (entry || gone) openUrls.delete(document.uri);
      // The index holds the readouts among the files the workspace's scan lists; a file opened from
      // elsewhere is compared with them but is not one of them.
      if (!placed.listed || gone) index.delete(document.uri);
      else if (entry) index.set(entry);
    } catch (error) {
      connection.console.error(`Indexing ${document.uri} failed: ${describeError(error)}`);
    }
    const after = openUrls.get(document.uri);
    return new Set([before, after].filter((url): url is string => url !== undefined));
  }

  return {
    isOpen: (uri: string) => documents.get(uri) !== undefined,
    openUris: () => documents.keys(),
    recheckSharing,

    /** How many times a document has been opened or changed. */
    edits: () => edits,

    /** For a request to read: the index takes in the open documents changed since it last did. */
    catchUp,

    /** An edited document: its index entry comes from the editor when next read (catchUp), and it is checked soon after. */
    changed(document: TextDocument): void {
      edits++;
      behind.set(document.uri, document);
      publishSoon(document);
    },

    /** The settings changed: every open document is placed again (one may have moved into or out of the index), then checked. */
    reconfigured(): void {
      behind.clear();
      for (const document of documents.all()) reindex(document);
      documents.all().forEach((document) => publish(document));
    },

    /** A closed document's diagnostics are cleared; its disk copy, if any, is the index's again (the caller reads it). */
    closed(document: TextDocument): void {
      behind.delete(document.uri);
      openUrls.delete(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    },
  };
}
