import type { GridCell as PlacedCell } from '../../src/grid/grid.js';
import { displayWidth } from '../../src/normalize/width.js';

/**
 * A test writer of grid tables, written apart from fenjie's reader: cells placed as HTML places
 * them (row and column spans), drawn with ASCII borders as pandoc draws them (`+---+`, `|`, `+===+`
 * under the header, one space of padding) or with box drawing as w3m does (`┌─┬─┐`, no padding).
 * Text wraps to each column's display width (CJK characters take two columns), breaking between CJK
 * characters anywhere and Latin text only at its spaces, so that the reader can join it back exactly.
 */

/** A cell to draw: the grid's cell without a source line, its row and column counted from 0 here. */
export type GridCell = Omit<PlacedCell, 'line'>;

export interface GridStyle {
  box: boolean;
  /** Display width of each column's text area. */
  widths: number[];
  /** Rows above pandoc's `+===+` rule (ASCII only); 0 for none. */
  headerRows: number;
}

const wide = (char: string | undefined) => char !== undefined && displayWidth(char) === 2;

/** A paragraph wrapped to a width: breaks between CJK characters, or at spaces between Latin words. */
export function wrap(text: string, width: number): string[] {
  // Tokens: a wide character each, a run of other non-space characters; each knows its word (the run between spaces).
  const tokens: { text: string; space: boolean; word: number }[] = [];
  const wordWide: boolean[] = [];
  let space = true;
  for (const char of text) {
    if (char === ' ') {
      space = true;
      continue;
    }
    if (space) wordWide.push(false);
    const word = wordWide.length - 1;
    wordWide[word] ||= wide(char);
    const last = tokens.at(-1);
    if (last && !space && !wide(char) && !wide(last.text.at(-1))) last.text += char;
    else tokens.push({ text: char, space: space && tokens.length > 0, word });
    space = false;
  }
  const lines: string[] = [];
  // The line as pieces, each with the separator before it and whether the line may break there.
  let line: { text: string; sep: string; breakable: boolean }[] = [];
  const joined = (pieces: typeof line) => pieces.map((piece, i) => (i === 0 ? '' : piece.sep) + piece.text).join('');
  for (const token of tokens) {
    const sep = token.space ? ' ' : '';
    // A break must be one the reader undoes: inside a word with a wide character, or at a space between words without one.
    // (The reader joins two lines without a space when the word broken across them holds a wide character.)
    const breakable = token.space ? !wordWide[token.word] && !wordWide[token.word - 1] : (wordWide[token.word] as boolean);
    line.push({ text: token.text, sep, breakable });
    if (displayWidth(joined(line)) <= width) continue;
    // Too wide: break at the last place the line may break, keeping what follows it.
    let at = line.length - 1;
    while (at > 0 && !(line[at] as { breakable: boolean }).breakable) at -= 1;
    if (at === 0) continue;
    lines.push(joined(line.slice(0, at)));
    line = line.slice(at);
  }
  if (line.length > 0) lines.push(joined(line));
  return lines;
}

const CORNERS: Record<string, string> = {
  '0101': '┌', '0110': '┐', '1001': '└', '1010': '┘', '1101': '├', '1110': '┤', '0111': '┬', '1011': '┴', '1111': '┼',
  '0011': '─', '1100': '│', '0001': '─', '0010': '─', '1000': '│', '0100': '│',
};

/** The narrowest text area each column needs: its cells' longest pieces that cannot be broken; a cell spanning columns widens the last. */
export function narrowest(cells: readonly GridCell[], widths: readonly number[], box: boolean): number[] {
  const out = [...widths];
  const need = (cell: GridCell) => cell.paragraphs.reduce((most, p) => wrap(p, 1).reduce((m, piece) => Math.max(m, displayWidth(piece)), most), 0);
  for (const cell of cells) if (cell.colSpan === 1) out[cell.column] = Math.max(out[cell.column] as number, need(cell));
  const between = box ? 1 : 3;
  for (const cell of cells) {
    if (cell.colSpan === 1) continue;
    const last = cell.column + cell.colSpan - 1;
    let room = (cell.colSpan - 1) * between;
    for (let c = cell.column; c <= last; c += 1) room += out[c] as number;
    if (need(cell) > room) out[last] = (out[last] as number) + need(cell) - room;
  }
  return out;
}

/** Draws the cells as a grid table; the lines, without a final line break. */
export function writeGrid(cells: readonly GridCell[], style: GridStyle): string {
  const { box, widths } = style;
  const pad = box ? 0 : 1;
  const rows = cells.reduce((n, cell) => Math.max(n, cell.row + cell.rowSpan), 0);
  const columns = widths.length;
  const owner: number[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => -1));
  cells.forEach((cell, id) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r += 1) for (let c = cell.column; c < cell.column + cell.colSpan; c += 1) (owner[r] as number[])[c] = id;
  });
  const X = [0];
  for (const width of widths) X.push((X.at(-1) as number) + width + 2 * pad + 1);
  const areaWidth = (cell: GridCell) => (X[cell.column + cell.colSpan] as number) - (X[cell.column] as number) - 1 - 2 * pad;
  const text = cells.map((cell) => cell.paragraphs.flatMap((p, i) => [...(i > 0 ? [''] : []), ...wrap(p, areaWidth(cell))]));
  // Row heights: the tallest one-row cell, then whatever a spanning cell still needs, in its last row.
  const heights = Array.from({ length: rows }, () => 1);
  cells.forEach((cell, id) => {
    if (cell.rowSpan === 1) heights[cell.row] = Math.max(heights[cell.row] as number, (text[id] as string[]).length);
  });
  cells.forEach((cell, id) => {
    const last = cell.row + cell.rowSpan - 1;
    let room = cell.rowSpan - 1;
    for (let r = cell.row; r <= last; r += 1) room += heights[r] as number;
    if ((text[id] as string[]).length > room) heights[last] = (heights[last] as number) + (text[id] as string[]).length - room;
  });
  const Y = [0];
  for (const height of heights) Y.push((Y.at(-1) as number) + height + 1);
  const canvas: string[][] = Array.from({ length: Y.at(-1) as number + 1 }, () => Array.from({ length: (X.at(-1) as number) + 1 }, () => ' '));
  const put = (y: number, x: number, char: string) => {
    (canvas[y] as string[])[x] = char;
    if (wide(char)) (canvas[y] as string[])[x + 1] = '';
  };
  const own = (r: number, c: number) => owner[r]?.[c] ?? -2;
  const ruleAt = (r: number, c: number) => c >= 0 && c < columns && (r === 0 || r === rows || own(r - 1, c) !== own(r, c));
  const barAt = (r: number, c: number) => r >= 0 && r < rows && (c === 0 || c === columns || own(r, c - 1) !== own(r, c));
  const heavy = (r: number) => !box && style.headerRows > 0 && r === style.headerRows;
  for (let r = 0; r <= rows; r += 1) {
    for (let c = 0; c <= columns; c += 1) {
      const key = `${+barAt(r - 1, c)}${+barAt(r, c)}${+ruleAt(r, c - 1)}${+ruleAt(r, c)}`;
      if (key !== '0000') put(Y[r] as number, X[c] as number, box ? (CORNERS[key] as string) : key.endsWith('00') ? '|' : '+');
      if (c < columns && ruleAt(r, c)) for (let x = (X[c] as number) + 1; x < (X[c + 1] as number); x += 1) put(Y[r] as number, x, box ? '─' : heavy(r) ? '=' : '-');
      if (r < rows && barAt(r, c)) for (let y = (Y[r] as number) + 1; y < (Y[r + 1] as number); y += 1) put(y, X[c] as number, box ? '│' : '|');
    }
  }
  cells.forEach((cell, id) => {
    (text[id] as string[]).forEach((line, i) => {
      let x = (X[cell.column] as number) + 1 + pad;
      for (const char of line) {
        put((Y[cell.row] as number) + 1 + i, x, char);
        x += displayWidth(char);
      }
    });
  });
  return canvas.map((line) => line.join('').trimEnd()).join('\n');
}
