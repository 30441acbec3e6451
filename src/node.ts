import { open } from 'node:fs/promises';
import { ConfigFinder, loadConfig } from './cli/config.js';
import { expandInputs } from './cli/files.js';
import { resolveIn } from './cli/shared.js';
import { FenjieError } from './errors.js';
import { DEFAULT_LIMITS, formatSize, limitExceeded } from './limits.js';
import type { TaskTable } from './model/schema.js';
import type { Config, ParseOptions } from './options.js';
import { describeOsError } from './os-errors.js';
import { parse } from './parse.js';
import { checkFile, conclude, validate as validateInMemory, type ValidateInput, type ValidateOptions, type ValidationResult } from './validate/run.js';

/** Reads a file and parses it with {@link parse}; `source.name` is the path as given. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<TaskTable> {
  return parse(await readInput(path, options.fileName, options.maxInputBytes), { fileName: path, ...options });
}

/** Bytes read from a file or stream at a time. */
const CHUNK = 1024 * 1024;

/**
 * Reads a whole file as bytes, never more than `maxBytes`: a regular file's size is checked before
 * reading, and reading stops one byte past the limit for anything whose size is not known ahead
 * (a device such as /dev/zero, a pipe, a file still growing). A missing or unreadable file, or
 * one over the limit, is a FenjieError that names `name`.
 */
export async function readInput(path: string, name = path, maxBytes = DEFAULT_LIMITS.maxInputBytes): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw fileError(cause, name);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new FenjieError('unreadable-file', `${name}: is a directory`);
    if (info.isFile() && info.size > maxBytes) throw tooLarge(name, info.size, maxBytes);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(name, total, maxBytes, true);
    }
    return join(chunks, total);
  } catch (cause) {
    throw cause instanceof FenjieError ? cause : fileError(cause, name);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a stream (standard input) into bytes, refusing it as soon as it passes `maxBytes`, so that
 * an endless stream costs no more memory than the limit.
 */
export async function readStream(stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, name: string, maxBytes = DEFAULT_LIMITS.maxInputBytes): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? new TextEncoder().encode(piece) : piece;
    chunks.push(chunk);
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(name, total, maxBytes, true);
  }
  return join(chunks, total);
}

function tooLarge(name: string, size: number, maxBytes: number, atLeast = false): FenjieError {
  return limitExceeded(name, `the input is ${atLeast ? 'more than ' : ''}${formatSize(atLeast ? maxBytes : size)}`, 'maxInputBytes', formatSize(maxBytes));
}

/** One clear line for an operating system error while reading `name`. */
function fileError(cause: unknown, name: string): FenjieError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ? describeOsError(cause) : `cannot be read (${describeOsError(cause)})`;
  return new FenjieError(code === 'ENOENT' ? 'file-not-found' : 'unreadable-file', `${name}: ${reason}`, { cause });
}

function join(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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
      for (const result of (await validateInMemory([input], { ...parseOptions, quiet })).results) results.push(result);
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
