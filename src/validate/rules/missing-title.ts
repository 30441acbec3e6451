import type { Rule } from '../types.js';

/** A table whose title could not be found in the text before it or in a title row. */
export const missingTitle: Rule = {
  id: 'missing-title',
  description: 'No title was found before the table or in a title row above its header.',
  defaultSeverity: 'warning',
  check: (table) =>
    table.title === null
      ? [{ message: 'No title was found: expected a line such as "2016年…任务分解表" before the table or in a title row.', place: null }]
      : [],
};
