import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { compileBuiltinSchema } from './core/builtinSchema';
import { compileSchema, type ReadoutSchema } from './core/schema';

export interface LoadedSchema {
  readonly schema: ReadoutSchema;
  /** The absolute path of the override in use, if any. */
  readonly file: string | undefined;
  /** Why the override could not be used (the built-in schema is then in use). */
  readonly error: string | undefined;
}

/** Loads the `readout.schema` override, relative to the workspace folder; the built-in schema when none or when it fails. */
export async function loadSchema(setting: string, folder: string | undefined, builtin: ReadoutSchema = compileBuiltinSchema()): Promise<LoadedSchema> {
  if (setting === '') return { schema: builtin, file: undefined, error: undefined };
  const file = path.resolve(folder ?? process.cwd(), setting);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    return { schema: builtin, file, error: `The schema '${setting}' set in readout.schema ${reason}.` };
  }
  const result = compileSchema(text, `'${setting}'`);
  return 'error' in result ? { schema: builtin, file, error: result.error } : { schema: result.schema, file, error: undefined };
}
