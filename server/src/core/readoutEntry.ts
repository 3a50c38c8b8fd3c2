import { isSeq, isScalar } from 'yaml';
import { field, type ParsedReadout } from './frontMatter';
import { createLineIndex, type LineRange } from './lineIndex';
import type { Span } from './types';

/** A front-matter value kept by the workspace index, with where it is written. */
export interface IndexedValue {
  readonly value: string;
  readonly range: LineRange;
}

/** What the workspace index keeps of one readout: only what features need. */
export interface ReadoutEntry {
  readonly uri: string;
  readonly title: IndexedValue | undefined;
  readonly tags: readonly IndexedValue[];
  readonly sourceUrl: IndexedValue | undefined;
  readonly date: IndexedValue | undefined;
  readonly publishedTime: IndexedValue | undefined;
  /**
   * Whether the readout sits where the archive's layout puts it (WorkspaceIndex.classifyLayout),
   * when a host kept that from a session of the same URL forms (the saved index): the index counts
   * it instead of working it out again, which took 0.5 s of a warm start's restore (2.5 µs each),
   * until another classifier is set (WorkspaceIndex.add).
   */
  readonly followsLayout?: boolean;
  /**
   * The uriKey of its source_url's text, when a host kept it (the saved index): the index links the
   * readouts sharing a URL by it without making 200,000 URLs strings at a warm start.
   */
  readonly sourceUrlKey?: number;
}

/** The index entry of a parsed readout; values that are not text are left out. */
export function readoutEntry(uri: string, readout: ParsedReadout): ReadoutEntry {
  const data = (readout.data ?? {}) as Record<string, unknown>;
  const position = createLineIndex(readout.block ? readout.text.slice(0, readout.block.content.end) : '');
  const at = (value: unknown, span: Span | undefined): IndexedValue | undefined =>
    typeof value === 'string' && span ? { value, range: { start: position(span.start), end: position(span.end) } } : undefined;
  const value = (name: string) => at(data[name], field(readout, name)?.value);

  const tagsField = field(readout, 'tags');
  const tagNodes = isSeq(tagsField?.valueNode) ? tagsField.valueNode.items : [tagsField?.valueNode];
  const tags = tagNodes.flatMap((node) => {
    if (!isScalar(node) || !node.range) return [];
    const tag = at(node.value, { start: node.range[0] + readout.yamlOffset, end: node.range[1] + readout.yamlOffset });
    return tag ? [tag] : [];
  });
  return { uri, title: value('title'), tags, sourceUrl: value('source_url'), date: value('date'), publishedTime: value('published_time') };
}
