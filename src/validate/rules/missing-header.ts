import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: No column header names the measures (具体措施 or a synonym), so no measure can be read. */
export const missingHeader: Rule<'missing-header'> = {
  id: 'missing-header',
  description: 'No column header names the measures (具体措施 or a synonym), so no measure can be read.',
  defaultSeverity: 'error',
  check: (table) => readerFindings(table, 'missing-header'),
};
