import type { Severity } from './types';

/**
 * Every diagnostic code the service reports, with its default severity. The codes are stable:
 * settings, docs/rules.md and CI reports refer to them. Schema violations get plain names too
 * (`unknown-value`, not ajv's keyword `enum`): see SCHEMA_KEYWORD_CODES.
 */
export const RULES = {
  'front-matter-unclosed': 'error',
  'front-matter-too-large': 'error',
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'missing-field': 'error',
  'unknown-field': 'warning',
  'wrong-type': 'error',
  'unknown-value': 'error',
  'wrong-value': 'error',
  'bad-format': 'error',
  'empty-value': 'error',
  'too-long': 'error',
  'empty-list': 'error',
  'too-many-items': 'error',
  'repeated-item': 'error',
  'missing-item': 'error',
  'out-of-range': 'error',
  'no-matching-form': 'error',
  'invalid-value': 'error',
  'date-mismatch': 'error',
  'url-date-mismatch': 'error',
  'url-category-mismatch': 'warning',
  'url-slug-mismatch': 'information',
  'title-whitespace': 'information',
  'duplicate-source-url': 'warning',
  'path-mismatch': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULES;

/**
 * The code for each JSON Schema keyword a schema can fail on. A keyword not listed (a custom
 * schema's own, say) is `invalid-value`. The keywords were the codes before 0.2.0 and still work
 * as aliases in `readout.rules` and `.readoutrc.json`.
 */
export const SCHEMA_KEYWORD_CODES: Readonly<Record<string, RuleCode>> = {
  required: 'missing-field',
  dependentRequired: 'missing-field',
  dependencies: 'missing-field',
  additionalProperties: 'unknown-field',
  unevaluatedProperties: 'unknown-field',
  propertyNames: 'unknown-field',
  type: 'wrong-type',
  enum: 'unknown-value',
  const: 'wrong-value',
  not: 'wrong-value',
  format: 'bad-format',
  pattern: 'bad-format',
  minLength: 'empty-value',
  maxLength: 'too-long',
  minItems: 'empty-list',
  contains: 'missing-item',
  minContains: 'missing-item',
  maxItems: 'too-many-items',
  items: 'too-many-items',
  maxContains: 'too-many-items',
  additionalItems: 'too-many-items',
  unevaluatedItems: 'too-many-items',
  uniqueItems: 'repeated-item',
  minimum: 'out-of-range',
  maximum: 'out-of-range',
  exclusiveMinimum: 'out-of-range',
  exclusiveMaximum: 'out-of-range',
  multipleOf: 'out-of-range',
  anyOf: 'no-matching-form',
  oneOf: 'no-matching-form',
};

/** The code a schema keyword is reported under. */
export function schemaKeywordCode(keyword: string): RuleCode {
  return SCHEMA_KEYWORD_CODES[keyword] ?? 'invalid-value';
}

/** A code as a setting may name it: a schema keyword (the old codes) stands for its plain code. */
export function canonicalCode(code: string): string {
  return Object.hasOwn(RULES, code) ? code : Object.hasOwn(SCHEMA_KEYWORD_CODES, code) ? SCHEMA_KEYWORD_CODES[code] : code;
}

export type RuleLevel = Severity | 'off';

/** Per-code overrides, as in the `readout.rules` setting. */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;

/**
 * Levels with each alias replaced by its code. Where an alias and its code are both given, the
 * code wins; where two aliases share a code (`format`, `pattern`), the later one does.
 */
export function canonicalLevels(levels: Readonly<Record<string, RuleLevel>>): Record<string, RuleLevel> {
  const result: Record<string, RuleLevel> = {};
  for (const [code, level] of Object.entries(levels)) if (canonicalCode(code) !== code) result[canonicalCode(code)] = level;
  for (const [code, level] of Object.entries(levels)) if (canonicalCode(code) === code) result[code] = level;
  return result;
}

export function defaultSeverity(code: string): Severity {
  return (RULES as Record<string, Severity>)[code] ?? 'error';
}

export function isRuleLevel(value: unknown): value is RuleLevel {
  return value === 'off' || value === 'error' || value === 'warning' || value === 'information' || value === 'hint';
}
