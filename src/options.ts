import { FenjieError } from './errors.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { isSourceFormat, type ColumnRole, type SourceFormat } from './model/names.js';
import type { RuleId } from './validate/ids.js';
import { isLocale, type Locale } from './i18n/locale.js';
import type { RuleLevel } from './validate/types.js';

export type { Config } from './options-schema.js';

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
  /**
   * Which table of a document to read: its 1-based number, or the name of a workbook's sheet
   * ('2024年台账'). Default: the one whose header best names task-table columns (hidden sheets skipped).
   */
  table?: number | string;
  /** Level of each validation rule by id: 'off', 'info', 'warning' or 'error'. Default: each rule's own. */
  rules?: Partial<Record<RuleId, RuleLevel>>;
  /** The allowed department names; enables the 'unknown-department' rule. Default: none (any name). */
  departments?: string[];
  /** Department name variants and the names they stand for, applied to every list. Default: none. */
  aliases?: Record<string, string>;
  /** Extra header synonyms and the column role each names, checked before the built-in ones. Default: none. */
  columns?: Record<string, ColumnRole>;
  /** The language of diagnostic messages: 'en' or 'zh'. Default: 'en'. */
  locale?: Locale;
  /** Largest input in bytes. Default: 50 MiB (52428800). */
  maxInputBytes?: number;
  /** Most cells in a document, and most grid slots (spans included) in the table read. Default: 1,000,000. */
  maxCells?: number;
  /** Most bytes a .docx may inflate to, checked before and while inflating. Default: 200 MiB (209715200). */
  maxInflatedBytes?: number;
  /** Largest ratio of a .docx entry's inflated size to its compressed size. Default: 1000. */
  maxCompressionRatio?: number;
  /** Deepest nesting of tables inside table cells (HTML, .docx). Default: 100. */
  maxNestingDepth?: number;
  /**
   * Check the finished model against its zod schema before returning it, and throw 'invalid-model'
   * if fenjie broke its own contract. fenjie's tests run with it on; it costs about a fifth of a
   * warm parse, so it is off by default. Default: false.
   */
  checkModel?: boolean;
}

/** ParseOptions with every default filled in. */
export interface ParseSettings {
  format: 'auto' | SourceFormat;
  fileName: string | null;
  table: number | string | null;
  encoding: string | null;
  rules: Partial<Record<RuleId, RuleLevel>>;
  departments: string[] | null;
  locale: Locale;
  aliases: Record<string, string>;
  columns: Record<string, ColumnRole>;
  limits: Limits;
  checkModel: boolean;
}

/** Checks options and fills in defaults; throws FenjieError 'invalid-options' naming the bad key. */
export async function normalizeOptions(options: ParseOptions = {}): Promise<ParseSettings> {
  let data: ParseOptions = options;
  if (!isPlainCheck(options)) {
    const { ParseOptionsSchema, describeIssue } = await import('./options-schema.js');
    const result = ParseOptionsSchema.safeParse(options);
    if (!result.success) throw new FenjieError('invalid-options', `invalid option ${describeIssue(result.error)}`);
    data = result.data;
  }
  return {
    format: data.format ?? 'auto',
    fileName: data.fileName ?? null,
    table: data.table ?? null,
    encoding: data.encoding ?? null,
    rules: (data.rules ?? {}) as Partial<Record<RuleId, RuleLevel>>,
    locale: data.locale ?? 'en',
    departments: data.departments ?? null,
    aliases: data.aliases ?? {},
    columns: data.columns ?? {},
    limits: {
      maxInputBytes: data.maxInputBytes ?? DEFAULT_LIMITS.maxInputBytes,
      maxCells: data.maxCells ?? DEFAULT_LIMITS.maxCells,
      maxInflatedBytes: data.maxInflatedBytes ?? DEFAULT_LIMITS.maxInflatedBytes,
      maxCompressionRatio: data.maxCompressionRatio ?? DEFAULT_LIMITS.maxCompressionRatio,
      maxNestingDepth: data.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth,
    },
    checkModel: data.checkModel ?? false,
  };
}

/** The options the zod schema checks in the same way, so that they need no zod: those the CLI passes without a config. */
const PLAIN_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  format: (value) => value === 'auto' || isSourceFormat(value),
  fileName: (value) => typeof value === 'string',
  table: (value) => (Number.isSafeInteger(value) && (value as number) >= 1) || (typeof value === 'string' && value !== ''),
  encoding: (value) => typeof value === 'string' && value !== '',
  locale: (value) => typeof value === 'string' && isLocale(value),
  checkModel: (value) => typeof value === 'boolean',
};

/**
 * True when every option is one of {@link PLAIN_CHECKS} and passes it (or is undefined), which the
 * zod schema accepts unchanged. Anything else — other keys, bad values — goes to zod, whose check is
 * the contract and whose issue names the bad key; loading zod costs a cold start ~90 modules.
 */
function isPlainCheck(options: unknown): options is ParseOptions {
  if (typeof options !== 'object' || options === null) return false;
  const proto: unknown = Object.getPrototypeOf(options);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.entries(options).every(([key, value]) => value === undefined ? Object.hasOwn(PLAIN_CHECKS, key) : PLAIN_CHECKS[key]?.(value) === true);
}
