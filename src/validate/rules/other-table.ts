import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: The document holds a table that is not the task table; it was not read. */
export const otherTable: Rule<'other-table'> = {
  id: 'other-table',
  description: 'The document holds a table that is not the task table; it was not read.',
  defaultSeverity: 'info',
  check: (table) => readerFindings(table, 'other-table'),
};
