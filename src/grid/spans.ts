import { DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import { roleOfHeader, type RoleOf } from '../model/roles.js';
import type { Diagnostic } from '../model/schema.js';
import type { RawRow, RawTable } from '../read/raw-table.js';
import { alignRows } from './align.js';
import { detectHeader } from './header.js';
import { isBlankCell, isDittoCell, placedCell, type Grid, type Slot, type SlotKind } from './grid.js';
import { diagnostic } from '../i18n/messages.js';

/** How to resolve spans: column roles for header detection, and the grid's size limit. */
export interface SpanOptions {
  /** Column roles from header text. Default: the built-in synonym table. */
  roleOf?: RoleOf;
  /** Most grid slots the table may fill. Default: DEFAULT_LIMITS.maxCells. */
  maxCells?: number;
  /** The input's name, for error messages. Default: 'input'. */
  name?: string;
  /**
   * Let go of each of the RawTable's rows once its cells are placed, leaving the table without rows:
   * for a caller that drops the RawTable once the grid is built, so that the two are not both whole
   * in memory (at 100k rows the reader's rows are some 35 MiB). Default: false.
   */
  releaseRows?: boolean;
}

/** What a released row of a RawTable is left as. */
const RELEASED: RawRow = { cells: [], line: null };

/**
 * Turns a reader's RawTable into a rectangular Grid. Cells are placed as an HTML table places them:
 * each at the first free slot of its row, covering rowSpan × colSpan slots; spans that run past the
 * table's end are clamped and reported. Short rows are padded with blank cells and reported. In a
 * layout that writes merged cells as blanks, a blank data cell then takes the cell above it.
 */
export function resolveSpans(raw: RawTable, table: number, options: SpanOptions = {}): Grid {
  const roleOf = options.roleOf ?? roleOfHeader;
  const maxCells = options.maxCells ?? DEFAULT_LIMITS.maxCells;
  let slots = 0;
  const diagnostics: Diagnostic[] = [...raw.diagnostics];
  const rawRows = raw.alignShortRows ? alignRows(raw, table, diagnostics, roleOf) : raw.rows;
  const placed: (Slot | undefined)[][] = rawRows.map(slotsFor);
  const lines = rawRows.map((row) => row.line);
  const lastRow = rawRows.length;

  rawRows.forEach((rawRow, r) => {
    let column = rawRow.columnOffset ?? 0;
    for (const rawCell of rawRow.cells) {
      while (placed[r]?.[column]) column += 1;
      const rowSpan = Math.max(1, Math.min(rawCell.rowSpan, lastRow - r));
      if (rowSpan < rawCell.rowSpan) {
        const place = { table, row: r + 1, column: column + 1, line: rawCell.line };
        diagnostics.push(diagnostic('span-overflow', 'warning', { rows: rawCell.rowSpan, remaining: rowSpan }, place));
      }
      const cell = placedCell(r + 1, column + 1, rowSpan, Math.max(1, rawCell.colSpan), rawCell.paragraphs, rawCell.line);
      slots += cell.rowSpan * cell.colSpan;
      // Spans multiply: one cell can claim rows × columns slots, so the grid is bounded, not just the input.
      if (slots > maxCells) {
        throw limitExceeded(options.name ?? 'input', `table ${table} spans more than ${maxCells} grid cells`, 'maxCells', String(maxCells));
      }
      // Slots are never changed once placed, so the slots a cell covers share one Slot: a section
      // cell over 10,000 rows is 2 objects, not 10,000 (at 100k rows they were a tenth of the heap).
      const span: Slot | null = cell.rowSpan * cell.colSpan === 1 ? null : { cell, kind: 'span' };
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const target = placed[r + dr] as (Slot | undefined)[];
          // A later rowspan may collide with a cell already placed; the earlier cell keeps the slot.
          if (!target[column + dc]) target[column + dc] = dr === 0 && dc === 0 ? cell : (span as Slot);
        }
      }
      column += cell.colSpan;
    }
    // Aligned rows are a copy of the table's rows, row for row: both let go of the row.
    if (options.releaseRows) rawRows[r] = raw.rows[r] = RELEASED;
  });

  const width = placed.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (width * placed.length > maxCells) {
    throw limitExceeded(options.name ?? 'input', `table ${table} is ${placed.length} rows by ${width} columns`, 'maxCells', `${maxCells} grid cells`);
  }
  const rows = placed.map((row, r) => padRow(row, width, r + 1, lines[r] ?? null, table, diagnostics));
  const header = detectHeader(rows, raw.headerRows, roleOf);
  const grid: Grid = { table, width, rows, headerRows: header.rows, headerStart: header.start, before: [...(raw.metadata ?? []), ...raw.before, ...header.titles], titleCells: header.titleCells, diagnostics };
  mergeBlanks(grid, raw.blanksAreMerges);
  return grid;
}

/** Rows up to this many slots wide are made to size before their cells are placed. */
const SIZED_ROW = 64;

/**
 * The array a row's slots are placed in: as long as the row's own cells reach, which it is at least
 * once they are placed. An array grown from empty keeps room for 17 slots, 10 MiB more at 100k rows
 * of four; a wider row (or a colspan of millions, which the cell limit refuses) grows as it is filled.
 */
function slotsFor(row: RawRow): (Slot | undefined)[] {
  // A row without cells reaches no column, whatever its offset: only spans from above fill it.
  if (row.cells.length === 0) return [];
  let reach = row.columnOffset ?? 0;
  for (const cell of row.cells) reach += Math.max(1, cell.colSpan);
  return reach <= SIZED_ROW ? new Array<Slot | undefined>(reach) : [];
}

/** Fills the gaps of a row with blank cells and reports a row that stops short of the table's width. */
function padRow(
  row: (Slot | undefined)[],
  width: number,
  rowNumber: number,
  line: number | null,
  table: number,
  diagnostics: Diagnostic[],
): Slot[] {
  let filled = 0;
  for (const slot of row) if (slot) filled += 1;
  if (filled > 0 && filled < width) {
    let firstMissing = 0;
    while (row[firstMissing]) firstMissing += 1;
    const place = { table, row: rowNumber, column: firstMissing + 1, line };
    diagnostics.push(diagnostic('ragged-row', 'warning', { kind: 'short', row: rowNumber, cells: filled, width }, place));
  }
  // Filled in place: a copy of every row was as many arrays again, garbage at once.
  for (let c = 0; c < width; c += 1) {
    row[c] ??= placedCell(rowNumber, c + 1, 1, 1, [], line);
  }
  return row as Slot[];
}

/**
 * A data cell holding only a ditto mark (〃, 同上) continues the cell above it, in every layout; in
 * layouts that write a merged cell as a blank cell on each row it covers, so does a blank 1×1 cell.
 * A blank in the first data row has nothing above it and stays blank.
 */
function mergeBlanks(grid: Grid, blanksAreMerges: boolean): void {
  // The blanks under one cell run down its column, so each column keeps its last borrowed slot to share.
  const borrowed: (Slot | undefined)[] = [];
  for (let r = grid.headerRows + 1; r < grid.rows.length; r += 1) {
    const above = grid.rows[r - 1] as Slot[];
    const row = grid.rows[r] as Slot[];
    for (let c = 0; c < row.length; c += 1) {
      const slot = row[c] as Slot;
      const { cell } = slot;
      if (slot.kind === 'blank' || cell.colSpan !== 1) continue;
      // A ditto mark repeats the cell above on every row it covers, a rowspan over a ditto included.
      const ditto = cell.column === c + 1 && isDittoCell(cell);
      const blank = blanksAreMerges && slot.kind === 'own' && cell.rowSpan === 1 && isBlankCell(cell);
      if (!ditto && !blank) continue;
      // The rows a ditto's own rowspan covers are explicitly merged; only its first row borrows.
      const from = (above[c] as Slot).cell;
      const kind: SlotKind = slot.kind === 'span' ? 'span' : 'blank';
      const last = borrowed[c];
      row[c] = last && last.cell === from && last.kind === kind ? last : (borrowed[c] = { cell: from, kind });
    }
  }
}
