import type { Measure, Section, Task, TaskTable } from '../model/schema.js';
import type { Finding } from './types.js';

/** The findings a reader or the model builder already left in the table under a rule id. */
export function readerFindings(table: TaskTable, id: string): Finding[] {
  return table.diagnostics.filter((d) => d.ruleId === id).map(({ params, place }) => ({ params, place }));
}
/**
 * Every measure of a table with its task and section, in order. Yielded one at a time: a list of
 * them was an object a measure held through each rule that walked it (3 rules, 100k measures).
 */
export function* measuresOf(table: TaskTable): Generator<{ section: Section; task: Task; measure: Measure }> {
  for (const section of table.sections) for (const task of section.tasks) for (const measure of task.measures) yield { section, task, measure };
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
