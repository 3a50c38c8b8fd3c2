// The text of `readout --help` and of each command's --help.
export const MAIN_HELP = `Usage: readout <command> [options]

Check, fix and render readouts: Markdown and text files with YAML front matter.

Commands:
  check [paths or globs ...]   Report every readout's problems (default: the current folder)
  merge FILE...                Join the facts of the shards of a check run on a CI matrix into one report
  render FILE [-o OUT.html]    Write the preview of a readout as a standalone HTML page
  init [--force]               Write .readoutrc.json with the default configuration

Options:
  -h, --help                   Show help (also after a command: readout check --help)
  -v, --version                Show the version

Configuration: the nearest .readoutrc.json above the checked path (keys schema, rules, files, exclude, urls).
Rules: docs/rules.md.`;

export const CHECK_HELP = `Usage: readout check [paths or globs ...] [options]

Checks readouts with the rules of the language server, duplicate-source-url across the files checked included.
A folder gives its .md and .txt files and those 'files' names, less 'exclude' (globs relative to the
configuration's folder); with no paths, the current folder. A file named is always read; a glob gives what
it matches. Of those, the readouts are checked: a file whose front matter has source_url or published_time,
or any front matter in 'files'. A static site's pages (title, date, tags) are not readouts.

UTF-8 and UTF-16 (with its byte order mark) are read; --fix writes a file back in its own encoding.
A readout that is not valid in its encoding is reported, not checked, and the run exits 2.

Options:
  -f, --format stylish|json|sarif  Output format (default: stylish)
  -o, --output-file FILE           Write the report to FILE (atomically, no colours) instead of stdout
  --quiet                          Report and count errors only (no warnings, infos, hints); --fix fixes only errors
  --max-warnings N                 Exit with status 1 when there are more than N warnings
  --fix                            Apply the safe fixes in place (atomically), then report what is left
  --config FILE                    Use this configuration file instead of the nearest .readoutrc.json
  --concurrency auto|off|N         Worker threads: auto (one per core for a large run), off, or a number
  --cache                          Check only the files changed since the last run with --cache (the others'
                                   reports are kept in .readoutcache; duplicate-source-url is still decided on all)
  --cache-location FILE            Keep the cache in FILE instead of .readoutcache
  --shard k/n                      Check the k-th of n shares of the files (in the order of their paths), for a CI matrix
  --facts-output FILE              Write what the rules across files need, for readout merge
  -h, --help                       Show this help

In the stylish report, '(fixable)' after a problem's code: --fix would fix it.

Exit status: 0 no errors; 1 errors, or more warnings than --max-warnings;
2 bad usage, an unusable configuration or schema, or a file that could not be read, decoded or written.`;

export const MERGE_HELP = `Usage: readout merge FILE... [options]

Joins the facts of every shard of one run (readout check --shard k/n --facts-output FILE): the rules across
files (duplicate-source-url, layout: auto) are decided on all the files, the files sharing a source_url are
read again and checked together, and the report is the one a single run over every file prints.
Run it where the shards ran (the same files and configuration).

Options:
  -f, --format stylish|json|sarif  Output format (default: stylish)
  -o, --output-file FILE           Write the report to FILE (atomically, no colours) instead of stdout
  --max-warnings N                 Exit with status 1 when there are more than N warnings
  --config FILE                    Use this configuration file instead of the nearest .readoutrc.json
  -h, --help                       Show this help

Exit status as readout check's; 2 also when a shard is missing, given twice, or of another run.`;

export const RENDER_HELP = `Usage: readout render FILE [-o OUT.html] [options]

Writes the readout as the preview shows it, a standalone HTML page with no script, to OUT.html or stdout.

Options:
  -o, --output FILE            Write the page to FILE (atomically) instead of stdout
  --config FILE                Use this configuration file instead of the nearest .readoutrc.json
  -h, --help                   Show this help`;

export const INIT_HELP = `Usage: readout init [--force]

Writes .readoutrc.json in the current folder with the default configuration.

Options:
  --force                      Overwrite an existing .readoutrc.json
  -h, --help                   Show this help`;
