import { FenjieError, isFenjieError } from '../errors.js';
import { diagnostic } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';
import type { Diagnostic, TaskTable } from '../model/schema.js';
import { normalizeOptions, type ParseOptions } from '../options.js';
import { parse, type ParseInput } from '../parse.js';
import { judge, type Verdict } from '../report/shared.js';
import { runRules } from './index.js';
import type { FileResult } from './types.js';

/** Options of {@link validate}: those of `parse()`, and how the run is judged. */
export interface ValidateOptions extends ParseOptions {
  /** Fail the run when there are more warnings than this in all. Default: no limit. */
  maxWarnings?: number | null;
  /** List errors only; warnings still count for `maxWarnings`. Default: false. */
  quiet?: boolean;
}

/** Something to validate: a table already parsed, or a named text or file content to parse. */
export type ValidateInput = TaskTable | { name: string; input: ParseInput };

/** The outcome of a validation run: one result per input, and the verdict the CLI's exit code states. */
export interface ValidationResult extends Verdict {
  results: FileResult[];
  /** The warning limit the run was judged by, or null. */
  maxWarnings: number | null;
  /** The language of the messages. */
  locale: Locale;
}

/**
 * Validates tables as `fenjie validate` does: each input is parsed (or, when already a TaskTable,
 * checked again) with the rules at their configured levels; an input that cannot be read at all is
 * one `parse-error` for it, never an exception. Pass the result to a reporter (`formatReport`) for
 * the CLI's output. Reading files, folders and globs is `validate` of `fenjie/node`.
 */
export async function validate(inputs: readonly ValidateInput[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const { maxWarnings = null, quiet = false, ...parseOptions } = options;
  const results: FileResult[] = [];
  for (const [index, item] of inputs.entries()) {
    const name = 'schemaVersion' in item ? (item.source.name ?? `table ${index + 1}`) : item.name;
    const read = 'schemaVersion' in item ? async () => recheck(item, parseOptions) : () => parse(item.input, { ...parseOptions, fileName: item.name });
    results.push(await checkFile(name, read, parseOptions, quiet));
  }
  return conclude(results, maxWarnings, parseOptions.locale ?? 'en');
}

/** The run's verdict over its results. */
export function conclude(results: FileResult[], maxWarnings: number | null, locale: Locale): ValidationResult {
  return { ...judge(results, maxWarnings), results, maxWarnings, locale };
}

/** A parsed table's diagnostics again, with these options' rule levels, departments and language. */
async function recheck(table: TaskTable, options: ParseOptions): Promise<TaskTable> {
  const settings = await normalizeOptions(options);
  return { ...table, diagnostics: runRules(table, settings) };
}

/**
 * One file's result: the table's diagnostics, or a `parse-error` when it cannot be read. With
 * `quiet` only errors are listed, but warnings are still counted. `onError` sees what was caught.
 */
export async function checkFile(
  name: string,
  read: () => Promise<TaskTable>,
  options: ParseOptions,
  quiet: boolean,
  onError?: (error: unknown) => void,
): Promise<FileResult> {
  let diagnostics: Diagnostic[];
  try {
    diagnostics = (await read()).diagnostics;
  } catch (error) {
    if (!isFenjieError(error) && onError === undefined) throw error;
    onError?.(error);
    diagnostics = parseError(name, error, options);
  }
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.filter((d) => d.severity === 'warning').length;
  const shown = quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  return { file: name, diagnostics: shown, errorCount, warningCount, valid: errorCount === 0 };
}

/** A file that cannot be read at all is one 'parse-error' at the rule's level (none when it is off). */
function parseError(name: string, error: unknown, options: ParseOptions): Diagnostic[] {
  const level = options.rules?.['parse-error'] ?? 'error';
  if (level === 'off') return [];
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // FenjieError messages lead with the file's name, which the report already shows.
  const reason = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  const code = error instanceof FenjieError ? error.code : 'internal-error';
  return [diagnostic('parse-error', level, { code, reason }, null, options.locale ?? 'en')];
}
