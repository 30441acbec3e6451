import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: text of a plan written as paragraphs that was not read into any measure. */
export const unreadText: Rule<'unread-text'> = {
  id: 'unread-text',
  description: 'Text of a plan written as numbered paragraphs that belongs to no measure (a preamble, principles, closing remarks), kept here so that nothing is lost.',
  defaultSeverity: 'info',
  check: (table) => readerFindings(table, 'unread-text'),
};
