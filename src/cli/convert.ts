import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { isFenjieError } from '../errors.js';
import type { TaskTable } from '../model/schema.js';
import { parseArgs } from './args.js';
import { describeOsError } from '../os-errors.js';
import { ConfigError } from './config.js';
import { expandInputs } from './files.js';
import { departmentsPath, EXTENSION_OF_FORMAT, planOutput, render } from './outputs.js';
import { cwdOf, describeError, EXIT, Progress, READ_OPTIONS, resolveIn, TableReader, UsageError, type Context } from './shared.js';
import type { CliMessages } from './messages.js';

/** `fenjie convert`: each file's model as JSON (or rows, a spreadsheet, a report), on stdout or as files. */
export async function convert(argv: readonly string[], context: Context): Promise<number> {
  const { io, m, locale } = context;
  const { values, positionals } = parseArgs(
    argv,
    { ...READ_OPTIONS, out: { type: 'string', short: 'o' }, compact: { type: 'boolean' }, to: { type: 'string' }, 'csv-encoding': { type: 'string' } },
    m,
  );
  if (values.help) {
    io.stdout.write(m.convertHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(m.convertNeedsInput);
  const cwd = cwdOf(io);
  const reader = await TableReader.create(values, context);
  const files = await expandInputs(positionals, cwd);
  if (files.length === 0) throw new UsageError(m.noMatch(positionals.join(' ')));
  const plan = planOutput({ to: values.to, out: values.out, csvEncoding: values['csv-encoding'] }, files.length, files.length === 1 && positionals.length === 1, io.stdout.isTTY === true);
  const { target } = plan;
  const outDir = target.kind === 'folder' ? (target.path === null ? '.' : target.path) : null;
  if (outDir !== null) await makeOutDir(resolveIn(cwd, outDir), outDir, EXTENSION_OF_FORMAT[plan.format], m);

  const written = new Map<string, string>();
  const combined: TaskTable[] = [];
  const progress = new Progress(io.stderr, files.length);
  let code: number = EXIT.ok;
  for (const [index, file] of files.entries()) {
    progress.show(index, file.path);
    try {
      const table = await reader.read(file.path, await reader.configFor(file.path));
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
      // Each file keeps its place in the tree of the folder or glob it was found under.
      const path = join(outDir, `${file.tree.slice(0, file.tree.length - extname(file.tree).length)}${EXTENSION_OF_FORMAT[plan.format]}`);
      const earlier = written.get(path);
      if (earlier !== undefined) throw new Error(m.sameTarget(earlier, path));
      written.set(path, file.path);
      await mkdir(dirname(resolveIn(cwd, path)), { recursive: true });
      await writeOut(resolveIn(cwd, path), output.main, m);
      if (output.departments !== undefined) await writeOut(departmentsPath(resolveIn(cwd, path)), output.departments, m);
    } catch (error) {
      if (error instanceof UsageError || error instanceof ConfigError) throw error;
      progress.done();
      io.stderr.write(`fenjie: ${describeError(error, reader.nameOf(file.path), locale)}\n`);
      if (values.debug && !isFenjieError(error) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      code = EXIT.failed;
    }
  }
  if (target.kind === 'file' && combined.length > 0) {
    const path = resolveIn(cwd, target.path);
    const output = await render(plan, combined, values.compact);
    await mkdir(dirname(path), { recursive: true });
    await writeOut(path, output.main, m);
    if (output.departments !== undefined) await writeOut(departmentsPath(path), output.departments, m);
  }
  progress.done();
  return code;
}

/** Creates the -o folder; a file in its place, or a folder that cannot be made, is a usage error of one line. */
async function makeOutDir(path: string, shown: string, ext: string, m: CliMessages): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UsageError(m.outDirBlocked(shown, ext));
    throw new UsageError(m.outDirFailed(shown, describeOsError(error)));
  }
}

/** Writes an output file; an OS error is one line naming the file. */
async function writeOut(path: string, data: string | Uint8Array, m: CliMessages): Promise<void> {
  await writeFile(path, data).catch((error: unknown) => {
    throw new Error(m.cannotWrite(path, describeOsError(error)));
  });
}
