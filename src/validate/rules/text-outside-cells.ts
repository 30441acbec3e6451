import type { Rule } from '../types.js';
import { readerFindings } from '../findings.js';

/** Reports what the reader found: text inside a table that stands outside every cell and was not read. */
export const textOutsideCells: Rule<'text-outside-cells'> = {
  id: 'text-outside-cells',
  description: 'Text inside a table stands outside its cells (a browser shows it above the table) and was not read.',
  defaultSeverity: 'error',
  check: (table) => readerFindings(table, 'text-outside-cells'),
};
