import { roleOfHeader, type RoleOf } from '../model/roles.js';
import { isBlankCell, type Slot } from './grid.js';

/** How many rows head the table, and the text of title rows found above them. */
export interface HeaderInfo {
  /** 0-based index of the first header row (rows above it are title rows). */
  start: number;
  /** Number of rows up to and including the last header row. */
  rows: number;
  titles: string[];
}

/** Header rows are looked for among the first rows only; a task table's header is at its top. */
const HEADER_SEARCH_ROWS = 6;

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
    return { start: first, rows: first + (declared ?? 1), titles: titlesOf(rows.slice(0, first)) };
  }
  // A format may declare more header rows (two th rows, two w:tblHeader rows): a two-row header.
  return { start: known, rows: Math.max(known + 1, declared ?? 0), titles: titlesOf(rows.slice(0, known)) };
}

/** A title row is one non-blank cell spanning the whole row. */
function isTitleRow(row: readonly Slot[]): boolean {
  const first = row[0];
  return first !== undefined && !isBlankCell(first.cell) && row.every((slot) => slot.cell === first.cell);
}

function titlesOf(rows: readonly Slot[][]): string[] {
  const texts: string[] = [];
  for (const row of rows) {
    for (const slot of row) if (slot.kind === 'own' && !isBlankCell(slot.cell)) texts.push(cellText(slot));
  }
  return texts;
}

function cellText(slot: Slot): string {
  return slot.cell.paragraphs.join('').trim();
}
