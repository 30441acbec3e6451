import type { Finding, Rule } from '../types.js';
import { forEachMeasure } from '../findings.js';

/** The same measure text twice in one table, usually a copy-and-paste slip. */
export const duplicateMeasure: Rule<'duplicate-measure'> = {
  id: 'duplicate-measure',
  description: 'The same measure text appears more than once in the table.',
  defaultSeverity: 'warning',
  check: (table) => {
    const first = new Map<string, number>();
    const findings: Finding[] = [];
    forEachMeasure(table, (measure) => {
      if (measure.text === '') return;
      const row = first.get(measure.text);
      if (row === undefined) first.set(measure.text, measure.place.row);
      else findings.push({ params: { row: measure.place.row, first: row, text: excerpt(measure.text) }, place: measure.place });
    });
    return findings;
  },
};

function excerpt(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
