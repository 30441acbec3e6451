import { diagnostic } from '../i18n/messages.js';
import { CellBudget } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { charWidth } from '../normalize/width.js';
import { knownRoles } from './text-block.js';
import { rawCell, type RawCell, type RawDocument, type RawRow, type RawTable } from './raw-table.js';

/**
 * Grid tables: tables drawn with borders in plain text, as pandoc writes them (`+----+` rules,
 * `+====+` under the header, `|` between cells; in Markdown, reStructuredText and plain text) and as
 * w3m and lynx dump web pages (box drawing: `┌─┬─┐`, `│`, `├─┼─┤`, `└─┴─┘`, in single, heavy or
 * double lines). Cells wrap over many lines, CJK text even inside words; a cell spanning rows has no
 * rule under it in its columns (`|        +------+`), a cell spanning columns no bar between them.
 *
 * Columns are found by display width, not by code units: a CJK or fullwidth character takes two
 * columns, as every writer of these tables lays them out, so the bars of two lines with different
 * text stand at different string offsets but at the same display column.
 */

/** Characters that draw a horizontal rule. */
const HORIZONTAL = '-=─━═┄┅┈┉╌╍';
/** Rules that mark the end of the header (pandoc's `+===+`, box drawing's `╞═══╡` and `┡━━━┩`). */
const HEAVY = '=═━';
/** Characters that draw a vertical rule between cells. */
const VERTICAL = '|│┃║┆┇┊┋╎╏';

const isHorizontal = (char: string) => char.length > 0 && HORIZONTAL.includes(char);
const isVertical = (char: string) => char.length > 0 && VERTICAL.includes(char);

/** A box-drawing corner or junction (┌ ┬ ┼ ╪ ╬ ╭ …). */
function isJunction(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x250c && code <= 0x254b) || (code >= 0x2552 && code <= 0x2570);
}

const isCorner = (char: string) => char === '+' || isJunction(char);

/** True for the top border of a grid table: a corner, rules and corners only, a corner at the end. */
export function isGridBorder(line: string): boolean {
  const trimmed = line.trim();
  const first = String.fromCodePoint(trimmed.codePointAt(0) ?? 0x20);
  // Most lines fail on their first character, before the whole line is looked at.
  if (trimmed.length < 3 || !isCorner(first)) return false;
  let rule = false;
  let last = '';
  for (const char of trimmed) {
    if (isHorizontal(char)) rule = true;
    else if (!isCorner(char) && char !== ':') return false;
    last = char;
  }
  // The last character is a corner, of the same kind as the first: a box border does not mix in `+`.
  return rule && isCorner(last) && (first === '+') === (last === '+');
}

/** A line that goes on a grid table: it starts with a bar or a corner. */
function continuesGrid(line: string): boolean {
  const first = line.trimStart().codePointAt(0);
  if (first === undefined) return false;
  const char = String.fromCodePoint(first);
  return isVertical(char) || isCorner(char);
}

/** Where a grid table stands in a text: its top border and the line after its last line (0-based). */
export interface GridBlock {
  start: number;
  end: number;
}

/** The grid tables of a text, in order: from a top border to the last line that starts with a bar or a corner. */
export function gridBlocks(lines: readonly string[]): GridBlock[] {
  const blocks: GridBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!isGridBorder(lines[i] as string)) continue;
    let end = i + 1;
    while (end < lines.length && continuesGrid(lines[end] as string)) end += 1;
    // A lone border is a rule in the text (a line of `+-+-+`), not a table.
    if (end - i >= 3) blocks.push({ start: i, end });
    i = end - 1;
  }
  return blocks;
}

/** A line of the grid split at the column boundaries: the character on each boundary and the text between. */
interface SplitLine {
  marks: string[];
  segments: string[];
  /** True when the line's characters do not line up with the boundaries. */
  ragged: boolean;
}

/** The display columns of the column boundaries: every corner on a border line, and every box junction. */
function boundaries(lines: readonly string[]): number[] {
  const found = new Set<number>();
  for (const line of lines) {
    // An ASCII `+` is a corner only on a line of rules, bars and corners (text may hold a `+`);
    // a box junction is one wherever it stands (w3m writes rules and text on one line).
    const borderOnly = /^[\s+\-=:|]*$/.test(line);
    let x = 0;
    let previous = '';
    const chars = [...line];
    chars.forEach((char, i) => {
      if (isJunction(char) || (borderOnly && char === '+' && (isHorizontal(previous) || isHorizontal(chars[i + 1] ?? '')))) found.add(x);
      x += charWidth(char.codePointAt(0) ?? 0);
      previous = char;
    });
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Splits a line at the boundaries, by display column. The line is ragged when it stops short of the
 * last boundary, has text outside the table, has a border off the boundaries (a box bar, or a pipe
 * between spaces), or a pipe off them while a wide character straddles one: its columns were laid out
 * with other widths than ours. (A wide character across a boundary alone is a cell spanning columns;
 * a pipe alone, as in `A|B`, is text.)
 */
function splitAt(line: string, bounds: readonly number[]): SplitLine {
  const marks: string[] = bounds.map(() => '');
  const segments: string[] = bounds.slice(1).map(() => '');
  let outside = false;
  let straddles = false;
  let strayBar = false;
  let misplaced = false;
  let pipeAfterSpace = false;
  let x = 0;
  let k = 0;
  for (const char of line) {
    const width = charWidth(char.codePointAt(0) ?? 0);
    const at = bounds[k];
    if (at !== undefined && x === at && width === 1) {
      marks[k] = char;
      k += 1;
    } else if (at !== undefined && x <= at && x + width > at) {
      straddles = true;
      if (k < segments.length) segments[k] += char;
      k += 1;
    } else if (k > 0 && k < bounds.length) {
      const segment = segments[k - 1] as string;
      // A box bar in text, or a pipe standing between spaces where no column has a border, is a border out of place.
      if (pipeAfterSpace && char === ' ') misplaced = true;
      pipeAfterSpace = char === '|' && segment.endsWith(' ');
      misplaced ||= isVertical(char) && char !== '|';
      strayBar ||= isVertical(char);
      segments[k - 1] = segment + char;
    } else if (char.trim() !== '') {
      outside = true;
    }
    x += width;
  }
  return { marks, segments, ragged: k < bounds.length || outside || misplaced || (straddles && strayBar) };
}

/**
 * Splits a line that does not line up by its bars instead, when it has as many as the line it is
 * compared with has on boundaries: a writer that counted a character's width otherwise than we do
 * (an emoji, a variation selector) shifted its bars but kept them in order.
 */
function splitByBars(line: string, reference: SplitLine, bounds: readonly number[]): SplitLine | null {
  const at: number[] = [];
  reference.marks.forEach((mark, k) => {
    if (isVertical(mark) || isCorner(mark)) at.push(k);
  });
  const pieces = line.trim().split(/[|│┃║┆┇┊┋╎╏]/u);
  // The pieces are the text before the first bar (none), between bars, and after the last (none).
  if (pieces.length !== at.length + 1 || at[0] !== 0 || at.at(-1) !== bounds.length - 1) return null;
  const marks: string[] = bounds.map(() => ' ');
  const segments: string[] = bounds.slice(1).map(() => '');
  at.forEach((k, n) => {
    marks[k] = '|';
    if (n > 0) segments[at[n - 1] as number] = pieces[n] as string;
  });
  return { marks, segments, ragged: false };
}

/** True when the segment is a rule: rule characters only (pandoc's `:` alignment marks at its ends), corners or rules beside it. */
function isRuleSegment(split: SplitLine, j: number): boolean {
  const text = split.segments[j] as string;
  if (text === '') return false;
  const chars = [...text];
  const body = chars.filter((char, i) => !(char === ':' && (i === 0 || i === chars.length - 1)));
  if (body.length === 0 || !body.every(isHorizontal)) return false;
  const side = (mark: string) => isCorner(mark) || isHorizontal(mark);
  return side(split.marks[j] as string) && side(split.marks[j + 1] as string);
}

/** How a grid table's cells are read. */
export interface GridOptions {
  /** Turns a line of a cell into its text: Markdown's inline markup and escapes. Default: as written. */
  inline?: (line: string) => string;
  /** True where a cell line ending in `\` is a hard line break (pandoc's Markdown). Default: false. */
  hardBreaks?: boolean;
  /** True where straight double quotes stand for curly ones (pandoc's Markdown, which writes “” as ""). Default: false. */
  smartQuotes?: boolean;
}

/** A cell as found in the grid: its columns, the rule lines above and below it (0-based in the block). */
interface Piece {
  first: number;
  last: number;
  top: number;
  bottom: number;
}

/**
 * Reads one grid table, the lines of its block (see `gridBlocks`), into a RawTable with the row and
 * column spans its rules draw. `offset` is the block's first line in the text (0-based), `table` its number in the document. Lines whose
 * borders do not line up with the table's columns are reported as 'ragged-row' and read as they
 * stand; a table with no spans at all writes merged cells as blank cells (pandoc before 3.0 drops
 * spans that way), so its blanks are merged cells.
 */
export function readGridTable(block: readonly string[], offset: number, budget: CellBudget, options: GridOptions = {}, table = 1): RawTable {
  const bounds = boundaries(block);
  const diagnostics: Diagnostic[] = [];
  const raggedLines = new Set<number>();
  let reference: SplitLine | null = null;
  const split = block.map((line, i) => {
    const plain = splitAt(line, bounds);
    if (!plain.ragged) {
      if (!plain.marks.some(isHorizontal) && !plain.segments.some((_, j) => isRuleSegment(plain, j))) reference = plain;
      return plain;
    }
    const realigned = reference ? splitByBars(line, reference, bounds) : null;
    if (realigned) return realigned;
    raggedLines.add(i);
    return plain;
  });
  const columns = bounds.length - 1;
  const rules = split.map((line) => line.segments.map((_, j) => isRuleSegment(line, j)));
  const headerRule = findHeaderRule(split, rules);
  // Each column runs from rule to rule; the text lines between two rules of a column are a piece of a cell.
  const pieces: Piece[] = [];
  const open: number[] = Array.from({ length: columns }, () => 0);
  for (let i = 1; i <= block.length; i += 1) {
    for (let j = 0; j < columns; j += 1) {
      const closes = i === block.length || (rules[i]?.[j] ?? false);
      if (!closes) continue;
      if (i > (open[j] as number) + 1) pieces.push({ first: j, last: j, top: open[j] as number, bottom: i });
      open[j] = i;
    }
  }
  // A cell still open at the block's end: the table lost its bottom border.
  if (pieces.some((piece) => piece.bottom === block.length)) raggedLines.add(block.length - 1);
  const cells = joinSpannedColumns(pieces, split, columns, raggedLines);
  budget.take(cells.length);
  // Rows are the rule lines where some cell starts; a cell spans the rows that start before its bottom rule.
  const starts = [...new Set(cells.map((piece) => piece.top))].sort((a, b) => a - b);
  const rowOf = new Map(starts.map((top, r) => [top, r]));
  const rows: RawRow[] = starts.map(() => ({ cells: [], line: null }));
  let spans = false;
  for (const piece of cells.sort((a, b) => a.top - b.top || a.first - b.first)) {
    const r = rowOf.get(piece.top) as number;
    let below = r + 1;
    while (below < starts.length && (starts[below] as number) < piece.bottom) below += 1;
    const cell: RawCell = {
      paragraphs: cellParagraphs(piece, split, options),
      rowSpan: below - r,
      colSpan: piece.last - piece.first + 1,
      line: offset + piece.top + 2,
    };
    spans ||= cell.rowSpan > 1 || cell.colSpan > 1;
    const row = rows[r] as RawRow;
    row.cells.push(cell);
    row.line ??= cell.line;
  }
  let r = 0;
  for (const i of [...raggedLines].sort((a, b) => a - b)) {
    while (r + 1 < starts.length && (starts[r + 1] as number) < i) r += 1;
    diagnostics.push(diagnostic('ragged-row', 'warning', { kind: 'grid', row: r + 1, line: offset + i + 1 }, { table, row: r + 1, column: 1, line: offset + i + 1 }));
  }
  const headerRows = headerRule === null ? undefined : starts.filter((top) => top < headerRule).length;
  return { rows, before: [], after: [], blanksAreMerges: !spans, ...(headerRows ? { headerRows } : {}), diagnostics };
}

/** The rule line that ends the header: the first inner rule drawn heavier than the top border (`+===+` under `+---+`). */
function findHeaderRule(split: readonly SplitLine[], rules: readonly boolean[][]): number | null {
  const top = [...(split[0]?.segments[0] ?? '')].find(isHorizontal) ?? '';
  for (let i = 1; i < split.length - 1; i += 1) {
    const segment = (split[i] as SplitLine).segments.find((_, j) => rules[i]?.[j]);
    const char = [...(segment ?? '')].find(isHorizontal) ?? '';
    if (HEAVY.includes(char) && char !== '' && char !== top) return i;
  }
  return null;
}

/**
 * Joins the pieces of cells that span columns: where the boundary right of a piece holds no bar on
 * any of its lines, the cell goes on into the next column's piece between the same rules. A boundary
 * with bars on some lines only is ragged: the piece ends there and the lines are reported.
 */
function joinSpannedColumns(pieces: readonly Piece[], split: readonly SplitLine[], columns: number, ragged: Set<number>): Piece[] {
  const byPlace = new Map(pieces.map((piece) => [`${piece.top}:${piece.first}`, piece]));
  const taken = new Set<Piece>();
  const cells: Piece[] = [];
  for (const piece of pieces) {
    if (taken.has(piece)) continue;
    const cell = { ...piece };
    while (cell.last + 1 < columns) {
      let bars = 0;
      for (let i = cell.top + 1; i < cell.bottom; i += 1) {
        const mark = split[i]?.marks[cell.last + 1] ?? '';
        if (isVertical(mark) || isCorner(mark)) bars += 1;
      }
      const next = byPlace.get(`${cell.top}:${cell.last + 1}`);
      if (bars > 0 || !next || next.bottom !== cell.bottom) {
        if (bars > 0 && bars < cell.bottom - cell.top - 1) for (let i = cell.top + 1; i < cell.bottom; i += 1) ragged.add(i);
        break;
      }
      taken.add(next);
      cell.last += 1;
    }
    cells.push(cell);
  }
  return cells;
}

/**
 * A cell's paragraphs: its lines between the rules, trimmed; an empty line separates paragraphs (or
 * the names of a department list), and the lines of a paragraph, which the writer wrapped to the
 * column's width, are joined again: without a space where the break falls next to CJK text (writers
 * break CJK anywhere, "20" over "19年6月底前"), with one between Latin words.
 */
function cellParagraphs(piece: Piece, split: readonly SplitLine[], options: GridOptions): string[] {
  const paragraphs: string[] = [];
  const push = (paragraph: string) => paragraphs.push(options.smartQuotes ? curlyQuotes(paragraph) : paragraph);
  let open: string | null = null;
  for (let i = piece.top + 1; i < piece.bottom; i += 1) {
    const line = split[i] as SplitLine;
    let text = line.segments[piece.first] as string;
    for (let j = piece.first + 1; j <= piece.last; j += 1) text += (line.marks[j] as string) + (line.segments[j] as string);
    text = text.trim();
    if (text === '') {
      if (open !== null) push(open);
      open = null;
      continue;
    }
    const hard = options.hardBreaks === true && /(^|[^\\])\\$/.test(text);
    if (hard) text = text.slice(0, -1).trimEnd();
    if (options.inline) text = options.inline(text);
    open = open === null ? text : joinWrapped(open, text);
    if (hard) {
      push(open);
      open = null;
    }
  }
  if (open !== null) push(open);
  return paragraphs;
}

/** Two wrapped lines joined: no space where the word broken across them holds a wide character. */
function joinWrapped(before: string, after: string): string {
  const last = /\S*$/u.exec(before)?.[0] ?? '';
  const first = /^\S*/u.exec(after)?.[0] ?? '';
  return hasWide(last) || hasWide(first) ? before + after : `${before} ${after}`;
}

function hasWide(text: string): boolean {
  for (const char of text) if (charWidth(char.codePointAt(0) ?? 0) === 2) return true;
  return false;
}

/**
 * Straight double quotes as the curly ones they stand for: paired left to right, the first of a pair
 * opening (“) and the second closing (”); a quote left without a partner closes after text and opens
 * before it (pandoc's Markdown writer writes every “ and ” of the original as ").
 */
export function curlyQuotes(text: string): string {
  const parts = text.split('"');
  if (parts.length === 1) return text;
  let out = parts[0] as string;
  for (let q = 1; q < parts.length; q += 1) {
    const paired = q % 2 === 1 ? q + 1 < parts.length : true;
    const before = (parts[q - 1] as string).at(-1) ?? '';
    const opens = paired ? q % 2 === 1 : before === '' || /\s/u.test(before);
    out += (opens ? '“' : '”') + (parts[q] as string);
  }
  return out;
}

/** A rule of dash runs under the header of pandoc's simple and multiline tables: `------ ---------`. */
const DASH_RUNS = /^ *-{2,}(?: +-{2,})+ *$/;
/** The full-width dash line that opens and closes pandoc's multiline tables. */
const FULL_DASHES = /^ *-{3,} *$/;

/** Where a simple or multiline table stands: its first and past-last lines, its column rule, and whether its rows run over lines. */
interface SimpleBlock extends GridBlock {
  rule: number;
  multiline: boolean;
}

/**
 * pandoc's tables without borders (`-t markdown` and `-t plain` write them for tables whose cells
 * hold one line each): a header, a rule of dash runs that gives each column's extent, then rows one
 * a line up to an empty line (a simple table); or, between two lines of dashes, rows of several
 * lines separated by empty lines (a multiline table).
 */
function simpleBlocks(lines: readonly string[]): SimpleBlock[] {
  const blocks: SimpleBlock[] = [];
  const blank = (i: number) => (lines[i] ?? '').trim() === '';
  for (let i = 1; i < lines.length; i += 1) {
    if (!DASH_RUNS.test(lines[i] as string) || blank(i - 1) || blank(i + 1)) continue;
    let top = i - 1;
    while (top > 0 && !blank(top - 1) && !FULL_DASHES.test(lines[top - 1] as string)) top -= 1;
    const multiline = top > 0 && FULL_DASHES.test(lines[top - 1] as string);
    let end = i + 1;
    if (multiline) {
      while (end < lines.length && !FULL_DASHES.test(lines[end] as string)) end += 1;
      blocks.push({ start: top - 1, end: Math.min(lines.length, end + 1), rule: i, multiline });
    } else {
      while (end < lines.length && !blank(end) && !DASH_RUNS.test(lines[end] as string)) end += 1;
      blocks.push({ start: i - 1, end, rule: i, multiline });
    }
    i = end;
  }
  return blocks;
}

/** A line cut into columns starting at the given display columns; text left of the first goes to the first. */
function sliceColumns(line: string, starts: readonly number[]): string[] {
  const cells = starts.map(() => '');
  let x = 0;
  let c = 0;
  for (const char of line) {
    while (c + 1 < starts.length && x >= (starts[c + 1] as number)) c += 1;
    cells[c] += char;
    x += charWidth(char.codePointAt(0) ?? 0);
  }
  return cells.map((cell) => cell.trim());
}

/** Reads a simple or multiline table: one row a line, or rows of wrapped lines between empty lines; blank cells are merged cells. Cells are read as in a grid (see GridOptions). */
function readSimpleTable(lines: readonly string[], block: SimpleBlock, budget: CellBudget, options: GridOptions): RawTable {
  const starts: number[] = [];
  (lines[block.rule] as string).replace(/-+/g, (run, at: number) => {
    starts.push(at);
    return run;
  });
  const rowOf = (group: readonly string[], line: number): RawRow => {
    const columns = starts.map(() => [] as string[]);
    for (const text of group) sliceColumns(text, starts).forEach((cell, c) => cell !== '' && (columns[c] as string[]).push(cell));
    budget.take(starts.length);
    const text = (parts: string[]) => {
      const joined = parts.map((part) => (options.inline ? options.inline(part) : part)).reduce(joinWrapped);
      return options.smartQuotes ? curlyQuotes(joined) : joined;
    };
    const cells = columns.map((parts) => rawCell(parts.length === 0 ? [] : [text(parts)], line));
    return { cells, line };
  };
  const headerFrom = block.multiline ? block.start + 1 : block.start;
  const rows: RawRow[] = [rowOf(lines.slice(headerFrom, block.rule), headerFrom + 1)];
  let group: string[] = [];
  let first = block.rule + 1;
  const last = block.multiline ? block.end - 1 : block.end;
  for (let i = block.rule + 1; i <= last; i += 1) {
    const text = i < last ? (lines[i] as string) : '';
    if (block.multiline ? text.trim() !== '' : i < last) {
      if (group.length === 0) first = i;
      group.push(text);
      if (block.multiline) continue;
    }
    if (group.length > 0) rows.push(rowOf(group, first + 1));
    group = [];
  }
  return { rows, before: [], after: [], blanksAreMerges: true, headerRows: 1, diagnostics: [] };
}

/** Lines that only underline or overline a title (reStructuredText's `=====`): no text of their own. */
const ADORNMENT = /^([=\-~^*#+`'"._])\1{2,}$/;

/**
 * The tables of a text drawn as grids (dialect `grid`) or, in a text without any, pandoc's simple and
 * multiline tables (dialect `simple-table`), each with the block it stands in; null when there are none.
 */
export function readBorderedTables(lines: readonly string[], budget: CellBudget, options: GridOptions = {}): { dialect: 'grid' | 'simple-table'; found: { table: RawTable; block: GridBlock }[] } | null {
  const grids = gridBlocks(lines);
  if (grids.length > 0) {
    return { dialect: 'grid', found: grids.map((block, b) => ({ block, table: readGridTable(lines.slice(block.start, block.end), block.start, budget, options, b + 1) })) };
  }
  // Dash rules occur in other text too: a simple table is one whose header names two known columns.
  const found = simpleBlocks(lines)
    .map((block) => ({ block, table: readSimpleTable(lines, block, budget, options) }))
    .filter(({ table }) => knownRoles((table.rows[0]?.cells ?? []).map((cell) => cell.paragraphs.join(''))) >= 2);
  return found.length === 0 ? null : { dialect: 'simple-table', found };
}

/**
 * Reads the grid tables (or simple tables) of a plain text, or returns null when it has none. The
 * text before the first table is its `before` text, the text after each table up to the next its
 * `after` text; title adornments (`=====` under a reStructuredText title) are left out.
 */
export function readGridText(lines: readonly string[], budget: CellBudget, options: GridOptions = {}): RawDocument | null {
  const read = readBorderedTables(lines, budget, options);
  if (!read) return null;
  const text = (from: number, to: number) => lines.slice(from, to).filter((line) => !ADORNMENT.test(line.trim()));
  const tables = read.found.map(({ table, block }, b) => {
    table.before = text(b === 0 ? 0 : (read.found[b - 1] as { block: GridBlock }).block.end, block.start);
    table.after = text(block.end, read.found[b + 1]?.block.start ?? lines.length);
    return table;
  });
  return { tables, dialect: read.dialect };
}
