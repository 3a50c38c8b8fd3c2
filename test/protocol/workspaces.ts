// Temporary workspace folders on disk, and readouts written into them as the archive writes them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILTIN_URL_TEMPLATES, deriveUrl } from '../../server/src/core/urlTemplates';
import { writeField } from '../../server/src/core/yamlWriter';
import { fileUri } from './lspClient';

export interface ReadoutFields {
  readonly title: string;
  /** `yyyy-mm-dd`. */
  readonly date: string;
  /** The time of day and offset written after the date in published_time; by default noon Eastern standard time. */
  readonly time?: string;
  /** One tag, or a list; the first is the URL's category. By default 'statements-releases'. */
  readonly tags?: string | readonly string[];
  /** By default the URL the tags, date and title give. */
  readonly sourceUrl?: string;
  readonly body?: string;
}

/** The URL the archive gives a readout: category, date and the title's slug, in the form of its date. */
export function urlFor(fields: Pick<ReadoutFields, 'title' | 'date' | 'tags'>): string {
  const tags = fields.tags ?? 'statements-releases';
  const category = typeof tags === 'string' ? tags : tags[0];
  return deriveUrl(BUILTIN_URL_TEMPLATES, category, fields.date, fields.title)!;
}

/** A readout as PyYAML writes its front matter (keys sorted, `date` quoted, escapes, folding), so valid and clean. */
export function readoutText(fields: ReadoutFields): string {
  const tags = fields.tags ?? 'statements-releases';
  return '---\n'
    + writeField('date', fields.date)
    + `published_time: ${fields.date} ${fields.time ?? '12:00:00-05:00'}\n`
    + `source_url: ${fields.sourceUrl ?? urlFor(fields)}\n`
    + writeField('tags', tags)
    + writeField('title', fields.title)
    + `---\n \n${fields.body ?? 'The President spoke today.'}\n\n\\###\n`;
}

/** A temporary folder, removed by `remove`, with helpers to write files into it by relative path. */
export class TempWorkspace {
  readonly folder: string;

  constructor(prefix = 'readout-workspace-') {
    this.folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  path(relative: string): string {
    return path.join(this.folder, ...relative.split('/'));
  }

  uri(relative: string): string {
    return fileUri(this.path(relative));
  }

  /** Writes a file (its folders created as needed) and returns its absolute path. */
  write(relative: string, text: string): string {
    const file = this.path(relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** The line and columns of `source_url`'s value in a readout's text (LF or CRLF, with or without a BOM before it). */
export function sourceUrlRange(text: string) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const line = lines.findIndex((candidate) => candidate.startsWith('source_url: '));
  if (line < 0) throw new Error('the text has no source_url line');
  return { start: { line, character: 'source_url: '.length }, end: { line, character: lines[line].length } };
}
