import { FenjieError } from '../errors.js';
import { CellBudget } from '../limits.js';
import { isDepartmentList } from '../grid/align.js';
import { isHeaderLabel } from '../grid/header.js';
import { splitMarker } from '../normalize/markers.js';
import { roleOfHeader } from '../model/roles.js';
import { rawCell, type RawCell, type RawDocument, type RawParagraph, type RawRow } from './raw-table.js';

/** The text layouts fenjie recognises, by the name `source.dialect` reports. */
export type TextDialect = 'tab-led-cells' | 'tsv' | 'pipe-rows' | 'line-cells' | 'csv';

/** Splits text into lines on CRLF, CR or LF. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Reads a table from plain text, recognising its layout from the content: the first line that holds
 * a TAB or a pipe decides. Pipes between cells make `pipe-rows`; a line that is one TAB and one cell
 * makes `tab-led-cells` (every cell on its own line); TABs between cells make `tsv`. Every line is
 * also returned as a paragraph; text with no table returns none, and says why in `missing`.
 */
export function readText(text: string, name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  const csv = csvSeparator(text, name);
  if (csv) return readDelimited(text, name, csv, budget);
  const lines = splitLines(text);
  // Every line is a paragraph of a plan written as prose, read when no task table is found.
  const paragraphs: RawParagraph[] = lines.map((line, i) => ({ text: line, line: i + 1 }));
  try {
    return { ...readTable(text, lines, name, budget), paragraphs };
  } catch (error) {
    if (!(error instanceof FenjieError) || error.code !== 'no-table') throw error;
    return { tables: [], dialect: null, paragraphs, missing: error.message };
  }
}

function readTable(text: string, lines: readonly string[], name: string, budget: CellBudget): RawDocument {
  const dialect = detectDialect(lines, budget);
  if (dialect === 'pipe-rows') return readPipeRows(lines, name, budget);
  if (dialect === 'tsv') return readTsv(text, name, budget);
  if (dialect === 'line-cells') return readLineCells(lines, name, budget);
  return tabLedCells(lines, name, budget);
}

/** How many records are looked at to tell CSV from other text. */
const CSV_SNIFF_RECORDS = 20;

/**
 * The separator of text that is CSV, or null. Excel, WPS and LibreOffice write every record of a
 * sheet with the same number of fields, so CSV is text whose first records (read with CSV quoting)
 * all split into the same number of fields, two or more, at commas or at semicolons, and hold no
 * TAB outside quotes. A .csv file name relaxes this to the first record having two fields or more.
 */
export function csvSeparator(text: string, name = ''): ',' | ';' | null {
  const named = /\.csv$/i.test(name);
  for (const separator of [',', ';'] as const) {
    const counts = fieldCounts(text, separator);
    if (counts === null || counts.length === 0) continue;
    const width = counts[0] as number;
    if (width < 2) continue;
    if (named || (counts.length >= 2 && counts.every((count) => count === width))) return separator;
  }
  return null;
}

/** Fields per non-empty record of the first records, or null when a TAB stands outside quotes. */
function fieldCounts(text: string, separator: string): number[] | null {
  const counts: number[] = [];
  let fields = 1;
  let empty = true;
  let quoted = false;
  for (let i = 0; i < text.length && counts.length < CSV_SNIFF_RECORDS; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') i += 1;
        else quoted = false;
      }
    } else if (char === '"') {
      quoted = true;
      empty = false;
    } else if (char === '\t') {
      return null;
    } else if (char === separator) {
      fields += 1;
      empty = false;
    } else if (char === '\n' || char === '\r') {
      if (!empty) counts.push(fields);
      fields = 1;
      empty = true;
    } else {
      empty = false;
    }
  }
  if (!empty && counts.length < CSV_SNIFF_RECORDS) counts.push(fields);
  return counts;
}

/** Tells the layout of a text table from its first line that holds a TAB or a pipe. */
export function detectDialect(lines: readonly string[], budget?: CellBudget): TextDialect {
  // Each line is split with a budget of its own, so that one line of 40 million pipes is refused, not split.
  const cellsOf = (line: string) => pipeCells(line, undefined, budget?.probe());
  const first = lines.find((line) => line.includes('\t') || cellsOf(line) !== null);
  if (first === undefined) return lineHeader(lines) ? 'line-cells' : 'tab-led-cells';
  const firstCells = first.includes('|') ? cellsOf(first) : null;
  if (!first.includes('\t') || (firstCells?.length ?? 0) >= 2) {
    if (firstCells !== null) return 'pipe-rows';
  }
  return /^\t[^\t]*$/.test(first) ? 'tab-led-cells' : 'tsv';
}

/**
 * Reads the `tab-led-cells` layout: every line that begins with a TAB opens a cell (further TABs on
 * that line open further cells), lines without a leading TAB continue the open cell as new
 * paragraphs, and the cells fill rows as wide as the header row. Lines before the first cell are
 * the text before the table. A layout like this writes merged cells as blank cells.
 */
export function readTabLedCells(text: string, name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  return tabLedCells(splitLines(text), name, budget);
}

// Takes the lines readText already split: a second split of a large text was a second array of every line.
function tabLedCells(lines: readonly string[], name: string, budget: CellBudget): RawDocument {
  const before: string[] = [];
  const cells: RawCell[] = [];
  let open: RawCell | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith('\t')) {
      // Counted before splitting, so that a 40 MB line of TABs is refused before it becomes 40 million cells.
      budget.take(countOf(line, '\t'));
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
  // Cells before the header (a title row written as a cell, and the blanks it spans) are title text.
  let start = Math.max(0, cells.findIndex((cell) => roleOfHeader(cell.paragraphs.join('').trim()) !== 'other'));
  while (start > 0 && isLabelCell(cells[start - 1] as RawCell)) start -= 1;
  const { width, rows: headerRows } = headerShape(cells.slice(start));
  for (const cell of cells.slice(0, start)) for (const paragraph of cell.paragraphs) before.push(paragraph);
  if (width < 2) {
    throw new FenjieError('no-table', `${name}: no table found (no line starts a header cell with a TAB)`);
  }
  const rows: RawRow[] = [];
  for (let first = start; first < cells.length; first += width) {
    const rowCells = cells.slice(first, first + width);
    rows.push({ cells: rowCells, line: rowCells[0]?.line ?? null });
  }
  return { dialect: 'tab-led-cells', tables: [{ rows, before, blanksAreMerges: true, headerRows, diagnostics: [] }] };
}

/**
 * Reads tab-separated rows as spreadsheets copy them: one row a line, TABs between cells, a cell
 * holding line breaks, TABs or quotes wrapped in double quotes with quotes doubled inside. Lines
 * before the first line with a TAB are the text before the table. Merged cells come as blanks.
 */
export function readTsv(text: string, name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  return readDelimited(text, name, '\t', budget);
}

/**
 * Reads rows of cells between separators, quoted as spreadsheets quote them: TABs (dialect `tsv`),
 * or commas or semicolons (dialect `csv`, as Excel and WPS save CSV).
 */
function readDelimited(text: string, name: string, separator: '\t' | ',' | ';', budget: CellBudget): RawDocument {
  const before: string[] = [];
  const rows: RawRow[] = [];
  let row: RawCell[] = [];
  let value = '';
  let cellLine = 1;
  let line = 1;
  let quoted = false;
  let started = false;
  const endCell = () => {
    budget.take();
    row.push(rawCell(splitLines(value), cellLine));
    value = '';
    cellLine = line;
  };
  const endRow = () => {
    endCell();
    const hasTab = row.length > 1;
    if (!started && !hasTab) before.push(row[0]?.paragraphs.join(' ') ?? '');
    else if (row.length > 1 || row.some((c) => c.paragraphs.some((p) => p.trim() !== ''))) rows.push({ cells: row, line: row[0]?.line ?? null });
    started ||= hasTab;
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        value += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line += 1;
        value += char;
      }
    } else if (char === '"' && value === '') {
      quoted = true;
    } else if (char === separator) {
      endCell();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      endRow();
      cellLine = line;
    } else {
      value += char;
    }
  }
  if (value !== '' || row.length > 0) endRow();
  if (rows.length === 0) throw new FenjieError('no-table', `${name}: no table found (no line holds ${separator === '\t' ? 'TAB' : `'${separator}'`}-separated cells)`);
  return { dialect: separator === '\t' ? 'tsv' : 'csv', tables: [{ rows: trimTrailingBlanks(rows), before, blanksAreMerges: true, alignShortRows: true, diagnostics: [] }] };
}

/**
 * Reads rows written one a line with pipes between cells (`a | b | c |`), with or without outer
 * pipes; `\|` is a pipe inside a cell. Lines of dashes and pluses only (`|---|---|`, `+---+`) are
 * rules, not rows. A line without a pipe inside the table continues the last cell of the row above.
 */
export function readPipeRows(lines: readonly string[], name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  const before: string[] = [];
  const rows: RawRow[] = [];
  // Whether rows have outer pipes is a property of the table, read off its first row: without
  // them, a row that starts with "|" starts with an empty (merged) cell.
  let outer: boolean | null = null;
  lines.forEach((line, i) => {
    if (isRuleLine(line)) return;
    const cells = pipeCells(line, outer ?? undefined, budget);
    if (cells === null) {
      const last = rows.at(-1)?.cells.at(-1);
      if (last && line.trim() !== '') last.paragraphs.push(line);
      else if (!last) before.push(line);
      return;
    }
    outer ??= /^\s*\|.*\|\s*$/.test(line);
    if (cells.length > 0) rows.push({ cells: cells.map((cell) => rawCell([cell], i + 1)), line: i + 1 });
  });
  if (rows.length === 0) throw new FenjieError('no-table', `${name}: no table found (no line holds cells between pipes)`);
  return { dialect: 'pipe-rows', tables: [{ rows, before, blanksAreMerges: true, alignShortRows: true, diagnostics: [] }] };
}

/**
 * A rule between pipe rows: only dashes, equals signs, pluses, colons, pipes and white space, with
 * a dash or an equals sign among them. A scan, as a regular expression with two such classes
 * around the dash backtracks quadratically over a long run of dashes.
 */
function isRuleLine(line: string): boolean {
  let dash = false;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    if (code === 0x2d || code === 0x3d) dash = true;
    else if (code !== 0x7c && code !== 0x3a && code !== 0x2b && !isSpace(code)) return false;
  }
  return dash;
}

/** White space as String.prototype.trim knows it, by code unit. */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The header of a line-cells table: the first run of label lines naming two or more roles. */
function lineHeader(lines: readonly string[]): { start: number; width: number } | null {
  for (let start = 0; start < lines.length; start += 1) {
    let width = 0;
    while (start + width < lines.length && (lines[start + width] as string).trim() !== '' && isHeaderLabel(lines[start + width] as string)) width += 1;
    const run = lines.slice(start, start + width).map((line) => line.trim());
    const known = run.filter((line) => roleOfHeader(line) !== 'other').length;
    if (width >= 2 && known >= 2) {
      // A short title line ("2019年任务分解表") can look like a label: the header starts at its first
      // known role, or at the short unknown labels just before it.
      let first = run.findIndex((line) => roleOfHeader(line) !== 'other');
      while (first > 0 && (run[first - 1] as string).length <= 6) first -= 1;
      return { start: start + first, width: width - first };
    }
    start += width;
  }
  return null;
}

/**
 * Reads the `line-cells` layout, as LibreOffice's plain-text export writes a table: no separators
 * at all, each cell's paragraphs on lines of their own and an empty cell as one empty line. Cell
 * boundaries are read from what the lines hold: a department column takes the lines that read as
 * names of bodies, a measure column the lines of prose, other columns one line. Merged cells come
 * as empty cells. This reading is a guess wherever a cell's paragraphs look like the next cell's.
 */
export function readLineCells(lines: readonly string[], name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  const header = lineHeader(lines);
  if (!header) throw new FenjieError('no-table', `${name}: no table found (no run of header lines such as 具体措施 and 责任部门)`);
  const roles = lines.slice(header.start, header.start + header.width).map((line) => roleOfHeader(line.trim()));
  const rows: RawRow[] = [{ cells: roles.map((_, c) => rawCell([(lines[header.start + c] as string).trim()], header.start + c + 1)), line: header.start + 1 }];
  let at = header.start + header.width;
  while (lines.slice(at).some((line) => line.trim() !== '')) {
    const cells: RawCell[] = [];
    for (const role of roles) {
      const line = at + 1;
      const first = (lines[at] ?? '').trim();
      at += 1;
      const paragraphs = first === '' ? [] : [first];
      if (first !== '' && (role === 'departments' || role === 'lead' || role === 'support' || role === 'measure')) {
        // Further lines belong to this cell while they are of its kind: names to a department cell, prose to a measure.
        while (at < lines.length && (lines[at] as string).trim() !== '' && splitMarker((lines[at] as string).trim()) === null) {
          const next = (lines[at] as string).trim();
          if (isDepartmentList([next]) !== (role !== 'measure')) break;
          paragraphs.push(next);
          at += 1;
        }
      }
      budget.take();
      cells.push(rawCell(paragraphs, line));
    }
    rows.push({ cells, line: cells[0]?.line ?? null });
  }
  const before = lines.slice(0, header.start);
  return { dialect: 'line-cells', tables: [{ rows, before, blanksAreMerges: true, headerRows: 1, diagnostics: [] }] };
}

/**
 * The cells of a pipe row, or null when the line is not one (no pipe, or a sentence with one pipe).
 * `outer` says whether the table writes outer pipes; when not known, a leading or trailing pipe is one.
 */
export function pipeCells(line: string, outer?: boolean, budget?: CellBudget): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.includes('|')) return null;
  // Cells are sliced out between pipes, not built a character at a time, which costs a long line dearly.
  const cells: string[] = [];
  let escaped = '';
  let from = 0;
  for (let i = 0; i < trimmed.length; i += 1) {
    const code = trimmed.charCodeAt(i);
    if (code === 0x5c && trimmed.charCodeAt(i + 1) === 0x7c) {
      escaped += `${trimmed.slice(from, i)}|`;
      i += 1;
      from = i + 1;
    } else if (code === 0x7c) {
      budget?.take();
      cells.push(escaped + trimmed.slice(from, i));
      escaped = '';
      from = i + 1;
    }
  }
  cells.push(escaped + trimmed.slice(from));
  if (outer ?? trimmed.startsWith('|')) {
    if (trimmed.startsWith('|')) cells.shift();
    if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  }
  const result = cells.map((cell) => cell.trim());
  // A lone pipe is a row with no cells; a sentence with one pipe in it is not a row.
  if (trimmed === '|') return [];
  return result.length >= 2 || outer === true ? result : null;
}

/** How many times a character occurs in a line. */
function countOf(line: string, char: string): number {
  let count = 0;
  for (let i = line.indexOf(char); i >= 0; i = line.indexOf(char, i + 1)) count += 1;
  return count;
}

/** Drops the empty cells spreadsheets copy past the last filled column of each row. */
function trimTrailingBlanks(rows: RawRow[]): RawRow[] {
  const width = rows.reduce((widest, row) => Math.max(widest, lastFilled(row.cells) + 1), 1);
  return rows.map((row) => ({ ...row, cells: row.cells.slice(0, Math.max(width, lastFilled(row.cells) + 1)) }));
}

function lastFilled(cells: readonly RawCell[]): number {
  for (let i = cells.length - 1; i >= 0; i -= 1) if (cells[i]?.paragraphs.some((p) => p.trim() !== '')) return i;
  return -1;
}

/**
 * Finds the header of a tab-led table: its width and how many rows it takes. The header is the run
 * of leading cells that are labels or blanks, up to the first cell that holds data (a marker, a
 * number, a sentence). Without blanks it is one row. With blanks it is a header over several rows
 * that wrote its merged slots as blank cells: the run splits into 2 or 3 rows of equal width, each
 * naming a known column role. A run that splits no way ends at its first blank (a one-row header).
 */
export function headerShape(cells: readonly RawCell[]): { width: number; rows: number } {
  const run: string[] = [];
  for (const cell of cells) {
    const lines = cell.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
    if (lines.length > 1 || (lines.length === 1 && !isHeaderLabel(lines[0] ?? ''))) break;
    run.push(lines[0] ?? '');
  }
  if (!run.includes('')) return { width: run.length, rows: 1 };
  for (const rows of [2, 3]) {
    const width = run.length / rows;
    if (!Number.isInteger(width) || width < 2) continue;
    const chunks = Array.from({ length: rows }, (_, r) => run.slice(r * width, (r + 1) * width));
    // Every header row names a known role, so that a first data row starting blank is not taken for one.
    if (chunks.every((chunk) => chunk.some((label) => roleOfHeader(label) !== 'other')) && chunks[0]?.[0] !== '') return { width, rows };
  }
  return { width: Math.max(0, run.indexOf('')), rows: 1 };
}

function isLabelCell(cell: RawCell): boolean {
  const lines = cell.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
  return lines.length === 1 && isHeaderLabel(lines[0] as string);
}

/** The width of a one-row header: the leading cells that are labels. */
export function headerWidth(cells: readonly RawCell[]): number {
  return headerShape(cells).width;
}
