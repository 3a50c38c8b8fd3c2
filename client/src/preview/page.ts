// The preview page's own script (bundled for the browser into client/out/preview.js). It shows
// what the extension sends, keeps the scroll position across updates, and syncs scrolling.
import type { FromPage, PageState, ToPage } from './messages';

interface VsCodeApi {
  postMessage(message: FromPage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('readout-preview')!;
// Scrolling the page because the editor scrolled must not scroll the editor back.
let scrollingFromEditor = false;

function blocks(): HTMLElement[] {
  // The banner's buttons carry data-line too; only the statement's blocks follow the source.
  return [...root.querySelectorAll<HTMLElement>('.readout [data-line]')];
}

function lineAtTop(): number | undefined {
  const top = blocks().find((block) => block.getBoundingClientRect().bottom > 0);
  return top ? Number(top.dataset.line) : undefined;
}

function scrollToLine(line: number): void {
  let target: HTMLElement | undefined;
  for (const block of blocks()) {
    if (Number(block.dataset.line) > line) break;
    target = block;
  }
  scrollingFromEditor = true;
  window.scrollTo({ top: target ? target.offsetTop : 0 });
}

function remember(line: number | undefined): void {
  const state = vscode.getState();
  if (state && line !== undefined) vscode.setState({ ...state, line });
}

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
  const message = event.data;
  if (message.type === 'update') {
    const top = window.scrollY;
    root.innerHTML = message.html;
    document.title = message.title ?? 'Readout preview';
    vscode.setState({ ...vscode.getState(), ...message.state });
    if (restoreLine !== undefined) {
      scrollToLine(restoreLine);
      restoreLine = undefined;
    } else {
      window.scrollTo({ top });
    }
  } else if (message.type === 'scrollTo') {
    scrollToLine(message.line);
  }
});

window.addEventListener('scroll', () => {
  const line = lineAtTop();
  remember(line);
  if (scrollingFromEditor) {
    scrollingFromEditor = false;
    return;
  }
  if (line !== undefined) vscode.postMessage({ type: 'scrolled', line });
}, { passive: true });

// After a reload, come back to where the reader was.
let restoreLine = vscode.getState()?.line;

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  const problem = target?.closest<HTMLElement>('[data-character]');
  if (problem) {
    event.preventDefault();
    vscode.postMessage({ type: 'goTo', line: Number(problem.dataset.line), character: Number(problem.dataset.character) });
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a[href]');
  if (!link) return;
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) return;
  // Links never navigate the preview itself; the extension opens the safe ones outside.
  event.preventDefault();
  vscode.postMessage({ type: 'openLink', href });
});

vscode.postMessage({ type: 'ready' });
