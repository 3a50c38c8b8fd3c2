import * as path from 'node:path';
import { compileBuiltinSchema } from '../core/builtinSchema';
import { compileSchema, MAX_SCHEMA_BYTES, type ReadoutSchema } from '../core/schema';
import { readRegularFile, RefusedFileError } from './regularFile';

export interface LoadedSchema {
  readonly schema: ReadoutSchema;
  /** The absolute path of the override in use, if any. */
  readonly file: string | undefined;
  /** Why the override could not be used (the built-in schema is then in use). */
  readonly error: string | undefined;
}

/** Loads the `readout.schema` override, relative to the workspace folder; the built-in schema when none or when it fails. */
export function loadSchema(setting: string, folder: string | undefined, builtin: ReadoutSchema = compileBuiltinSchema()): LoadedSchema {
  if (setting === '') return { schema: builtin, file: undefined, error: undefined };
  const file = path.resolve(folder ?? process.cwd(), setting);
  let text: string;
  try {
    // Only a regular file, and refused by its size: the setting may name a FIFO or /dev/zero.
    text = readRegularFile(file, MAX_SCHEMA_BYTES).bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist'
      : error instanceof RefusedFileError ? `cannot be used: ${error.message}` : `cannot be read (${(error as Error).message})`;
    return { schema: builtin, file, error: `The schema '${setting}' set in readout.schema ${reason}.` };
  }
  const result = compileSchema(text, `'${setting}'`);
  return 'error' in result ? { schema: builtin, file, error: result.error } : { schema: result.schema, file, error: undefined };
}
