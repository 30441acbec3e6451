import type { Diagnostic, Place } from '../model/schema.js';
import { diagnostic } from '../i18n/messages.js';

/** One cell as a reader found it: its paragraphs of text, its spans, and its source line. */
export interface RawCell {
  /** The cell's paragraphs (lines) as written; whitespace is normalized later. */
  paragraphs: string[];
  /** Rows the cell covers, 1 or more. */
  rowSpan: number;
  /** Columns the cell covers, 1 or more. */
  colSpan: number;
  /** 1-based source line of the cell's first paragraph, where the format has lines. */
  line: number | null;
}

/** One row of cells; `columnOffset` is the number of empty grid columns before the first cell. */
export interface RawRow {
  cells: RawCell[];
  line: number | null;
  /** Grid columns the row skips before its first cell (w:gridBefore); 0 for most formats. */
  columnOffset?: number;
}

/** A table as a reader emits it, before spans are resolved. */
export interface RawTable {
  rows: RawRow[];
  /** Paragraphs of text that stand before the table in the document (title, year, notes). */
  before: string[];
  /** Text that names the document without being part of it (an HTML <title>): used for the title, not kept as text before the table. Default: none. */
  metadata?: string[];
  /** Paragraphs of text after the table, up to the next table or the end of the document. Default: none. */
  after?: string[];
  /** True for layouts that write a merged cell as a blank cell on every row it covers. */
  blanksAreMerges: boolean;
  /**
   * True for layouts that write one row a line (TSV, pipe rows, Markdown): a row with fewer cells
   * than the header left merged cells out, and its cells are placed by what they hold.
   */
  alignShortRows?: boolean;
  /** Number of leading rows that are header rows, when the format marks them (th, w:tblHeader). */
  headerRows?: number;
  /** Diagnostics the reader found, with places in this table. */
  diagnostics: Diagnostic[];
  /** The worksheet a spreadsheet table comes from: its name, and whether the workbook hides it. */
  sheet?: { name: string; hidden: boolean };
}

/**
 * One paragraph of a document as a reader found it, for plans written as prose rather than as a
 * table: its text as displayed (list numbering that the format keeps apart, such as Word's
 * automatic numbering or a Markdown ordered list, is written in front as the marker it shows).
 */
export interface RawParagraph {
  text: string;
  /** 1-based source line of the paragraph, where the format has lines. */
  line: number | null;
  /** Heading level (1 = top) where the format marks the paragraph as a heading, else absent. */
  heading?: number;
}

/** What a reader returns: the document's tables in order, and the layout it recognised. */
export interface RawDocument {
  tables: RawTable[];
  /**
   * Every paragraph of the document in order, table cells included, for reading a plan written as
   * numbered paragraphs when no task table is found. Absent where the reader does not collect them.
   */
  paragraphs?: RawParagraph[];
  /** Why no table was found, when `tables` is empty (said in the error if no prose plan is found either). */
  missing?: string;
  dialect: string | null;
  /** The encoding of the text inside a binary format (a .docx's XML); text formats are decoded before reading. */
  encoding?: string;
}

/** Splits text into lines on CRLF, CR and LF. */
export function splitLines(text: string): string[] {
  // Text without a CR is split at the string "\n": V8 makes that array to size, while a split at a
  // pattern grows it by copies (at 900k lines, 26 MB of large-object garbage that stayed until the
  // next full collection, and twice the time).
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/**
 * The paragraphs of a cell that holds one empty paragraph, shared by every such cell: text layouts
 * write merged cells as blank cells, 45,000 of a 20,000-measure TSV table's 80,000, and a list each
 * was 2.5 MB more for the scavenger to copy while the reader's rows are alive. Frozen, so that code
 * which would add to a blank cell's paragraphs fails loudly; it replaces them instead (`withParagraph`).
 * align.ts's NO_PARAGRAPHS is the same for units rebuilt into cells, which hold no paragraph at all.
 */
export const BLANK_PARAGRAPHS = Object.freeze(['']) as unknown as string[];

/** One paragraph's list, the shared one for an empty paragraph. */
export function oneParagraph(text: string): string[] {
  return text === '' ? BLANK_PARAGRAPHS : [text];
}

/** A cell's paragraphs with one more at the end: pushed, or a new list where they are the shared blank one. */
export function withParagraph(cell: RawCell, paragraph: string): void {
  if (cell.paragraphs === BLANK_PARAGRAPHS) cell.paragraphs = ['', paragraph];
  else cell.paragraphs.push(paragraph);
}

/** Makes a cell with span 1 from paragraphs. */
export function rawCell(paragraphs: string[], line: number | null = null): RawCell {
  return { paragraphs, rowSpan: 1, colSpan: 1, line };
}

/** The 'merged-text-lost' warning: a cell merged into the one above holds text of its own, which Word hides. */
export function mergedTextLost(text: string, place: Place): Diagnostic {
  return diagnostic('merged-text-lost', 'warning', { text }, place);
}

/** A cell's non-blank paragraphs, trimmed and joined by spaces. */
export function visibleText(paragraphs: readonly string[]): string {
  // One paragraph (most cells) needs no lists: it is asked of every cell a merge hides.
  if (paragraphs.length === 1) return paragraphs[0]!.trim();
  return paragraphs
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
}
