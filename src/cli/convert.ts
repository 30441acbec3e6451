import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { isFenjieError } from '../errors.js';
import { ConfigError } from './config.js';
import { expandInputs } from './files.js';
import { describeError, EXIT, parseOptions, Progress, READ_OPTIONS, resolveIn, TableReader, UsageError, type CliIo } from './shared.js';

/** Help of `fenjie convert`. */
export const CONVERT_HELP = `Usage: fenjie convert <file|dir|glob...> [-o <dir>] [--compact] [options]

Parse each file and emit its JSON model.
  One file and no -o: the JSON goes to stdout.
  Several files, or -o: one <name>.json per file in <dir> (default: the current folder).
  A directory stands for every .docx, .xlsx, .xls, .et, .csv, .html, .htm, .md, .markdown,
  .txt and .tsv file under it.

Options:
  -o, --out <dir>      Write <name>.json files into <dir> (created if missing)
  --compact            One-line JSON instead of pretty-printed
  --format <format>    auto (default), text, html, docx or markdown
  --table <n|name>     Read the n-th table of the document, or a workbook's sheet by
                       name (default: the one whose header names the most task-table
                       columns; hidden sheets skipped)
  --sheet <name>       Read the workbook's sheet of this name
  --encoding <name>    Encoding of text input: utf-8, gb18030, gbk, big5, utf-16le …
                       (default: told from a BOM, a declared charset, or the bytes)
  --config <path>      Use this config file (default: the nearest fenjie.config.json
                       above each file; its aliases and columns apply)
  --debug              Print stack traces of unexpected errors
  -h, --help           Show this help

Exit codes: 0 all files converted, 1 a file could not be read or parsed, 2 usage or config error.
`;

/** `fenjie convert`: each file's model as JSON, on stdout or as files. */
export async function convert(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    ...READ_OPTIONS,
    out: { type: 'string', short: 'o' },
    compact: { type: 'boolean' },
  } as const);
  if (values.help) {
    io.stdout.write(CONVERT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('convert needs at least one file');
  const cwd = io.cwd ?? '.';
  const reader = await TableReader.create(values, cwd);
  const files = await expandInputs(positionals, cwd);
  if (files.length === 0) throw new UsageError(`no files matched ${positionals.join(' ')}`);
  const toStdout = files.length === 1 && values.out === undefined && positionals.length === 1;
  const outDir = values.out === undefined ? cwd : resolveIn(cwd, values.out);
  if (!toStdout) await mkdir(outDir, { recursive: true });

  const written = new Map<string, string>();
  const progress = new Progress(io.stderr, files.length);
  let code: number = EXIT.ok;
  for (const [index, file] of files.entries()) {
    progress.show(index, file);
    try {
      const table = await reader.read(file, await reader.configFor(file));
      const json = JSON.stringify(table, null, values.compact ? undefined : 2) + '\n';
      if (toStdout) {
        io.stdout.write(json);
        continue;
      }
      const target = join(outDir, `${basename(file, extname(file))}.json`);
      const earlier = written.get(target);
      if (earlier !== undefined) throw new Error(`${earlier} already wrote ${target}; convert them into different folders`);
      written.set(target, file);
      await writeFile(target, json);
    } catch (error) {
      if (error instanceof UsageError || error instanceof ConfigError) throw error;
      progress.done();
      io.stderr.write(`fenjie: ${describeError(error, file)}\n`);
      if (values.debug && !isFenjieError(error) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      code = EXIT.failed;
    }
  }
  progress.done();
  return code;
}
