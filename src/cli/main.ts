import pkg from '../../package.json' with { type: 'json' };
import { taskTableJsonSchema } from '../model/schema.js';
import { describeOsError } from '../os-errors.js';
import { ConfigError } from './config.js';
import { convert } from './convert.js';
import { EXIT, UsageError, type CliIo } from './shared.js';
import { validate } from './validate.js';

export { EXIT, type CliIo } from './shared.js';

const HELP = `fenjie ${pkg.version}: read Chinese task decomposition tables (任务分解表) into JSON

Usage:
  fenjie convert <file|dir|glob...> [--to json|jsonl|csv|xlsx|md|html] [-o <file|dir>] [options]
  fenjie validate <file|dir|glob...> [--reporter <name>] [--max-warnings <n>] [--quiet] [options]
  fenjie schema
  fenjie --help | fenjie <command> --help
  fenjie --version

Commands:
  convert   Parse each file and print its JSON model (one file), or write <name>.json per file
  validate  Check tables against the rules; exit codes and reports for CI
  schema    Print the JSON Schema (draft 2020-12) of the model

Run 'fenjie <command> --help' for the options of a command.
`;

const SCHEMA_HELP = `Usage: fenjie schema

Print the JSON Schema (draft 2020-12) of the fenjie model, generated from its zod schemas.
The package ships the same file as fenjie/schema.json.
`;

/**
 * Runs the fenjie command line with the given arguments (without node and script) and streams.
 * Returns the exit code; never touches `process`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`fenjie: ${error.message}\nRun 'fenjie --help' for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`fenjie: ${error.message}\n`);
      return EXIT.usage;
    }
    // Whatever else goes wrong (the file system, say) is still one line.
    io.stderr.write(`fenjie: ${describeFailure(error)}\n`);
    if (argv.includes('--debug') && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  }
}

function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const path = (error as NodeJS.ErrnoException | null)?.path;
  if (typeof code === 'string' && typeof path === 'string') return `${path}: ${describeOsError(error)}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stdout.write(HELP);
      return EXIT.usage;
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(HELP);
      return EXIT.ok;
    case '--version':
    case '-v':
      io.stdout.write(`${pkg.version}\n`);
      return EXIT.ok;
    case 'convert':
      return convert(rest, io);
    case 'validate':
      return validate(rest, io);
    case 'schema':
      if (rest.includes('--help') || rest.includes('-h')) io.stdout.write(SCHEMA_HELP);
      else if (rest.length > 0) throw new UsageError(`schema takes no arguments, not '${rest[0]}'`);
      else io.stdout.write(`${JSON.stringify(taskTableJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}
