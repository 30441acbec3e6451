export { parse } from './parse.js';
export { FenjieError, FENJIE_ERROR_CODES, isFenjieError } from './errors.js';
export type { FenjieErrorCode } from './errors.js';
export type { ParseOptions } from './options.js';
export {
  TaskTable,
  Section,
  Task,
  Measure,
  Column,
  ColumnRole,
  Deadline,
  Diagnostic,
  Place,
  Source,
  SourceFormat,
  taskTableJsonSchema,
} from './model/schema.js';
export { flatRows, type FlatRow } from './output/rows.js';
export {
  departmentIndex,
  type DepartmentIndex,
  type DepartmentEntry,
  type DepartmentRole,
  type IndexedMeasure,
  type IndexedTask,
  type RoleCounts,
} from './output/department-index.js';
export { toCsv, departmentIndexCsv, encodeCsv, type CsvEncoding } from './output/csv.js';
export { toJsonl } from './output/jsonl.js';
export { toXlsx } from './output/xlsx.js';
export { toMarkdown } from './output/markdown.js';
export { toHtml } from './output/html.js';
