// The messages between the preview's page and the extension, typed once for both sides.

/** From the extension to the page. */
export type ToPage =
  /** New content, and the state to keep for a reload. */
  | { readonly type: 'update'; readonly html: string; readonly title: string | undefined; readonly state: PageState }
  /** The editor scrolled: show the block of this 0-based source line at the top. */
  | { readonly type: 'scrollTo'; readonly line: number };

/** From the page to the extension. */
export type FromPage =
  /** The page's script is running: from now on it receives messages (earlier ones may be lost). */
  | { readonly type: 'ready' }
  /** The preview scrolled: the block at the top comes from this source line. */
  | { readonly type: 'scrolled'; readonly line: number }
  /** A problem in the banner was clicked. */
  | { readonly type: 'goTo'; readonly line: number; readonly character: number }
  | { readonly type: 'openLink'; readonly href: string };

/** What the page keeps through a reload of the window (VS Code's webview state). */
export interface PageState {
  readonly uri: string;
  readonly locked: boolean;
  readonly line?: number;
}
