import type { Finding, Rule } from '../types.js';
import { forEachMeasure } from '../findings.js';

/** A row that names departments or other values but whose measure cell is blank. */
export const emptyMeasure: Rule<'empty-measure'> = {
  id: 'empty-measure',
  description: 'A row has departments or other values but no measure text.',
  defaultSeverity: 'error',
  check: (table) => {
    const findings: Finding[] = [];
    forEachMeasure(table, (measure, task) => {
      if (measure.text === '') findings.push({ params: { row: measure.place.row, task: task.title }, place: measure.place });
    });
    return findings;
  },
};
