import type { Rule } from '../types.js';

/** A table whose title could not be found in the text before it or in a title row. */
export const missingTitle: Rule<'missing-title'> = {
  id: 'missing-title',
  description: 'No title was found before the table or in a title row above its header.',
  defaultSeverity: 'warning',
  check: (table) =>
    table.title === null
      ? [{ params: {}, place: null }]
      : [],
};
