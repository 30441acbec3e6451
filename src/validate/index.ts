import type { Diagnostic, TaskTable } from '../model/schema.js';
import { duplicateMeasure } from './rules/duplicate-measure.js';
import { emptyMeasure } from './rules/empty-measure.js';
import { firstLead } from './rules/first-lead.js';
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
import { isRuleId, RULE_IDS, type RuleId } from './ids.js';
import { diagnostic } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';

/**
 * The registry: one rule per {@link RuleId}, each under its own id. Its type makes a missing rule,
 * an extra one, or a rule filed under another id a compile-time error.
 */
const REGISTRY: { readonly [K in RuleId]: Rule<K> } = {
  'parse-error': parseError,
  'missing-header': missingHeader,
  'no-measures': noMeasures,
  'text-outside-cells': textOutsideCells,
  'missing-title': missingTitle,
  'ragged-row': raggedRow,
  'guessed-layout': guessedLayout,
  'first-lead': firstLead,
  'span-overflow': spanOverflow,
  'merged-text-lost': mergedTextLost,
  'missing-departments': missingDepartments,
  'inherit-across-task': inheritAcrossTask,
  'empty-measure': emptyMeasure,
  'duplicate-measure': duplicateMeasure,
  'section-numbering': sectionNumbering,
  'task-numbering': taskNumbering,
  'unknown-department': unknownDepartment,
  'spanning-row': spanningRow,
  'other-table': otherTable,
  'unread-text': unreadText,
};

/** Every rule, in the order their findings are listed for the same place ({@link RULE_IDS}). */
export const RULES: readonly Rule[] = RULE_IDS.map((id) => REGISTRY[id] as Rule);

export { RULE_IDS, isRuleId, type RuleId } from './ids.js';

/** Settings of a rule run: levels by rule id, the allowed departments when known, the language of messages. */
export interface RunSettings {
  rules?: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  departments?: readonly string[] | null;
  /** The language of the messages. Default: 'en'. */
  locale?: Locale;
}

/**
 * Runs every rule over a table and returns the diagnostics it ends with: each rule's findings at
 * the rule's level (its default unless settings say otherwise; none when 'off'), ordered by place,
 * with messages in the language asked for. Diagnostics the readers left under ids no rule owns are
 * kept as they are.
 */
export function runRules(table: TaskTable, settings: RunSettings = {}): Diagnostic[] {
  const context = { departments: settings.departments ? new Set(settings.departments) : null };
  const locale = settings.locale ?? 'en';
  const diagnostics: Diagnostic[] = table.diagnostics.filter((d) => !isRuleId(d.ruleId));
  for (const rule of RULES) {
    const level = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (level === 'off') continue;
    for (const { params, place } of rule.check(table, context)) diagnostics.push(diagnostic(rule.id, level, params, place, locale));
  }
  // Array sort is stable: diagnostics at the same place keep the order they were found in.
  return diagnostics.sort(comparePlaces);
}

/** File-level diagnostics first, then by table, row and column. */
function comparePlaces(a: Diagnostic, b: Diagnostic): number {
  if (!a.place || !b.place) return (a.place ? 1 : 0) - (b.place ? 1 : 0);
  return a.place.table - b.place.table || a.place.row - b.place.row || a.place.column - b.place.column;
}
