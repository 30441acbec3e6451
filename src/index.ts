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
