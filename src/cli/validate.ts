import pkg from '../../package.json' with { type: 'json' };
import type { Diagnostic } from '../model/schema.js';
import { REPORTERS, type ReporterName, type RuleMeta } from '../report/index.js';
import { RULES } from '../validate/index.js';
import type { FileResult } from '../validate/types.js';
import { ConfigError } from './config.js';
import { expandInputs } from './files.js';
import { describeError, EXIT, parseOptions, Progress, READ_OPTIONS, TableReader, UsageError, type CliIo } from './shared.js';

/** Help of `fenjie validate`. */
export const VALIDATE_HELP = `Usage: fenjie validate <file|dir|glob...> [--reporter <name>] [options]

Check task tables and report what is wrong, with places, for people or for CI.
A directory stands for every .docx, .html, .htm, .md, .markdown, .txt and .tsv file under it;
quote globs so that fenjie expands them ('tables/**/*.docx').

Options:
  --reporter <name>    text (default), json, github, sarif or junit
  --config <path>      Use this config file (default: the nearest fenjie.config.json
                       above each file)
  --no-config-lookup   Read no fenjie.config.json found beside the files; only --config
                       (use it in CI, where submitters could add a config that turns rules off)
  --max-warnings <n>   Fail when there are more than n warnings in all
  --quiet              Report errors only
  --format, --table, --sheet, --encoding   As for convert
  --debug              Print stack traces of unexpected errors
  -h, --help           Show this help

Exit codes: 0 no file has an error (and warnings are within --max-warnings),
1 some file has an error or there are too many warnings, 2 usage or config error.
`;

/** Documentation of each rule, as SARIF's helpUri and the reports link it. */
export function ruleHelpUri(id: string): string {
  return `https://unpkg.com/fenjie@${pkg.version}/docs/rules/${id}.md`;
}

/** `fenjie validate`: parse each file, apply the rules at their configured levels, report. */
export async function validate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    ...READ_OPTIONS,
    reporter: { type: 'string' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean' },
  } as const);
  if (values.help) {
    io.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  const reporter = values.reporter ?? 'text';
  if (!Object.hasOwn(REPORTERS, reporter)) throw new UsageError(`--reporter must be text, json, github, sarif or junit, not '${reporter}'`);
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, not '${maxWarnings}'`);
  if (positionals.length === 0) throw new UsageError('validate needs at least one file, directory or glob');
  const cwd = io.cwd ?? '.';
  const reader = await TableReader.create(values, cwd);
  const files = await expandInputs(positionals, cwd);
  if (files.length === 0) throw new UsageError(`no files matched ${positionals.join(' ')}`);

  const progress = new Progress(io.stderr, files.length);
  const results: FileResult[] = [];
  for (const [index, file] of files.entries()) {
    progress.show(index, file);
    const diagnostics = await check(reader, file, values.debug === true, io);
    results.push(summarize(file, values.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics));
  }
  progress.done();

  const rules: RuleMeta[] = RULES.map(({ id, description, defaultSeverity }) => ({ id, description, defaultSeverity, helpUri: ruleHelpUri(id) }));
  io.stdout.write(REPORTERS[reporter as ReporterName]({ results, rules, tool: { name: 'fenjie', version: pkg.version }, color: io.stdout.isTTY === true }));
  const errors = results.some((r) => r.errorCount > 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  return errors || (maxWarnings !== undefined && warnings > Number(maxWarnings)) ? EXIT.failed : EXIT.ok;
}

/** A file's diagnostics; a file that cannot be read at all is one 'parse-error' (unless turned off). */
async function check(reader: TableReader, file: string, debug: boolean, io: CliIo): Promise<Diagnostic[]> {
  const config = await reader.configFor(file);
  try {
    return (await reader.read(file, config, io.stdin)).diagnostics;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) throw error;
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    const level = config.rules?.['parse-error'] ?? 'error';
    if (level === 'off') return [];
    const reason = describeError(error, file).slice(file.length + 2);
    return [{ severity: level, ruleId: 'parse-error', message: `The file could not be read: ${reason}.`, place: null }];
  }
}

function summarize(file: string, diagnostics: Diagnostic[]): FileResult {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.filter((d) => d.severity === 'warning').length;
  return { file, diagnostics, errorCount, warningCount, valid: errorCount === 0 };
}
