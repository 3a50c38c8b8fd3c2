import { canonicalLevels, type RuleLevels } from './catalog';
import { readoutCompletions, type CompletionList } from './completion';
import { createCompletionMemo } from './titleCatalog';
import { readoutDiagnostics, readReadout } from './diagnostics';
import { createFixCheck } from './fixCheck';
import { fixAll, roundFixes, together } from './fixAll';
import type { ParsedReadout } from './frontMatter';
import { readoutHover, type Hover } from './hover';
import { readoutEntry, type ReadoutEntry } from './readoutEntry';
import type { ReadoutSchema } from './schema';
import { createPreviewRenderer, type RenderedPreview, type RenderOptions } from './preview';
import { documentSymbols, type DocumentSymbol } from './outline';
import { createSymbolSearch, type WorkspaceSymbol } from './workspaceSymbols';
import { findFrontMatter, firstKey } from './frontMatter';
import type { Diagnostic, Fix, Span, TextEdit } from './types';
import { ARCHIVE_LAYOUT, layoutApplies, type Layout } from './layout';
import { entryFollowsLayout, type LayoutMode } from './layoutRule';
import { BUILTIN_URL_TEMPLATES, type UrlTemplate } from './urlTemplates';
import { createWorkspaceIndex, type WorkspaceIndex } from './workspaceIndex';

export interface ServiceOptions {
  readonly schema: ReadoutSchema;
  /** Severity overrides per code (`readout.rules`). */
  readonly rules?: RuleLevels;
  /** The forms of source_url (the `urls` setting); the archive's two by default. */
  readonly urls?: readonly UrlTemplate[];
  /** Every readout of the workspace, for the rules and completions that look across files. */
  readonly index?: WorkspaceIndex;
  /**
   * Where a readout's file must be (`path-mismatch`): `auto` (the default) checks the archive's
   * layout when most of the index follows it; `always` checks this layout; `off` never.
   */
  readonly layout?: LayoutMode;
  /** The clock, for values derived from today (tests pass a fixed one). */
  readonly now?: () => Date;
}

/** A document as the host sees it. */
export interface ReadoutInput {
  readonly text: string;
  /** Its URI, by which the workspace index knows it (and does not compare it with itself). */
  readonly uri?: string;
  /** The host's `readout.files` matches its path: any front matter makes it a readout. */
  readonly inReadoutFiles?: boolean;
  /** The host's `readout.exclude` matches its path: it is no readout, whatever it holds. */
  readonly excluded?: boolean;
}

export interface CodeAction {
  readonly diagnostic: Diagnostic;
  readonly fix: Fix;
}

export interface ReadoutService {
  /** Whether the document is a readout at all; other documents get nothing from the service. */
  isReadout(document: ReadoutInput): boolean;
  /** What the workspace index keeps of the document, or undefined when it is not a readout. */
  getEntry(document: ReadoutInput & { readonly uri: string }): ReadoutEntry | undefined;
  /** The document's diagnostics, each safe fix among their fixes checked (fixCheck.ts), the others as made. */
  getDiagnostics(document: ReadoutInput): Diagnostic[];
  getHover(document: ReadoutInput, offset: number): Hover | undefined;
  /** The quick fixes of the diagnostics that touch `range`, each with its diagnostic: those that check out. */
  getCodeActions(document: ReadoutInput, range: Span): CodeAction[];
  /**
   * One edit that applies every safe fix, checked made together with the others of its round, or
   * undefined when there is none. With `only`, the fixes of the diagnostics it keeps (the CLI's
   * `--fix --quiet` keeps the errors).
   */
  getFixAllEdit(document: ReadoutInput, only?: (diagnostic: Diagnostic) => boolean): TextEdit | undefined;
  /** Keys, tags, titles, URLs and dates, inside the front matter only. */
  getCompletions(document: ReadoutInput, offset: number): CompletionList;
  /** The outline: the front matter's fields, then the body's headings. */
  getDocumentSymbols(document: ReadoutInput): DocumentSymbol[];
  /** Readouts of the workspace by title, fuzzy, best first. */
  getWorkspaceSymbols(query: string): WorkspaceSymbol[];
  /** Makes ready what title completion reads from the index (its titles most used first, their openings), for a host to call when a scan ends. */
  prepareWorkspaceSearch(): void;
  /** Makes up to `count` of the titles' signatures the symbol search reads (titleSignature.ts), for a host to call while idle after a scan; how many are left. */
  prepareSymbolSearch(count: number): number;
  /** Makes up to `count` of the titles' slugs that title completion looks source_url's slug up in, for a host to call while idle after a scan; how many are left. */
  prepareSlugLookup(count: number): number;
  /** Takes up to `count` of the readouts indexed since into the lookup of shared source_urls (WorkspaceIndex.linkSourceUrls), for a host to call while idle; how many are left. */
  prepareUrlLookup(count: number): number;
  /** Takes up to `count` of the titles a warm start restored into the lookup by title (TitleTable.mapSome), for a host to call while idle; how many are left. */
  prepareTitleLookup(count: number): number;
  /** The statement as it will be published, with its problems for the banner. */
  getPreview(document: ReadoutInput, options?: RenderOptions): RenderedPreview;
}

/** The editor-agnostic readout service: hosts (the language server, the CLI) pass documents in. */
export function createReadoutService(options: ServiceOptions): ReadoutService {
  const { schema } = options;
  const index = options.index ?? createWorkspaceIndex();
  // A schema keyword named as a code (`enum`, the code before 0.2.0) stands for its plain code.
  const rules = canonicalLevels(options.rules ?? {});
  const now = options.now ?? (() => new Date());
  const urls = options.urls ?? BUILTIN_URL_TEMPLATES;
  const layoutMode = options.layout ?? { mode: 'auto' };
  index.classifyLayout((entry) => entryFollowsLayout(entry, ARCHIVE_LAYOUT, urls));
  /** The layout to check now: in `auto`, the archive's, while at least 90% of the index (20 readouts or more) follows it. */
  const layout = (): Layout | undefined => {
    if (layoutMode.mode !== 'auto') return layoutMode.mode === 'always' ? layoutMode.layout : undefined;
    const { following, readouts } = index.layoutCounts();
    return layoutApplies(following, readouts) ? ARCHIVE_LAYOUT : undefined;
  };
  const completionMemo = createCompletionMemo();
  const symbolSearch = createSymbolSearch(index);
  const renderer = createPreviewRenderer();
  // A host asks several questions of one text in a row (its index entry, then its diagnostics;
  // code actions as the cursor moves): the last parse is kept so the text is parsed once.
  let last: { text: string; inReadoutFiles: boolean; readout: ParsedReadout | undefined } | undefined;
  const read = (document: ReadoutInput): ParsedReadout | undefined => {
    if (document.excluded) return undefined;
    const inReadoutFiles = document.inReadoutFiles ?? false;
    if (last?.text !== document.text || last.inReadoutFiles !== inReadoutFiles) {
      last = { text: document.text, inReadoutFiles, readout: readReadout(document.text, schema, inReadoutFiles) };
    }
    return last.readout;
  };
  const diagnose = (document: ReadoutInput): Diagnostic[] => {
    const readout = read(document);
    if (!readout) return [];
    const workspace = document.uri !== undefined ? { uri: document.uri, index, layout: layout() } : undefined;
    return readoutDiagnostics(readout, schema, rules, urls, workspace);
  };
  return Object.freeze({
    isReadout: (document: ReadoutInput) => read(document) !== undefined,
    getEntry(document: ReadoutInput & { readonly uri: string }) {
      const readout = read(document);
      return readout?.parsed ? readoutEntry(document.uri, readout) : undefined;
    },
    getDiagnostics(document: ReadoutInput) {
      const diagnostics = diagnose(document);
      const readout = read(document);
      if (!readout || !diagnostics.some((diagnostic) => diagnostic.fixes.some((fix) => fix.safe))) return diagnostics;
      // A safe fix may be applied with nobody looking (fix all, --fix): it is reported once it is
      // checked. Those fix all applies first are checked together, one check for them all; the
      // others alone. The fixes that are not safe are checked when they are offered (a misspelt tag has 14).
      const check = createFixCheck(readout, schema.keys);
      const first = roundFixes(diagnostics);
      const held = new Set(first.length > 1 && check(together(first)) ? first : []);
      return diagnostics.map((diagnostic) => ({ ...diagnostic, fixes: diagnostic.fixes.filter((fix) => !fix.safe || held.has(fix) || check(fix)) }));
    },
    getHover(document: ReadoutInput, offset: number) {
      const readout = read(document);
      return readout?.parsed ? readoutHover(readout, schema, urls, offset) : undefined;
    },
    getCodeActions(document: ReadoutInput, range: Span) {
      const touching = diagnose(document).filter((diagnostic) => diagnostic.span.start <= range.end && range.start <= diagnostic.span.end);
      const readout = read(document);
      if (!readout || touching.length === 0) return [];
      const check = createFixCheck(readout, schema.keys);
      return touching.flatMap((diagnostic) => diagnostic.fixes.filter(check).map((fix) => ({ diagnostic, fix })));
    },
    getFixAllEdit(document: ReadoutInput, only?: (diagnostic: Diagnostic) => boolean) {
      // Never an edit to a file that is not a readout, whatever a fix would make of it.
      if (!read(document)) return undefined;
      const diagnoseText = (text: string) => {
        const diagnostics = diagnose({ ...document, text });
        return only ? diagnostics.filter(only) : diagnostics;
      };
      // The text was just diagnosed, so its parse is the one kept.
      const checkerFor = (text: string) => {
        const readout = read({ ...document, text });
        const check = readout && createFixCheck(readout, schema.keys);
        return (fixes: readonly Fix[]) => check !== undefined && check(together(fixes));
      };
      return fixAll(document.text, diagnoseText, checkerFor);
    },
    getCompletions(document: ReadoutInput, offset: number) {
      // A block with no key yet is a readout being started: its first key is what completion offers.
      if (document.excluded) return { items: [], isIncomplete: false };
      const block = findFrontMatter(document.text);
      const starting = block !== undefined && firstKey(document.text, block) === undefined;
      if (!starting && !read(document)) return { items: [], isIncomplete: false };
      return readoutCompletions(document.text, offset, { schema, index, now: now(), urls, memo: completionMemo, uri: document.uri });
    },
    getDocumentSymbols(document: ReadoutInput) {
      const readout = read(document);
      return readout ? documentSymbols(readout) : [];
    },
    getWorkspaceSymbols: (query: string) => symbolSearch.search(query),
    prepareWorkspaceSearch() {
      index.titles().byUse();
      completionMemo.titles(index).openings();
    },
    prepareSymbolSearch: (count: number) => index.titles().signSome(count),
    prepareSlugLookup: (count: number) => index.titles().slugSome(count),
    prepareUrlLookup: (count: number) => index.linkSourceUrls(count),
    prepareTitleLookup: (count: number) => index.titles().mapSome(count),
    getPreview: (document: ReadoutInput, options?: RenderOptions) => renderer.render(document.text, diagnose(document), options),
  });
}
