// The model's closed lists of names, without zod: the CLI's convert path and the option checks use
// them without loading zod's ~90 modules (schema.ts builds its zod enums from these).

/** The roles a column can play, as recognised from its header. */
export const COLUMN_ROLES = ['section', 'task', 'measure', 'serial', 'departments', 'lead', 'support', 'deadline', 'leader', 'notes', 'other'] as const;
/** The role a column plays in a task table, as recognised from its header. */
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/**
 * The formats fenjie reads: text (CSV included, as a dialect), HTML, Markdown, Word .docx, Excel
 * .xlsx, the binary Excel 97 workbook ('xls', WPS .et too) and the binary Word 97 document ('doc',
 * WPS .wps too).
 */
export const SOURCE_FORMATS = ['text', 'html', 'docx', 'markdown', 'xlsx', 'xls', 'doc'] as const;
/** One of the formats fenjie reads. */
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** True when a string names one of the {@link SOURCE_FORMATS}. */
export function isSourceFormat(value: unknown): value is SourceFormat {
  return (SOURCE_FORMATS as readonly unknown[]).includes(value);
}
