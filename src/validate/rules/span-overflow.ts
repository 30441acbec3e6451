import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A cell spans past the end of the table; the span was cut to fit. */
export const spanOverflow: Rule<'span-overflow'> = {
  id: 'span-overflow',
  description: 'A cell spans past the end of the table; the span was cut to fit.',
  defaultSeverity: 'warning',
  check: (table) => readerFindings(table, 'span-overflow'),
};
