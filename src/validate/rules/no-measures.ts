import { hasMeasures } from '../findings.js';
import type { Rule } from '../types.js';

/**
 * A table from which no measure was read: a header with no data rows, or rows that never became
 * measures. Where the header names no measure column, 'missing-header' says so already.
 */
export const noMeasures: Rule<'no-measures'> = {
  id: 'no-measures',
  description: 'The table read holds no measures: a header without data rows, or rows that could not be read as measures.',
  defaultSeverity: 'error',
  check: (table) => {
    if (hasMeasures(table) || table.diagnostics.some((d) => d.ruleId === 'missing-header')) return [];
    const header = table.columns.map((c) => c.header).filter(Boolean).join(' | ');
    return [{ params: { header }, place: null }];
  },
};
