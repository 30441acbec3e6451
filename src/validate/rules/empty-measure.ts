import type { Rule } from '../types.js';
import { measuresOf } from '../findings.js';

/** A row that names departments or other values but whose measure cell is blank. */
export const emptyMeasure: Rule<'empty-measure'> = {
  id: 'empty-measure',
  description: 'A row has departments or other values but no measure text.',
  defaultSeverity: 'error',
  check: (table) =>
    measuresOf(table)
      .filter(({ measure }) => measure.text === '')
      .map(({ measure, task }) => ({
        params: { row: measure.place.row, task: task.title },
        place: measure.place,
      })),
};
