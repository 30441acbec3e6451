import { FenjieError } from '../errors.js';
import { diagnostic } from '../i18n/messages.js';
import type { Diagnostic } from '../model/schema.js';
import { CellBudget } from '../limits.js';
import { guessedLayout, headerForRebuild, isDepartmentList, rebuildRows, spannedRoles, type Units } from '../grid/align.js';
import { isBlankCell } from '../grid/grid.js';
import { isHeaderLabel } from '../grid/header.js';
import { splitMarker } from '../normalize/markers.js';
import { simplify } from '../normalize/script.js';
import { isWhiteSpace } from '../normalize/whitespace.js';
import { cellText, isSerialCell } from '../model/columns.js';
import { roleOfHeader, TITLE } from '../model/roles.js';
import { gridBlocks, readGridText } from './grid-table.js';
import { oneParagraph, rawCell, splitLines, withParagraph, type RawCell, type RawDocument, type RawParagraph, type RawRow } from './raw-table.js';
import { isSpaceHeader, readSpaceCells } from './space-cells.js';
import { isChrome, isRoleLabel, knownRoles } from './text-block.js';
import { browserHeaderAt, readBrowserCells } from './browser-cells.js';
import { readGluedCells } from './glued.js';
import { readKeyValue } from './key-value.js';

/** The text layouts fenjie recognises, by the name `source.dialect` reports. */
export type TextDialect = 'tab-led-cells' | 'tsv' | 'pipe-rows' | 'separated-cells' | 'space-cells' | 'line-cells' | 'browser-cells' | 'csv' | 'grid' | 'simple-table';


/** What each layout looks for, for the error that says none was found. */
const TRIED = 'no TAB-led cells, no TAB-separated rows, no pipe rows, no cells between lines of "|", no header of labels separated by spaces, no run of header lines naming two columns (such as 具体措施 and 责任部门)';

/** The one-line error for text in which no layout finds a table. */
function noTable(name: string): FenjieError {
  return new FenjieError('no-table', `${name}: no table found: ${TRIED}`);
}

/**
 * Reads a table from plain text, recognising its layout from the content. The header decides: the
 * first line (or run of lines) that names two or more known columns, as TAB-led cells, TAB-separated
 * cells, pipe-separated cells, labels between lines of a lone `|`, or labels one a line. A stray line
 * of page chrome (`• |`, crumbs, share buttons) before it is text before the table, not a layout.
 */
export function readText(text: string, name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  const lines = splitLines(text);
  // A grid table's border (`+----+`, `┌──┬`), or pandoc's dash rule under a header, says what the layout is before anything else.
  const grid = readGridText(lines, budget);
  if (grid) return withParagraphs(grid, text);
  const found = findHeader(lines);
  // CSV unless the text has a header in another layout (pipe rows with commas in their cells), or is named .csv.
  const csv = found === null || /\.csv$/i.test(name) ? csvSeparator(text, name) : null;
  if (csv) return withParagraphs(readDelimited(text, name, csv, budget), text);
  // Key–value blocks and cells glued with no separator are looked for only where no other layout's header is.
  const other = found === null ? (readKeyValue(lines) ?? readGluedCells(lines)) : null;
  if (other) return withParagraphs(other, text);
  if (found === null) {
    const glued = headerGluedOn(lines);
    if (glued) return withParagraphs(glued.unshift(readSpaceCells(glued.lines, name, budget, glued.at + 1)), text);
  }
  const dialect = found?.dialect ?? detectDialect(lines, budget);
  try {
    return withParagraphs(readTable(dialect, text, lines, name, budget, found?.start), text);
  } catch (error) {
    // Whichever layout was tried last, the user learns what was looked for.
    if (!(error instanceof FenjieError) || error.code !== 'no-table') throw error;
    return withParagraphs({ tables: [], dialect: null, missing: noTable(name).message }, text);
  }
}

/**
 * Every line is a paragraph of a plan written as prose, made only when asked for (no task table
 * found): at 100k rows an object a line was 20 MiB held through the whole parse. The text is split
 * again then rather than its lines kept: the cells hold slices of the text, which keep it alive
 * anyway, while the array of lines (450,000 at 100k tab-led rows) was 18 MiB more until the end.
 */
function withParagraphs(document: RawDocument, text: string): RawDocument {
  return {
    ...document,
    get paragraphs(): RawParagraph[] {
      return splitLines(text).map((line, i) => ({ text: line, line: i + 1 }));
    },
  };
}

function readTable(dialect: TextDialect, text: string, lines: readonly string[], name: string, budget: CellBudget, start: number | undefined): RawDocument {
  const browser = start === undefined ? null : browserHeaderAt(lines, start);
  if (browser) return readBrowserCells(lines, name, budget, browser);
  if (dialect === 'pipe-rows') return readPipeRows(lines, name, budget, start);
  if (dialect === 'tsv') return readTsv(text, name, budget);
  if (dialect === 'separated-cells') return readSeparatedCells(lines, name);
  if (dialect === 'space-cells') return readSpaceCells(lines, name, budget, start);
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

/** Where a header was found and the layout it is written in. */
interface FoundHeader {
  dialect: TextDialect;
  /** 0-based line of the header's first line. */
  start: number;
}

/** The longest line taken for a header: 60 labels of 60 characters, far more than any real table's. */
const MAX_HEADER_LINE = 4000;

/** Where a header of labels between spaces may start inside a line: at 序号 after a space. */
const GLUED_HEADER = /\s(?=序\s*号\s)/gu;

/**
 * A header of labels between spaces at the end of a line of other text (`…常熟市2018年政府工作任务分解表
 * 序号 名称 工作任务 牵头责任单位`, as a copy that lost the line breaks before a table writes it): the
 * lines with that line split in two before 序号, and a way to give the places of what is read from
 * them back to the lines as written. Null where no line has one.
 */
function headerGluedOn(lines: readonly string[]): { lines: string[]; at: number; unshift: (document: RawDocument) => RawDocument } | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (!line.includes('序')) continue;
    for (const match of line.matchAll(GLUED_HEADER)) {
      const head = line.slice(0, match.index);
      const tail = line.slice(match.index + 1);
      // Told on the tail and the lines up to the next one with text (what isSpaceHeader reads), so
      // that a text of many such lines is not copied for each.
      let next = i + 1;
      while (next < lines.length && (lines[next] as string).trim() === '') next += 1;
      if (!isSpaceHeader([tail, ...lines.slice(i + 1, next + 1)], 0)) continue;
      const split = [...lines.slice(0, i), head, tail, ...lines.slice(i + 1)];
      // Lines after the split one are one further down than as written.
      const back = (at: number | null) => (at !== null && at > i + 1 ? at - 1 : at);
      const unshift = (document: RawDocument): RawDocument => {
        for (const table of document.tables) {
          for (const row of table.rows) {
            row.line = back(row.line);
            for (const cell of row.cells) cell.line = back(cell.line);
          }
          for (const found of table.diagnostics) if (found.place) found.place.line = back(found.place.line);
        }
        return document;
      };
      return { lines: split, at: i, unshift };
    }
  }
  return null;
}

/** The first header in the text, in any layout: two or more labels naming known column roles. */
export function findHeader(lines: readonly string[]): FoundHeader | null {
  for (let i = 0; i < lines.length; i += 1) {
    if ((lines[i] as string).trim() === '') continue;
    const dialect = headerAt(lines, i);
    // A line of page chrome is no header. Asked only of a line that reads as one: most lines are
    // data, and telling chrome simplifies a line's script (a sixth of the search at 20k lines).
    if (dialect && !isChrome(lines[i] as string)) return { dialect, start: i };
  }
  const found = lineCellsHeader(lines);
  return found ? { dialect: 'line-cells', start: found.start } : null;
}

/** A line that opens one TAB-led cell (made once: a literal in a function is a new RegExp object each time it runs, here at every line). */
const ONE_TAB_LED_CELL = /^\t[^\t]*$/;

/** The layout of a header, other than line cells, that starts at line `start`, or null. */
function headerAt(lines: readonly string[], start: number): TextDialect | null {
  const line = lines[start] as string;
  const browser = browserHeaderAt(lines, start);
  if (browser) return browser.dialect;
  if (ONE_TAB_LED_CELL.test(line)) return isRoleLabel(line) && tabLedRoles(lines, start) >= 2 ? 'tab-led-cells' : null;
  // A header is a line of labels: a line longer than any header is data (a 40 MB line of pipes is
  // not split into 40 million cells only to learn that it names no column).
  if (line.length > MAX_HEADER_LINE) return null;
  if (line.includes('\t') && knownRoles(line.split('\t')) >= 2) return 'tsv';
  const pipes = pipeCells(line);
  if (pipes !== null && knownRoles(pipes) >= 2) return 'pipe-rows';
  if (separatedHeader(lines, start) !== null) return 'separated-cells';
  if (isSpaceHeader(lines, start)) return 'space-cells';
  return null;
}

/** A line-cells header: where it starts and how many units (lines or paragraphs) it takes, and its labels, fragments joined. */
interface LineCellsHeader {
  start: number;
  width: number;
  /** Each label and the 0-based unit it starts at. */
  labels: { text: string; at: number }[];
}

/**
 * The header of a table one cell a line: labels on consecutive lines, or labels in paragraphs
 * between empty lines (each perhaps wrapped over lines: "牵头" over "责任单位"), whichever starts first.
 * `spaced` is true for the second: the header's start is its first line, its width and its labels
 * count paragraphs (see `paragraphStarts`).
 */
function lineCellsHeader(lines: readonly string[]): (LineCellsHeader & { spaced: boolean }) | null {
  const plain = lineHeader((i) => lines[i], () => true);
  // Paragraphs are told only as far as the search asks, and only up to the plain header; the
  // paragraphs of the whole text are left to readLineCells (findHeader only asks where the header is).
  const paragraphs = paragraphsOf(lines);
  const spaced = lineHeader(paragraphs.at, (k) => !plain || (paragraphs.runs[k] as [number, number])[0] < plain.start);
  const spacedStart = spaced ? (paragraphs.runs[spaced.start] as [number, number])[0] : Infinity;
  if (spaced && (!plain || spacedStart < plain.start)) return { ...spaced, start: spacedStart, spaced: true };
  return plain ? { ...plain, spaced: false } : null;
}

/**
 * The paragraphs of lines (see `paragraphStarts`), each line trimmed and joined, told on demand:
 * `at(k)` is the k-th paragraph's text, undefined past the last, and `runs` their line ranges so far.
 */
function paragraphsOf(lines: readonly string[]): { at: (k: number) => string | undefined; runs: [number, number][] } {
  const runs: [number, number][] = [];
  const texts: string[] = [];
  let next = 0;
  const at = (k: number) => {
    while (texts.length <= k && next < lines.length) {
      const run = nextParagraph(lines, next);
      if (run === null) {
        next = lines.length;
        break;
      }
      runs.push(run);
      texts.push(lines.slice(run[0], run[1]).map((line) => line.trim()).join(''));
      next = run[1];
    }
    return texts[k];
  };
  return { at, runs };
}

/** Known roles among the TAB-led one-cell lines from `start` on, up to the first data line. */
function tabLedRoles(lines: readonly string[], start: number): number {
  const labels: string[] = [];
  for (let i = start; i < lines.length && labels.length < 12; i += 1) {
    const line = lines[i] as string;
    if (!line.startsWith('\t')) continue;
    if (!isHeaderLabel(line.trim()) && line.trim() !== '') break;
    labels.push(line.trim());
  }
  return knownRoles(labels);
}

/** Tells the layout of a text table: a grid table by its border, else without a known header from its first line that holds a TAB or a pipe. */
export function detectDialect(lines: readonly string[], budget?: CellBudget): TextDialect {
  if (gridBlocks(lines).length > 0) return 'grid';
  const found = findHeader(lines);
  if (found) return found.dialect;
  // Each line is split with a budget of its own, so that one line of 40 million pipes is refused, not split.
  const cellsOf = (line: string) => pipeCells(line, undefined, budget?.probe());
  const first = lines.find((line) => line.includes('\t') || cellsOf(line) !== null);
  if (first === undefined) return 'tab-led-cells';
  const firstCells = first.includes('|') ? cellsOf(first) : null;
  if (!first.includes('\t') || (firstCells?.length ?? 0) >= 2) {
    if (firstCells !== null) return 'pipe-rows';
  }
  return ONE_TAB_LED_CELL.test(first) ? 'tab-led-cells' : 'tsv';
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
  let open = null as RawCell | null;
  lines.forEach((line, i) => {
    if (line.startsWith('\t')) {
      // A cell whose lines were pushed on is kept made to size: a grown array keeps room for 17 lines.
      if (open && open.paragraphs.length > 2) open.paragraphs = open.paragraphs.slice();
      // Counted before splitting, so that a 40 MB line of TABs is refused before it becomes 40 million cells.
      budget.take(countOf(line, '\t'));
      // Most lines open one cell, whose list of paragraphs is the one made here: only a line with
      // more TABs is split.
      const parts = line.indexOf('\t', 1) < 0 ? oneParagraph(line.slice(1)) : line.slice(1).split('\t');
      for (let k = 0; k < parts.length; k += 1) {
        open = rawCell(parts.length === 1 ? parts : oneParagraph(parts[k] as string), i + 1);
        cells.push(open);
      }
    } else if (open) {
      // A cell of two lines (the usual department list) is made to size at once: a push grows it to room for 19.
      if (open.paragraphs.length === 1) open.paragraphs = [open.paragraphs[0] as string, line];
      else open.paragraphs.push(line);
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
  const after = trailingText(open);
  return { dialect: 'tab-led-cells', tables: [{ rows, before, after, blanksAreMerges: true, headerRows, diagnostics: [] }] };
}

/**
 * Reads tab-separated rows as spreadsheets copy them: one row a line, TABs between cells, a cell
 * holding line breaks, TABs or quotes wrapped in double quotes with quotes doubled inside. Lines
 * before the first line with a TAB are the text before the table. Merged cells come as blanks.
 */
export function readTsv(text: string, name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  return readDelimited(text, name, '\t', budget);
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads rows of cells between separators, quoted as spreadsheets quote them: TABs (dialect `tsv`),
 * or commas or semicolons (dialect `csv`, as Excel and WPS save CSV).
 */
function readDelimited(text: string, name: string, separator: '\t' | ',' | ';', budget: CellBudget): RawDocument {
  const before: string[] = [];
  const rows: RawRow[] = [];
  // One array gathers every row's cells, and each row keeps a copy made to size: an array grown by
  // push keeps room for 17 cells, 10 MiB more at 100k rows of four.
  // Its first `count` places are this row's; it is never emptied, so that its room is kept.
  const row: RawCell[] = [];
  let count = 0;
  let value = '';
  let cellLine = 1;
  let line = 1;
  let quoted = false;
  // Whether the cell's value holds a line break (only a quoted one can): most cells need no split.
  let broken = false;
  let started = false;
  const endCell = () => {
    budget.take();
    row[count] = rawCell(broken ? splitLines(value) : oneParagraph(value), cellLine);
    count += 1;
    value = '';
    broken = false;
    cellLine = line;
  };
  const endRow = () => {
    endCell();
    const hasTab = count > 1;
    if (!started && !hasTab) before.push((row[0] as RawCell).paragraphs.join(' '));
    else if (hasTab || !isBlankCell(row[0] as RawCell)) rows.push({ cells: row.slice(0, count), line: (row[0] as RawCell).line });
    started ||= hasTab;
    count = 0;
  };
  // A cell's characters are sliced out in runs, not appended one at a time: a string built a
  // character at a time is a chain of millions of small strings at 100k rows.
  let from = 0;
  const take = (to: number) => {
    if (to > from) value += text.slice(from, to);
  };
  // Code units, not characters: text[i] of a Han character is a new one-character string, 6.5
  // million of them for a 100k-row table, all garbage for the scavenger.
  const sep = separator.charCodeAt(0);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (quoted) {
      if (code === QUOTE) {
        take(i);
        if (text.charCodeAt(i + 1) === QUOTE) {
          value += '"';
          i += 1;
        } else {
          quoted = false;
        }
        from = i + 1;
      } else if (code === LF || code === CR) {
        broken = true;
        if (code === LF || text.charCodeAt(i + 1) !== LF) line += 1;
      }
    } else if (code === QUOTE && value === '' && from === i) {
      quoted = true;
      from = i + 1;
    } else if (code === sep) {
      take(i);
      endCell();
      from = i + 1;
    } else if (code === LF || code === CR) {
      take(i);
      if (code === CR && text.charCodeAt(i + 1) === LF) i += 1;
      line += 1;
      endRow();
      cellLine = line;
      from = i + 1;
    }
  }
  take(text.length);
  if (value !== '' || count > 0) endRow();
  if (rows.length === 0) throw new FenjieError('no-table', `${name}: no table found (no line holds ${separator === '\t' ? 'TAB' : `'${separator}'`}-separated cells)`);
  return { dialect: separator === '\t' ? 'tsv' : 'csv', tables: [{ rows: trimTrailingBlanks(rows), before, blanksAreMerges: true, alignShortRows: true, diagnostics: [] }] };
}

/**
 * Reads rows written one a line with pipes between cells (`a | b | c |`), with or without outer
 * pipes; `\\|` is a pipe inside a cell. Whether rows have a leading and a trailing outer pipe is read
 * off the header, each on its own: `a | b | c |` has three cells. Lines of dashes and pluses only
 * (`|---|---|`, `+---+`) are rules, and lines of a lone `|` separators, not rows. A line without a
 * pipe continues the last cell of an open row (one not closed by its trailing pipe). The table is the
 * block from the header (or the first pipe row) to its last row: lines before it, and lines after a
 * line of page chrome or after an empty line that ends it, are the text before and after the table.
 */
export function readPipeRows(lines: readonly string[], name = 'input', budget = new CellBudget(undefined, name), headerLine?: number): RawDocument {
  const start = headerLine ?? lines.findIndex((line) => pipeCells(line) !== null && !isChrome(line));
  if (start < 0) throw new FenjieError('no-table', `${name}: no table found (no line holds cells between pipes)`);
  const header = (lines[start] as string).trim();
  const outer = { leading: header.startsWith('|'), trailing: header.endsWith('|') && !header.endsWith('\\|') };
  const rows: RawRow[] = [];
  let open = false;
  let gap = false;
  let end = lines.length;
  for (let i = start; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    if (isRuleLine(line) || trimmed === '|') continue;
    if (trimmed === '') {
      gap = rows.length > 1;
      continue;
    }
    const cells = pipeCells(line, outer);
    if (rows.length > 1 && (isChrome(line) || (gap && cells === null))) {
      end = i;
      break;
    }
    gap = false;
    const last = rows.at(-1);
    // With trailing pipes and no leading ones, a line without pipes after a closed row starts the next
    // row, whose first cell runs over lines (as browsers copy a cell with line breaks) or which an
    // excerpt cut off. With leading pipes every row starts with one, and without trailing pipes every
    // row is open: there the line is more of the last cell.
    const more: boolean = cells === null && last !== undefined && (!outer.trailing || open || outer.leading);
    if ((cells === null && (open || !outer.trailing || more)) || (open && last)) {
      // An open row goes on: this line's first cell is more of its last cell, the others are its next cells.
      const [head = '', ...next] = cells ?? [line.trim()];
      if (last) {
        withParagraph(last.cells.at(-1) as RawCell, head);
        for (const cell of next) last.cells.push(rawCell(oneParagraph(cell), i + 1));
      } else {
        rows.push({ cells: [rawCell(oneParagraph(head), i + 1), ...next.map((cell) => rawCell(oneParagraph(cell), i + 1))], line: i + 1 });
      }
    } else if ((cells ?? [trimmed]).length > 0) {
      const texts = cells ?? [trimmed];
      const rowCells = new Array<RawCell>(texts.length);
      for (let c = 0; c < texts.length; c += 1) rowCells[c] = rawCell(oneParagraph(texts[c] as string), i + 1);
      rows.push({ cells: rowCells, line: i + 1 });
    }
    // With trailing pipes, a line that does not end in one leaves its row open; without them, every row is.
    // Names added under a closed row leave it closed.
    open = outer.trailing && !(more && !open) && (!trimmed.endsWith('|') || trimmed.endsWith('\\|'));
  }
  if (rows.length === 0) throw new FenjieError('no-table', `${name}: no table found (no line holds cells between pipes)`);
  // A row left open at the end of the text, short of the header's cells, was cut off (an excerpt).
  const cut = outer.trailing && open && end === lines.length ? cutOff(rows, rows.length - 1, rows[0]?.cells.length ?? 0) : [];
  return {
    dialect: 'pipe-rows',
    tables: [{ rows: withUnitsRejoined(rows), before: lines.slice(0, start), after: lines.slice(end), blanksAreMerges: true, alignShortRows: true, diagnostics: cut }],
  };
}

/**
 * Rows with a row of units only put back at the end of the row before it, where a page broke a row
 * over two lines (`一、… | （一）… | 1.… |` / `产业政策科 | |`): the row before names no units, and the
 * two together are no wider than the header. A row that is only units is no row of its own: it has
 * no measure.
 */
function withUnitsRejoined(rows: RawRow[]): RawRow[] {
  const width = rows[0]?.cells.length ?? 0;
  const units = (cell: RawCell) => !isBlankCell(cell) && isDepartmentList(cell.paragraphs);
  const out: RawRow[] = [];
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r] as RawRow;
    const last = out.at(-1);
    const filled = row.cells.filter((cell) => !isBlankCell(cell));
    const rejoin =
      r > 1 && last !== undefined && filled.length > 0 && filled.every(units) && !last.cells.some(units) && last.cells.length < width && last.cells.length + row.cells.length <= width;
    if (rejoin) out[out.length - 1] = { ...last, cells: [...last.cells, ...row.cells] };
    else out.push(row);
  }
  return out.length === rows.length ? rows : out;
}

/** The 'ragged-row' warning for a row (0-based, header included) that the end of the text cut off, if it is short. */
function cutOff(rows: readonly RawRow[], r: number, width: number): Diagnostic[] {
  const row = rows[r];
  if (!row || r === 0 || row.cells.length >= width) return [];
  return [diagnostic('ragged-row', 'warning', { kind: 'cut-off', row: r + 1, cells: row.cells.length, width }, { table: 1, row: r + 1, column: row.cells.length, line: row.cells.at(-1)?.line ?? row.line })];
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
    else if (code !== 0x7c && code !== 0x3a && code !== 0x2b && !isWhiteSpace(code)) return false;
  }
  return dash;
}

/**
 * Words of labels fenjie has no role for but that head columns of progress ledgers ("完成状况",
 * "四季度进展情况"): such a label at the end of a header written one a line is kept; another unknown
 * one there is more likely the first data cell, a task title ("强化行政规范性文件集中规范公开").
 */
const LEDGER_LABEL = /(情况|状况|分解|进展|说明|名称|类别|成效|电话|方式|联系人|指标|标准|依据|是否|进度|分值|权重|得分)|^下一?步(?:工作)?计划$|(?:部门|单位)$/u;

/** True for an unknown label at a header's end that is taken for data. */
function dataLike(label: string): boolean {
  return roleOfHeader(label) === 'other' && !LEDGER_LABEL.test(simplify(label));
}

/**
 * The header of a line-cells table: the first run of label lines naming two or more roles. Short
 * unknown labels before the first known one may be the header's (a title line can look like one);
 * unknown labels after the last known one are taken for data (a task title can look like one), but
 * for the words of ledger columns (进展情况, 完成状况). Labels a page split over two lines or
 * paragraphs ("责任" / "领导", "第二季度" / "完成情况") are joined first (see `joinedLabels`).
 */
function lineHeader(at: (i: number) => string | undefined, tried: (start: number) => boolean): LineCellsHeader | null {
  for (let start = 0; at(start) !== undefined && tried(start); start += 1) {
    const lines: string[] = [];
    for (let line = at(start); line !== undefined && line.trim() !== '' && isHeaderLabel(line) && !isChrome(line); line = at(start + lines.length)) lines.push(line.trim());
    const width = lines.length;
    const run = joinedLabels(lines);
    const texts = run.map((label) => label.text);
    if (width >= 2 && knownRoles(texts) >= 2) {
      let first = texts.findIndex((line) => roleOfHeader(line) !== 'other');
      // Not before 序号, which heads the first column, nor over a qualifier in brackets ("(二季度)").
      const serialFirst = roleOfHeader(texts[first] as string) === 'serial';
      while (!serialFirst && first > 0 && (texts[first - 1] as string).length <= 6 && !BRACKETED_QUALIFIER.test(texts[first - 1] as string)) first -= 1;
      let last = run.length;
      while (last > first && dataLike(texts[last - 1] as string)) last -= 1;
      const labels = run.slice(first, last).map(({ text, at }) => ({ text, at: start + at }));
      const end = last < run.length ? start + (run[last] as { at: number }).at : start + width;
      const from = start + (run[first] as { at: number }).at;
      return { start: from, width: end - from, labels };
    }
    start += width;
  }
  return null;
}

/** Words that qualify a ledger column by period or kind ("第二季度" 完成情况, "完成" 状况). */
const LABEL_QUALIFIER = /(季度|年度|半年|全年|本年|本期|当月|月度|上旬|中旬|下旬|\d月)$/u;

/**
 * Header labels with the fragments of a label that a page wrapped over two lines or paragraphs
 * joined, each with the index of its first fragment: two neighbours are one label when the first
 * alone is no known label, short, and their join is one — a known column ("责任" + "领导" is
 * 责任领导, "攻坚目标" + "任务" a task column) or a ledger column after a qualifier ("第二季度" +
 * "完成情况", "完成" + "状况"). A second fragment that is a full label of its own ("牵头单位") stays a
 * column; a short one ("任务", "科室") may be the end of a longer label.
 */
export function joinedLabels(labels: readonly string[]): { text: string; at: number }[] {
  const joined: { text: string; at: number }[] = [];
  for (let i = 0; i < labels.length; i += 1) {
    const a = labels[i] as string;
    const b = labels[i + 1];
    if (b !== undefined && fragmentsOfOne(a, b)) {
      joined.push({ text: a + b, at: i });
      i += 1;
    } else {
      joined.push({ text: a, at: i });
    }
  }
  return joined;
}

/** What a label of people may say of them on a line of its own before the rest ("牵头" / "市领导"). */
const LEADER_QUALIFIER = /^(?:牵头|分管|责任|联系|包保|挂钩|负责)$/u;

/** A label's qualifier in brackets on a line of its own: "责任股室" / "(单位)", "完成时限" / "（年月）". */
const BRACKETED_QUALIFIER = /^[（(][^（）()]{1,8}[）)]$/u;

function fragmentsOfOne(a: string, b: string): boolean {
  if (BRACKETED_QUALIFIER.test(b)) return !BRACKETED_QUALIFIER.test(a);
  // "牵头" over "市领导": the leader who leads, not a column of lead units beside a column of people.
  if (LEADER_QUALIFIER.test(a) && roleOfHeader(b) === 'leader' && roleOfHeader(a + b) === 'leader') return true;
  if (a.length > 6 || b.length > 6 || roleOfHeader(a) !== 'other' || LEDGER_LABEL.test(simplify(a))) return false;
  const label = a + b;
  if (roleOfHeader(label) !== 'other') return roleOfHeader(b) === 'other' || b.length <= 2;
  return LEDGER_LABEL.test(simplify(b)) && roleOfHeader(b) === 'other' && (a.length <= 2 || LABEL_QUALIFIER.test(simplify(a)));
}

/** A cell closed by a pipe with further pipes after it (`X | ||`), its text and how many empty cells they add; null otherwise. */
function paddedCell(line: string): { text: string; empty: number } | null {
  const match = /^([^|]*?)\s*\|((?:\s*\|)+)$/.exec(line.trim());
  if (!match || (match[1] as string) === '') return null;
  return { text: match[1] as string, empty: countOf(match[2] as string, '|') };
}

/** A line of pipes only: `|`, `||`, `||||`. */
const PIPES_ONLY = /^\|+$/;

/** A line that is one cell closed by a pipe at its end (`序号 |`), and that cell's text; null otherwise. */
function closedCell(line: string): string | null {
  const match = /^([^|]*?)\s*\|$/.exec(line.trim());
  return match ? (match[1] as string) : null;
}

/**
 * The labels of a header written one cell a line with a pipe after each — on a line of its own
 * (`序号`, `|`) or at the line's end (`序号 |`) — from `start`, and how many title lines with a pipe
 * of their own (`2016年…任务`, `|`) came before them (`skipped`); null when it names fewer than two roles.
 */
function separatedHeader(lines: readonly string[], start: number): { labels: string[]; closedLines: boolean; skipped: number } | null {
  // Neither closed by a pipe nor followed by a lone one: no such header (most lines, looked at as a header is searched for).
  if (!(lines[start] ?? '').trimEnd().endsWith('|') && (lines[start + 1] ?? '').trim() !== '|') return null;
  const labels: string[] = [];
  const closedLines = closedCell(lines[start] ?? '') !== null && (lines[start] as string).trim() !== '|';
  for (let i = start; i < lines.length; i += closedLines ? 1 : 2) {
    const label = closedLines ? closedCell(lines[i] as string) : (lines[i + 1] ?? '').trim() === '|' ? (lines[i] as string).trim() : null;
    if (label === null || label === '' || !isHeaderLabel(label)) break;
    labels.push(label);
  }
  while (labels.length > 0 && dataLike(labels.at(-1) as string)) labels.pop();
  let skipped = 0;
  // A title line (a year, or a name ending in 表, 台账, 清单) that a page put above the header with its own pipe.
  while (skipped < labels.length && TITLE.test(labels[skipped] as string) && roleOfHeader(labels[skipped] as string) === 'other') skipped += 1;
  return knownRoles(labels) >= 2 ? { labels: labels.slice(skipped), closedLines, skipped } : null;
}

/**
 * Reads a table written one cell a line (or a few lines) with a pipe after each cell and no row
 * boundaries (`separated-cells`, as page-to-text tools write a table's cells): the pipe on a line of
 * its own (`办公室`, `|`) or at the end of the cell's last line (`办公室 |`; there a lone `|` marks a
 * row's end and is skipped, and `||` is an empty cell). The cells are rebuilt into rows from the
 * header's width and what they hold (see `rebuildRows`). Merged cells are left out by such pages, and
 * a column the header has no label for (a serial column) is found from its content. Text after the
 * last pipe is after the table.
 */
export function readSeparatedCells(lines: readonly string[], name = 'input'): RawDocument {
  const found = findHeader(lines);
  const header = found?.dialect === 'separated-cells' ? separatedHeader(lines, found.start) : null;
  if (!found || !header) throw new FenjieError('no-table', `${name}: no table found (no header labels between lines of "|")`);
  const { labels, closedLines, skipped } = header;
  // A title above the header, with a pipe of its own, is text before the table.
  const start = found.start + (closedLines ? 1 : 2) * skipped;
  const first = start + (closedLines ? 1 : 2) * labels.length;
  let units: RawCell[] = [];
  // Where lone `|` lines end rows: the number of units before each end.
  let ends: number[] = [];
  // The empty units of two lone `|` lines in a row (`…|`, `|`), by index: row ends, where they are regular.
  const doubled: number[] = [];
  // Where a line padded a row with empty cells (`X | ||`, or `|||` after a cell's `|`): the number of units after it.
  const padded: number[] = [];
  let paragraphs: string[] = [];
  let line = first + 1;
  let end = first;
  const close = (i: number) => {
    units.push(rawCell(paragraphs, line));
    paragraphs = [];
    end = i + 1;
    line = i + 2;
  };
  for (let i = first; i < lines.length; i += 1) {
    const text = (lines[i] as string).trim();
    const closed = closedLines ? closedCell(text) : null;
    const padding = closedLines ? paddedCell(text) : null;
    if (padding) {
      // `X | ||`: the cell, then an empty cell for each further pipe, the merged cells a page left out.
      if (paragraphs.length === 0) line = i + 1;
      paragraphs.push(padding.text);
      close(i);
      for (let k = 0; k < padding.empty; k += 1) close(i);
      padded.push(units.length);
    } else if (!closedLines && PIPES_ONLY.test(text) && text.length > 1) {
      // `|||` after a cell's lone `|`: each pipe closes one more (empty) cell.
      for (let k = 0; k < text.length; k += 1) close(i);
      padded.push(units.length);
    } else if (closedLines && PIPES_ONLY.test(text)) {
      // `||` is an empty last cell and the row's end; `||||` three empty cells and the end.
      for (let k = 1; k < text.length; k += 1) close(i);
      if (text.length === 1) end = i + 1;
      if (units.length > (ends.at(-1) ?? 0)) ends.push(units.length);
    } else if (text === '|' || closed !== null) {
      if (!closedLines && paragraphs.length === 0 && (i === first || (lines[i - 1] as string).trim() === '|')) doubled.push(units.length);
      if (paragraphs.length === 0) line = i + 1;
      if (closed) paragraphs.push(closed);
      close(i);
    } else if (text !== '' || paragraphs.length > 0) {
      if (paragraphs.length === 0) line = i + 1;
      paragraphs.push(text);
    }
  }
  // Text after the last pipe that follows a serial number is the cell the end of the text cut off
  // (a page copied in part): it belongs to the row the number starts, which is reported as cut off.
  const cut = paragraphs.length > 0 && !isChrome(paragraphs[0] as string) && startsNextRow(units);
  if (cut) {
    units.push(rawCell(paragraphs, line));
    end = lines.length;
  }
  const rowEnds = ends.length === 0 ? (doubledEnds(units, doubled, labels.length) ?? paddedEnds(units, padded, labels.length)) : null;
  if (rowEnds) ({ units, ends } = rowEnds);
  const step = closedLines ? 1 : 2;
  const cells = labels.map((label, c) => rawCell([label], start + step * c + 1));
  // A lone `|` above the header is the table's own border, no text before it.
  let top = start;
  while (top > 0 && PIPES_ONLY.test((lines[top - 1] as string).trim())) top -= 1;
  const text = { before: lines.slice(0, top), after: lines.slice(end) };
  const rows = rowsAtEnds(units, ends, labels.length);
  if (rows) {
    const all = [{ cells, line: start + 1 }, ...rows];
    // Cells after the last row end: a row the end of the text cut off, when short.
    const cutRow = (ends.at(-1) as number) < units.length ? cutOff(all, all.length - 1, labels.length) : [];
    return { dialect: 'separated-cells', tables: [{ rows: all, ...text, blanksAreMerges: true, alignShortRows: true, headerRows: 1, diagnostics: cutRow }] };
  }
  return rebuiltTable('separated-cells', cells, { texts: units.map((unit) => unit.paragraphs.join('\n')), lines: units.map((unit) => unit.line as number) }, text, false, cut);
}

/**
 * In cells between lone `|` lines, a second `|` after one (`|`, `|`) is an empty cell, or, where it
 * comes after every row as some pages write them, the row's end: the units without those empty ones
 * and the ends they make, when they are at least two and every row between them is as wide as the
 * header (a column left empty in every row makes such pairs too, between rows one narrower); else null.
 */
function doubledEnds(units: readonly RawCell[], doubled: readonly number[], width: number): { units: RawCell[]; ends: number[] } | null {
  if (doubled.length < 2) return null;
  const empty = new Set(doubled);
  const kept = units.filter((_, i) => !empty.has(i));
  const ends = [...new Set(doubled.map((at, k) => at - k))].filter((at) => at > 0);
  const bounds = [0, ...ends];
  for (let k = 1; k < bounds.length; k += 1) if ((bounds[k] as number) - (bounds[k - 1] as number) !== width) return null;
  return { units: kept, ends };
}

/**
 * Where rows end when lines pad rows with empty cells (`X | ||`, `|||`): each row is as wide as the
 * header, the padding made up for the merged cells the page left out, so rows end every `width`
 * units — when every padded line ends a row so counted, and they are at least two; else null.
 */
function paddedEnds(units: RawCell[], padded: readonly number[], width: number): { units: RawCell[]; ends: number[] } | null {
  if (padded.length < 2 || padded.some((at) => at % width !== 0)) return null;
  const ends: number[] = [];
  for (let at = width; at <= units.length; at += width) ends.push(at);
  return { units, ends };
}

/**
 * Whether the last unit starts a row: a serial number one past the highest serial before it (the
 * 9 after rows 1–8), not a number of another column (a score of 5 after scores of 10).
 */
function startsNextRow(units: readonly RawCell[]): boolean {
  const last = units.at(-1);
  if (!last || !isSerialCell(last)) return false;
  let highest = 0;
  for (let i = 0; i < units.length - 1; i += 1) if (isSerialCell(units[i] as RawCell)) highest = Math.max(highest, Number.parseInt(cellText(units[i] as RawCell), 10));
  return Number.parseInt(cellText(last), 10) === highest + 1;
}

/**
 * The rows of cells closed by pipes when lone `|` lines end rows (`||`: an empty last cell, then the
 * end), as some pages write them; null when there are none, or when a row between two ends is wider
 * than the header could be (two unlabelled columns at most): then the lone pipes are no row ends,
 * and the rows are rebuilt from content instead. Rows so read are like pipe rows: a short one (cells
 * a page left out, a row cut off) has its cells placed by what they hold.
 */
function rowsAtEnds(units: readonly RawCell[], ends: readonly number[], width: number): RawRow[] | null {
  if (ends.length === 0) return null;
  const bounds = [0, ...ends];
  if ((ends.at(-1) as number) < units.length) bounds.push(units.length);
  const rows: RawRow[] = [];
  for (let r = 1; r < bounds.length; r += 1) {
    const cells = units.slice(bounds[r - 1], bounds[r]);
    if (cells.length > width + 2) return null;
    rows.push({ cells, line: cells[0]?.line ?? null });
  }
  return rows;
}

/**
 * Reads the `line-cells` layout: no separators at all, each cell's paragraphs on lines of their own,
 * an empty cell as an empty line (LibreOffice's text export) or left out (pages). Cell and row
 * boundaries are read from what the lines hold (see `rebuildRows`): a line such as `市发改委牵头落实`
 * or `各科室` is a department cell, not more of the measure; a serial, a marker, a deadline each a
 * cell of its column. Header labels one a line are one header row, labels split over two lines or
 * paragraphs joined ("责任" / "领导"). Rows start at the numbers of a serial column, and a section
 * marker standing alone between rows is a section row. The table ends at page chrome.
 */
export function readLineCells(lines: readonly string[], name = 'input', budget = new CellBudget(undefined, name)): RawDocument {
  const found = lineCellsHeader(lines);
  // Pages that put every cell in a paragraph of its own write an empty line between any two: the
  // empty lines separate cells there, rather than being empty cells, and a cell's lines are one
  // paragraph wrapped ("重点工作及" over "责任分解内容").
  const spaced = found?.spaced ? paragraphStarts(lines) : null;
  const dense = spaced ? spaced.map(([from, to]) => lines.slice(from, to).map((line) => line.trim()).join('')) : lines;
  const header = found && spaced ? { start: spaced.findIndex(([from]) => from === found.start), width: found.width } : found;
  if (!found || !header) throw new FenjieError('no-table', `${name}: no table found (no run of header lines such as 具体措施 and 责任部门)`);
  const lineOf = (i: number) => (spaced ? ((spaced[i] as [number, number])[0]) : i) + 1;
  const first = header.start + header.width;
  let end = dense.length;
  for (let i = first; i < dense.length; i += 1) {
    if (isChrome(dense[i] as string)) {
      end = i;
      break;
    }
  }
  while (end > first && (dense[end - 1] as string).trim() === '') end -= 1;
  // A line or paragraph becomes a cell only as its row is built (see `Units`).
  const all = { texts: Array.from({ length: end - first }, (_, k) => (dense[first + k] as string).trim()), lines: Int32Array.from({ length: end - first }, (_, k) => lineOf(first + k)) };
  const labels = found.labels.map(({ text, at }) => rawCell([text], lineOf(at)));
  const withoutHeader = withoutRepeatedHeader(all, found.labels.map(({ text }) => text));
  const { repeated } = withoutHeader;
  const units = withListsJoined(withoutHeader.units);
  const before = lines.slice(0, lineOf(header.start) - 1);
  const after = end < dense.length ? lines.slice(lineOf(end) - 1) : [];
  const read = rebuiltTable('line-cells', labels, units, { before, after }, true);
  // The header written again (a new part of the table, a page break) is the header, not a row; said once.
  if (repeated.length > 0) read.tables[0]?.diagnostics.push(diagnostic('guessed-layout', 'info', { kind: 'repeated-header', lines: repeated.join(', ') }, { table: 1, row: 1, column: 1, line: repeated[0] as number }));
  return read;
}

/**
 * Units with each one that ends in 、 joined to the unit after it, as the paragraphs of one cell: a
 * list of units the page broke over lines or paragraphs (`区投促局、` / `大观园街道办事处`), which no
 * cell ends with. The units themselves where there is none.
 */
function withListsJoined(units: Units): Units {
  const { texts } = units;
  let any = false;
  const listEnd = (text: string) => text.endsWith('、') && splitMarker(text)?.rest !== '';
  for (let i = 0; i + 1 < texts.length && !any; i += 1) any = listEnd(texts[i] as string) && texts[i + 1] !== '';
  if (!any) return units;
  const joined: string[] = [];
  const lines: number[] = [];
  for (let i = 0; i < texts.length; i += 1) {
    const text = texts[i] as string;
    const last = joined.length - 1;
    if (last >= 0 && listEnd(joined[last] as string) && text !== '') joined[last] += `\n${text}`;
    else {
      joined.push(text);
      lines.push(units.lines[i] as number);
    }
  }
  return { texts: joined, lines };
}

/** The units without the runs that write the header's labels again, in order; and the lines where those runs start. */
function withoutRepeatedHeader(units: { texts: string[]; lines: Int32Array }, labels: readonly string[]): { units: Units; repeated: number[] } {
  const key = (text: string) => text.replace(/\s+/gu, '');
  const wanted = labels.map(key);
  const keep: number[] = [];
  const repeated: number[] = [];
  const opening = wanted[0]?.charAt(0) ?? '';
  // Told by its first character before any text is keyed: most units are no label.
  const repeats = (i: number) => wanted.length >= 2 && opening !== '' && (units.texts[i] as string).startsWith(opening) && wanted.every((label, k) => key(units.texts[i + k] ?? '') === label);
  let i = 0;
  while (i < units.texts.length && !repeats(i)) i += 1;
  // Most tables write their header once: the units are then kept as they are, not copied.
  if (i === units.texts.length) return { units, repeated };
  for (let j = 0; j < i; j += 1) keep.push(j);
  while (i < units.texts.length) {
    if (repeats(i)) {
      repeated.push(units.lines[i] as number);
      i += wanted.length;
    } else {
      keep.push(i);
      i += 1;
    }
  }
  return { units: { texts: keep.map((k) => units.texts[k] as string), lines: Int32Array.from(keep, (k) => units.lines[k] as number) }, repeated };
}

/**
 * The runs of non-empty lines, as [first, past the last] line indexes. A line of white space only
 * between empty lines is a run too, an empty cell: pages write an empty cell as a paragraph holding
 * a (no-break) space.
 */
function paragraphStarts(lines: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let run = nextParagraph(lines, 0); run !== null; run = nextParagraph(lines, run[1])) runs.push(run);
  return runs;
}

/** The first run of non-empty lines from line `from` on (see `paragraphStarts`), or null. */
function nextParagraph(lines: readonly string[], from: number): [number, number] | null {
  for (let i = from; i < lines.length; i += 1) {
    if ((lines[i] as string).trim() === '') {
      if (lines[i] !== '' && i > 0 && lines[i - 1]?.trim() === '' && lines[i + 1]?.trim() === '') return [i, i + 1];
      continue;
    }
    const start = i;
    while (i + 1 < lines.length && (lines[i + 1] as string).trim() !== '') i += 1;
    return [start, i + 1];
  }
  return null;
}

/** Sample of units on which the header's unlabelled columns are looked for; the whole run is then read once. */
export const SAMPLE_UNITS = 400;

/**
 * Rebuilds the rows of a table without row boundaries, trying the header as labelled and with one
 * unlabelled column at each place (the reading that fits the cells much better wins), and reports
 * the rows so rebuilt as 'guessed-layout'.
 */
function rebuiltTable(dialect: TextDialect, labels: RawCell[], units: Units, text: { before: string[]; after: string[] }, paragraphs: boolean, cut = false): RawDocument {
  // One cell a line: rows start at the numbers of a serial column, and section markers between rows are section rows.
  const options = { paragraphs, anchored: dialect === 'line-cells' || dialect === 'separated-cells' };
  const header = headerForRebuild(labels, units.texts.slice(0, SAMPLE_UNITS), options);
  const { rows } = rebuildRows(units, spannedRoles(header), options);
  const headerRow: RawRow = { cells: header, line: labels[0]?.line ?? null };
  const data: RawRow[] = rows.map(blankLeftOut);
  const diagnostics = data.length === 0 ? [] : [guessedLayout(1, { from: 2, to: data.length + 1 }, { kind: 'rebuilt', dialect }, data[0]?.line ?? null)];
  const lastRow = data.at(-1);
  if (cut && lastRow) {
    // Its own cells are the ones with a line; the others are columns it left out.
    const cells = lastRow.cells.filter((cell) => cell.line !== null);
    const place = { table: 1, row: data.length + 1, column: lastRow.cells.lastIndexOf(cells.at(-1) as RawCell) + 1, line: cells.at(-1)?.line ?? null };
    const width = header.reduce((n, cell) => n + cell.colSpan, 0);
    diagnostics.push(diagnostic('ragged-row', 'warning', { kind: 'cut-off', row: data.length + 1, cells: cells.length, width }, place));
  }
  return { dialect, tables: [{ rows: [headerRow, ...data], before: text.before, after: text.after, blanksAreMerges: true, headerRows: 1, diagnostics }] };
}

/** A rebuilt row whose left-out columns are blank cells without a line, as layouts that write merged cells as blanks have them. */
function blankLeftOut(rebuilt: (RawCell | null)[]): RawRow {
  let line: number | null = null;
  for (let c = 0; c < rebuilt.length; c += 1) {
    const cell = (rebuilt[c] ??= rawCell([], null));
    line ??= cell.line;
  }
  // Filled in place: the row's array is made to size by rebuildRows.
  return { cells: rebuilt as RawCell[], line };
}

/** Which outer pipes a table writes: before its first cell, after its last. */
export interface OuterPipes {
  leading: boolean;
  trailing: boolean;
}

/**
 * The cells of a pipe row, or null when the line is not one (no pipe, or a sentence with one pipe).
 * `outer` says whether the table writes outer pipes (true for both sides, or each side on its own);
 * when not known, a leading or trailing pipe is one.
 */
export function pipeCells(line: string, outer?: boolean | OuterPipes, budget?: CellBudget): string[] | null {
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
      cells.push((escaped + trimmed.slice(from, i)).trim());
      escaped = '';
      from = i + 1;
    }
  }
  cells.push((escaped + trimmed.slice(from)).trim());
  const sides = typeof outer === 'object' ? outer : outer === undefined ? { leading: true, trailing: true } : { leading: outer, trailing: outer };
  if (sides.leading && trimmed.startsWith('|')) cells.shift();
  if (sides.trailing && trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  // A lone pipe is a row with no cells; a sentence with one pipe in it is not a row.
  if (trimmed === '|') return [];
  return cells.length >= 2 || outer !== undefined ? cells : null;
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
  return rows.map((row) => {
    const keep = Math.max(width, lastFilled(row.cells) + 1);
    // Rows that lose nothing stay as they are: a copy of each was garbage at 100k rows.
    return keep >= row.cells.length ? row : { ...row, cells: row.cells.slice(0, keep) };
  });
}

function lastFilled(cells: readonly RawCell[]): number {
  for (let i = cells.length - 1; i >= 0; i -= 1) if (!isBlankCell(cells[i] as RawCell)) return i;
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

/**
 * The text after a TAB-led table: the last cell's lines after two empty ones in a row. One empty line
 * is a cell's empty paragraph (a department list written "指挥部", "", "法制办"); two end the table.
 */
function trailingText(last: RawCell | null): string[] {
  if (!last) return [];
  const gap = last.paragraphs.findIndex((p, i) => i > 0 && p.trim() === '' && (last.paragraphs[i + 1] ?? 'x').trim() === '');
  if (gap < 0 || !last.paragraphs.slice(gap).some((p) => p.trim() !== '')) return [];
  return last.paragraphs.splice(gap);
}

function isLabelCell(cell: RawCell): boolean {
  const lines = cell.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
  return lines.length === 1 && isHeaderLabel(lines[0] as string);
}

/** The width of a one-row header: the leading cells that are labels. */
export function headerWidth(cells: readonly RawCell[]): number {
  return headerShape(cells).width;
}
