import type { Rule } from '../types.js';

/**
 * A file could not be read at all (no table, not decodable, a corrupt .docx). The validate command
 * reports it for that file and goes on with the others; a table that was read has nothing to check.
 */
export const parseError: Rule<'parse-error'> = {
  id: 'parse-error',
  description: 'The file could not be read as a task table at all.',
  defaultSeverity: 'error',
  check: () => [],
};
