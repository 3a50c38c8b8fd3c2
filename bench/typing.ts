// What a person typing in a large archive waits for, measured over stdio with the archive indexed:
// a title typed letter by letter (a completion asked every third letter, as the editor asks while
// the list is incomplete), the first title completion after the scan, workspace symbol queries
// typed letter by letter, and tags completion.
import * as path from 'node:path';
import type { GeneratedReadout } from '../test/corpus';
import { fileUri, type LspClient } from '../test/protocol/lspClient';
import { percentiles, sample, type Percentiles } from './stats';

export interface TypingLatency {
  /** The first title completion once the scan has ended, before any other request. */
  readonly first_title_ms: number;
  readonly title: Percentiles & { readonly requests: number; readonly titles: readonly string[] };
  readonly tags: Percentiles;
  readonly symbols: Percentiles & { readonly requests: number; readonly queries: readonly string[] };
}

/** Openings many of the archive's titles share: a title starting with each is typed. */
const TYPED_OPENINGS = [
  'Readout of President Joe Biden’s Call with Prime Minister',
  'Statement from President Joe Biden on',
  'FACT SHEET: President Biden',
  'Remarks by President Biden at',
  'A Proclamation on',
];

/** Single words, names (accents typed and not), two words. */
export const SYMBOL_QUERIES = ['kishida', 'proclamation', 'Erdoğan', 'erdogan', 'Støre', 'Lula da Silva', 'call with', 'fact sheet', 'nominations sent', 'Zelenskyy'];

const HEAD = "---\ndate: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: statements-releases\ntitle: ";
const TITLE_LINE = 4;

/** A title as a person types it: plain apostrophes and spaces. */
function asTyped(title: string): string {
  return title.replace(/[’‘]/g, "'").replace(/\u00a0/g, ' ').trimEnd();
}

/** The longest title of the corpus starting with each opening (no-break spaces read as spaces). */
export function typedTitles(readouts: readonly GeneratedReadout[]): string[] {
  return TYPED_OPENINGS.map((opening) => {
    const starting = readouts.map((readout) => readout.title).filter((title) => title.replace(/\u00a0/g, ' ').startsWith(opening));
    if (starting.length === 0) throw new Error(`no title of the corpus starts with "${opening}"`);
    return asTyped(starting.reduce((a, b) => (b.length > a.length ? b : a)));
  });
}

/** A new readout in `folder` whose title is `typed` so far. */
function withTitle(typed: string): string {
  return `${HEAD}${typed}\n---\n`;
}

/** Measures on a client whose scan has just ended: nothing may have been asked before. */
export async function measureTyping(client: LspClient, folder: string, titles: readonly string[]): Promise<TypingLatency> {
  const uri = fileUri(path.join(folder, 'bench-typing.md'));
  let version = client.open(uri, withTitle('Readout of'), 'markdown');
  const firstStart = process.hrtime.bigint();
  const first = await client.completion(uri, { line: TITLE_LINE, character: 'title: Readout of'.length });
  const firstTitleMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
  if (!first || first.items.length === 0) throw new Error('no title offered for "Readout of"');
  await client.nextDiagnostics(uri, version);

  const titleSamples: number[] = [];
  for (const title of titles) {
    for (let typed = 1; typed <= title.length; typed++) {
      version = client.change(uri, withTitle(title.slice(0, typed)));
      if (typed % 3 !== 0) continue;
      const start = process.hrtime.bigint();
      await client.completion(uri, { line: TITLE_LINE, character: 'title: '.length + typed });
      titleSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  await client.nextDiagnostics(uri, version);

  const tagsText = HEAD.replace('tags: statements-releases', 'tags: ');
  version = client.change(uri, withTitle('').replace(HEAD, tagsText));
  await client.nextDiagnostics(uri, version);
  const tags = await sample(200, 20, async () => { await client.completion(uri, { line: 3, character: 'tags: '.length }); });
  client.close(uri);

  const symbolSamples: number[] = [];
  for (const query of SYMBOL_QUERIES) {
    for (let typed = 2; typed <= query.length; typed++) {
      const start = process.hrtime.bigint();
      await client.workspaceSymbols(query.slice(0, typed));
      symbolSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  return {
    first_title_ms: firstTitleMs,
    title: { ...percentiles(sorted(titleSamples)), requests: titleSamples.length, titles },
    tags: percentiles(tags),
    symbols: { ...percentiles(sorted(symbolSamples)), requests: symbolSamples.length, queries: SYMBOL_QUERIES },
  };
}
