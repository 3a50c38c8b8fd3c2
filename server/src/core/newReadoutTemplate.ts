import schemaJson from '../../../schemas/readout.schema.json';
import type { EasternClock } from './easternTime';
import { escapeChoice, escapeSnippet } from './snippets';

export interface NewReadoutTemplate {
  /** An LSP snippet: tab stops through the values to fill in. */
  readonly snippet: string;
  /** The snippet with every placeholder at its default: what is left if nothing is filled in. */
  readonly text: string;
}

/** Literal text, or a tab stop with its default (a choice's is its first option). */
type Part = string | { readonly stop: number; readonly text: string } | { readonly stop: number; readonly choices: readonly string[] };

function asSnippet(part: Part): string {
  if (typeof part === 'string') return escapeSnippet(part);
  if ('choices' in part) return `\${${part.stop}|${part.choices.map(escapeChoice).join(',')}|}`;
  return part.text === '' ? `$${part.stop}` : `\${${part.stop}:${escapeSnippet(part.text)}}`;
}

function asText(part: Part): string {
  if (typeof part === 'string') return part;
  return 'choices' in part ? part.choices[0] : part.text;
}

/**
 * A new readout as the archive writes one: keys in alphabetical order, `date` and the time now on
 * the US Eastern clock, the body's opening line of one space and its end mark. The time and the
 * tag have real defaults (now, and a choice of the schema's tags); the URL and the title are left
 * empty, so that a template nobody filled in fails the check. The tab stops go through the time,
 * the tag and the title, then the URL, which completion derives from those three.
 */
export function newReadoutTemplate(clock: EasternClock): NewReadoutTemplate {
  const lines: Part[][] = [
    ['---'],
    [`date: '${clock.day}'`],
    [`published_time: ${clock.day} `, { stop: 1, text: clock.time }, clock.offset],
    ['source_url: ', { stop: 4, text: '' }],
    ['tags: ', { stop: 2, choices: schemaJson.definitions.tag.enum }],
    // Double quotes, as the archive writes titles: a title with `: ` in it needs them.
    ['title: "', { stop: 3, text: '' }, '"'],
    ['---'],
    [' '],
    [{ stop: 0, text: '' }],
    [''],
    ['\\###'],
    [''],
  ];
  return {
    snippet: lines.map((line) => line.map(asSnippet).join('')).join('\n'),
    text: lines.map((line) => line.map(asText).join('')).join('\n'),
  };
}
