// The zod schemas of parse()'s options and of fenjie.config.json. Kept apart from options.ts so that
// zod loads only when options need its check (see normalizeOptions) or a config file is read.
import * as z from 'zod/mini';
import { LOCALES } from './i18n/locale.js';
import { ColumnRole, SOURCE_FORMATS, SourceFormat } from './model/schema.js';
import { isRuleId } from './validate/ids.js';

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
