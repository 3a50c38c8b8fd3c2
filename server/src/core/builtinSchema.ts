import schemaJson from '../../../schemas/readout.schema.json';
import { compileSchema, type ReadoutSchema, type SchemaObject } from './schema';

/** The schema shipped in `schemas/readout.schema.json`, bundled so that no host needs to read it. */
export const BUILTIN_SCHEMA: SchemaObject = schemaJson;

export function compileBuiltinSchema(): ReadoutSchema {
  const result = compileSchema(BUILTIN_SCHEMA, 'built in');
  if ('error' in result) throw new Error(result.error);
  return result.schema;
}
