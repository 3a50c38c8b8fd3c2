// The values a readout's other fields determine, derived one way for completion (which offers them)
// and for the fixes (which insert a missing one): the day of published_time, and the source_url
// that tags, the date and the title give.
import { deriveUrl, type UrlTemplate } from './urlTemplates';

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `value` when it is a `YYYY-MM-DD` day that exists. */
export function calendarDay(value: unknown): string | undefined {
  const match = typeof value === 'string' ? CALENDAR_DAY.exec(value) : null;
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value as string : undefined;
}

/** The day of a published_time as written, in its own time zone. */
export function dayOfPublishedTime(published: unknown): string | undefined {
  return typeof published === 'string' ? calendarDay(published.slice(0, 10)) : undefined;
}

/** The source_url of the form in force on the readout's day: its category (the first tag), its day (date, or published_time's), its title's slug. */
export function derivedSourceUrl(values: ReadonlyMap<string, unknown>, urls: readonly UrlTemplate[]): string | undefined {
  const tags = values.get('tags');
  const category = Array.isArray(tags) ? tags[0] : tags;
  const day = calendarDay(values.get('date')) ?? dayOfPublishedTime(values.get('published_time'));
  const title = values.get('title');
  if (!day || typeof title !== 'string') return undefined;
  return deriveUrl(urls, typeof category === 'string' ? category : undefined, day, title);
}
