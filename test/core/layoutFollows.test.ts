// `entryFollowsLayout` (what the index asks of every readout it links) against a plain reference:
// the URI split and decoded segment by segment, the URL taken apart by `matchUrl`, the path compared
// by `layoutMismatch`. Both must agree on generated readouts and on URIs and fields made to be awkward.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { ARCHIVE_LAYOUT, BUILTIN_LAYOUT, layoutDepth, layoutMismatch, parseLayout, type Layout } from '../../server/src/core/layout';
import { entryFollowsLayout } from '../../server/src/core/layoutRule';
import { quickEntry } from '../../server/src/core/quickEntry';
import type { IndexedValue, ReadoutEntry } from '../../server/src/core/readoutEntry';
import { BUILTIN_URL_TEMPLATES, matchUrl, parseUrlTemplates, type UrlTemplate } from '../../server/src/core/urlTemplates';
import { generateCorpus } from '../corpus';

function reference(entry: ReadoutEntry, layout: Layout, urls: readonly UrlTemplate[]): boolean {
  const depth = layoutDepth(layout);
  if (!entry.uri.startsWith('file:')) return false;
  const query = entry.uri.search(/[?#]/);
  const parts = (query === -1 ? entry.uri : entry.uri.slice(0, query)).split('/');
  if (parts.length < depth + 4) return false;
  let segments: string[];
  try {
    segments = parts.slice(-depth).map((segment) => decodeURIComponent(segment));
  } catch {
    return false;
  }
  const name = segments[segments.length - 1];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  const date = entry.date?.value;
  const url = entry.sourceUrl?.value;
  if (date === undefined || url === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const matched = matchUrl(url, urls);
  const slug = matched?.values.get('slug')?.value;
  const urlCategory = matched?.values.get('category')?.value;
  const tags = entry.tags.map((tag) => tag.value);
  const category = urlCategory !== undefined && tags.includes(urlCategory) ? urlCategory : tags[0];
  return slug !== undefined && category !== undefined && layoutMismatch(layout, segments, { category, date, slug, ext }) === undefined;
}

const value = (text: string): IndexedValue => ({ value: text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } } });

function entry(uri: string, fields: { date?: string; url?: string; tags?: readonly string[] }): ReadoutEntry {
  return {
    uri,
    title: value('A title'),
    tags: (fields.tags ?? []).map(value),
    sourceUrl: fields.url === undefined ? undefined : value(fields.url),
    date: fields.date === undefined ? undefined : value(fields.date),
    publishedTime: undefined,
  };
}

function assertAgree(entries: readonly ReadoutEntry[], layout: Layout, urls: readonly UrlTemplate[]): void {
  for (const one of entries) {
    assert.equal(entryFollowsLayout(one, layout, urls), reference(one, layout, urls), `${one.uri} ${one.sourceUrl?.value} ${one.date?.value} [${one.tags.map((tag) => tag.value)}]`);
  }
}

describe('entryFollowsLayout agrees with the reference', () => {
  test('on 5,000 generated readouts, in place and moved about', () => {
    const corpus = generateCorpus({ count: 5_000, seed: 7 });
    const entries = corpus.flatMap((readout, at) => {
      const text = readout.text.replace(/^\uFEFF/, '');
      // Every third file somewhere else: another category, month or name.
      const moved = [`${readout.category}/${readout.relativePath}`, readout.relativePath.replace(/\/\d{4}-/, '/1999-'), readout.relativePath.replace(/\.(md|txt)$/, '')][at % 3];
      const own = quickEntry(URI.file(`/home/archivist/archive/${readout.relativePath}`).toString(), text);
      const elsewhere = quickEntry(URI.file(`/home/archivist/archive/${moved}`).toString(), text);
      return [own, elsewhere].filter((one): one is ReadoutEntry => one !== undefined);
    });
    assert.ok(entries.length >= 9_000);
    assertAgree(entries, ARCHIVE_LAYOUT, BUILTIN_URL_TEMPLATES);
    assert.ok(entries.filter((one) => entryFollowsLayout(one, ARCHIVE_LAYOUT, BUILTIN_URL_TEMPLATES)).length >= 5_000);
  });

  test('on URIs and fields made to be awkward, under several layouts and URL forms', () => {
    const url = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/caf%C3%A9-talks/';
    const fields = { date: '2023-01-10', url, tags: ['statements-releases'] };
    const uris = [
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%25C3%25A9-talks.md',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3-talks.md',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%2Fx.md',
      'file:///a/statements-releases/2023-01%2F2023-01-10-caf%C3%A9-talks.md',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md?x=1#y',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md#y?x',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.txt',
      'file:///a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks',
      'file:///a/statements-releases/2023-01/.md',
      'file:///a/statements-releases/2023-01/',
      'file:///statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md',
      'file://host/a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md',
      'file:statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md',
      'untitled:/a/statements-releases/2023-01/2023-01-10-caf%C3%A9-talks.md',
      'file:///a/b/c/d/e',
      'file:///',
      'file:',
    ];
    const variants = [
      fields,
      { ...fields, tags: ['other', 'statements-releases'] },
      { ...fields, tags: ['other'] },
      { ...fields, tags: [] },
      { ...fields, date: '2023-1-10' },
      { ...fields, date: undefined },
      { ...fields, url: undefined },
      { ...fields, url: 'https://www.whitehouse.gov/statements-releases/2023/01/caf%C3%A9-talks/' },
      { ...fields, url: 'https://example.com/not-a-form/' },
      { ...fields, url: `${url}?utm=1` },
    ];
    const entries = uris.flatMap((uri) => variants.map((one) => entry(uri, one)));
    const urls = parseUrlTemplates(['https://example.com/{slug}', 'https://www.whitehouse.gov/{category}/{yyyy}/{mm}/{slug}/']);
    if ('error' in urls) throw new Error(urls.error);
    for (const template of [BUILTIN_LAYOUT, '{slug}.{ext}', '{category}/{yyyy}/{mm}/{dd}/{slug}.{ext}', 'x/{date}-{slug}.md']) {
      const parsed = parseLayout(template);
      if ('error' in parsed) throw new Error(parsed.error);
      const layout = parsed.layout;
      assertAgree(entries, layout, BUILTIN_URL_TEMPLATES);
      assertAgree(entries, layout, urls.templates);
    }
    assert.ok(entries.some((one) => entryFollowsLayout(one, ARCHIVE_LAYOUT, BUILTIN_URL_TEMPLATES)));
  });
});
