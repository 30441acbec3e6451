// zod/mini (the same zod package, tree-shakable functions instead of methods) keeps the browser
// build of parse() small; the JSON Schema is still generated from these schemas.
import * as z from 'zod/mini';
import { COLUMN_ROLES, SOURCE_FORMATS, type ColumnRole as ColumnRoleName, type SourceFormat as SourceFormatName } from './names.js';

/** Where something is: 1-based table, grid row and column, and source line where the format has lines. */
export interface Place {
  /** 1-based index of the table in the document. */
  table: number;
  /** 1-based grid row, header rows included. */
  row: number;
  /** 1-based grid column. */
  column: number;
  /** 1-based line in the source, where the format has lines; null otherwise. */
  line: number | null;
}
/** The zod schema of {@link Place}. */
export const Place: z.ZodMiniType<Place> = z.strictObject({
  table: z.int().check(z.minimum(1), z.describe('1-based index of the table in the document')),
  row: z.int().check(z.minimum(1), z.describe('1-based grid row, header rows included')),
  column: z.int().check(z.minimum(1), z.describe('1-based grid column')),
  line: z.nullable(z.int().check(z.minimum(1))).check(z.describe('1-based line in the source, where the format has lines')),
});

export { COLUMN_ROLES, SOURCE_FORMATS } from './names.js';
/** The role a column plays in a task table, as recognised from its header. */
export type ColumnRole = ColumnRoleName;
/** The zod schema of {@link ColumnRole}. */
export const ColumnRole = z.enum(COLUMN_ROLES);

/** One column of the table's grid. */
export interface Column {
  /** 1-based position in the grid. */
  index: number;
  /** The header text, whitespace-normalized. */
  header: string;
  role: ColumnRole;
}
/** The zod schema of {@link Column}. */
export const Column: z.ZodMiniType<Column> = z.strictObject({
  index: z.int().check(z.minimum(1), z.describe('1-based position in the grid')),
  header: z.string().check(z.describe('The header text, whitespace-normalized')),
  role: ColumnRole,
});

/** A measure's deadline, as written and, where certain, as an ISO date. */
export interface Deadline {
  /** The deadline cell as written. */
  text: string;
  /** The ISO date (YYYY-MM-DD) when the wording fixes the day, else null. */
  due: string | null;
  /** True for wordings such as 持续推进 or 长期坚持. */
  ongoing: boolean;
}
/** The zod schema of {@link Deadline}. */
export const Deadline: z.ZodMiniType<Deadline> = z.strictObject({
  text: z.string(),
  due: z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  ongoing: z.boolean(),
});

/** One concrete measure (具体措施) with the departments responsible for it. */
export interface Measure {
  /** From a serial (序号) column or a marker in the text, else null. */
  number: number | null;
  /** The measure as written, whitespace-normalized. */
  text: string;
  /** Everyone responsible, lead first; [] only when the table names no one. */
  departments: string[];
  /** 牵头 departments where the table distinguishes them, else []. */
  lead: string[];
  /** 配合/协办 departments where the table distinguishes them, else []. */
  support: string[];
  /** True when departments came from a merged or blank cell above this row. */
  inherited: boolean;
  /** Null when the table has no deadline column. */
  deadline: Deadline | null;
  /** 备注, and role phrases split off department cells. */
  notes: string | null;
  /** Columns with role 'other', keyed by header. */
  extra: Record<string, string>;
  /** Where the measure's own cell is. */
  place: Place;
}
/** The zod schema of {@link Measure}. */
export const Measure: z.ZodMiniType<Measure> = z.strictObject({
  number: z.nullable(z.int()),
  text: z.string(),
  departments: z.array(z.string()),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  inherited: z.boolean().check(z.describe('true when departments came from a merged or blank cell above this row')),
  deadline: z.nullable(Deadline),
  notes: z.nullable(z.string()),
  extra: z.record(z.string(), z.string()),
  place: Place,
});

/** A task (基本任务) and its measures. */
export interface Task {
  number: number | null;
  /** The numbering marker as written ("10、"), or null. */
  marker: string | null;
  title: string;
  measures: Measure[];
  place: Place;
}
/** The zod schema of {@link Task}. */
export const Task: z.ZodMiniType<Task> = z.strictObject({
  number: z.nullable(z.int()),
  marker: z.nullable(z.string()),
  title: z.string(),
  measures: z.array(Measure),
  place: Place,
});

/** A section (一、…) and its tasks; a table without sections has one whose title is null. */
export interface Section {
  number: number | null;
  /** The numbering marker as written ("一、"), or null. */
  marker: string | null;
  title: string | null;
  tasks: Task[];
  place: Place | null;
}
/** The zod schema of {@link Section}. */
export const Section: z.ZodMiniType<Section> = z.strictObject({
  number: z.nullable(z.int()),
  marker: z.nullable(z.string()),
  title: z.nullable(z.string()),
  tasks: z.array(Task),
  place: z.nullable(Place),
});

/** The values a diagnostic's message is written from, so that it can be written in any language. */
export type DiagnosticParams = Record<string, string | number>;

/** How serious a diagnostic is. */
export type Severity = 'error' | 'warning' | 'info';

/** A finding about the input: plain data, collected and never thrown. */
export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case id of the rule, e.g. 'missing-departments'; see docs/rules. */
  ruleId: string;
  /** One sentence naming what was found and what was expected, in the language asked for (English by default). */
  message: string;
  /** The rule's parameters the message is written from (row numbers, names, counts). */
  params: DiagnosticParams;
  place: Place | null;
}
/** The zod schema of {@link Diagnostic}. */
export const Diagnostic: z.ZodMiniType<Diagnostic> = z.strictObject({
  severity: z.enum(['error', 'warning', 'info']),
  ruleId: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
  message: z.string(),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .check(z.describe("The rule's parameters the message is written from, so that it can be written in any language")),
  place: z.nullable(Place),
});

/** One of the formats fenjie reads. */
export type SourceFormat = SourceFormatName;
/** The zod schema of {@link SourceFormat}. */
export const SourceFormat = z.enum(SOURCE_FORMATS);

/** Where the table came from and how it was read. */
export interface Source {
  /** The file name as given, or null for in-memory input. */
  name: string | null;
  format: SourceFormat;
  /** Which text layout was recognised, e.g. 'tab-led-cells'; null where the format has one layout. */
  dialect: string | null;
  /** 'utf-8', 'gb18030', 'utf-16le', … */
  encoding: string;
}
/** The zod schema of {@link Source}. */
export const Source: z.ZodMiniType<Source> = z.strictObject({
  name: z.nullable(z.string()),
  format: SourceFormat,
  dialect: z.nullable(z.string()),
  encoding: z.string(),
});

/** The whole parsed task table: the public contract of fenjie (schemaVersion 2, see docs/model.md). */
export interface TaskTable {
  schemaVersion: 2;
  title: string | null;
  year: number | null;
  source: Source;
  /** The non-empty paragraphs before the table (issuing body, title, date, notes), whitespace-normalized, in order. */
  preamble: string[];
  /** The non-empty paragraphs after the table (notes, 备注, signatures, page footers), whitespace-normalized, in order. */
  postscript: string[];
  columns: Column[];
  sections: Section[];
  /** Every distinct department, in order of first appearance. */
  departments: string[];
  diagnostics: Diagnostic[];
}
/** The zod schema of {@link TaskTable}. */
export const TaskTable: z.ZodMiniType<TaskTable> = z
  .strictObject({
    schemaVersion: z.literal(2),
    title: z.nullable(z.string()),
    year: z.nullable(z.int()),
    source: Source,
    preamble: z
      .array(z.string())
      .check(z.describe('The non-empty paragraphs before the table (issuing body, title, date, notes), whitespace-normalized, in order')),
    postscript: z
      .array(z.string())
      .check(z.describe('The non-empty paragraphs after the table (notes, 备注, signatures, page footers), whitespace-normalized, in order')),
    columns: z.array(Column),
    sections: z.array(Section),
    departments: z.array(z.string()),
    diagnostics: z.array(Diagnostic),
  })
  .check(z.meta({ title: 'fenjie TaskTable', description: 'A Chinese government task decomposition table, merged cells resolved.' }));

/** The JSON Schema (draft 2020-12) of {@link TaskTable}, generated from the zod schema. */
export function taskTableJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TaskTable, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
