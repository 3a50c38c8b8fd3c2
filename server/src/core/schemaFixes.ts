import { isScalar, type Node } from 'yaml';
import { insertField, insertPlaceholder, minimalEdit, renameKey, removeField, writeOptions } from './edits';
import { field, keyAtPath, nodeAtPath, nodeSpan, type ParsedReadout } from './frontMatter';
import type { ReadoutSchema } from './schema';
import type { SchemaProblem } from './schemaDiagnostics';
import { titleFromSlug } from './slug';
import { escapeChoice, escapeSnippet } from './snippets';
import { span, type Fix } from './types';
import { deriveUrl, matchUrl, type UrlTemplate } from './urlTemplates';
import { writeValue, writeValueInStyle } from './yamlWriter';

/** The published record: fixes that write these are offered one at a time, never applied in bulk. */
const RECORD_FIELDS: ReadonlySet<string> = new Set(['title', 'source_url']);

function stringAt(readout: ParsedReadout, name: string, flawed: ReadonlySet<string>): string | undefined {
  const value = (readout.data as Record<string, unknown> | undefined)?.[name];
  return !flawed.has(name) && typeof value === 'string' ? value : undefined;
}

/** A value for a missing field that the other fields determine, if they do. */
function derivedValue(readout: ParsedReadout, name: string, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): string | undefined {
  const published = stringAt(readout, 'published_time', flawed);
  const date = stringAt(readout, 'date', flawed) ?? published?.slice(0, 10);
  switch (name) {
    case 'date':
      return published?.slice(0, 10);
    case 'source_url': {
      const tags = (readout.data as Record<string, unknown> | undefined)?.tags;
      const category = typeof tags === 'string' ? tags : Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : undefined;
      const title = stringAt(readout, 'title', flawed);
      if (flawed.has('tags') || !date || !title) return undefined;
      return deriveUrl(urls, category, date, title);
    }
    default:
      return undefined;
  }
}

/**
 * What stands for a value nobody can derive, as text and as a snippet body: empty, with the
 * schema's choices in the snippet. A sample value would pass the check or contradict the other
 * fields; empty, the field is reported until it is filled in. A title goes in double quotes, as
 * the archive writes titles (one with `: ` in it needs them).
 */
function placeholder(schema: ReadoutSchema, name: string): { text: string; snippet: string } {
  const property = schema.property(name);
  const items = property?.items && typeof property.items === 'object' ? schema.resolve(property.items) : undefined;
  const choices = (property?.enum ?? items?.enum) as unknown[] | undefined;
  if (Array.isArray(choices) && choices.length > 0) return { text: '', snippet: `\${1|${choices.map((choice) => escapeChoice(String(choice))).join(',')}|}` };
  return name === 'title' ? { text: '""', snippet: '"$1"' } : { text: '', snippet: '$1' };
}

/** The title spelled out from source_url's slug, when the URL is sound and follows a form with a slug. */
function titleFromUrl(readout: ParsedReadout, flawed: ReadonlySet<string>, urls: readonly UrlTemplate[]): string | undefined {
  const url = stringAt(readout, 'source_url', flawed);
  const slug = url === undefined ? undefined : matchUrl(url, urls)?.values.get('slug')?.value;
  return slug ? titleFromSlug(slug) : undefined;
}

/** Replaces a scalar node (a field value or a list item) with another value, keeping its style. */
function replaceNode(readout: ParsedReadout, node: Node | undefined, key: string, value: string) {
  const target = nodeSpan(readout, node);
  if (!target || !isScalar(node)) return undefined;
  return minimalEdit(readout.text, target, writeValueInStyle(key, value, node.type, writeOptions(readout)));
}

/** Deletes the line of a block-list item (`- value`). */
function removeListItem(readout: ParsedReadout, item: Node | undefined): Fix[] {
  const target = nodeSpan(readout, item);
  if (!target) return [];
  const start = readout.text.lastIndexOf('\n', target.start - 1) + 1;
  if (!/^[ \t]*-[ \t]+$/.test(readout.text.slice(start, target.start))) return [];
  const next = readout.text.indexOf('\n', target.end);
  return [{ title: 'Remove the repeated item', edits: [{ span: span(start, next === -1 ? readout.text.length : next + 1), newText: '' }], safe: true, isPreferred: true }];
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
      if (derived !== undefined) {
        const edit = insertField(readout, top, derived);
        return [{ title: `Add ${edit.newText.trim()}`, edits: [edit], safe: !RECORD_FIELDS.has(top), isPreferred: true }];
      }
      const spelled = top === 'title' ? titleFromUrl(readout, flawed, urls) : undefined;
      if (spelled !== undefined) {
        // A guess (the slug dropped the apostrophes and capitals), inserted selected so that it is easy to correct.
        const edit = insertField(readout, top, spelled, `\${1:${escapeSnippet(writeValue(top, spelled, writeOptions(readout)))}}`);
        return [{ title: `Add ${edit.newText.trim()}`, edits: [edit], safe: false, isPreferred: true }];
      }
      return [{ title: `Add the '${top}' field`, edits: [insertPlaceholder(readout, top, placeholder(schema, top))], safe: false, isPreferred: true }];
    }
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'propertyNames': {
      const key = nodeSpan(readout, keyAtPath(readout, path));
      const target = field(readout, top);
      const fixes: Fix[] = [];
      if (key && problem.suggestion && path.length === 1) {
        fixes.push({ title: `Rename to '${problem.suggestion}'`, edits: [renameKey(readout, key, problem.suggestion)], safe: true, isPreferred: true });
      }
      if (target && path.length === 1) fixes.push({ title: `Remove the field '${top}'`, edits: [removeField(target)], safe: false });
      return fixes;
    }
    case 'enum': {
      const node = nodeAtPath(readout, path);
      // A list item is written like its field's value; only long values fold, and these are short.
      const key = String(path[0] ?? '');
      const choices = problem.suggestion ? [problem.suggestion, ...(problem.allowed ?? []).filter((value) => value !== problem.suggestion)] : problem.allowed ?? [];
      return choices.flatMap((value, index) => {
        const edit = replaceNode(readout, node, key, value);
        const likely = index === 0 && problem.suggestion !== undefined;
        return edit ? [{ title: `Replace with '${value}'`, edits: [edit], safe: likely && !RECORD_FIELDS.has(key), isPreferred: likely }] : [];
      });
    }
    case 'uniqueItems':
      return problem.item === undefined ? [] : removeListItem(readout, nodeAtPath(readout, [...path, problem.item]));
    default:
      return [];
  }
}

