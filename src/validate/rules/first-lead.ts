import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: the document states that the first unit listed leads, and measures were read so. */
export const firstLead: Rule<'first-lead'> = {
  id: 'first-lead',
  description: 'The document states that the first unit listed leads, and the measures that mark no lead were read so.',
  defaultSeverity: 'info',
  check: (table) => readerFindings(table, 'first-lead'),
};
