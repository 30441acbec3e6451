import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: A task's first measure takes its departments from the task above through a blank cell, which is ambiguous. */
export const inheritAcrossTask: Rule<'inherit-across-task'> = {
  id: 'inherit-across-task',
  description: 'A task\'s first measure takes its departments from the task above through a blank cell, which is ambiguous.',
  defaultSeverity: 'warning',
  check: (table) => readerFindings(table, 'inherit-across-task'),
};
