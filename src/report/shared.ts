import type { Diagnostic, Place } from '../model/schema.js';
import type { FileResult } from '../validate/types.js';
import { displayWidth } from '../normalize/width.js';

/** Diagnostics counted by severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** Counts diagnostics by severity. */
export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity] += 1;
  return counts;
}

/** The outcome of a whole run, as the exit code and every report state it. */
export interface Verdict {
  /** True when no file has an error and the warnings are within the limit. */
  valid: boolean;
  errorCount: number;
  /** Every warning, the ones `--quiet` leaves out of the listing included. */
  warningCount: number;
  /** True when a warning limit was given and the warnings exceed it. */
  tooManyWarnings: boolean;
}

/** Judges a run: it fails on any error, or on more warnings than `maxWarnings` when that is a number. */
export function judge(results: readonly FileResult[], maxWarnings: number | null = null): Verdict {
  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = maxWarnings !== null && warningCount > maxWarnings;
  return { valid: errorCount === 0 && !tooManyWarnings, errorCount, warningCount, tooManyWarnings };
}

/** "1 error", "2 errors". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Orders places as a reader meets them: file-level first, then by table, line (or row) and column. */
export function comparePlaces(a: Place | null, b: Place | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  if (a.table !== b.table) return a.table - b.table;
  const byLine = a.line !== null && b.line !== null ? a.line - b.line : 0;
  return byLine || a.row - b.row || a.column - b.column;
}

/** A copy of the diagnostics in reading order; the sort is stable, so ties keep the rules' order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => comparePlaces(a.place, b.place));
}

/**
 * Text fit for one terminal line: line breaks and tabs become spaces and other control characters
 * (ANSI escapes among them) are dropped, so a message quoting a cell cannot break the layout.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Columns a string takes in a terminal (see normalize/width). */
export { displayWidth };

/** Spaces that pad `text` to `width` terminal columns. */
export function padding(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text)));
}
