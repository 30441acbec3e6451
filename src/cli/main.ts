import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import { FenjieError, isFenjieError } from '../errors.js';
import { readInput } from '../node.js';
import { parse } from '../parse.js';
import { SourceFormat } from '../model/schema.js';

/** The streams and folder the CLI works with; tests pass fakes. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Folder that relative paths are resolved against. Default: the process's working folder. */
  cwd?: string;
}

/** Exit codes: 0 success, 1 a file failed, 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const HELP = `fenjie ${pkg.version}: read Chinese task decomposition tables (任务分解表) into JSON

Usage:
  fenjie convert <file...> [-o <dir>] [--compact] [--format <format>] [--table <n>] [--encoding <name>]
  fenjie --help | fenjie <command> --help
  fenjie --version

Commands:
  convert   Parse each file and print its JSON model (one file), or write <name>.json per file
            into the -o directory (several files, or -o given)

Options:
  --debug   Print the stack trace of an unexpected error
`;

const CONVERT_HELP = `Usage: fenjie convert <file...> [-o <dir>] [--compact] [--format <format>] [--table <n>] [--encoding <name>]

Parse each file and emit its JSON model.
  One file and no -o: the JSON goes to stdout.
  Several files, or -o: one <name>.json per file in <dir> (default: the current folder).

Options:
  -o, --out <dir>      Write <name>.json files into <dir> (created if missing)
  --compact            One-line JSON instead of pretty-printed
  --format <format>    auto (default), text, html, docx or markdown
  --encoding <name>    Encoding of text input: utf-8, gb18030, gbk, big5, utf-16le …
                       (default: told from a BOM, a declared charset, or the bytes)
  --table <n>          Read the n-th table of the document (default: the one whose
                       header names the most task-table columns)
  --debug              Print stack traces of unexpected errors
  -h, --help           Show this help

Exit codes: 0 all files converted, 1 a file could not be read or parsed, 2 usage error.
`;

/** Raised for bad command lines; printed as one line and exit code 2. */
class UsageError extends Error {}

/**
 * Runs the fenjie command line with the given arguments (without node and script) and streams.
 * Returns the exit code; never touches `process`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`fenjie: ${error.message}\nRun 'fenjie --help' for usage.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`fenjie: ${describe(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  if (command === 'convert') return convert(rest, io);
  throw new UsageError(`unknown command '${command}'`);
}

async function convert(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    out: { type: 'string', short: 'o' },
    compact: { type: 'boolean' },
    format: { type: 'string' },
    table: { type: 'string' },
    encoding: { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  if (values.help) {
    io.stdout.write(CONVERT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('convert needs at least one file');
  const format = parseFormat(values.format);
  const tableNumber = parseTable(values.table);
  const cwd = io.cwd ?? '.';
  const toStdout = positionals.length === 1 && values.out === undefined;
  const outDir = values.out === undefined ? cwd : resolveIn(cwd, values.out);
  if (!toStdout) await mkdir(outDir, { recursive: true });

  const written = new Set<string>();
  let code: number = EXIT.ok;
  for (const file of positionals) {
    try {
      const table = await parse(await readInput(resolveIn(cwd, file), file), {
        format,
        fileName: file,
        ...(tableNumber ? { table: tableNumber } : {}),
        ...(values.encoding ? { encoding: values.encoding } : {}),
      });
      const json = JSON.stringify(table, null, values.compact ? undefined : 2) + '\n';
      if (toStdout) {
        io.stdout.write(json);
        continue;
      }
      const target = join(outDir, `${basename(file, extname(file))}.json`);
      if (written.has(target)) throw new FenjieError('invalid-options', `${file}: another input already wrote ${target}`);
      written.add(target);
      await writeFile(target, json);
    } catch (error) {
      io.stderr.write(`fenjie: ${describe(error, file)}\n`);
      if (values.debug && !isFenjieError(error) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      code = EXIT.failed;
    }
  }
  return code;
}

function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function parseFormat(value: string | boolean | undefined): 'auto' | SourceFormat {
  if (value === undefined || value === 'auto') return 'auto';
  const format = SourceFormat.safeParse(value);
  if (!format.success) throw new UsageError(`--format must be auto, text, html, docx or markdown, not '${String(value)}'`);
  return format.data;
}

function parseTable(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--table must be a table number from 1, not '${value}'`);
  return Number(value);
}

function resolveIn(cwd: string, path: string): string {
  return path.startsWith('/') || cwd === '.' ? path : join(cwd, path);
}

/** One line for an error: FenjieError messages already name the file; others get it prefixed. */
function describe(error: unknown, file?: string): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (!file || message?.startsWith(`${file}:`)) return message ?? 'unknown error';
  return `${file}: ${message}`;
}
