import { FenjieError } from '../errors.js';
import { splitMarker } from '../normalize/markers.js';
import { rawCell, type RawCell, type RawDocument } from './raw-table.js';

/** Splits text into lines on CRLF, CR or LF. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Reads the `tab-led-cells` layout: every line that begins with a TAB opens a cell (further TABs on
 * that line open further cells), lines without a leading TAB continue the open cell as new
 * paragraphs, and the cells fill rows as wide as the header row. Lines before the first cell are
 * the text before the table. A layout like this writes merged cells as blank cells.
 */
export function readTabLedCells(text: string, name = 'input'): RawDocument {
  const lines = splitLines(text);
  const before: string[] = [];
  const cells: RawCell[] = [];
  let open: RawCell | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith('\t')) {
      for (const part of line.slice(1).split('\t')) {
        open = rawCell([part], i + 1);
        cells.push(open);
      }
    } else if (open) {
      open.paragraphs.push(line);
    } else {
      before.push(line);
    }
  });
  const width = headerWidth(cells);
  if (width < 2) {
    throw new FenjieError('no-table', `${name}: no table found (no line starts a header cell with a TAB)`);
  }
  const rows = [];
  for (let start = 0; start < cells.length; start += width) {
    const rowCells = cells.slice(start, start + width);
    rows.push({ cells: rowCells, line: rowCells[0]?.line ?? null });
  }
  return { dialect: 'tab-led-cells', tables: [{ rows, before, blanksAreMerges: true, headerRows: 1, diagnostics: [] }] };
}

/** Longest header label we accept; real headers are a few characters ("责任部门", "完成时限"). */
const MAX_HEADER_LENGTH = 16;

/**
 * Counts the leading cells that look like header labels: short, one line, no numbering marker and
 * no sentence punctuation. The first data cell of a task table is a marked section or task
 * ("一、…", "1、…"), a serial number or a sentence, so the run of labels ends there.
 */
export function headerWidth(cells: readonly RawCell[]): number {
  let width = 0;
  for (const cell of cells) {
    const lines = cell.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
    if (lines.length !== 1 || !isHeaderLabel(lines[0] ?? '')) break;
    width += 1;
  }
  return width;
}

function isHeaderLabel(text: string): boolean {
  return (
    text.length <= MAX_HEADER_LENGTH &&
    splitMarker(text) === null &&
    !/^[\d０-９]+$/.test(text) &&
    !/[，。；：,;]/.test(text)
  );
}
