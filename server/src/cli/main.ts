// The `readout` command line, built to server/out/cliMain.js and run by the package's bin (bin.ts,
// built to server/out/cli.js). On a worker thread this same script serves checks for `readout check`.
import { isMainThread } from 'node:worker_threads';
import { version } from '../../../package.json';
import { runCheck } from './check';
import { serveChecks } from './checkWorker';
import { CommandError, EXIT_FATAL } from './commandError';
import { MAIN_HELP } from './help';
import { runInit } from './init';
import { runMerge } from './merge';
import { runRender } from './render';

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      return runCheck(rest, __filename);
    case 'merge':
      return runMerge(rest, __filename);
    case 'render':
      return runRender(rest);
    case 'init':
      return runInit(rest);
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${MAIN_HELP}\n`);
      return 0;
    case '-v':
    case '--version':
      process.stdout.write(`${version}\n`);
      return 0;
    case undefined:
      process.stderr.write(`readout: a command is needed.\n\n${MAIN_HELP}\n`);
      return EXIT_FATAL;
    default:
      throw new CommandError(`readout: unknown command '${command}'. The commands are check, merge, render and init; run 'readout --help'.`);
  }
}

if (isMainThread) {
  // `readout check | head`: a reader that stops early is not a failure of the check.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      // A CommandError says what was wrong; anything else is a bug, shown with its stack.
      process.stderr.write(`${error instanceof CommandError ? error.message : `readout: internal error: ${(error as Error).stack ?? error}`}\n`);
      process.exitCode = EXIT_FATAL;
    },
  );
} else {
  serveChecks();
}
