import type { Diagnostic } from '../model/schema.js';
import type { MarkerKind } from '../normalize/markers.js';

/** A cell placed in the grid: its top-left slot, its spans, its text and its source line. */
export interface GridCell {
  /** 1-based grid row of the cell's top-left slot. */
  row: number;
  /** 1-based grid column of the cell's top-left slot. */
  column: number;
  rowSpan: number;
  colSpan: number;
  paragraphs: string[];
  line: number | null;
}

/**
 * How a slot got its cell: 'own' at the cell's top-left slot, 'span' for a slot covered by a
 * row or column span, 'blank' for a blank cell that a blanks-are-merges layout gave to the cell above.
 */
export type SlotKind = 'own' | 'span' | 'blank';

/** One position of the rectangular grid, pointing at the cell whose value it shows. */
export interface Slot {
  cell: GridCell;
  kind: SlotKind;
}

/**
 * A cell that is also the 'own' slot at its top-left position: one object for a 1×1 cell, not a
 * cell and a slot (at 20k rows of four, 80,000 objects and 2 MB fewer for the scavenges to copy).
 * Its `cell` is itself, so a grid cannot be written as JSON as it stands.
 */
export interface PlacedCell extends GridCell, Slot {
  kind: 'own';
}

/** A placed cell, which is its own slot. */
export function placedCell(row: number, column: number, rowSpan: number, colSpan: number, paragraphs: string[], line: number | null): PlacedCell {
  const placed = { row, column, rowSpan, colSpan, paragraphs, line, cell: null as unknown as GridCell, kind: 'own' as const };
  placed.cell = placed;
  return placed;
}

/** A rectangular table: every row has `width` slots, and covered slots point at their origin cell. */
export interface Grid {
  /** 1-based index of the table in the document. */
  table: number;
  width: number;
  /** rows[r - 1][c - 1] is the slot at 1-based row r, column c. */
  rows: Slot[][];
  /** Number of leading rows before the data: title rows and header rows. */
  headerRows: number;
  /** 0-based index of the first header row; rows above it are title rows. */
  headerStart: number;
  /** Paragraphs before the table, plus any title rows found above the header. */
  before: string[];
  /** The cells of the rows above the header. */
  titleCells: GridCell[];
  /** 0-based index of a header row whose labels lost their places and head no column (see `detectHeader`). */
  strayHeaderRow?: number | null;
  diagnostics: Diagnostic[];
}

/**
 * A grid read a row at a time, once: its size, its title and header rows, and then its data rows,
 * each placed when asked for and let go once read. A parse builds the model from it, so that no whole
 * grid stands between the reader's rows and the model: at 20k rows the grid's cells and slots
 * outlived young-generation collections and were copied twice, a sixth of the parse.
 */
export interface GridStream extends Omit<Grid, 'rows'> {
  /** Number of rows, title and header rows included. */
  rowCount: number;
  /** The title and header rows (rows[0 .. headerRows - 1] of the grid), and the first row at least. */
  head: Slot[][];
  /** The next data row, in order from row headerRows + 1 (1-based), or undefined after the last. */
  next(): Slot[] | undefined;
  /** True when most of a column's own data cells (0-based column) are serial numbers; asked before any data row is read. */
  holdsSerials(column: number): boolean;
  /**
   * What the first data rows hold in a column (0-based), its bodies' names counted only `withNames`;
   * asked before any data row is read.
   */
  sampleColumn(column: number, withNames: boolean): ColumnSample;
  /** The grid's diagnostics; those of data rows are there once the rows are read. */
  diagnostics: Diagnostic[];
  /** What reading the columns found (set by `buildColumns`), reported after the rows' diagnostics. */
  columnDiagnostics?: Diagnostic[];
}

/** What a column's own cells in the first data rows hold (see `sampleCells` in align.ts). */
export interface ColumnSample {
  /** Cells that are not blank. */
  filled: number;
  /** Cells that list bodies' names (区发改委、区财政局); 0 where not counted. */
  names: number;
  /** The texts of the cells that hold numbers and no Han character (100, 55.6, 2022-2023). */
  numbers: string[];
  /** How many cells open with a numbering marker of each kind (一、, （一）, 1. …). */
  markers: Partial<Record<MarkerKind, number>>;
}

/** How many data rows a column sample reads. */
export const SAMPLE_ROWS = 30;

/** The slot at 1-based row and column, or undefined outside the grid. */
export function slotAt(grid: Grid, row: number, column: number): Slot | undefined {
  return grid.rows[row - 1]?.[column - 1];
}

/** True when a cell holds no text but white space. */
export function isBlankCell(cell: Pick<GridCell, 'paragraphs'>): boolean {
  // trimStart, not trim: it makes no string for text without leading white space, and is as empty.
  // An indexed loop: asked of every cell of every row, an iterator was 6 MB of garbage at 20k measures.
  const { paragraphs } = cell;
  for (let i = 0; i < paragraphs.length; i += 1) if ((paragraphs[i] as string).trimStart() !== '') return false;
  return true;
}

/** Ditto marks: a cell holding only one of these repeats the cell above it. */
const DITTO = /^(〃+|″+|"+|同上|同前|同左)$/;

/** The first code unit of every ditto mark: 〃, ″, ", 同. */
const DITTO_START: ReadonlySet<number> = new Set([0x3003, 0x2033, 0x22, 0x540c]);

/** True when a text is only a ditto mark (〃, ″, 同上). */
export function isDitto(text: string): boolean {
  const trimmed = text.trim();
  // Asked of every data cell: most start with something else, and are told so without the regex.
  return DITTO_START.has(trimmed.charCodeAt(0)) && DITTO.test(trimmed);
}

/** True when a cell's text is only a ditto mark; told from its first character without joining its paragraphs. */
export function isDittoCell(cell: Pick<GridCell, 'paragraphs'>): boolean {
  const { paragraphs } = cell;
  for (let i = 0; i < paragraphs.length; i += 1) {
    const start = (paragraphs[i] as string).trimStart();
    if (start !== '') return DITTO_START.has(start.charCodeAt(0)) && isDitto(paragraphs.join(''));
  }
  return false;
}
