import type { ColumnRole, Diagnostic, DiagnosticParams, Place, TaskTable } from '../model/schema.js';
import type { RuleId } from './ids.js';

export type { RuleId } from './ids.js';

/** How loud a rule is: a severity, or off. */
export type RuleLevel = Diagnostic['severity'] | 'off';

/** What rules may know beyond the table: the configuration in force. */
export interface RuleContext {
  /** The allowed department names, when the configuration lists them; null otherwise. */
  departments: ReadonlySet<string> | null;
}

/** One thing a rule found: its message is written from `params` in the language asked for, its severity comes from the rule's level. */
export interface Finding {
  params: DiagnosticParams;
  place: Place | null;
}

/**
 * A validation rule: data plus a function. Rules whose problem is found while reading (a ragged row,
 * text hidden by a merge) pick their findings out of the diagnostics the readers left in the table.
 */
export interface Rule<Id extends RuleId = RuleId> {
  /** Stable kebab-case id, used in diagnostics, config and docs/rules/<id>.md. */
  id: Id;
  /** One sentence: what the rule reports. */
  description: string;
  defaultSeverity: Diagnostic['severity'];
  check(table: TaskTable, context: RuleContext): Finding[];
}

/** The outcome of validating one file, as every reporter receives it. */
export interface FileResult {
  /** The file as the user named it (or as found under a directory or glob). */
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** True when the file has no error. */
  valid: boolean;
}

/** Settings a validation run uses, resolved from the config file and the command line. */
export interface ValidateSettings {
  /** Level per rule id; rules not named keep their default severity. */
  rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  departments: readonly string[] | null;
  aliases: Readonly<Record<string, string>>;
  columns: Readonly<Record<string, ColumnRole>>;
}
