import schemaJson from '../../../schemas/readout.schema.json';
import builtinValidation from './builtinValidation';
import { compileSchema, readoutSchema, type ReadoutSchema, type SchemaObject } from './schema';

/** The schema shipped in `schemas/readout.schema.json`, bundled so that no host needs to read it. */
export const BUILTIN_SCHEMA: SchemaObject = schemaJson;

export function compileBuiltinSchema(): ReadoutSchema {
  if (builtinValidation) return readoutSchema(BUILTIN_SCHEMA, builtinValidation);
  const result = compileSchema(BUILTIN_SCHEMA, 'built in');
  if ('error' in result) throw new Error(result.error);
  return result.schema;
}
