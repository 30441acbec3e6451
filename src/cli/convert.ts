import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isFenjieError } from '../errors.js';
import type { TaskTable } from '../model/schema.js';
import { describeOsError } from '../os-errors.js';
import { ConfigError } from './config.js';
import { expandInputs } from './files.js';
import { departmentsPath, EXTENSION_OF_FORMAT, planOutput, render } from './outputs.js';
import { describeError, EXIT, parseOptions, Progress, READ_OPTIONS, resolveIn, STDIN, TableReader, UsageError, type CliIo } from './shared.js';

/** Help of `fenjie convert`. */
export const CONVERT_HELP = `Usage: fenjie convert <file|dir|glob...> [--to <format>] [-o <file|dir>] [--compact] [options]

Parse each file and emit its JSON model, or flat rows, a spreadsheet or a report.
  One file and no -o: the output goes to stdout.
  Several files, or -o <dir>: one <name>.<format> per file in <dir> (default: the current folder).
  -o <file> with a format's ending (.json .jsonl .csv .xlsx .md .html): that file; several
  files go into one combined .jsonl, .csv or .xlsx with a 文件 (file) column.
  A directory stands for every .docx, .doc, .wps, .xlsx, .xls, .et, .csv, .html, .htm, .md,
  .markdown, .txt and .tsv file under it.

Options:
  --to <format>        json (the model, default), jsonl (one row per measure), csv, xlsx,
                       md or html (a report); default: told by -o's ending, else json
  -o, --out <file|dir> Write to <file>, or <name>.<format> files into <dir> (created if missing);
                       a CSV file gets its department index beside it as <name>.departments.csv
  --csv-encoding <e>   utf-8-bom (default: Excel reads it), utf-8 or gb18030
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
  --no-config-lookup   Read no fenjie.config.json found beside the files; only --config
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
    to: { type: 'string' },
    'csv-encoding': { type: 'string' },
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
  const plan = planOutput({ to: values.to, out: values.out, csvEncoding: values['csv-encoding'] }, files.length, files.length === 1 && positionals.length === 1, io.stdout.isTTY === true);
  const { target } = plan;
  const outDir = target.kind === 'folder' ? (target.path === null ? cwd : resolveIn(cwd, target.path)) : null;
  if (outDir !== null) await makeOutDir(outDir, target.kind === 'folder' ? (target.path ?? '.') : '.');

  const written = new Map<string, string>();
  const combined: TaskTable[] = [];
  const progress = new Progress(io.stderr, files.length);
  let code: number = EXIT.ok;
  for (const [index, file] of files.entries()) {
    progress.show(index, file);
    try {
      const table = await reader.read(file, await reader.configFor(file), io.stdin);
      // Into one file, tables are gathered and written together after the loop.
      if (target.kind === 'file') {
        combined.push(table);
        continue;
      }
      const output = await render(plan, [table], values.compact);
      if (outDir === null) {
        io.stdout.write(output.main);
        continue;
      }
      const path = join(outDir, `${file === STDIN ? 'stdin' : basename(file, extname(file))}${EXTENSION_OF_FORMAT[plan.format]}`);
      const earlier = written.get(path);
      if (earlier !== undefined) throw new Error(`${earlier} already wrote ${path}; convert them into different folders`);
      written.set(path, file);
      await writeOut(path, output.main);
      if (output.departments !== undefined) await writeOut(departmentsPath(path), output.departments);
    } catch (error) {
      if (error instanceof UsageError || error instanceof ConfigError) throw error;
      progress.done();
      io.stderr.write(`fenjie: ${describeError(error, file)}\n`);
      if (values.debug && !isFenjieError(error) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      code = EXIT.failed;
    }
  }
  if (target.kind === 'file' && combined.length > 0) {
    const path = resolveIn(cwd, target.path);
    const output = await render(plan, combined, values.compact);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, output.main);
    if (output.departments !== undefined) await writeFile(departmentsPath(path), output.departments);
  }
  progress.done();
  return code;
}

/** Creates the -o folder; a file in its place, or a folder that cannot be made, is a usage error of one line. */
async function makeOutDir(path: string, shown: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UsageError(`-o ${shown}: a file is in the way; -o names the folder the .json files go into`);
    throw new UsageError(`-o ${shown}: cannot create the folder (${describeOsError(error)})`);
  }
}

/** Writes an output file; an OS error is one line naming the file. */
async function writeOut(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data).catch((error: unknown) => {
    throw new Error(`cannot write ${path}: ${describeOsError(error)}`);
  });
}
