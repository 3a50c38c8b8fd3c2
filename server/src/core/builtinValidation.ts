// The built-in schema's validation function as the build writes it: scripts/build.mjs bundles, in
// place of this module, ajv's code for schemas/readout.schema.json (standaloneValidation), so that
// the server does not compile the schema at start (50 ms). Run from the sources, as the tests are,
// there is none, and the schema is compiled then.
import type { ValidateFunction } from 'ajv';

const builtinValidation: ValidateFunction | undefined = undefined;
export default builtinValidation;
