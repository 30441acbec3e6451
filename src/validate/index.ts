import type { Diagnostic, TaskTable } from '../model/schema.js';
import { duplicateMeasure } from './rules/duplicate-measure.js';
import { emptyMeasure } from './rules/empty-measure.js';
import { guessedLayout } from './rules/guessed-layout.js';
import { inheritAcrossTask } from './rules/inherit-across-task.js';
import { mergedTextLost } from './rules/merged-text-lost.js';
import { missingDepartments } from './rules/missing-departments.js';
import { missingHeader } from './rules/missing-header.js';
import { missingTitle } from './rules/missing-title.js';
import { noMeasures } from './rules/no-measures.js';
import { otherTable } from './rules/other-table.js';
import { parseError } from './rules/parse-error.js';
import { raggedRow } from './rules/ragged-row.js';
import { sectionNumbering } from './rules/section-numbering.js';
import { spanOverflow } from './rules/span-overflow.js';
import { spanningRow } from './rules/spanning-row.js';
import { taskNumbering } from './rules/task-numbering.js';
import { unknownDepartment } from './rules/unknown-department.js';
import { textOutsideCells } from './rules/text-outside-cells.js';
import { unreadText } from './rules/unread-text.js';
import type { Rule, RuleLevel } from './types.js';

/** Every rule, in the order their findings are listed for the same place. */
export const RULES: readonly Rule[] = [
  parseError,
  missingHeader,
  noMeasures,
  textOutsideCells,
  missingTitle,
  raggedRow,
  guessedLayout,
  spanOverflow,
  mergedTextLost,
  missingDepartments,
  inheritAcrossTask,
  emptyMeasure,
  duplicateMeasure,
  sectionNumbering,
  taskNumbering,
  unknownDepartment,
  spanningRow,
  otherTable,
  unreadText,
];

/** The rule ids, for config checking. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/** Settings of a rule run: levels by rule id, and the allowed departments when known. */
export interface RunSettings {
  rules?: Readonly<Record<string, RuleLevel>>;
  departments?: readonly string[] | null;
}

/**
 * Runs every rule over a table and returns the diagnostics it ends with: each rule's findings at
 * the rule's level (its default unless settings say otherwise; none when 'off'), ordered by place.
 * Diagnostics the readers left under ids no rule owns are kept as they are.
 */
export function runRules(table: TaskTable, settings: RunSettings = {}): Diagnostic[] {
  const context = { departments: settings.departments ? new Set(settings.departments) : null };
  const diagnostics: Diagnostic[] = table.diagnostics.filter((d) => !RULE_IDS.includes(d.ruleId));
  for (const rule of RULES) {
    const level = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (level === 'off') continue;
    for (const finding of rule.check(table, context)) diagnostics.push({ severity: level, ruleId: rule.id, ...finding });
  }
  return diagnostics
    .map((diagnostic, order) => ({ diagnostic, order }))
    .sort((a, b) => comparePlaces(a.diagnostic, b.diagnostic) || a.order - b.order)
    .map(({ diagnostic }) => diagnostic);
}

/** File-level diagnostics first, then by table, row and column. */
function comparePlaces(a: Diagnostic, b: Diagnostic): number {
  if (!a.place || !b.place) return (a.place ? 1 : 0) - (b.place ? 1 : 0);
  return a.place.table - b.place.table || a.place.row - b.place.row || a.place.column - b.place.column;
}
