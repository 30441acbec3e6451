import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A row has more cells than the header (the surplus joined into the measure), a row of a TAB-led or Word table stops short (padded with blanks), a row with spaces between cells could not be split with confidence, or a line of a grid table does not line up with its borders. */
export const raggedRow: Rule<'ragged-row'> = {
  id: 'ragged-row',
  description: 'A row has more cells than the header (the surplus joined into the measure), a row of a TAB-led or Word table stops short (padded with blanks), a row with spaces between cells could not be split with confidence, or a line of a grid table does not line up with its borders.',
  defaultSeverity: 'warning',
  check: (table) => readerFindings(table, 'ragged-row'),
};
