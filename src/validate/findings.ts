import type { Measure, Section, Task, TaskTable } from '../model/schema.js';
import type { Finding } from './types.js';

/** The findings a reader or the model builder already left in the table under a rule id. */
export function readerFindings(table: TaskTable, id: string): Finding[] {
  return table.diagnostics.filter((d) => d.ruleId === id).map(({ params, place }) => ({ params, place }));
}
/**
 * Calls `visit` with every measure of a table, its task and its section, in order. A callback, not
 * a generator: a generator made two objects a measure (its result and the triple it yielded), some
 * 6 MB of garbage at 20k measures, and the scavenges they caused copied the model being checked.
 */
export function forEachMeasure(table: TaskTable, visit: (measure: Measure, task: Task, section: Section) => void): void {
  for (const section of table.sections) for (const task of section.tasks) for (const measure of task.measures) visit(measure, task, section);
}

/** True when a table holds at least one measure. */
export function hasMeasures(table: TaskTable): boolean {
  return table.sections.some((section) => section.tasks.some((task) => task.measures.length > 0));
}

/** Checks that numbers run 1, 2, 3… in order, and says, for each break, which number was expected. */
export function numberingBreaks<T extends { number: number | null; marker: string | null }>(
  items: readonly T[],
  start = 1,
): { item: T; expected: number }[] {
  const breaks: { item: T; expected: number }[] = [];
  let expected = start;
  for (const item of items) {
    if (item.number === null) continue;
    if (item.number !== expected) breaks.push({ item, expected });
    expected = item.number + 1;
  }
  return breaks;
}
