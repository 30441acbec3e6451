import { roleOfHeader, type RoleOf } from '../model/roles.js';
import { BODY_ENDING } from '../normalize/departments.js';
import { chineseNumeralValue, splitMarker } from '../normalize/markers.js';
import { simplify } from '../normalize/script.js';
import { isBlankCell, type GridCell, type Slot } from './grid.js';

/** How many rows head the table, and the text of title rows found above them. */
export interface HeaderInfo {
  /** 0-based index of the first header row (rows above it are title rows). */
  start: number;
  /** Number of rows up to and including the last header row. */
  rows: number;
  titles: string[];
  /** The cells of the title rows, for reporting the ones that do not become the title. */
  titleCells: GridCell[];
  /**
   * 0-based index of a second header row whose labels lost their places (see `isStrayLabelRow`):
   * it heads no column. Null when there is none.
   */
  stray: number | null;
}

/** Header rows are looked for among the first rows only; a task table's header is at its top. */
export const HEADER_SEARCH_ROWS = 6;

/** Headers run over three rows at the most (a group row, a label row, a unit row). */
const MAX_HEADER_ROWS = 3;

/** How many rows from the top {@link detectHeader} reads at the most: given these, it finds what it finds given all. */
export const HEADER_LOOKAHEAD = HEADER_SEARCH_ROWS + MAX_HEADER_ROWS - 1;

/**
 * Finds the header: the first row near the top in which some cell names a known column role.
 * Rows above it (typically one cell spanning the table with the title) are title rows, and their
 * text joins the text before the table. When no row names a known role, the first row after the
 * title rows is taken as the header (or the number of header rows the format declared).
 */
export function detectHeader(rows: readonly Slot[][], declared?: number, roleOf: RoleOf = roleOfHeader): HeaderInfo {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let known = -1;
  for (let r = 0; r < limit && known < 0; r += 1) {
    if ((rows[r] ?? []).some((slot) => slot.kind === 'own' && roleOf(cellText(slot)) !== 'other')) known = r;
  }
  if (known < 0) {
    let first = 0;
    while (first < limit && isTitleRow(rows[first] ?? [])) first += 1;
    return { start: first, rows: first + (declared ?? 1), ...titlesOf(rows.slice(0, first)), stray: null };
  }
  // A format may declare more header rows (two th rows, two w:tblHeader rows): a two-row header.
  let end = known + 1;
  while (end < rows.length && end < known + MAX_HEADER_ROWS && isHeaderContinuation(rows[end] ?? [], end, roleOf)) end += 1;
  const texts = (row: readonly Slot[], r: number) => row.map((slot) => (slot.cell.row === r + 1 && !isBlankCell(slot.cell) ? cellText(slot) : ''));
  const stray = end === known + 1 && end < rows.length && isStrayLabelRow(texts(rows[known] ?? [], known), texts(rows[end] ?? [], end), roleOf) ? end : null;
  if (stray !== null) end += 1;
  return { start: known, rows: Math.max(end, declared ?? 0), ...titlesOf(rows.slice(0, known)), stray };
}

/**
 * A second header row of sub-labels that a copy wrote from the first column: under a 序号 label,
 * where no data row starts without its number, stand two labels or more and no body's name (投資 |
 * 工程主要形象進度 | 完成投資 | % under 序號 | 項目名稱 | …, the spans of the labels above them lost).
 * Which columns its labels head is not known, so they head none. `header` and `row` are the texts
 * of the rows' own cells by column, '' where none is.
 */
export function isStrayLabelRow(header: readonly string[], row: readonly string[], roleOf: RoleOf = roleOfHeader): boolean {
  if (roleOf(header[0] ?? '') !== 'serial' || (row[0] ?? '') === '') return false;
  const labels = row.filter((text) => text !== '');
  return (
    labels.length >= 2 &&
    labels.length < header.filter((text) => text !== '').length &&
    labels.every((label) => isHeaderLabel(label) && chineseNumeralValue(label) === null && !BODY_ENDING.test(simplify(label)))
  );
}

/**
 * A row continues the header when the cells it starts are all short labels and one of them names a
 * role: the second row of "责任分工" over "牵头单位 | 配合单位". Data rows hold markers, numbers or prose.
 */
function isHeaderContinuation(row: readonly Slot[], r: number, roleOf: RoleOf): boolean {
  const own = row.filter((slot) => slot.cell.row === r + 1 && !isBlankCell(slot.cell)).map(cellText);
  return own.length > 0 && own.every(isHeaderLabel) && own.some((text) => roleOf(text) !== 'other');
}

/** A title row is one non-blank cell spanning the whole row. */
function isTitleRow(row: readonly Slot[]): boolean {
  const first = row[0];
  return first !== undefined && !isBlankCell(first.cell) && row.every((slot) => slot.cell === first.cell);
}

function titlesOf(rows: readonly Slot[][]): { titles: string[]; titleCells: GridCell[] } {
  const titleCells = rows.flatMap((row) => row.filter((slot) => slot.kind === 'own' && !isBlankCell(slot.cell)).map((slot) => slot.cell));
  return { titles: titleCells.map((cell) => cell.paragraphs.join('').trim()), titleCells };
}

function cellText(slot: Slot): string {
  return slot.cell.paragraphs.join('').trim();
}

/** Longest header label accepted; real headers are a few characters ("责任部门", "完成时限"). */
const MAX_HEADER_LENGTH = 16;

/** Short, no numbering marker, not a number, no sentence punctuation: a header label, not data. */
export function isHeaderLabel(text: string): boolean {
  const label = text.trim();
  return label.length <= MAX_HEADER_LENGTH && splitMarker(label) === null && !/^[\d０-９]+$/.test(label) && !/[，。；：,;]/.test(label);
}
