import type { Span } from './types';

/** The parts of a briefing-room URL, each with its span inside the URL string. */
export interface SourceUrlParts {
  readonly category: string;
  readonly categorySpan: Span;
  /** `yyyy-mm-dd`, from the `/yyyy/mm/dd/` segments. */
  readonly date: string;
  readonly dateSpan: Span;
  readonly slug: string;
  readonly slugSpan: Span;
}

const BRIEFING_ROOM = /^https?:\/\/[^/]+\/briefing-room\/([^/?#]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([^/?#]+)\/?(?:[?#].*)?$/;

/** Splits `https://<host>/briefing-room/<category>/<yyyy>/<mm>/<dd>/<slug>/`; undefined for any other shape. */
export function parseSourceUrl(url: string): SourceUrlParts | undefined {
  const match = BRIEFING_ROOM.exec(url);
  if (!match) return undefined;
  const [, category, year, month, day, slug] = match;
  const categoryStart = url.indexOf('/briefing-room/') + '/briefing-room/'.length;
  const dateStart = categoryStart + category.length + 1;
  const dateEnd = dateStart + 10;
  const slugStart = dateEnd + 1;
  return {
    category,
    categorySpan: { start: categoryStart, end: categoryStart + category.length },
    date: `${year}-${month}-${day}`,
    dateSpan: { start: dateStart, end: dateEnd },
    slug,
    slugSpan: { start: slugStart, end: slugStart + slug.length },
  };
}

/** The briefing-room URL that tags, date and title call for. */
export function deriveSourceUrl(host: string, category: string, date: string, slug: string): string {
  return `https://${host}/briefing-room/${category}/${date.replace(/-/g, '/')}/${slug}/`;
}

export const ARCHIVE_HOST = 'bidenwhitehouse.archives.gov';
