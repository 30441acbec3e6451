export { parse, type ParseInput } from './parse.js';
export { FenjieError, FENJIE_ERROR_CODES, isFenjieError } from './errors.js';
export type { FenjieErrorCode } from './errors.js';
export type { ParseOptions } from './options.js';
export { validate, type ValidateInput, type ValidateOptions, type ValidationResult } from './validate/run.js';
export { RULES, RULE_IDS, isRuleId, type RuleId } from './validate/index.js';
export type { FileResult, Rule, RuleLevel } from './validate/types.js';
export {
  REPORTERS,
  formatReport,
  formatText,
  formatJson,
  formatGithub,
  formatSarif,
  formatJunit,
  judge,
  type Reporter,
  type ReporterName,
  type ReportInput,
  type ReportOptions,
  type RuleMeta,
  type Verdict,
} from './report/index.js';
export type { Painter, Style } from './report/color.js';
export { LOCALES, localeFromEnv, type Locale } from './i18n/locale.js';
export { localizeDiagnostics } from './i18n/messages.js';
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
  type DiagnosticParams,
  type Severity,
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
