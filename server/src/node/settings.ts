import { isRuleLevel, type RuleLevel } from '../core/catalog';
import { DEFAULT_URL_TEMPLATES, type UrlTemplateSetting } from '../core/urlTemplates';

/** The `readout.*` settings the server reads, normalised; bad values fall back to defaults. */
export interface Settings {
  /** A workspace-relative path to a schema that replaces the built-in one, or '' for none. */
  readonly schema: string;
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /**
   * Globs of workspace-relative paths where any front matter makes a readout, whatever its fields.
   * Elsewhere (everywhere, when empty) a file is a readout when its front matter has a readout field.
   */
  readonly files: readonly string[];
  /** Globs of files that are never readouts, whatever they hold. */
  readonly exclude: readonly string[];
  /** The forms of source_url, as templates (checked when they are parsed, by the host that uses them). */
  readonly urls: readonly UrlTemplateSetting[];
  /** Where each readout's file belongs: `auto`, `off`, or a template such as `{category}/{yyyy}-{mm}/{date}-{slug}.{ext}`. */
  readonly layout: string;
}

export const DEFAULT_SETTINGS: Settings = {
  schema: '',
  rules: {},
  files: [],
  exclude: ['**/node_modules/**', '**/.git/**'],
  urls: DEFAULT_URL_TEMPLATES,
  layout: 'auto',
};

/** A list of templates, each text or `{ template, from?, before? }` with text values; anything else is not one. */
function urlTemplates(value: unknown): UrlTemplateSetting[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const isText = (item: unknown) => typeof item === 'string';
  const isForm = (item: unknown): item is UrlTemplateSetting => isText(item)
    || (item !== null && typeof item === 'object' && !Array.isArray(item) && isText((item as Record<string, unknown>).template)
      && Object.entries(item).every(([key, day]) => key === 'template' || ((key === 'from' || key === 'before') && isText(day))));
  return value.every(isForm) ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

export function normalizeSettings(raw: unknown): Settings {
  const value = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (value.rules !== null && typeof value.rules === 'object') {
    for (const [code, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (isRuleLevel(level)) rules[code] = level;
    }
  }
  return {
    schema: typeof value.schema === 'string' ? value.schema.trim() : '',
    rules,
    files: strings(value.files) ?? DEFAULT_SETTINGS.files,
    exclude: strings(value.exclude) ?? DEFAULT_SETTINGS.exclude,
    urls: urlTemplates(value.urls) ?? DEFAULT_SETTINGS.urls,
    layout: typeof value.layout === 'string' && value.layout.trim() !== '' ? value.layout.trim() : DEFAULT_SETTINGS.layout,
  };
}
