import { FenjieError } from '../errors.js';
import { limitExceeded } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { diagnostic } from '../i18n/messages.js';
import { splitLines, type RawCell, type RawRow, type RawTable } from './raw-table.js';

/**
 * A worksheet's cells as stored, in columns: the i-th cell's 0-based row and column and its text as
 * shown. Columns rather than an object a cell: a sheet's cells are all held until its table is made,
 * and at 100,000 measures half a million objects were some 24 MB more for the collector to copy.
 */
export class SheetCells {
  readonly rows: number[] = [];
  readonly columns: number[] = [];
  readonly texts: string[] = [];

  push(row: number, column: number, text: string): void {
    this.rows.push(row);
    this.columns.push(column);
    this.texts.push(text);
  }
}

/** A merged range of a worksheet, 0-based and inclusive. */
export interface SheetMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A worksheet as a spreadsheet reader found it, before it becomes a table. */
export interface Sheet {
  name: string;
  hidden: boolean;
  cells: SheetCells;
  merges: SheetMerge[];
}

/**
 * Lays a worksheet out as a RawTable, the way HTML writes a table: the rows and columns from the
 * first to the last that hold text (rows without text or merges left out), every cell in its place
 * (a sparse sheet's gaps as blank cells),
 * each merged range as one cell with row and column spans, and the slots a merge covers left out.
 * A covered slot that still holds text of its own (Excel keeps only the top-left value when cells
 * are merged, but a file may hold more) is reported as 'merged-text-lost'. Returns null for a
 * sheet without text. Throws 'limit-exceeded' when the used range or the merges pass maxCells.
 */
export function sheetTable(sheet: Sheet, table: number, name: string, maxCells: number): RawTable | null {
  const { rows: cellRows, columns: cellColumns, texts: cellTexts } = sheet.cells;
  // trimStart, not trim, as isBlankCell: no string is made for text without leading white space.
  const hasText = (i: number) => (cellTexts[i] as string).trimStart() !== '';
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  // Indexed loops: this runs once per sheet, mostly before V8 optimizes it, and an unoptimized
  // for…of allocates a result object per cell.
  for (let i = 0; i < cellTexts.length; i += 1) {
    if (!hasText(i)) continue;
    top = Math.min(top, cellRows[i] as number);
    left = Math.min(left, cellColumns[i] as number);
    bottom = Math.max(bottom, cellRows[i] as number);
    right = Math.max(right, cellColumns[i] as number);
  }
  if (bottom < 0) return null;
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > maxCells) {
    throw limitExceeded(name, `sheet "${sheet.name}" spans ${height} rows by ${width} columns`, 'maxCells', `${maxCells} grid cells`);
  }
  const at = (row: number, column: number) => (row - top) * width + (column - left);
  const texts: (string | undefined)[] = new Array(height * width);
  for (let i = 0; i < cellTexts.length; i += 1) {
    if (!hasText(i)) continue;
    const slot = at(cellRows[i] as number, cellColumns[i] as number);
    const text = cellTexts[i] as string;
    // A cell written twice keeps both texts, so that nothing is lost.
    texts[slot] = texts[slot] === undefined ? text : `${texts[slot]}\n${text}`;
  }
  const { spans, covered } = placeMerges(sheet, { top, left, bottom, right }, width, height, name, maxCells);
  const diagnostics: Diagnostic[] = [];
  const rows: RawRow[] = [];
  for (let r = 0; r < height; r += 1) {
    // A row with no text and no merge through it says nothing; leaving it out keeps a sparse sheet
    // (two cells far apart) as cheap to read as a dense one.
    if (isEmptyRow(texts, covered, spans, r, width)) continue;
    const row: RawCell[] = [];
    for (let c = 0; c < width; c += 1) {
      const slot = r * width + c;
      const origin = covered[slot] as number;
      const text = texts[slot];
      if (origin >= 0) {
        if (text !== undefined && text.trim() !== (texts[origin] ?? '').trim()) {
          // Called a merged range, not Word's vertical merge: params.kind picks the wording.
          diagnostics.push(diagnostic('merged-text-lost', 'warning', { text: text.trim(), kind: 'merged-range' }, { table, row: rows.length + 1, column: c + 1, line: null }));
        }
        continue;
      }
      const span = spans.get(slot);
      // A cell's lines (Alt+Enter in Excel) are its paragraphs.
      row.push({ paragraphs: text === undefined ? [] : splitLines(text), rowSpan: span?.rows ?? 1, colSpan: span?.columns ?? 1, line: null });
    }
    // A row filled by push keeps room for sixteen cells; the rows live through the parse, so each is copied to its size.
    rows.push({ cells: row.slice(), line: null });
  }
  return { rows, before: [], blanksAreMerges: false, diagnostics, sheet: { name: sheet.name, hidden: sheet.hidden } };
}

function isEmptyRow(texts: readonly (string | undefined)[], covered: Int32Array, spans: ReadonlyMap<number, unknown>, r: number, width: number): boolean {
  for (let slot = r * width; slot < (r + 1) * width; slot += 1) {
    if (texts[slot] !== undefined || covered[slot] !== -1 || spans.has(slot)) return false;
  }
  return true;
}

/**
 * Marks the slots each merge covers with the slot of its top-left cell. Merges are clipped to the
 * used range; one that overlaps an earlier merge is ignored, as Excel never writes such a file.
 * The merged area is counted against maxCells, as the grid counts spans (layOut in grid/spans.ts).
 */
function placeMerges(sheet: Sheet, range: SheetMerge, width: number, height: number, name: string, maxCells: number) {
  const covered = new Int32Array(width * height).fill(-1);
  const spans = new Map<number, { rows: number; columns: number }>();
  let area = 0;
  for (let i = 0; i < sheet.merges.length; i += 1) {
    const merge = sheet.merges[i] as SheetMerge;
    if (merge.top < range.top || merge.left < range.left || merge.top > range.bottom || merge.left > range.right) continue;
    const bottom = Math.min(merge.bottom, range.bottom) - range.top;
    const right = Math.min(merge.right, range.right) - range.left;
    const top = merge.top - range.top;
    const left = merge.left - range.left;
    if (bottom < top || right < left || (bottom === top && right === left)) continue;
    area += (bottom - top + 1) * (right - left + 1);
    if (area > maxCells) throw limitExceeded(name, `the merged ranges of sheet "${sheet.name}" cover more than ${maxCells} cells`, 'maxCells', String(maxCells));
    const origin = top * width + left;
    if (!isFree(covered, spans, width, top, left, bottom, right)) continue;
    spans.set(origin, { rows: bottom - top + 1, columns: right - left + 1 });
    for (let r = top; r <= bottom; r += 1) {
      for (let c = left; c <= right; c += 1) if (r !== top || c !== left) covered[r * width + c] = origin;
    }
  }
  return { spans, covered };
}

function isFree(covered: Int32Array, spans: ReadonlyMap<number, unknown>, width: number, top: number, left: number, bottom: number, right: number): boolean {
  for (let r = top; r <= bottom; r += 1) {
    for (let c = left; c <= right; c += 1) if (covered[r * width + c] !== -1 || spans.has(r * width + c)) return false;
  }
  return true;
}

/** The 0-based row and column of an A1 reference ("C5" → row 4, column 2), or null when it is not one. */
export function parseReference(ref: string): { row: number; column: number } | null {
  // Read by hand, not by a regular expression: a sheet has one reference per cell.
  const text = ref.trim();
  let i = text.charCodeAt(0) === 0x24 /* $ */ ? 1 : 0;
  const letters = i;
  let column = 0;
  // c | 0x20 folds A-Z onto a-z; a letter is one of 1 to 3, then the digits are one of 1 to 7.
  for (let c = text.charCodeAt(i) | 0x20; c >= 0x61 && c <= 0x7a && i - letters < 3; c = text.charCodeAt(++i) | 0x20) column = column * 26 + (c - 0x60);
  if (i === letters) return null;
  if (text.charCodeAt(i) === 0x24) i += 1;
  const digits = i;
  let row = 0;
  for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39 && i - digits < 7; c = text.charCodeAt(++i)) row = row * 10 + (c - 0x30);
  if (i === digits || i !== text.length) return null;
  if (row < 1 || row > MAX_ROWS || column > MAX_COLUMNS) return null;
  return { row: row - 1, column: column - 1 };
}

/** The largest sheet Excel writes: 1,048,576 rows by 16,384 columns (XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** A range "A3:A7" (or one cell "B2") as a merge, or null when it is not one. */
export function parseRange(ref: string): SheetMerge | null {
  const [from = '', to = from] = ref.split(':');
  const a = parseReference(from);
  const b = parseReference(to);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
}

/** The error for a workbook that cannot be read, naming the file. */
export function corruptWorkbook(name: string, clause: string): FenjieError {
  return new FenjieError('corrupt-file', `${name}: ${clause}`);
}
