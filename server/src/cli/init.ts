// `readout init`: writes .readoutrc.json with the defaults, the same as the VS Code settings'.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../node/settings';
import { parseCommandArguments } from './args';
import { writeFailure, writeFileAtomic } from './atomicWrite';
import { CommandError } from './commandError';
import { CONFIG_FILE_NAME } from '../node/config';
import { INIT_HELP } from './help';

export function defaultConfigText(): string {
  const { schema, rules, files, exclude, urls, layout } = DEFAULT_SETTINGS;
  return `${JSON.stringify({ schema, rules, files, exclude, urls, layout }, null, 2)}\n`;
}

export async function runInit(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments('init', args, {
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${INIT_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CommandError(`readout init: it takes no paths (it writes ${CONFIG_FILE_NAME} in the current folder), not '${positionals[0]}'.`);
  const file = path.resolve(CONFIG_FILE_NAME);
  if (existsSync(file) && !values.force) {
    throw new CommandError(`readout init: ${CONFIG_FILE_NAME} already exists here. Use --force to replace it with the defaults.`);
  }
  try {
    writeFileAtomic(file, defaultConfigText());
  } catch (error) {
    throw new CommandError(`readout init: ${CONFIG_FILE_NAME} was not written: ${writeFailure(error)}.`);
  }
  process.stdout.write(`Wrote ${CONFIG_FILE_NAME} with the default configuration.\n`);
  return 0;
}
