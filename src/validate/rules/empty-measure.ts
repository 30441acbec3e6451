import type { Rule } from '../types.js';
import { measuresOf } from '../findings.js';

/** A row that names departments or other values but whose measure cell is blank. */
export const emptyMeasure: Rule = {
  id: 'empty-measure',
  description: 'A row has departments or other values but no measure text.',
  defaultSeverity: 'error',
  check: (table) =>
    measuresOf(table)
      .filter(({ measure }) => measure.text === '')
      .map(({ measure, task }) => ({
        message: `The measure cell in row ${measure.place.row} is blank${task.title ? ` (task "${task.title}")` : ''}; expected the text of a measure.`,
        place: measure.place,
      })),
};
