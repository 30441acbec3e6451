import type { Rule } from '../types.js';
import { numberingBreaks } from '../findings.js';

/** Section numbers (一、二、…) that skip, repeat or run backwards. */
export const sectionNumbering: Rule<'section-numbering'> = {
  id: 'section-numbering',
  description: 'Section numbers skip, repeat or go backwards.',
  defaultSeverity: 'warning',
  check: (table) =>
    numberingBreaks(table.sections).map(({ item, expected }) => ({
      params: { section: `${item.marker ?? ''}${item.title ?? ''}`, number: item.number ?? 0, expected },
      place: item.place,
    })),
};
