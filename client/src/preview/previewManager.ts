import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest } from '../../../server/src/protocol';
import type { ActiveReadoutEvents } from '../activeReadout';
import type { FromPage, PageState, ToPage } from './messages';
import { previewPage } from './previewPage';

export const PREVIEW_VIEW_TYPE = 'readout.preview';

/** What tests and other extensions may watch: each preview's content as it is rendered. */
export interface PreviewEvents {
  readonly onDidRender: vscode.Event<{ readonly uri: string; readonly html: string }>;
  /** The HTML last shown for a document, if a preview shows it. */
  html(uri: string): string | undefined;
  /** The document each preview shows, and whether it is locked to it. */
  shown(): readonly { readonly uri: string; readonly locked: boolean }[];
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Whether the person lets previews load images from the web (a user setting: a workspace cannot turn it on). */
function remoteImages(): boolean {
  return vscode.workspace.getConfiguration('readout.preview').get<boolean>('loadRemoteImages', false);
}
/** How many times in a row a render may come back for an older version before it is shown anyway. */
const MAX_BEHIND = 100;

/** One preview panel: the document it shows, whether it is locked to it, and its page. */
class PreviewPanel {
  #resource: vscode.Uri;
  #locked: boolean;
  #rendering = false;
  #stale = false;
  #revealingFromPreview = false;
  readonly #disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    resource: vscode.Uri,
    locked: boolean,
    private readonly manager: PreviewManager,
  ) {
    this.#resource = resource;
    this.#locked = locked;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(manager.extensionUri, 'client')] };
    this.reloadPage();
    this.#disposables.push(
      panel.webview.onDidReceiveMessage((message: FromPage) => void this.#received(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.#updateTitle();
    // The first render waits for the page's `ready`: a message posted before its script runs is lost.
  }

  get resource(): vscode.Uri {
    return this.#resource;
  }

  /** Sets the page (its policy follows `readout.preview.loadRemoteImages`); its script asks for the content once it runs. */
  reloadPage(): void {
    this.panel.webview.html = previewPage(this.panel.webview, this.manager.extensionUri, remoteImages());
  }

  get locked(): boolean {
    return this.#locked;
  }

  set locked(locked: boolean) {
    this.#locked = locked;
    this.#updateTitle();
    void this.render();
  }

  show(resource: vscode.Uri, column: vscode.ViewColumn | undefined, preserveFocus: boolean): void {
    if (resource.toString() !== this.#resource.toString()) {
      this.#resource = resource;
      void this.render();
    }
    this.panel.reveal(column, preserveFocus);
  }

  /** Renders the document now; edits that arrive meanwhile are rendered right after, never dropped. */
  async render(): Promise<void> {
    if (this.#rendering) {
      this.#stale = true;
      return;
    }
    this.#rendering = true;
    let behind = 0;
    try {
      do {
        this.#stale = false;
        const uri = this.#resource.toString();
        const params = { uri, remoteImages: remoteImages() };
        let result = await this.manager.client.sendRequest(PreviewRequest, params);
        if (!result) {
          // A preview restored after a reload may show a document no editor has opened yet.
          await vscode.workspace.openTextDocument(this.#resource);
          result = await this.manager.client.sendRequest(PreviewRequest, params);
        }
        if (!result) continue;
        // The request can overtake the editor's last change on its way to the server: ask again
        // until the server has the version the editor shows.
        const shown = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri)?.version;
        if (shown !== undefined && result.version < shown && ++behind < MAX_BEHIND) {
          this.#stale = true;
          continue;
        }
        behind = 0;
        this.#updateTitle();
        this.manager.rendered(uri, result.html);
        await this.#post({ type: 'update', html: result.html, title: result.title, state: this.state() });
      } while (this.#stale);
    } catch (error) {
      this.manager.log(`The preview of ${this.#resource.toString()} could not be rendered: ${(error as Error).message}`);
    } finally {
      this.#rendering = false;
    }
  }

  /** The editor scrolled: follow it, unless the preview scrolled the editor itself. */
  editorScrolled(line: number): void {
    if (this.#revealingFromPreview) {
      this.#revealingFromPreview = false;
      return;
    }
    if (this.#setting('scrollPreviewWithEditor')) void this.#post({ type: 'scrollTo', line });
  }

  #setting(name: 'scrollPreviewWithEditor' | 'scrollEditorWithPreview'): boolean {
    return vscode.workspace.getConfiguration('readout.preview', this.#resource).get<boolean>(name, true);
  }

  state(): PageState {
    return { uri: this.#resource.toString(), locked: this.#locked };
  }

  dispose(): void {
    this.manager.forget(this);
    this.#disposables.forEach((disposable) => disposable.dispose());
    this.panel.dispose();
  }

  #updateTitle(): void {
    const name = this.#resource.path.split('/').pop() ?? 'readout';
    this.panel.title = `${this.#locked ? '[Locked] ' : ''}Preview ${name}`;
  }

  async #post(message: ToPage): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  async #received(message: FromPage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.render();
        return;
      case 'scrolled': {
        const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === this.#resource.toString());
        if (!editor || !this.#setting('scrollEditorWithPreview')) return;
        this.#revealingFromPreview = true;
        editor.revealRange(new vscode.Range(message.line, 0, message.line, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'goTo': {
        const document = await vscode.workspace.openTextDocument(this.#resource);
        const position = new vscode.Position(message.line, message.character);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'openLink':
        // Only web and mail links leave the preview; anything else the document holds is ignored.
        if (SAFE_LINK.test(message.href)) await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        return;
    }
  }
}

/**
 * The previews: one that follows the active readout editor (unless locked), any number locked to
 * their document, all restored after a reload by the webview serializer. A document that becomes
 * a readout while it is active (New Readout's untitled document, once its snippet is in) is
 * followed too: the active readout is checked again after each change.
 */
export class PreviewManager implements PreviewEvents, vscode.WebviewPanelSerializer<PageState> {
  readonly lastHtml = new Map<string, string>();
  readonly #previews = new Set<PreviewPanel>();
  readonly #onDidRender = new vscode.EventEmitter<{ uri: string; html: string }>();
  readonly onDidRender = this.#onDidRender.event;
  readonly #disposables: vscode.Disposable[] = [];
  /** The last active readout: what a following preview shows, and an unlocked one shows at once. */
  #followed: vscode.TextDocument | undefined;

  constructor(
    readonly client: LanguageClient,
    readonly extensionUri: vscode.Uri,
    activeReadout: ActiveReadoutEvents,
    readonly log: (message: string) => void,
  ) {
    this.#followed = activeReadout.editor?.document;
    this.#disposables.push(
      this.#onDidRender,
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.workspace.onDidChangeTextDocument((event) => {
        for (const preview of this.#showing(event.document.uri)) void preview.render();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('readout.preview.loadRemoteImages')) this.#previews.forEach((preview) => preview.reloadPage());
      }),
      activeReadout.onDidCheck((editor) => {
        if (editor) this.#follow(editor.document);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        const line = event.visibleRanges[0]?.start.line;
        if (line === undefined) return;
        for (const preview of this.#showing(event.textEditor.document.uri)) preview.editorScrolled(line);
      }),
    );
  }

  html(uri: string): string | undefined {
    return this.lastHtml.get(uri);
  }

  shown(): { uri: string; locked: boolean }[] {
    return [...this.#previews].map((preview) => ({ uri: preview.resource.toString(), locked: preview.locked }));
  }

  rendered(uri: string, html: string): void {
    this.lastHtml.set(uri, html);
    this.#onDidRender.fire({ uri, html });
  }

  /** Shows the document in the following preview (made if there is none), beside the editor or in its place. */
  open(resource: vscode.Uri, toSide: boolean): void {
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const following = [...this.#previews].find((preview) => !preview.locked);
    if (following) {
      following.show(resource, column, toSide);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, { enableScripts: true, retainContextWhenHidden: false });
    this.#previews.add(new PreviewPanel(panel, resource, false, this));
  }

  /** Locks the active preview to its document, or lets it follow the active readout again, from now. */
  toggleLock(): void {
    const active = [...this.#previews].find((preview) => preview.panel.active) ?? [...this.#previews][0];
    if (!active) return;
    active.locked = !active.locked;
    // Run from the palette, the command finds the preview focused and no active editor: the last active readout is the one to show.
    if (!active.locked && this.#followed && !this.#followed.isClosed) this.#follow(this.#followed);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PageState | undefined): Promise<void> {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    this.#previews.add(new PreviewPanel(panel, vscode.Uri.parse(state.uri, true), state.locked, this));
  }

  forget(preview: PreviewPanel): void {
    this.#previews.delete(preview);
  }

  dispose(): void {
    [...this.#previews].forEach((preview) => preview.dispose());
    this.#disposables.forEach((disposable) => disposable.dispose());
  }

  #showing(uri: vscode.Uri): PreviewPanel[] {
    return [...this.#previews].filter((preview) => preview.resource.toString() === uri.toString());
  }

  /**
   * Moves the following previews to the document. One that shows it already is left alone: the
   * active readout is checked after every change, and each reveal would bring the preview's tab to the front.
   */
  #follow(document: vscode.TextDocument): void {
    this.#followed = document;
    for (const preview of this.#previews) {
      if (!preview.locked && preview.resource.toString() !== document.uri.toString()) preview.show(document.uri, preview.panel.viewColumn, true);
    }
  }
}
