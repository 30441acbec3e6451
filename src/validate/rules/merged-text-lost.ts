import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A .docx cell covered by a vertical merge holds text of its own, which Word hides. */
export const mergedTextLost: Rule<'merged-text-lost'> = {
  id: 'merged-text-lost',
  description: 'A .docx cell covered by a vertical merge holds text of its own, which Word hides.',
  defaultSeverity: 'warning',
  check: (table) => readerFindings(table, 'merged-text-lost'),
};
