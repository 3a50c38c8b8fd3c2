import { insertField, insertPlaceholder, renameKey, removeField, removeItem, replaceAt } from './edits';
import { field, keyAtPath, nodeSpan, type ParsedReadout } from './frontMatter';
import type { ReadoutSchema } from './schema';
import type { SchemaProblem } from './schemaDiagnostics';
import { titleFromSlug } from './slug';
import { escapeChoice } from './snippets';
import type { Fix } from './types';
import { matchUrl, type UrlTemplate } from './urlTemplates';
import { dayOfPublishedTime, derivedSourceUrl } from './derivedValues';

/** The published record: fixes that write these are offered one at a time, never applied in bulk. */
const RECORD_FIELDS: ReadonlySet<string> = new Set(['title', 'source_url']);

function stringAt(readout: ParsedReadout, name: string, flawed: ReadonlySet<string>): string | undefined {
  const value = (readout.data as Record<string, unknown> | undefined)?.[name];
  return !flawed.has(name) && typeof value === 'string' ? value : undefined;
}

/** A value for a missing field that the other fields determine, if they do (derivedValues.ts, as completion derives it). */
function derivedValue(readout: ParsedReadout, name: string, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): string | undefined {
  // A field with a problem of its own determines nothing.
  const values = new Map(Object.entries((readout.data ?? {}) as Record<string, unknown>).filter(([field]) => !flawed.has(field)));
  switch (name) {
    case 'date':
      return dayOfPublishedTime(values.get('published_time'));
    case 'source_url':
      return flawed.has('tags') ? undefined : derivedSourceUrl(values, urls);
    default:
      return undefined;
  }
}

/**
 * What stands for a value nobody can derive, as text, as a snippet body, and as the value the text
 * reads as: empty, with the schema's choices in the snippet. A sample value would pass the check or
 * contradict the other fields; empty, the field is reported until it is filled in. A title goes in
 * double quotes, as the archive writes titles (one with `: ` in it needs them).
 */
function placeholder(schema: ReadoutSchema, name: string): { text: string; snippet: string; value: string | null } {
  const property = schema.property(name);
  const items = property?.items && typeof property.items === 'object' ? schema.resolve(property.items) : undefined;
  const choices = (property?.enum ?? items?.enum) as unknown[] | undefined;
  if (Array.isArray(choices) && choices.length > 0) return { text: '', snippet: `\${1|${choices.map((choice) => escapeChoice(String(choice))).join(',')}|}`, value: null };
  return name === 'title' ? { text: '""', snippet: '"$1"', value: '' } : { text: '', snippet: '$1', value: null };
}

/** The title spelled out from source_url's slug, when the URL is sound and follows a form with a slug. */
function titleFromUrl(readout: ParsedReadout, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): string | undefined {
  const url = stringAt(readout, 'source_url', flawed);
  const slug = url === undefined ? undefined : matchUrl(url, urls)?.values.get('slug')?.value;
  return slug ? titleFromSlug(slug) : undefined;
}

/** Removes the repeat of a list item. */
function removeRepeatedItem(readout: ParsedReadout, path: readonly (string | number)[]): Fix[] {
  const edit = removeItem(readout, path);
  return edit ? [{ title: 'Remove the repeated item', edits: [edit], changes: [{ path, removed: true }], safe: true, isPreferred: true }] : [];
}

/** The inserted field as a fix's title names it: `date: '2023-01-10'`, whatever the mapping's layout. */
function added(newText: string): string {
  return newText.trim().replace(/^,\s*|,$/g, '');
}

/** The quick fixes for one schema problem. */
export function schemaFixes(readout: ParsedReadout, problem: SchemaProblem, schema: ReadoutSchema, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): Fix[] {
  const { path } = problem;
  const top = String(path[0] ?? '');
  switch (problem.keyword) {
    case 'required':
    case 'dependentRequired':
    case 'dependencies': {
      if (path.length !== 1) return [];
      const derived = derivedValue(readout, top, flawed, urls);
      const changes = (value: unknown) => [{ path: [top], value }];
      if (derived !== undefined) {
        const edit = insertField(readout, top, derived);
        return [{ title: `Add ${added(edit.newText)}`, edits: [edit], changes: changes(derived), safe: !RECORD_FIELDS.has(top), isPreferred: true }];
      }
      const spelled = top === 'title' ? titleFromUrl(readout, flawed, urls) : undefined;
      if (spelled !== undefined) {
        // A guess (the slug dropped the apostrophes and capitals), inserted selected so that it is easy to correct.
        const edit = insertField(readout, top, spelled, true);
        return [{ title: `Add ${added(edit.newText)}`, edits: [edit], changes: changes(spelled), safe: false, isPreferred: true }];
      }
      const empty = placeholder(schema, top);
      return [{ title: `Add the '${top}' field`, edits: [insertPlaceholder(readout, top, empty)], changes: changes(empty.value), safe: false, isPreferred: true }];
    }
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'propertyNames': {
      const key = nodeSpan(readout, keyAtPath(readout, path));
      const target = field(readout, top);
      const fixes: Fix[] = [];
      if (key && problem.suggestion && path.length === 1) {
        const value = (readout.data as Record<string, unknown> | undefined)?.[top];
        const changes = [{ path: [top], removed: true as const }, { path: [problem.suggestion], value }];
        fixes.push({ title: `Rename to '${problem.suggestion}'`, edits: [renameKey(readout, key, problem.suggestion)], changes, safe: true, isPreferred: true });
      }
      if (target && path.length === 1) fixes.push({ title: `Remove the field '${top}'`, edits: [removeField(readout, target)], changes: [{ path, removed: true }], safe: false });
      return fixes;
    }
    case 'enum': {
      const choices = problem.suggestion ? [problem.suggestion, ...(problem.allowed ?? []).filter((value) => value !== problem.suggestion)] : problem.allowed ?? [];
      return choices.flatMap((value, index) => {
        const edit = replaceAt(readout, path, value);
        const likely = index === 0 && problem.suggestion !== undefined;
        return edit ? [{ title: `Replace with '${value}'`, edits: [edit], changes: [{ path, value }], safe: likely && !RECORD_FIELDS.has(top), isPreferred: likely }] : [];
      });
    }
    case 'uniqueItems':
      return problem.item === undefined ? [] : removeRepeatedItem(readout, [...path, problem.item]);
    default:
      return [];
  }
}

