import { diagnostic } from '../i18n/messages.js';
import { declaresFirstLead } from '../normalize/responsibility.js';
import type { Diagnostic, Measure, TaskTable } from './schema.js';

/**
 * Where the document states that the first unit listed leads (in the text before or after the
 * table, or a note a measure carries), every measure of several departments that marks no lead
 * or support reads its first department as lead and the others as support. Returns the
 * 'first-lead' finding that says so, or null when the document states no such rule.
 */
export function applyFirstLeads(table: Pick<TaskTable, 'preamble' | 'postscript' | 'sections'>): Diagnostic | null {
  const measures: Measure[] = [];
  let rule: string | null = null;
  for (const text of [...table.preamble, ...table.postscript]) if (rule === null && declaresFirstLead(text)) rule = text;
  for (const section of table.sections) {
    for (const task of section.tasks) {
      for (const measure of task.measures) {
        rule ??= (measure.notes ?? '').split('；').find(declaresFirstLead) ?? null;
        if (measure.departments.length >= 2 && measure.lead.length === 0 && measure.support.length === 0) measures.push(measure);
      }
    }
  }
  const first = measures[0];
  if (rule === null || !first) return null;
  for (const measure of measures) {
    measure.lead = measure.departments.slice(0, 1);
    measure.support = measure.departments.slice(1);
  }
  return diagnostic('first-lead', 'info', { text: rule, count: measures.length }, first.place);
}
