import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A row spans the whole table without a numbering marker, so it is not read as a section. */
export const spanningRow: Rule<'spanning-row'> = {
  id: 'spanning-row',
  description: 'A row spans the whole table without a numbering marker, so it is not read as a section.',
  defaultSeverity: 'info',
  check: (table) => readerFindings(table, 'spanning-row'),
};
