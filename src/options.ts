import * as z from 'zod/mini';
import { FenjieError } from './errors.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { ColumnRole, SOURCE_FORMATS, SourceFormat } from './model/schema.js';
import { isRuleId, type RuleId } from './validate/ids.js';
import { LOCALES, type Locale } from './i18n/locale.js';
import type { RuleLevel } from './validate/types.js';

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

const RuleLevelSchema = z.enum(['off', 'info', 'warning', 'error']);
const positiveInt = () => z.optional(z.int().check(z.positive()));

/** The zod schema of ParseOptions, shared by the API and the CLI's config file. */
export const ParseOptionsSchema = z.strictObject({
  format: z.optional(z.union([z.literal('auto'), SourceFormat])),
  fileName: z.optional(z.string()),
  table: z.optional(z.union([z.int().check(z.minimum(1)), z.string().check(z.minLength(1))])),
  encoding: z.optional(z.string().check(z.minLength(1))),
  rules: z.optional(
    z.record(z.string(), RuleLevelSchema).check(
      z.superRefine((rules, ctx) => {
        for (const id of Object.keys(rules)) {
          if (!isRuleId(id)) ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule '${id}'`, input: id });
        }
      }),
    ),
  ),
  departments: z.optional(z.array(z.string().check(z.minLength(1)))),
  aliases: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
  columns: z.optional(z.record(z.string(), ColumnRole)),
  locale: z.optional(z.enum(LOCALES)),
  maxInputBytes: positiveInt(),
  maxCells: positiveInt(),
  maxInflatedBytes: positiveInt(),
  maxCompressionRatio: z.optional(z.number().check(z.positive())),
  maxNestingDepth: positiveInt(),
  checkModel: z.optional(z.boolean()),
});

/** The keys of ParseOptions that a config file (fenjie.config.json) may set. */
export const ConfigSchema = z.pick(ParseOptionsSchema, {
  rules: true,
  departments: true,
  aliases: true,
  columns: true,
  encoding: true,
  maxInputBytes: true,
  maxCells: true,
  maxInflatedBytes: true,
  maxCompressionRatio: true,
  maxNestingDepth: true,
});

/** The content of a fenjie.config.json file. */
export type Config = z.infer<typeof ConfigSchema>;

/**
 * The first problem of a failed zod parse, as "'key.path': what is wrong". Written here rather than
 * taken from zod, whose readable messages live in locale files that zod/mini leaves out.
 */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  return `${keys ? `'${keys}': ` : ''}${explainIssue(issue)}`;
}

function explainIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown key';
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(', ').replace(/, ([^,]*)$/, ' or $1')}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected === 'record' || issue.expected === 'object' ? 'an object' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}${issue.inclusive ? '' : ' (exclusive)'}`;
    case 'invalid_union':
      // The two unions of ParseOptions: table (number or sheet name) and format.
      return issue.path[0] === 'table'
        ? 'expected a table number from 1 or a sheet name'
        : `expected ${['auto', ...SOURCE_FORMATS].map((f) => JSON.stringify(f)).join(', ').replace(/, ([^,]*)$/, ' or $1')}`;
    default:
      return issue.message;
  }
}

/** Checks options and fills in defaults; throws FenjieError 'invalid-options' naming the bad key. */
export function normalizeOptions(options: ParseOptions = {}): ParseSettings {
  const result = ParseOptionsSchema.safeParse(options);
  if (!result.success) throw new FenjieError('invalid-options', `invalid option ${describeIssue(result.error)}`);
  const data = result.data;
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
