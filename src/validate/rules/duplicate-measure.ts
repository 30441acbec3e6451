import type { Rule } from '../types.js';
import { measuresOf } from '../findings.js';

/** The same measure text twice in one table, usually a copy-and-paste slip. */
export const duplicateMeasure: Rule<'duplicate-measure'> = {
  id: 'duplicate-measure',
  description: 'The same measure text appears more than once in the table.',
  defaultSeverity: 'warning',
  check: (table) => {
    const first = new Map<string, number>();
    return measuresOf(table).flatMap(({ measure }) => {
      if (measure.text === '') return [];
      const row = first.get(measure.text);
      if (row === undefined) {
        first.set(measure.text, measure.place.row);
        return [];
      }
      return [{ params: { row: measure.place.row, first: row, text: excerpt(measure.text) }, place: measure.place }];
    });
  },
};

function excerpt(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
