import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CommandError } from './commandError';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArguments {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Parses one command's arguments strictly; what node:util says is reworded to name the command. */
export function parseCommandArguments(command: string, args: readonly string[], options: Options): ParsedArguments {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedArguments['values'], positionals };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // An option with a short form is named as both ('-o, --output <value>'): the one typed is shown.
    const names = /'(-[^', ]+)(?:, (--[^' ]+))?/.exec(message) ?? [];
    const option = names.slice(1).find((name) => name !== undefined && args.includes(name)) ?? names[1] ?? '';
    const reason = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option '${option}'`
      : /argument missing/.test(message)
        ? `the option '${option}' needs a value`
        : /ambiguous/.test(message)
          ? `the option '${option}' needs a value (for one that starts with '-', write ${option}=${args[args.indexOf(option) + 1]})`
          : /does not take an argument/.test(message)
            ? `the option '${option}' takes no value`
            : message.replace(/\.$/, '');
    throw new CommandError(`readout ${command}: ${reason}. Run 'readout ${command} --help' for its options.`);
  }
}
