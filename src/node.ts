import { readFile } from 'node:fs/promises';
import { ConfigFinder, loadConfig } from './cli/config.js';
import { expandInputs } from './cli/files.js';
import { resolveIn } from './cli/shared.js';
import { FenjieError } from './errors.js';
import type { TaskTable } from './model/schema.js';
import type { Config, ParseOptions } from './options.js';
import { parse } from './parse.js';
import { checkFile, conclude, validate as validateInMemory, type ValidateInput, type ValidateOptions, type ValidationResult } from './validate/run.js';

/** Reads a file and parses it with {@link parse}; `source.name` is the path as given. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<TaskTable> {
  return parse(await readInput(path, options.fileName), { fileName: path, ...options });
}

/** Reads a whole file as bytes; a missing or unreadable file is a FenjieError that names `name`. */
export async function readInput(path: string, name = path): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FenjieError('file-not-found', `${name}: no such file`, { cause });
    if (code === 'EISDIR') throw new FenjieError('unreadable-file', `${name}: is a directory`, { cause });
    throw new FenjieError('unreadable-file', `${name}: cannot be read (${code ?? 'unknown error'})`, { cause });
  }
}

/** Options of {@link validate} in Node: those of the core's, and where files and their config are found. */
export interface NodeValidateOptions extends ValidateOptions {
  /** The folder relative paths, folders and globs are taken from. Default: the process's working folder. */
  cwd?: string;
  /**
   * A config file to use for every file, or false for none. Default: the nearest
   * fenjie.config.json above each file, as `fenjie validate` finds it. Options given here win over it.
   */
  config?: string | false;
}

/**
 * Validates files exactly as `fenjie validate` does: a string is a file, a folder (every table-like
 * file under it) or a glob; tables and named contents are checked as by the core's `validate`.
 * Never throws for a bad file: it is a `parse-error` of that file. A bad config file is a FenjieError.
 */
export async function validate(inputs: readonly (string | ValidateInput)[], options: NodeValidateOptions = {}): Promise<ValidationResult> {
  const { cwd = '.', config, maxWarnings = null, quiet = false, ...parseOptions } = options;
  const finder = new ConfigFinder();
  const fixed = typeof config === 'string' ? await configOrThrow(() => loadConfig(resolveIn(cwd, config), config)) : null;
  const results = [];
  for (const input of inputs) {
    if (typeof input !== 'string') {
      results.push(...(await validateInMemory([input], { ...parseOptions, quiet })).results);
      continue;
    }
    for (const { path } of await expandInputs([input], cwd)) {
      const found: Config = config === false ? {} : (fixed ?? (await configOrThrow(() => finder.forFile(resolveIn(cwd, path))))?.config ?? {});
      const fileOptions = { ...found, ...parseOptions, fileName: path };
      results.push(await checkFile(path, async () => parse(await readInput(resolveIn(cwd, path), path), fileOptions), fileOptions, quiet));
    }
  }
  return conclude(results, maxWarnings, parseOptions.locale ?? 'en');
}

/** A config file that cannot be used is API misuse here: a FenjieError, not the CLI's usage error. */
async function configOrThrow<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new FenjieError('invalid-options', (error as Error).message, { cause: error });
  }
}

export { parse } from './parse.js';
export { FenjieError, FENJIE_ERROR_CODES, isFenjieError } from './errors.js';
export type { FenjieErrorCode } from './errors.js';
export type { ParseOptions } from './options.js';
export type { ValidateInput, ValidateOptions, ValidationResult } from './validate/run.js';
export type { TaskTable, Section, Task, Measure, Column, ColumnRole, Deadline, Diagnostic, DiagnosticParams, Place, Source, SourceFormat } from './model/schema.js';
