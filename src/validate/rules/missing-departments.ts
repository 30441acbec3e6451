import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A measure names no responsible department, even after merged cells are resolved. */
export const missingDepartments: Rule<'missing-departments'> = {
  id: 'missing-departments',
  description: 'A measure names no responsible department, even after merged cells are resolved.',
  defaultSeverity: 'error',
  check: (table) => readerFindings(table, 'missing-departments'),
};
