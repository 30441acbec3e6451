import pkg from '../../package.json' with { type: 'json' };
import { isLocale, localeFromEnv, type Locale } from '../i18n/locale.js';
import { closest } from './args.js';
import { describeOsError } from '../os-errors.js';
import { ConfigError } from './config.js';
import { convert } from './convert.js';
import { cliMessages } from './messages.js';
import { EXIT, UsageError, type CliIo, type Context } from './shared.js';
import { validate } from './validate.js';

export { EXIT, type CliIo } from './shared.js';

const COMMANDS = ['convert', 'validate', 'schema', 'help'] as const;

/**
 * Runs the fenjie command line with the given arguments (without node and script) and streams.
 * Returns the exit code; never touches `process`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const envLocale = localeFromEnv(io.env ?? {});
  let context: Context = { io, locale: envLocale, m: cliMessages(envLocale) };
  try {
    const locale = langOf(argv, context) ?? envLocale;
    context = { io, locale, m: cliMessages(locale) };
    return await run(argv, context);
  } catch (error) {
    const { m } = context;
    if (error instanceof UsageError) {
      io.stderr.write(`fenjie: ${error.message}\n${m.seeHelp}\n`);
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

/** The language asked for with --lang anywhere before '--', or null. */
function langOf(argv: readonly string[], context: Context): Locale | null {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  let value: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--lang') value = args[i + 1] ?? '';
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  });
  if (value === undefined) return null;
  if (!isLocale(value)) throw new UsageError(context.m.badLang(value));
  return value;
}

async function run(argv: readonly string[], context: Context): Promise<number> {
  const { io, m } = context;
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stdout.write(m.help(pkg.version));
      return EXIT.usage;
    case '--help':
    case '-h':
      io.stdout.write(m.help(pkg.version));
      return EXIT.ok;
    case 'help':
      return help(rest.filter((arg, i) => arg !== '--lang' && rest[i - 1] !== '--lang' && !arg.startsWith('--lang=')), context);
    case '--version':
    case '-v':
      io.stdout.write(`${pkg.version}\n`);
      return EXIT.ok;
    case 'convert':
      return convert(rest, context);
    case 'validate':
      return validate(rest, context);
    case 'schema':
      return schema(rest, context);
    default:
      if (command === '--lang' || command.startsWith('--lang=')) return run(argv.slice(command === '--lang' ? 2 : 1), context);
      throw new UsageError(m.unknownCommand(command, closest(command, COMMANDS)));
  }
}

/** `fenjie help [command]`: the help of fenjie or of one command. */
function help(args: readonly string[], context: Context): number {
  const { io, m } = context;
  const [topic] = args;
  if (topic === undefined) io.stdout.write(m.help(pkg.version));
  else if (topic === 'convert') io.stdout.write(m.convertHelp);
  else if (topic === 'validate') io.stdout.write(m.validateHelp);
  else if (topic === 'schema') io.stdout.write(m.schemaHelp);
  else throw new UsageError(m.helpUnknown(topic));
  return EXIT.ok;
}

/** `fenjie schema`: the JSON Schema of the model. */
async function schema(args: readonly string[], context: Context): Promise<number> {
  const { io, m } = context;
  const rest = args.filter((arg, i) => arg !== '--lang' && args[i - 1] !== '--lang' && !arg.startsWith('--lang='));
  if (rest.includes('--help') || rest.includes('-h')) io.stdout.write(m.schemaHelp);
  else if (rest.length > 0) throw new UsageError(rest[0]?.startsWith('-') ? m.unknownOption(rest[0], null) : m.schemaNoArgs(rest[0] ?? ''));
  // The zod schemas load only for this command.
  else io.stdout.write(`${JSON.stringify((await import('../model/schema.js')).taskTableJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
