import { z } from 'zod';
import { FenjieError } from './errors.js';
import { SourceFormat } from './model/schema.js';

/** Options of {@link parse}; every field is optional. */
export interface ParseOptions {
  /** The input's format, or 'auto' to tell it from the bytes. Default: 'auto'. */
  format?: 'auto' | SourceFormat;
  /** The file name reported in `source.name` and in error messages. Default: none (`source.name` is null). */
  fileName?: string;
  /**
   * The encoding of text input (a WHATWG label: 'utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', …).
   * Default: told from a BOM, a declared HTML charset, or the bytes (UTF-8, else GB18030).
   */
  encoding?: string;
  /** Which table of a document to read, 1-based. Default: the one whose header best names task-table columns. */
  table?: number;
}

/** ParseOptions with every default filled in. */
export interface ParseSettings {
  format: 'auto' | SourceFormat;
  fileName: string | null;
  table: number | null;
  encoding: string | null;
}

/** The zod schema of ParseOptions, shared by the API and the CLI's config. */
export const ParseOptionsSchema = z
  .object({
    format: z.union([z.literal('auto'), SourceFormat]).optional(),
    fileName: z.string().optional(),
    table: z.number().int().min(1).optional(),
    encoding: z.string().min(1).optional(),
  })
  .strict();

/** Checks options and fills in defaults; throws FenjieError 'invalid-options' naming the bad key. */
export function normalizeOptions(options: ParseOptions = {}): ParseSettings {
  const result = ParseOptionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : '');
    throw new FenjieError('invalid-options', `invalid option ${key ? `'${key}'` : ''}: ${issue?.message ?? 'not an object'}`);
  }
  return { format: result.data.format ?? 'auto', fileName: result.data.fileName ?? null, table: result.data.table ?? null, encoding: result.data.encoding ?? null };
}
