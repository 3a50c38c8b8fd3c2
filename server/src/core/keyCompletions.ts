// Completion of the keys a readout may have, from the schema.
import { escapeSnippet } from './snippets';
import type { Completion, CompletionContext, CompletionList } from './completion';
import { type KeySite, PARTIAL_KEY, type Region, fieldValues } from './completionSite';
import { valueWriter, writeOptionsAround } from './completionText';
import { derivedValue, documentation, placeholder, sortKey } from './valueCompletions';

export function keyCompletions(region: Region, site: KeySite, context: CompletionContext): CompletionList {
  const { schema } = context;
  const present = new Set(region.chunks.map((chunk) => chunk.key));
  const values = fieldValues(region, site.chunk);
  const missing = schema.keys.filter((key) => !present.has(key) && PARTIAL_KEY.test(key));
  const ordered = [...missing.filter((key) => schema.required.includes(key)), ...missing.filter((key) => !schema.required.includes(key))];
  const options = writeOptionsAround(region, site.replace);
  const items = ordered.map((key, position): Completion => {
    const property = schema.property(key);
    const derived = derivedValue(key, values, context, valueWriter(region, key, undefined, options), undefined);
    const value = derived ? { text: derived.written, snippet: derived.snippet ?? escapeSnippet(derived.written) } : { text: '', snippet: placeholder(schema, key) };
    const required = schema.required.includes(key) ? 'required' : 'optional';
    return {
      label: key,
      kind: 'field',
      detail: derived ? `${required}, ${derived.detail}` : required,
      ...documentation(property),
      edit: { span: site.replace, newText: `${key}: ${value.text}`, snippet: `${key}: ${value.snippet}` },
      sortText: sortKey(position),
    };
  });
  return { items, isIncomplete: false };
}

