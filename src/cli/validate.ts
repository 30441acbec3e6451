import { isFenjieError } from '../errors.js';
import { REPORTERS, ruleMetas, VERSION_OF_FENJIE, type ReporterName } from '../report/index.js';
import { checkFile, conclude } from '../validate/run.js';
import type { FileResult } from '../validate/types.js';
import { parseArgs } from './args.js';
import { painterFor } from './color.js';
import { ConfigError } from './config.js';
import { expandInputs } from './files.js';
import { cwdOf, EXIT, Progress, READ_OPTIONS, TableReader, UsageError, type Context } from './shared.js';

/** `fenjie validate`: parse each file, apply the rules at their configured levels, report. */
export async function validate(argv: readonly string[], context: Context): Promise<number> {
  const { io, m, locale } = context;
  const { values, positionals } = parseArgs(
    argv,
    { ...READ_OPTIONS, reporter: { type: 'string' }, 'max-warnings': { type: 'string' }, quiet: { type: 'boolean' } },
    m,
  );
  if (values.help) {
    io.stdout.write(m.validateHelp);
    return EXIT.ok;
  }
  const reporter = values.reporter ?? 'text';
  if (!Object.hasOwn(REPORTERS, reporter)) throw new UsageError(m.badReporter(reporter));
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(m.badMaxWarnings(maxWarnings));
  if (positionals.length === 0) throw new UsageError(m.validateNeedsInput);
  const reader = await TableReader.create(values, context);
  const files = await expandInputs(positionals, cwdOf(io));
  if (files.length === 0) throw new UsageError(m.noMatch(positionals.join(' ')));

  const progress = new Progress(io.stderr, files.length);
  const results: FileResult[] = [];
  for (const [index, { path }] of files.entries()) {
    progress.show(index, path);
    const config = await reader.configFor(path);
    const onError = (error: unknown) => {
      if (error instanceof UsageError || error instanceof ConfigError) throw error;
      if (values.debug && !isFenjieError(error) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    };
    results.push(await checkFile(reader.nameOf(path), () => reader.read(path, config), reader.optionsFor(path, config), values.quiet === true, onError));
  }
  progress.done();

  const limit = maxWarnings === undefined ? null : Number(maxWarnings);
  const color = painterFor(io.stdout, io.env ?? {});
  const input = { results, rules: ruleMetas(locale), tool: { name: 'fenjie' as const, version: VERSION_OF_FENJIE }, color, maxWarnings: limit, locale };
  io.stdout.write(REPORTERS[reporter as ReporterName](input));
  const verdict = conclude(results, limit, locale);
  // The text reports say it in their summary; the machine reports get one line on stderr.
  if (verdict.tooManyWarnings && limit !== null && reporter !== 'text' && reporter !== 'github') {
    io.stderr.write(`fenjie: ${m.tooManyWarnings(verdict.warningCount, limit)}\n`);
  }
  return verdict.valid ? EXIT.ok : EXIT.failed;
}
