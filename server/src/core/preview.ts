// The statement as published (category, title, date line, source link, body, end mark), rendered
// by one renderer for the VS Code preview, the CLI's `readout render` and the tests. Nothing from
// the document can run or add markup: raw HTML stays text, every front-matter value is escaped,
// and links and images keep only the schemes listed below.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown, Token } from 'markdown-it';
import { isScalar, isSeq } from 'yaml';
import { field, parseReadout, type ParsedReadout } from './frontMatter';
import { createLineIndex, type LinePosition } from './lineIndex';
import type { Diagnostic, Severity } from './types';

/** A diagnostic as the preview's banner shows it; line and character (0-based) are where it starts. */
export interface PreviewProblem {
  readonly message: string;
  readonly severity: Severity;
  readonly code: string;
  readonly line: number;
  readonly character: number;
}

export interface RenderedPreview {
  /** The statement as published, an HTML fragment (no <html>/<head>): banner, header, body, end mark; blocks carry data-line. */
  readonly html: string;
  readonly title: string | undefined;
  /** The diagnostics passed in (the front matter's problems), for the banner: 0-based line and character of each one's start. */
  readonly problems: readonly PreviewProblem[];
}

export interface RenderOptions {
  /**
   * Show images from `https:` addresses. Off by default: an image fetched from the web tells its
   * server who opened the readout, and when (a tracking pixel); each shows as a placeholder with
   * its description instead.
   */
  readonly remoteImages?: boolean;
}

export interface PreviewRenderer {
  render(text: string, diagnostics: readonly Diagnostic[], options?: RenderOptions): RenderedPreview;
  /** A standalone page (`readout render FILE -o OUT.html`): the fragment, its own stylesheet, a strict CSP, no script. */
  renderPage(text: string, diagnostics: readonly Diagnostic[], options?: RenderOptions): string;
  /** Just the header (category, title, date line, source), for VS Code's own Markdown preview; undefined without one. */
  renderHeader(text: string): string | undefined;
}

const BOM = '\uFEFF';

const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'statements-releases': 'Statements and Releases',
  'speeches-remarks': 'Speeches and Remarks',
  'press-briefings': 'Press Briefings',
  'presidential-actions': 'Presidential Actions',
  // whitehouse.gov's name for it, from 2025; the other categories read right title-cased.
  'briefings-statements': 'Briefings & Statements',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?[ \t]*(Z|[+-]\d{2}:\d{2})?$/;
// US Eastern time, standard and daylight: how the briefing room writes its times.
const EASTERN_OFFSETS = new Set(['-05:00', '-04:00']);

const WEB_URL = /^https?:\/\/\S+$/i;
// markdown-it has already decoded entities and percent-encoded control characters and spaces,
// so a scheme cannot hide behind them: anything that does not start with one of these is dropped.
const SAFE_HREF = /^(?:https?:|mailto:|#)/i;
const DATA_IMAGE_SOURCE = /^data:image\/(?:png|gif|jpeg|webp);/i;
const REMOTE_IMAGE_SOURCE = /^https:/i;

// No script, no frames, no fetches but the images allowed; the page's own <style> is its only stylesheet.
const pagePolicy = (options: RenderOptions) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src ${options.remoteImages ? 'https: ' : ''}data:; base-uri 'none'; form-action 'none'`;

/**
 * How much of a body the preview shows: a long briefing's transcript is about 90,000 characters.
 * markdown-it's time and memory grow with the body (a line of `---` is a block of its own, a `[`
 * a link attempt), so the rest of a longer one is left out, with a note that says so.
 */
export const MAX_PREVIEW_BODY_LENGTH = 200_000;
export const MAX_PREVIEW_BODY_LINES = 5_000;

/**
 * The default look: light and dark, in VS Code's theme colours where a webview defines them.
 * Hosts may use it as is or supply their own rules for the same classes.
 */
export const PREVIEW_STYLESHEET = `:root {
  color-scheme: light dark;
  --readout-bg: var(--vscode-editor-background, #ffffff);
  --readout-fg: var(--vscode-editor-foreground, #1f2328);
  --readout-muted: var(--vscode-descriptionForeground, #59636e);
  --readout-accent: var(--vscode-textLink-foreground, #0b3d91);
  --readout-link: var(--vscode-textLink-foreground, #0b57d0);
  --readout-rule: var(--vscode-panel-border, #d1d9e0);
  --readout-banner-bg: var(--vscode-textBlockQuote-background, #f6f8fa);
  --readout-error: var(--vscode-editorError-foreground, #c62828);
  --readout-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --readout-information: var(--vscode-editorInfo-foreground, #0969da);
  --readout-hint: var(--vscode-descriptionForeground, #59636e);
}
@media (prefers-color-scheme: dark) {
  :root {
    --readout-bg: var(--vscode-editor-background, #16181d);
    --readout-fg: var(--vscode-editor-foreground, #e6e8eb);
    --readout-muted: var(--vscode-descriptionForeground, #9ba3ad);
    --readout-accent: var(--vscode-textLink-foreground, #a8c7fa);
    --readout-link: var(--vscode-textLink-foreground, #8ab4f8);
    --readout-rule: var(--vscode-panel-border, #3b4048);
    --readout-banner-bg: var(--vscode-textBlockQuote-background, #20242b);
    --readout-error: var(--vscode-editorError-foreground, #ff7b72);
    --readout-warning: var(--vscode-editorWarning-foreground, #e3b341);
    --readout-information: var(--vscode-editorInfo-foreground, #79c0ff);
    --readout-hint: var(--vscode-descriptionForeground, #9ba3ad);
  }
}
body { margin: 0; background: var(--readout-bg); color: var(--readout-fg); }
.readout { max-width: 42rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; font: 1.125rem/1.7 Georgia, 'Times New Roman', serif; overflow-wrap: break-word; }
.readout-header { margin-bottom: 2rem; padding-bottom: 1.5rem; border-bottom: 1px solid var(--readout-rule); font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
.category { margin: 0 0 0.75rem; color: var(--readout-accent); font-size: 0.8125rem; font-weight: 600; letter-spacing: 0.12em; text-transform: uppercase; }
.title { margin: 0 0 1rem; font-size: 2.125rem; line-height: 1.2; font-weight: 700; text-wrap: balance; overflow-wrap: anywhere; }
.dateline, .source { margin: 0.25rem 0; color: var(--readout-muted); font-size: 0.9375rem; }
.source a { overflow-wrap: anywhere; }
a { color: var(--readout-link); }
.readout-body p { margin: 0 0 1.25rem; }
.readout-body img { max-width: 100%; }
.readout-body pre { overflow-x: auto; }
.readout-body .remote-image { padding: 0 0.25rem; border: 1px dashed var(--readout-rule); color: var(--readout-muted); }
.readout-body .preview-cut { color: var(--readout-muted); font: italic 0.9375rem/1.5 system-ui, sans-serif; }
.end-mark { margin: 2.5rem 0 0; text-align: center; letter-spacing: 0.1em; color: var(--readout-muted); font-family: system-ui, sans-serif; }
.problems { max-width: 42rem; margin: 1.5rem auto 0; padding: 0.75rem 1rem; box-sizing: border-box; background: var(--readout-banner-bg); border: 1px solid var(--readout-rule); border-radius: 4px; font: 0.875rem/1.5 system-ui, sans-serif; }
.problems-summary { margin: 0 0 0.5rem; font-weight: 600; }
.problems ul { margin: 0; padding: 0; list-style: none; }
.problem { display: block; width: 100%; margin: 0.25rem 0; padding: 0.25rem 0.5rem; border: 0; border-left: 3px solid var(--readout-hint); background: none; color: inherit; font: inherit; text-align: left; cursor: pointer; }
.problem.error { border-left-color: var(--readout-error); }
.problem.warning { border-left-color: var(--readout-warning); }
.problem.information { border-left-color: var(--readout-information); }
.problem-where { color: var(--readout-muted); }
.problem-code { color: var(--readout-muted); font-size: 0.8125rem; }
`;

/** A renderer with its own markdown-it instance: create one per host and reuse it. */
export function createPreviewRenderer(): PreviewRenderer {
  const markdown = createMarkdown();
  const render = (text: string, diagnostics: readonly Diagnostic[], options: RenderOptions = {}): RenderedPreview => {
    const document = readDocument(text);
    const problems = diagnostics.map((diagnostic) => toProblem(diagnostic, document.position));
    const header = headerHtml(document) ?? '';
    const body = renderBody(markdown, document.body, document.bodyLine, options) + cutNote(document);
    return {
      html: `${problemsHtml(problems)}<article class="readout">\n${header}<div class="readout-body">\n${body}</div>\n</article>\n`,
      title: fieldText(document, 'title')?.text,
      problems,
    };
  };
  return {
    render,
    renderPage: (text, diagnostics, options = {}) => pageHtml(render(text, diagnostics, options), options),
    renderHeader: (text) => headerHtml(readDocument(text)),
  };
}

// ---------------------------------------------------------------------------------------------
// The document's parts

interface PreviewDocument {
  readonly readout: ParsedReadout;
  /** The Markdown after the front matter, as much of it as the preview shows. */
  readonly body: string;
  /** The 0-based line of the whole text on which the body starts. */
  readonly bodyLine: number;
  /** Where the body is cut short, and how many characters follow; undefined when it is shown whole. */
  readonly cut: { readonly line: number; readonly rest: number } | undefined;
  readonly position: (offset: number) => LinePosition;
}

function readDocument(text: string): PreviewDocument {
  const readout = parseReadout(text);
  const close = readout.block?.close;
  // An unclosed block is not front matter yet: the whole text shows, so nothing typed is hidden.
  const bodyStart = close ? nextLineStart(text, close.end) : text.startsWith(BOM) ? BOM.length : 0;
  const bodyEnd = shownBodyEnd(text, bodyStart);
  // Lines are counted only as far as the preview reads.
  const position = createLineIndex(text.slice(0, bodyEnd));
  const cut = bodyEnd < text.length ? { line: position(bodyEnd).line, rest: text.length - bodyEnd } : undefined;
  return { readout, body: text.slice(bodyStart, bodyEnd), bodyLine: position(bodyStart).line, cut, position };
}

/**
 * Where the shown part of the body ends: the whole body when it has at most MAX_PREVIEW_BODY_LINES
 * lines and MAX_PREVIEW_BODY_LENGTH characters; otherwise after the last blank line within them,
 * so that no paragraph is cut in two, or after their last line, or (one line longer than that)
 * after their last character that is not half of a surrogate pair.
 */
function shownBodyEnd(text: string, start: number): number {
  const limit = start + MAX_PREVIEW_BODY_LENGTH;
  if (text.length <= limit && lineBreaksUpTo(text, start, text.length, MAX_PREVIEW_BODY_LINES) < MAX_PREVIEW_BODY_LINES) return text.length;
  let lastLine = -1;
  let lastParagraph = -1;
  let lines = 0;
  for (let at = text.indexOf('\n', start); at !== -1 && at < limit && lines < MAX_PREVIEW_BODY_LINES; at = text.indexOf('\n', at + 1)) {
    lines++;
    if (lastLine !== -1 && /^[ \t\r]*$/.test(text.slice(lastLine, at))) lastParagraph = at + 1;
    lastLine = at + 1;
  }
  if (lastParagraph !== -1) return lastParagraph;
  if (lastLine !== -1) return lastLine;
  return /[\uD800-\uDBFF]/.test(text[limit - 1]) ? limit - 1 : limit;
}

/** The line breaks in [from, to), counted up to `most`. */
function lineBreaksUpTo(text: string, from: number, to: number, most: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to && count < most; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function toProblem(diagnostic: Diagnostic, position: (offset: number) => LinePosition): PreviewProblem {
  const { line, character } = position(diagnostic.span.start);
  return { message: diagnostic.message, severity: diagnostic.severity, code: diagnostic.code, line, character };
}

interface FieldText {
  readonly text: string;
  /** The 0-based line of the field's key. */
  readonly line: number;
}

/** A field's scalar value as text (for a list, its first item), with the line of its key. */
function fieldText(document: PreviewDocument, name: string): FieldText | undefined {
  const found = field(document.readout, name);
  if (!found) return undefined;
  const text = scalarText(isSeq(found.valueNode) ? found.valueNode.items[0] : found.valueNode);
  return text === undefined ? undefined : { text, line: document.position(found.key.start).line };
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value == null || typeof node.value === 'object') return undefined;
  return String(node.value);
}

// ---------------------------------------------------------------------------------------------
// The header

function headerHtml(document: PreviewDocument): string | undefined {
  const parts = [
    categoryHtml(fieldText(document, 'tags')),
    titleHtml(fieldText(document, 'title')),
    datelineHtml(fieldText(document, 'date'), fieldText(document, 'published_time')),
    sourceHtml(fieldText(document, 'source_url')),
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? `<header class="readout-header">\n${parts.join('')}</header>\n` : undefined;
}

function categoryHtml(tag: FieldText | undefined): string | undefined {
  if (!tag) return undefined;
  return `<p class="category" data-line="${tag.line}">${escapeHtml(categoryLabel(tag.text))}</p>\n`;
}

/** The briefing room's name for a category; an unknown tag title-cased (`fact-sheets` -> "Fact Sheets"). */
export function categoryLabel(tag: string): string {
  return CATEGORY_LABELS[tag] ?? tag.split(/[-_\s]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

function titleHtml(title: FieldText | undefined): string | undefined {
  return title && `<h1 class="title" data-line="${title.line}">${escapeHtml(title.text)}</h1>\n`;
}

function datelineHtml(date: FieldText | undefined, time: FieldText | undefined): string | undefined {
  const parts = [date && dateHtml(date), time && timeHtml(time)].filter((part) => part !== undefined);
  if (parts.length === 0) return undefined;
  return `<p class="dateline">${parts.join('<span class="dateline-separator" aria-hidden="true"> · </span>')}</p>\n`;
}

function dateHtml(date: FieldText): string {
  const written = writtenDate(date.text);
  // A value that is not a calendar date shows as written: the banner says what is wrong with it.
  if (!written) return `<span class="date" data-line="${date.line}">${escapeHtml(date.text)}</span>`;
  return `<time class="date" datetime="${date.text}" data-line="${date.line}">${written}</time>`;
}

/** `2023-01-10` -> "January 10, 2023"; undefined for anything that is not a real day. */
export function writtenDate(value: string): string | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) return undefined;
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

function timeHtml(time: FieldText): string {
  const written = writtenTime(time.text);
  if (!written) return `<span class="time" data-line="${time.line}">${escapeHtml(time.text)}</span>`;
  return `<time class="time" datetime="${written.datetime}" data-line="${time.line}" title="${written.offset}">${written.text}</time>`;
}

interface WrittenTime {
  /** "12:54 PM ET": the clock time in its own offset. */
  readonly text: string;
  readonly datetime: string;
  /** "UTC-05:00", or "local time" without an offset. */
  readonly offset: string;
}

/** `2023-01-10 12:54:40-05:00` -> "12:54 PM ET"; undefined for anything that is not a time. */
export function writtenTime(value: string): WrittenTime | undefined {
  const match = LOCAL_TIME.exec(value);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds = '00', zone] = match;
  const hour = Number(hours);
  if (hour > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const clock = `${hour % 12 || 12}:${minutes} ${hour < 12 ? 'AM' : 'PM'}`;
  const utcOffset = zone === undefined ? undefined : zone === 'Z' || zone === '+00:00' ? 'UTC' : `UTC${zone}`;
  const zoneLabel = zone !== undefined && EASTERN_OFFSETS.has(zone) ? 'ET' : utcOffset;
  return {
    text: zoneLabel ? `${clock} ${zoneLabel}` : clock,
    datetime: `${day}T${hours}:${minutes}:${seconds}${zone ?? ''}`,
    offset: utcOffset ?? 'local time',
  };
}

function sourceHtml(source: FieldText | undefined): string | undefined {
  if (!source) return undefined;
  const url = escapeHtml(source.text);
  const shown = WEB_URL.test(source.text) ? `<a href="${url}" rel="noreferrer">${url}</a>` : `<span>${url}</span>`;
  return `<p class="source" data-line="${source.line}">Source: ${shown}</p>\n`;
}

// ---------------------------------------------------------------------------------------------
// The body

function createMarkdown(): Markdown {
  const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  // Every destination parses as a link, so that an unsafe one still shows its text: keepSafeLinks then decides.
  markdown.validateLink = () => true;
  markdown.renderer.rules.end_mark = (tokens, index, _options, _env, renderer) => `<div${renderer.renderAttrs(tokens[index])}>###</div>\n`;
  markdown.renderer.rules.remote_image = (tokens, index, _options, _env, renderer) =>
    `<span class="remote-image"${renderer.renderAttrs(tokens[index])}>${escapeHtml(tokens[index].content)}</span>`;
  return markdown;
}

function renderBody(markdown: Markdown, body: string, bodyLine: number, options: RenderOptions): string {
  const env = {};
  const tokens = markdown.parse(blankFirstLine(body), env);
  markEndMark(tokens);
  keepSafeLinks(tokens, options);
  addSourceLines(tokens, bodyLine);
  return markdown.renderer.render(tokens, markdown.options, env);
}

function cutNote(document: PreviewDocument): string {
  const { cut } = document;
  if (!cut) return '';
  const count = (n: number) => n.toLocaleString('en-US');
  return `<p class="preview-cut" data-line="${cut.line}">The rest of the body, from line ${count(cut.line + 1)} on (${count(cut.rest)} more characters), is not shown in the preview.</p>\n`;
}

/** Pandoc starts the body with a line holding one (no-break) space: it stands for nothing. */
function blankFirstLine(body: string): string {
  return body.replace(/^[ \t\u00A0]+(?=\r?\n|$)/, '');
}

/**
 * The body's last block, `\###` (pandoc's escape for the press release's `###`) or a bare `###`
 * (an empty heading to Markdown), becomes the end mark.
 */
function markEndMark(tokens: Token[]): void {
  const at = tokens.length - 3;
  const [open, inline] = [tokens[at], tokens[at + 1]];
  if (!open || open.level !== 0) return;
  const escaped = open.type === 'paragraph_open' && inline.content === '\\###';
  const emptyHeading = open.type === 'heading_open' && open.tag === 'h3' && inline.content === '';
  if (!escaped && !emptyHeading) return;
  open.type = 'end_mark';
  open.tag = 'div';
  open.nesting = 0;
  open.attrs = [['class', 'end-mark']];
  tokens.splice(at + 1, 2);
}

/**
 * Links keep only http(s), mailto and #fragment targets, images only data images and, when remote
 * images are allowed, https ones; a remote image not allowed shows as a placeholder with its
 * description, any other as its description.
 */
function keepSafeLinks(tokens: readonly Token[], options: RenderOptions): void {
  for (const block of tokens) {
    if (block.children) keepSafeInlineLinks(block.children, options);
  }
}

function keepSafeInlineLinks(children: readonly Token[], options: RenderOptions): void {
  // Links do not nest, so a closing token belongs to the last opening one.
  let linkRemoved = false;
  for (const token of children) {
    if (token.type === 'link_open') {
      linkRemoved = !SAFE_HREF.test(String(token.attrGet('href') ?? ''));
      if (linkRemoved) {
        token.tag = 'span';
        token.attrs = [['class', 'link-removed']];
      } else {
        token.attrSet('rel', 'noreferrer');
      }
    } else if (token.type === 'link_close' && linkRemoved) {
      token.tag = 'span';
    } else if (token.type === 'image') {
      const source = String(token.attrGet('src') ?? '');
      const remote = REMOTE_IMAGE_SOURCE.test(source);
      if (DATA_IMAGE_SOURCE.test(source) || (remote && options.remoteImages)) continue;
      token.type = remote ? 'remote_image' : 'text';
      token.content = plainText(token.children ?? []);
      token.attrs = remote ? [['title', `An image from ${source}, not loaded: the setting readout.preview.loadRemoteImages loads images from the web.`]] : null;
      token.children = null;
    }
  }
}

/** What an image's description says, without its markup (as a browser shows a missing image's alt). */
function plainText(tokens: readonly Token[]): string {
  return tokens.map((token) => {
    if (token.type === 'softbreak' || token.type === 'hardbreak') return ' ';
    return token.children ? plainText(token.children) : token.content;
  }).join('');
}

/** Each block's first line in the whole document, for scroll sync both ways. */
function addSourceLines(tokens: readonly Token[], bodyLine: number): void {
  for (const token of tokens) {
    if (token.map && token.nesting !== -1 && token.type !== 'inline') token.attrSet('data-line', token.map[0] + bodyLine);
  }
}

// ---------------------------------------------------------------------------------------------
// The banner and the page

function problemsHtml(problems: readonly PreviewProblem[]): string {
  if (problems.length === 0) return '';
  const items = problems.map((problem) => `<li><button type="button" class="problem ${problem.severity}" data-line="${problem.line}" data-character="${problem.character}" data-code="${escapeHtml(problem.code)}">`
    + `<span class="problem-where">Line ${problem.line + 1}, column ${problem.character + 1}:</span> <span class="problem-message">${escapeHtml(problem.message)}</span> <code class="problem-code">${escapeHtml(problem.code)}</code></button></li>\n`);
  const summary = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in this readout`;
  return `<section class="problems" aria-label="Problems">\n<p class="problems-summary">${summary}</p>\n<ul>\n${items.join('')}</ul>\n</section>\n`;
}

function pageHtml(preview: RenderedPreview, options: RenderOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pagePolicy(options)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(preview.title ?? 'Readout')}</title>
<style>
${PREVIEW_STYLESHEET}</style>
</head>
<body>
${preview.html}</body>
</html>
`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}
