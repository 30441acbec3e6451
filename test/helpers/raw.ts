import type { RawCell, RawRow, RawTable } from '../../src/read/raw-table.js';

/** A cell for test tables: text split into paragraphs on '\n', spans optional. */
export function cell(text: string, spans: { rowSpan?: number; colSpan?: number } = {}): RawCell {
  return { paragraphs: text === '' ? [] : text.split('\n'), rowSpan: spans.rowSpan ?? 1, colSpan: spans.colSpan ?? 1, line: null };
}

/** A row from cells or plain strings. */
export function row(...cells: (RawCell | string)[]): RawRow {
  return { cells: cells.map((c) => (typeof c === 'string' ? cell(c) : c)), line: null };
}

/** A table from rows; the header is the first row unless the rows say otherwise. */
export function table(rows: RawRow[], extra: Partial<RawTable> = {}): RawTable {
  return { rows, before: [], blanksAreMerges: false, diagnostics: [], ...extra };
}

/** A seed-like header: 项目名称 | 基本任务 | 具体措施 | 责任部门. */
export const HEADER = row('项目名称', '基本任务', '具体措施', '责任部门');

/** Writes rows in the tab-led-cells text layout: every cell on a line of its own after a TAB. */
export function tabLed(title: string, rows: string[][]): string {
  return [title, ...rows.flatMap((cells) => cells.map((c) => `\t${c}`))].join('\n');
}
