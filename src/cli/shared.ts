import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SourceFormat, type TaskTable } from '../model/schema.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { readInput, readStream } from '../node.js';
import type { Config, ParseOptions } from '../options.js';
import { parse } from '../parse.js';
import { ConfigFinder, loadConfig } from './config.js';

/** A stream the CLI writes to; `isTTY` decides colour and progress. Binary outputs (.xlsx, GB18030 CSV) are written as bytes. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** The streams and folder the CLI works with; tests pass fakes. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Folder that relative paths are resolved against. Default: the process's working folder. */
  cwd?: string;
  /** Standard input, read when a file is given as `-`. Default: none (`-` is then an error). */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** The file name that stands for standard input. */
export const STDIN = '-';

/** Exit codes: 0 success, 1 a file failed (or broke the rules), 2 usage or config error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Raised for bad command lines; printed as one line and exit code 2. */
export class UsageError extends Error {}

/** The reading options every command shares. */
export const READ_OPTIONS = {
  format: { type: 'string' },
  table: { type: 'string' },
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  config: { type: 'string' },
  'no-config-lookup': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses a command's arguments, turning node's errors into one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/** Reads tables with the command line's options and the config in force for each file. */
export class TableReader {
  private readonly finder = new ConfigFinder();

  private constructor(
    private readonly cwd: string,
    private readonly options: ParseOptions,
    private readonly fixed: Config | null,
    private readonly lookup: boolean,
  ) {}

  /** Checks the shared options; a bad value or an unusable --config is a usage error. */
  static async create(
    values: { format?: string; table?: string; sheet?: string; encoding?: string; config?: string; 'no-config-lookup'?: boolean },
    cwd: string,
  ): Promise<TableReader> {
    const options: ParseOptions = { format: parseFormat(values.format) };
    // A sheet name may be all digits ("2024"): --sheet is always a name, tried before a number.
    if (values.table !== undefined) options.table = parseTable(values.table);
    if (values.sheet !== undefined) options.table = values.sheet;
    if (values.encoding !== undefined) options.encoding = values.encoding;
    const fixed = values.config === undefined ? null : await loadConfig(resolveIn(cwd, values.config), values.config);
    return new TableReader(cwd, options, fixed, values['no-config-lookup'] !== true);
  }

  /**
   * The config for a file: --config when given, else the nearest fenjie.config.json above it, unless
   * --no-config-lookup says that configs beside the files (which a submitter controls) do not count.
   */
  async configFor(file: string): Promise<Config> {
    if (this.fixed) return this.fixed;
    if (!this.lookup || file === STDIN) return {};
    return (await this.finder.forFile(resolveIn(this.cwd, file)))?.config ?? {};
  }

  /**
   * Reads and parses one file (`-`: standard input), never reading more than the input size limit;
   * throws FenjieError for a file that cannot be read.
   */
  async read(file: string, config: Config, stdin?: CliIo['stdin']): Promise<TaskTable> {
    const options = { ...config, ...this.options, fileName: file };
    const limit = options.maxInputBytes ?? DEFAULT_LIMITS.maxInputBytes;
    if (file === STDIN) {
      if (!stdin) throw new UsageError('standard input (-) cannot be read here');
      return parse(await readStream(stdin, file, limit), options);
    }
    return parse(await readInput(resolveIn(this.cwd, file), file, limit), options);
  }
}

function parseFormat(value: string | undefined): 'auto' | SourceFormat {
  if (value === undefined || value === 'auto') return 'auto';
  const format = SourceFormat.safeParse(value);
  if (!format.success) throw new UsageError(`--format must be auto, text, html, docx or markdown, not '${value}'`);
  return format.data;
}

/** A table number, or a sheet name for a workbook (--table 2, --sheet 2024年台账). */
function parseTable(value: string): number | string {
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  if (value.trim() === '' || /^-?\d+$/.test(value)) throw new UsageError(`--table must be a table number from 1, not '${value}' (or a sheet name, as --sheet takes)`);
  return value;
}

/** A path as the process sees it: relative paths are taken from `cwd`. */
export function resolveIn(cwd: string, path: string): string {
  return path.startsWith('/') || cwd === '.' ? path : join(cwd, path);
}

/** One line for an error: FenjieError messages already name the file; others get it prefixed. */
export function describeError(error: unknown, file?: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
  if (!file || message.startsWith(`${file}:`)) return message;
  return `${file}: ${message}`;
}

/** Shows "[3/120] file" on a terminal while many files are read; nothing when stderr is not a TTY. */
export class Progress {
  private readonly active: boolean;

  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
  ) {
    this.active = stream.isTTY === true && total > 1;
  }

  show(index: number, file: string): void {
    if (this.active) this.stream.write(`\r\x1b[K[${index + 1}/${this.total}] ${file}`);
  }

  done(): void {
    if (this.active) this.stream.write('\r\x1b[K');
  }
}
