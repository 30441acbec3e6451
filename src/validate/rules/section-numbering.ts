import type { Rule } from '../types.js';
import { numberingBreaks } from '../findings.js';

/** Section numbers (一、二、…) that skip, repeat or run backwards. */
export const sectionNumbering: Rule = {
  id: 'section-numbering',
  description: 'Section numbers skip, repeat or go backwards.',
  defaultSeverity: 'warning',
  check: (table) =>
    numberingBreaks(table.sections).map(({ item, expected }) => ({
      message: `Section "${item.marker}${item.title ?? ''}" is numbered ${item.number}; expected ${expected}.`,
      place: item.place,
    })),
};
