import { z } from 'zod';

/** Where something is: 1-based table, grid row and column, and source line where the format has lines. */
export const Place = z
  .object({
    table: z.number().int().min(1).describe('1-based index of the table in the document'),
    row: z.number().int().min(1).describe('1-based grid row, header rows included'),
    column: z.number().int().min(1).describe('1-based grid column'),
    line: z.number().int().min(1).nullable().describe('1-based line in the source, where the format has lines'),
  })
  .strict();
export type Place = z.infer<typeof Place>;

/** The role a column plays in a task table, as recognised from its header. */
export const ColumnRole = z.enum([
  'section',
  'task',
  'measure',
  'serial',
  'departments',
  'lead',
  'support',
  'deadline',
  'leader',
  'notes',
  'other',
]);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** One column of the table's grid. */
export const Column = z
  .object({
    index: z.number().int().min(1).describe('1-based position in the grid'),
    header: z.string().describe('The header text, whitespace-normalized'),
    role: ColumnRole,
  })
  .strict();
export type Column = z.infer<typeof Column>;

/** A measure's deadline, as written and, where certain, as an ISO date. */
export const Deadline = z
  .object({
    text: z.string(),
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    ongoing: z.boolean(),
  })
  .strict();
export type Deadline = z.infer<typeof Deadline>;

/** One concrete measure (具体措施) with the departments responsible for it. */
export const Measure = z
  .object({
    number: z.number().int().nullable(),
    text: z.string(),
    departments: z.array(z.string()),
    lead: z.array(z.string()),
    support: z.array(z.string()),
    inherited: z.boolean().describe('true when departments came from a merged or blank cell above this row'),
    deadline: Deadline.nullable(),
    notes: z.string().nullable(),
    extra: z.record(z.string(), z.string()),
    place: Place,
  })
  .strict();
export type Measure = z.infer<typeof Measure>;

/** A task (基本任务) and its measures. */
export const Task = z
  .object({
    number: z.number().int().nullable(),
    marker: z.string().nullable(),
    title: z.string(),
    measures: z.array(Measure),
    place: Place,
  })
  .strict();
export type Task = z.infer<typeof Task>;

/** A section (一、…) and its tasks; a table without sections has one whose title is null. */
export const Section = z
  .object({
    number: z.number().int().nullable(),
    marker: z.string().nullable(),
    title: z.string().nullable(),
    tasks: z.array(Task),
    place: Place.nullable(),
  })
  .strict();
export type Section = z.infer<typeof Section>;

/** A finding about the input: plain data, collected and never thrown. */
export const Diagnostic = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    ruleId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    message: z.string(),
    place: Place.nullable(),
  })
  .strict();
export type Diagnostic = z.infer<typeof Diagnostic>;

/**
 * The formats fenjie reads: text (CSV included, as a dialect), HTML, Markdown, Word .docx, Excel
 * .xlsx, the binary Excel 97 workbook ('xls', WPS .et too) and the binary Word 97 document ('doc',
 * WPS .wps too).
 */
export const SourceFormat = z.enum(['text', 'html', 'docx', 'markdown', 'xlsx', 'xls', 'doc']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** Where the table came from and how it was read. */
export const Source = z
  .object({
    name: z.string().nullable(),
    format: SourceFormat,
    dialect: z.string().nullable(),
    encoding: z.string(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** The whole parsed task table: the public contract of fenjie (schemaVersion 2, see docs/model.md). */
export const TaskTable = z
  .object({
    schemaVersion: z.literal(2),
    title: z.string().nullable(),
    year: z.number().int().nullable(),
    source: Source,
    preamble: z
      .array(z.string())
      .describe('The non-empty paragraphs before the table (issuing body, title, date, notes), whitespace-normalized, in order'),
    postscript: z.array(z.string()).describe('The non-empty paragraphs after the table (notes, 备注, signatures, page footers), whitespace-normalized, in order'),
    columns: z.array(Column),
    sections: z.array(Section),
    departments: z.array(z.string()),
    diagnostics: z.array(Diagnostic),
  })
  .strict()
  .meta({ title: 'fenjie TaskTable', description: 'A Chinese government task decomposition table, merged cells resolved.' });
export type TaskTable = z.infer<typeof TaskTable>;

/** The JSON Schema (draft 2020-12) of {@link TaskTable}, generated from the zod schema. */
export function taskTableJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TaskTable, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
