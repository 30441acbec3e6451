import type { Diagnostic, Measure, TaskTable } from '../model/schema.js';
import { diagnosticsAtMeasures, eachMeasure, headerOf, type MeasureInContext } from './rows.js';

/** Severity labels as the people-facing outputs print them. */
export const SEVERITY_LABELS: Readonly<Record<Diagnostic['severity'], string>> = { error: '错误', warning: '警告', info: '提示' };

/** What the Markdown and HTML reports show of a table, and under which headers. */
export interface ReportLayout {
  measures: MeasureInContext[];
  /** Whether the table has sections with titles (else the section column is left out where it can be). */
  hasSections: boolean;
  hasDeadline: boolean;
  hasNotes: boolean;
  /** The `extra` headers, in order of first appearance. */
  extras: string[];
  /** Diagnostics at the measures whose rows they point at; `unplaced` the others. */
  at: Map<Measure, Diagnostic[]>;
  unplaced: Diagnostic[];
  /** The headers of the measures table, the section column first (the caller drops it when it has none). */
  headers: string[];
}

/**
 * The columns of a report's measures table: under the original's headers where the table has them
 * (so that a report reads like the table it came from), deadline and notes only where the table has
 * them, every extra column, and 问题 where some diagnostic points at a measure's row.
 */
export function reportLayout(table: TaskTable): ReportLayout {
  const measures = [...eachMeasure(table)];
  const hasDeadline = table.columns.some((c) => c.role === 'deadline');
  const hasNotes = measures.some(({ measure }) => measure.notes !== null);
  const extras = [...new Set(measures.flatMap(({ measure }) => Object.keys(measure.extra)))];
  const { at, unplaced } = diagnosticsAtMeasures(table);
  const headers = [
    headerOf(table, 'section', '部分'),
    headerOf(table, 'task', '任务'),
    '编号',
    headerOf(table, 'measure', '具体措施'),
    headerOf(table, 'departments', '责任部门'),
    ...(hasDeadline ? [headerOf(table, 'deadline', '完成时限')] : []),
    ...(hasNotes ? [headerOf(table, 'notes', '备注')] : []),
    ...extras,
    ...(at.size ? ['问题'] : []),
  ];
  return { measures, hasSections: table.sections.some((s) => s.title !== null), hasDeadline, hasNotes, extras, at, unplaced, headers };
}

/** One line saying what the table holds and where it came from. */
export function summary(table: TaskTable): string {
  const measures = [...eachMeasure(table)].length;
  const tasks = table.sections.reduce((n, s) => n + s.tasks.length, 0);
  const source = table.source.name ? `来源：${table.source.name}（${table.source.format}${table.source.dialect ? `，${table.source.dialect}` : ''}）。` : '';
  return `${source}${table.sections.length} 个部分，${tasks} 项任务，${measures} 项措施，${table.departments.length} 个部门，${table.diagnostics.length} 条问题。`;
}
