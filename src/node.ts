import { readFile } from 'node:fs/promises';
import { FenjieError } from './errors.js';
import type { TaskTable } from './model/schema.js';
import type { ParseOptions } from './options.js';
import { parse } from './parse.js';

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

export { parse } from './parse.js';
export { FenjieError, FENJIE_ERROR_CODES, isFenjieError } from './errors.js';
export type { FenjieErrorCode } from './errors.js';
export type { ParseOptions } from './options.js';
export type { TaskTable, Section, Task, Measure, Column, ColumnRole, Deadline, Diagnostic, Place, Source, SourceFormat } from './model/schema.js';
