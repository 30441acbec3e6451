import { join } from 'node:path';
import { FenjieError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { errorCodeZh } from '../i18n/messages.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { isSourceFormat, type SourceFormat } from '../model/names.js';
import type { TaskTable } from '../model/schema.js';
import { readInput, readStream } from '../node.js';
import type { Config, ParseOptions } from '../options.js';
import { parse } from '../parse.js';
import { ConfigFinder, loadConfig } from './config.js';
import { STDIN } from './files.js';
import type { CliMessages } from './messages.js';

/** A stream the CLI writes to; `isTTY` decides colour and progress. Binary outputs (.xlsx, GB18030 CSV) are written as bytes. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** The streams, folder and environment the CLI works with; tests pass fakes. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Standard input, read when an input is '-'. Default: empty. */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Folder that relative paths are resolved against. Default: the process's working folder. */
  cwd?: string;
  /** Environment variables (LANG, LC_ALL, NO_COLOR, FORCE_COLOR …). Default: none set. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What a command runs with: the streams, and the language it speaks. */
export interface Context {
  io: CliIo;
  locale: Locale;
  m: CliMessages;
}

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
  lang: { type: 'string' },
  'no-config-lookup': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads tables with the command line's options and the config in force for each file. */
export class TableReader {
  private readonly finder = new ConfigFinder();
  private stdinRead = false;

  private constructor(
    private readonly context: Context,
    private readonly options: ParseOptions,
    private readonly fixed: Config | null,
    private readonly lookup: boolean,
  ) {}

  /** Checks the shared options; a bad value or an unusable --config is a usage error. */
  static async create(
    values: { format?: string; table?: string; sheet?: string; encoding?: string; config?: string; 'no-config-lookup'?: boolean },
    context: Context,
  ): Promise<TableReader> {
    const { m } = context;
    const options: ParseOptions = { format: parseFormat(values.format, m), locale: context.locale };
    if (values.table !== undefined) options.table = parseTable(values.table, m);
    // A sheet name may be all digits ("2024"): --sheet is always a name, tried before a number.
    if (values.sheet !== undefined) options.table = values.sheet;
    if (values.encoding !== undefined) options.encoding = values.encoding;
    const fixed = values.config === undefined ? null : await loadConfig(resolveIn(cwdOf(context.io), values.config), values.config, m);
    return new TableReader(context, options, fixed, values['no-config-lookup'] !== true);
  }

  /**
   * The config for a file: --config when given, else the nearest fenjie.config.json above it (above
   * the working folder for '-'), unless --no-config-lookup says that configs beside the files (which
   * a submitter controls) do not count.
   */
  async configFor(file: string): Promise<Config> {
    if (this.fixed) return this.fixed;
    if (!this.lookup) return {};
    const cwd = cwdOf(this.context.io);
    const path = file === STDIN ? join(cwd, 'stdin') : resolveIn(cwd, file);
    return (await this.finder.forFile(path, this.context.m))?.config ?? {};
  }

  /** The options a file is parsed with: its config, then the command line's. */
  optionsFor(file: string, config: Config): ParseOptions {
    return { ...config, ...this.options, fileName: this.nameOf(file) };
  }

  /** How a file is named in the output: '<stdin>' for standard input. */
  nameOf(file: string): string {
    return file === STDIN ? this.context.m.stdinName : file;
  }

  /**
   * Reads and parses one file (`-`: standard input, once), never reading more than the input size
   * limit; throws FenjieError for a file that cannot be read.
   */
  async read(file: string, config: Config): Promise<TaskTable> {
    const options = this.optionsFor(file, config);
    const limit = options.maxInputBytes ?? DEFAULT_LIMITS.maxInputBytes;
    if (file !== STDIN) return parse(await readInput(resolveIn(cwdOf(this.context.io), file), file, limit), options);
    if (this.stdinRead) throw new UsageError(this.context.m.stdinTwice);
    this.stdinRead = true;
    return parse(await readStream(this.context.io.stdin ?? [], options.fileName ?? STDIN, limit), options);
  }
}

function parseFormat(value: string | undefined, m: CliMessages): 'auto' | SourceFormat {
  if (value === undefined || value === 'auto') return 'auto';
  if (!isSourceFormat(value)) throw new UsageError(m.badFormat(value));
  return value;
}

/** A table number, or a sheet name for a workbook (--table 2, --sheet 2024年台账). */
function parseTable(value: string, m: CliMessages): number | string {
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  if (value.trim() === '' || /^-?\d+$/.test(value)) throw new UsageError(m.badTable(value));
  return value;
}

/** The folder relative paths are taken from. */
export function cwdOf(io: CliIo): string {
  return io.cwd ?? '.';
}

/** A path as the process sees it: relative paths are taken from `cwd`. */
export function resolveIn(cwd: string, path: string): string {
  return path.startsWith('/') || cwd === '.' ? path : join(cwd, path);
}

/**
 * One line for an error: FenjieError messages already name the file; others get it prefixed.
 * In Chinese the reason is named first, then fenjie's detail as written.
 */
export function describeError(error: unknown, file: string | undefined, locale: Locale): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
  const detail = file && message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  const reason = locale === 'zh' && error instanceof FenjieError ? `${errorCodeZh(error.code)}（${detail}）` : detail;
  return file ? `${file}: ${reason}` : reason;
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
