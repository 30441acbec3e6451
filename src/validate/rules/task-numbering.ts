import type { Task } from '../../model/schema.js';
import type { Rule } from '../types.js';
import { numberingBreaks } from '../findings.js';

/**
 * Task numbers that skip, repeat or run backwards. Tables number tasks either straight through
 * (1–14 over four sections) or afresh in each section; the first task of the second numbered
 * section tells which.
 */
export const taskNumbering: Rule<'task-numbering'> = {
  id: 'task-numbering',
  description: 'Task numbers skip, repeat or go backwards (straight through the table, or afresh in each section).',
  defaultSeverity: 'warning',
  check: (table) => {
    const groups = table.sections.map((section) => section.tasks).filter((tasks) => tasks.some((t) => t.number !== null));
    const restarts = groups.length > 1 && groups[1]?.find((t) => t.number !== null)?.number === 1;
    const runs: Task[][] = restarts ? groups : [groups.flat()];
    return runs.flatMap((tasks) =>
      numberingBreaks(tasks).map(({ item, expected }) => ({
        params: { task: `${item.marker ?? ''}${item.title}`, number: item.number ?? 0, expected, restarts: restarts ? 1 : 0 },
        place: item.place,
      })),
    );
  },
};
