import type { Severity } from './types';

/**
 * Every diagnostic code the service reports, with its default severity. The codes are stable:
 * settings, docs/rules.md and CI reports refer to them.
 * Schema keyword codes (`enum`, `type`, `pattern`, ...) come from ajv and are listed here so that
 * their default severity is known; any other ajv keyword is reported as an error.
 */
export const RULES = {
  'front-matter-unclosed': 'error',
  'front-matter-too-large': 'error',
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  required: 'error',
  additionalProperties: 'warning',
  type: 'error',
  enum: 'error',
  const: 'error',
  format: 'error',
  pattern: 'error',
  minLength: 'error',
  maxLength: 'error',
  minItems: 'error',
  maxItems: 'error',
  uniqueItems: 'error',
  'date-mismatch': 'error',
  'url-date-mismatch': 'error',
  'url-category-mismatch': 'warning',
  'url-slug-mismatch': 'information',
  'title-whitespace': 'warning',
  'duplicate-source-url': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULES;

export type RuleLevel = Severity | 'off';

/** Per-code overrides, as in the `readout.rules` setting. */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;

export function defaultSeverity(code: string): Severity {
  return (RULES as Record<string, Severity>)[code] ?? 'error';
}

export function isRuleLevel(value: unknown): value is RuleLevel {
  return value === 'off' || value === 'error' || value === 'warning' || value === 'information' || value === 'hint';
}
