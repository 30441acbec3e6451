import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A row has more or fewer cells than the header; it was padded, or its cells were placed by what they hold. */
export const raggedRow: Rule<'ragged-row'> = {
  id: 'ragged-row',
  description: 'A row has more or fewer cells than the header; it was padded, or its cells were placed by what they hold.',
  defaultSeverity: 'warning',
  check: (table) => readerFindings(table, 'ragged-row'),
};
