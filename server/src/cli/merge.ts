// `readout merge FILE...`: the facts of every shard of `readout check --shard k/n` joined, the
// rules across files decided on all of them (the files sharing a source_url are read again and
// checked together, as `readout check` does), and the report of one whole run printed, with its
// exit status.
import * as path from 'node:path';
import { parseCommandArguments } from './args';
import { acrossFiles, checkReportFile, configFileForPaths, reportRun, type Format } from './check';
import { cacheKey } from './checkCache';
import type { CheckSetup } from './checkFiles';
import { startCheckPool } from './checkPool';
import { CommandError } from './commandError';
import { MERGE_HELP } from './help';
import { openProject } from './project';
import { readFacts, type ShardFacts } from './shardFacts';
import type { FileTask } from './targets';

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];

/** The shards' facts, each once, all of one run; a CommandError saying what is missing or mixed. */
function joined(all: readonly ShardFacts[], files: readonly string[]): ShardFacts['files'] {
  const [first] = all;
  const mixed = all.find((facts) => facts.key !== first.key || facts.shard.count !== first.shard.count || facts.total !== first.total || facts.errorsOnly !== first.errorsOnly);
  if (mixed) throw new CommandError(`readout merge: ${files[all.indexOf(mixed)]} is not of the same run as ${files[0]} (another number of shards, set of files, --quiet, configuration or version of readout).`);
  const count = first.shard.count;
  const given = new Map<number, string>();
  all.forEach((facts, at) => {
    const again = given.get(facts.shard.index);
    if (again !== undefined) throw new CommandError(`readout merge: shard ${facts.shard.index}/${count} is given twice (${again} and ${files[at]}).`);
    given.set(facts.shard.index, files[at]);
  });
  const missing = Array.from({ length: count }, (_, at) => at + 1).filter((index) => !given.has(index));
  if (missing.length > 0) throw new CommandError(`readout merge: ${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((index) => `${index}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: give the facts of every shard.`);
  const joinedFiles = all.flatMap((facts) => facts.files);
  if (joinedFiles.length !== first.total) throw new CommandError(`readout merge: the shards hold ${joinedFiles.length.toLocaleString('en-US')} files, where their run listed ${first.total.toLocaleString('en-US')}.`);
  return [...joinedFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Runs `readout merge`; resolves to the exit status, as `readout check`'s. `workerScript` is this program. */
export async function runMerge(args: readonly string[], workerScript: string): Promise<number> {
  const { values, positionals } = parseCommandArguments('merge', args, {
    format: { type: 'string', short: 'f' },
    'output-file': { type: 'string', short: 'o' },
    'max-warnings': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${MERGE_HELP}\n`);
    return 0;
  }
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new CommandError(`readout merge: unknown format '${format}'. The formats are ${FORMATS.join(', ')}.`);
  const maxWarnings = values['max-warnings'] as string | undefined;
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new CommandError(`readout merge: --max-warnings takes a whole number of warnings (0 or more), not '${maxWarnings}'.`);
  if (positionals.length === 0) throw new CommandError('readout merge: give the facts file of every shard (readout check --shard k/n --facts-output FILE).');
  const outputFile = values['output-file'] as string | undefined;
  if (outputFile !== undefined) checkReportFile(outputFile);

  const all = positionals.map(readFacts);
  const files = joined(all, positionals);
  const project = await openProject(configFileForPaths([], values.config as string | undefined));
  const { errorsOnly } = all[0];
  const setup: CheckSetup = { schema: project.schema.root, rules: project.settings.rules, urls: project.urls, errorsOnly, layout: project.layout };
  if (cacheKey(setup) !== all[0].key) {
    throw new CommandError('readout merge: the shards were checked with another version of readout, configuration or schema than this merge finds: merge where the shards ran, with the same --config.');
  }
  const tasks: FileTask[] = files.map((file) => ({ path: path.resolve(project.root, file.path), inReadoutFiles: file.inReadoutFiles, excluded: file.excluded }));
  // The files sharing a source_url are few: they are checked again on this thread.
  const pool = startCheckPool(setup, 0, workerScript);
  try {
    const reports = await acrossFiles(pool, tasks, files.map((file) => file.report));
    return reportRun({ format, outputFile, maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings), quiet: errorsOnly }, project, tasks, reports, []);
  } finally {
    await pool.close();
  }
}
