import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: rows whose cells were placed by what they hold, or rebuilt from a layout without row boundaries. */
export const guessedLayout: Rule<'guessed-layout'> = {
  id: 'guessed-layout',
  description: 'Rows whose cells were placed by what they hold rather than by position, or rebuilt from a text layout without row boundaries.',
  defaultSeverity: 'info',
  check: (table) => readerFindings(table, 'guessed-layout'),
};
