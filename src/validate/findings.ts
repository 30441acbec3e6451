import type { Measure, Section, Task, TaskTable } from '../model/schema.js';
import type { Finding } from './types.js';

/** The findings a reader or the model builder already left in the table under a rule id. */
export function readerFindings(table: TaskTable, id: string): Finding[] {
  return table.diagnostics.filter((d) => d.ruleId === id).map(({ params, place }) => ({ params, place }));
}
/** Every measure of a table with its task and section, in order. */
export function measuresOf(table: TaskTable): { section: Section; task: Task; measure: Measure }[] {
  return table.sections.flatMap((section) => section.tasks.flatMap((task) => task.measures.map((measure) => ({ section, task, measure }))));
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
