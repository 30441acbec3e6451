import type { Finding, Rule } from '../types.js';
import { forEachMeasure } from '../findings.js';

/** Department names that the configuration does not list (only when it lists departments). */
export const unknownDepartment: Rule<'unknown-department'> = {
  id: 'unknown-department',
  description: 'A department is not in the configured list of departments (checked only when the config lists them).',
  defaultSeverity: 'error',
  check: (table, context) => {
    const allowed = context.departments;
    if (!allowed) return [];
    const column = table.columns.find((c) => c.role === 'departments')?.index;
    const findings: Finding[] = [];
    forEachMeasure(table, (measure) => {
      if (measure.inherited) return;
      for (const name of measure.departments) {
        if (!allowed.has(name)) findings.push({ params: { department: name, row: measure.place.row }, place: { ...measure.place, column: column ?? measure.place.column } });
      }
    });
    return findings;
  },
};
