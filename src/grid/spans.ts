import { DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import { roleOfHeader, type RoleOf } from '../model/roles.js';
import type { Diagnostic } from '../model/schema.js';
import { isSerialCell, mostlySerial } from '../model/columns.js';
import type { RawRow, RawTable } from '../read/raw-table.js';
import { alignRows, sampleCells } from './align.js';
import { detectHeader, HEADER_LOOKAHEAD } from './header.js';
import { isBlankCell, isDittoCell, placedCell, SAMPLE_ROWS, type Grid, type GridStream, type Slot, type SlotKind } from './grid.js';
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
   * Let go of each of the RawTable's rows once nothing needs it: the title and header rows when the
   * grid is opened, each data row when it is read. For a caller that drops the RawTable, so that its
   * rows and the model are not both whole in memory (at 100k rows the reader's rows are some 35 MiB).
   * Default: false.
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
  const grid = openGrid(raw, table, options);
  const rows = grid.head.slice(0, grid.headerRows);
  for (let row = grid.next(); row; row = grid.next()) rows.push(row);
  const { width, headerRows, headerStart, before, titleCells, strayHeaderRow, diagnostics } = grid;
  return { table, width, rows, headerRows, headerStart, before, titleCells, strayHeaderRow, diagnostics };
}

/**
 * The grid of a RawTable (see {@link resolveSpans}), read a row at a time. Where each cell goes, and
 * so the table's width, is worked out first from the spans alone, without placing anything; the
 * title and header rows are then placed, and each data row when it is asked for.
 */
export function openGrid(raw: RawTable, table: number, options: SpanOptions = {}): GridStream {
  const roleOf = options.roleOf ?? roleOfHeader;
  const maxCells = options.maxCells ?? DEFAULT_LIMITS.maxCells;
  const name = options.name ?? 'input';
  const diagnostics: Diagnostic[] = [...raw.diagnostics];
  const rawRows = raw.alignShortRows ? alignRows(raw, table, diagnostics, roleOf) : raw.rows;
  const count = rawRows.length;
  const { columns, width } = layOut(rawRows, table, maxCells, name, diagnostics);
  if (width * count > maxCells) {
    throw limitExceeded(name, `table ${table} is ${count} rows by ${width} columns`, 'maxCells', `${maxCells} grid cells`);
  }
  // The slots of rows below the one being placed that cells spanning down have reached already.
  const pending: ((Slot | undefined)[] | undefined)[] = [];
  let cellAt = 0;
  const place = (r: number): Slot[] => {
    const rawRow = rawRows[r] as RawRow;
    const row = pending[r] ?? slotsFor(rawRow);
    pending[r] = undefined;
    for (const rawCell of rawRow.cells) {
      const column = columns[cellAt] as number;
      cellAt += 1;
      const cell = placedCell(r + 1, column + 1, Math.max(1, Math.min(rawCell.rowSpan, count - r)), Math.max(1, rawCell.colSpan), rawCell.paragraphs, rawCell.line);
      // Slots are never changed once placed, so the slots a cell covers share one Slot: a section
      // cell over 10,000 rows is 2 objects, not 10,000 (at 100k rows they were a tenth of the heap).
      const span: Slot | null = cell.rowSpan * cell.colSpan === 1 ? null : { cell, kind: 'span' };
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        const target = dr === 0 ? row : (pending[r + dr] ??= slotsFor(rawRows[r + dr] as RawRow));
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          // A later rowspan may collide with a cell already placed; the earlier cell keeps the slot.
          if (!target[column + dc]) target[column + dc] = dr === 0 && dc === 0 ? cell : (span as Slot);
        }
      }
    }
    return padRow(row, width, r + 1, rawRow.line ?? null, table, diagnostics);
  };
  // Aligned rows are a copy of the table's rows, row for row: both let go of a row once it is read.
  const release = (r: number) => {
    if (options.releaseRows) rawRows[r] = raw.rows[r] = RELEASED;
  };

  // The header is among the first rows: they are placed before it is looked for.
  const placed: Slot[][] = [];
  while (placed.length < Math.min(count, HEADER_LOOKAHEAD)) placed.push(place(placed.length));
  const header = detectHeader(placed, raw.headerRows, roleOf);
  while (placed.length < Math.min(count, header.rows)) placed.push(place(placed.length));
  const headerRows = header.rows;
  if (header.stray !== null) diagnostics.push(strayLabels(placed[header.stray] ?? [], header.stray, table, rawRows[header.stray]?.line ?? null));
  // The cells of the title and header rows come first in `columns`; the data cells follow.
  let firstDataCell = 0;
  for (let r = 0; r < Math.min(count, headerRows); r += 1) {
    firstDataCell += (rawRows[r] as RawRow).cells.length;
    release(r);
  }

  // The next row to read.
  let cursor = headerRows;
  let above: Slot[] | undefined;
  // The blanks under one cell run down its column, so each column keeps its last borrowed slot to share.
  const borrowed: (Slot | undefined)[] = [];
  // Each column's own data cells and serial numbers among them, counted when first asked about.
  let serials: { filled: Int32Array; serial: Int32Array } | null = null;
  return {
    table,
    width,
    rowCount: count,
    head: placed.slice(0, Math.max(1, headerRows)),
    headerRows,
    headerStart: header.start,
    before: [...(raw.metadata ?? []), ...raw.before, ...header.titles],
    titleCells: header.titleCells,
    strayHeaderRow: header.stray,
    diagnostics,
    next() {
      if (cursor >= count) return undefined;
      const row = cursor < placed.length ? (placed[cursor] as Slot[]) : place(cursor);
      if (cursor < placed.length) placed[cursor] = RELEASED_SLOTS;
      if (cursor > headerRows) mergeBlanks(row, above as Slot[], borrowed, raw.blanksAreMerges);
      release(cursor);
      above = row;
      cursor += 1;
      return row;
    },
    holdsSerials(column) {
      if (!serials) {
        // The reader's rows are let go as they are read: only a grid not yet read has them all.
        if (cursor > headerRows) throw new Error('holdsSerials asked after data rows were read');
        serials = countSerials(rawRows, headerRows, columns, firstDataCell, width);
      }
      return mostlySerial(serials.serial[column] ?? 0, serials.filled[column] ?? 0);
    },
    sampleColumn(column, withNames) {
      // The reader's rows are let go as they are read: only a grid not yet read has them all.
      if (cursor > headerRows) throw new Error('sampleColumn asked after data rows were read');
      return sampleCells(columnCells(rawRows, headerRows, columns, firstDataCell, column), withNames);
    },
  };
}

/** The 'guessed-layout' info for a header row whose labels head no column, quoting them. */
function strayLabels(row: readonly Slot[], r: number, table: number, line: number | null): Diagnostic {
  const labels = row.filter((slot) => slot.kind === 'own' && !isBlankCell(slot.cell)).map((slot) => slot.cell.paragraphs.join('').trim());
  return diagnostic('guessed-layout', 'info', { kind: 'sub-labels', row: r + 1, labels: labels.join(' | ') }, { table, row: r + 1, column: 1, line });
}

/** What a placed row of the header buffer is left as once it is read. */
const RELEASED_SLOTS: Slot[] = [];

/**
 * Where each cell of the rows goes, 0-based column by cell in row order, and the table's width:
 * placement worked out from the spans alone. A slot is taken when a cell placed before it covers its
 * column down to its row: every cell placed so far starts at or above the row being placed, so a
 * column's covered slots from there down are one run, ending at the lowest row any cell covers it to.
 * Spans that run past the table's end are reported here, and a table whose spans claim more than
 * maxCells slots is refused before a slot is made.
 */
function layOut(rows: readonly RawRow[], table: number, maxCells: number, name: string, diagnostics: Diagnostic[]): { columns: Int32Array; width: number } {
  let cells = 0;
  for (const row of rows) cells += row.cells.length;
  const columns = new Int32Array(cells);
  const coveredTo: number[] = [];
  let k = 0;
  let slots = 0;
  let width = 0;
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r] as RawRow;
    let column = row.columnOffset ?? 0;
    for (const rawCell of row.cells) {
      while ((coveredTo[column] ?? -1) >= r) column += 1;
      const rowSpan = Math.max(1, Math.min(rawCell.rowSpan, rows.length - r));
      if (rowSpan < rawCell.rowSpan) {
        const place = { table, row: r + 1, column: column + 1, line: rawCell.line };
        diagnostics.push(diagnostic('span-overflow', 'warning', { rows: rawCell.rowSpan, remaining: rowSpan }, place));
      }
      const colSpan = Math.max(1, rawCell.colSpan);
      slots += rowSpan * colSpan;
      // Spans multiply: one cell can claim rows × columns slots, so the grid is bounded, not just the input.
      if (slots > maxCells) throw limitExceeded(name, `table ${table} spans more than ${maxCells} grid cells`, 'maxCells', String(maxCells));
      const last = r + rowSpan - 1;
      for (let dc = 0; dc < colSpan; dc += 1) if ((coveredTo[column + dc] ?? -1) < last) coveredTo[column + dc] = last;
      columns[k] = column;
      k += 1;
      column += colSpan;
      if (column > width) width = column;
    }
  }
  return { columns, width };
}

/**
 * How many own data cells each column holds, and how many of them are serial numbers, counted from
 * the RawTable's cells where {@link layOut} put them (the cells `holdsSerials` in columns.ts counts
 * in a whole grid). A ditto mark below the first data row stands for the cell above (see
 * `mergeBlanks`), so it is not a cell of its own. Every column in one pass: a table of 100,000
 * columns in doubt asks about each, and a pass for each was quadratic.
 */
function countSerials(rows: readonly RawRow[], headerRows: number, columns: Int32Array, firstDataCell: number, width: number): { filled: Int32Array; serial: Int32Array } {
  const filled = new Int32Array(width);
  const serial = new Int32Array(width);
  let k = firstDataCell;
  for (let r = headerRows; r < rows.length; r += 1) {
    for (const rawCell of (rows[r] as RawRow).cells) {
      const column = columns[k] as number;
      k += 1;
      if (isBlankCell(rawCell) || (r > headerRows && rawCell.colSpan <= 1 && isDittoCell(rawCell))) continue;
      filled[column] = (filled[column] as number) + 1;
      if (isSerialCell(rawCell)) serial[column] = (serial[column] as number) + 1;
    }
  }
  return { filled, serial };
}

/**
 * A column's own cells in the first data rows, from the RawTable's cells where {@link layOut} put
 * them: the cells a whole grid's column holds there, blanks and ditto marks aside (as `countSerials`).
 */
function columnCells(rows: readonly RawRow[], headerRows: number, columns: Int32Array, firstDataCell: number, column: number): RawRow['cells'] {
  const cells: RawRow['cells'] = [];
  let k = firstDataCell;
  for (let r = headerRows; r < Math.min(rows.length, headerRows + SAMPLE_ROWS); r += 1) {
    for (const rawCell of (rows[r] as RawRow).cells) {
      const own = columns[k] === column && !isBlankCell(rawCell) && !(r > headerRows && rawCell.colSpan <= 1 && isDittoCell(rawCell));
      if (own) cells.push(rawCell);
      k += 1;
    }
  }
  return cells;
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
 * A blank in the first data row has nothing above it and stays blank. Done to each data row below
 * the first, in order, given the row above as it was left.
 */
function mergeBlanks(row: Slot[], above: Slot[], borrowed: (Slot | undefined)[], blanksAreMerges: boolean): void {
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
