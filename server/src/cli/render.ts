// `readout render FILE [-o OUT.html]`: the preview's HTML, from the same renderer, as a page of its own.
import * as path from 'node:path';
import { createReadoutService } from '../core/languageService';
import { createPreviewRenderer } from '../core/preview';
import { readRegularFile, RefusedFileError } from '../node/regularFile';
import { decodeText, type DecodedText } from '../node/textEncoding';
import { parseCommandArguments } from './args';
import { writeFailure, writeFileAtomic } from './atomicWrite';
import { CommandError } from './commandError';
import { RENDER_HELP } from './help';
import { configFileFor, openProject } from './project';
import { placeFile } from './targets';

export async function runRender(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments('render', args, {
    output: { type: 'string', short: 'o' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${RENDER_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CommandError(`readout render: give one readout to render${positionals.length > 1 ? `, not ${positionals.length} files` : ''}: readout render FILE [-o OUT.html].`);
  }
  const file = path.resolve(positionals[0]);
  const project = await openProject(configFileFor(path.dirname(file), values.config as string | undefined));
  let decoded: DecodedText;
  try {
    decoded = decodeText(readRegularFile(file).bytes);
  } catch (error) {
    const reason = error instanceof RefusedFileError ? `is not rendered: ${error.message}` : `cannot be read (${(error as Error).message})`;
    throw new CommandError(`readout render: ${positionals[0]} ${reason}.`);
  }
  const { text } = decoded;
  const document = { text, ...placeFile(project.root, project.settings)(file) };
  const service = createReadoutService({ schema: project.schema, rules: project.settings.rules, urls: project.urls });
  if (!service.isReadout(document)) {
    const why = document.excluded ? "'exclude' names it"
      : document.inReadoutFiles ? 'it has no front matter' : "it has no front matter with source_url or published_time, and 'files' does not name it";
    throw new CommandError(`readout render: ${positionals[0]} is not a readout: ${why}.`);
  }
  if (decoded.invalid !== undefined) throw new CommandError(`readout render: ${positionals[0]} cannot be rendered: ${decoded.invalid}.`);
  const page = createPreviewRenderer().renderPage(text, service.getDiagnostics(document));
  const output = values.output as string | undefined;
  if (output === undefined) {
    process.stdout.write(page);
    return 0;
  }
  try {
    writeFileAtomic(output, page);
  } catch (error) {
    throw new CommandError(`readout render: ${output} was not written: ${writeFailure(error)}.`);
  }
  return 0;
}
