import { FenjieError } from '../errors.js';
import { CellBudget } from '../limits.js';
import { guessedLayout, headerForRebuild, kindOf, kindsOf, rebuildRows, spannedRoles, unitParagraphs, type Kind, type UnitLink } from '../grid/align.js';
import { isHeaderLabel } from '../grid/header.js';
import { roleOfHeader } from '../model/roles.js';
import type { ColumnRole, Diagnostic } from '../model/schema.js';
import { rawCell, type RawCell, type RawDocument, type RawRow } from './raw-table.js';
import { isChrome, knownRoles } from './text-block.js';
import { SAMPLE_UNITS } from './text.js';

/**
 * Tables as browsers and text browsers give them as text. Chromium's `innerText` (what a page's
 * text is read as, and what many copy tools take) writes a TAB between two cells of a row and a line
 * break after a row, and two line breaks around every <p>: cells that hold paragraphs come out as a
 * line holding only a TAB between cells, a blank line between a cell's paragraphs and four after a
 * row. Cells of plain text with <br> come out as a row a line with TABs between cells, broken
 * wherever a cell breaks its text. Ctrl+C writes the header's cells between TABs and then every
 * paragraph of every cell between blank lines, with no TAB at all; `lynx -dump` the header's labels
 * between spaces on one line and every paragraph after it indented, between blank lines. Rows that
 * have merged (rowspan) cells have fewer cells in all of them. No layout says for certain where a row
 * ends, so rows are rebuilt from the header's width and what the cells hold (`rebuildRows`), held to
 * what the text does say: a TAB is the next cell of the same row, and blank lines, where a table
 * writes them, say a row ended (many) or a paragraph did (one).
 */

/** A browser copy's header: where it is, its labels, and what follows it. */
export interface BrowserHeader {
  /** 0-based line of the header's first line. */
  start: number;
  /** 0-based line just past the header. */
  body: number;
  /** The labels of the header's first row and, for a header over two rows, of its second (under one label of the first). */
  rows: string[][];
  /** 'browser-cells' where the text writes TABs; a `lynx -dump` writes none and is one cell a paragraph ('line-cells'). */
  dialect: 'browser-cells' | 'line-cells';
}

/**
 * A browser writes every paragraph of a cell (<p>, or a line after <br>) as a unit of its own, and a
 * measure, task or section cell is mostly one paragraph: a paragraph after one of those is read as a
 * new row (the rows between lost their merged cells) rather than as more of the same cell, unless
 * the rest of the row says otherwise. A department list still joins its names at the usual cost.
 */
const JOIN_COST: Partial<Record<ColumnRole, number>> = { measure: 1.2, task: 1.2, section: 1.2 };

/** How far into the body the layout is checked before the table is read. */
const LOOKAHEAD = 400;

/** Blank lines that end a row of cells holding paragraphs (four in innerText, two around <div>s); one ends a paragraph. */
const ROW_GAP = 2;

// Patterns are made once: a literal in a function is a new RegExp object each time it runs, and
// these are tested on every line of a body.
const BLANK = /^ *$/;
const SPACE = /\s/;
const isBlank = (line: string) => BLANK.test(line);
/** A line holding TABs only: cells of paragraphs meet there. */
const isLoneTab = (line: string) => line.includes('\t') && line.trim() === '';

/** Longest line looked at as a header: a longer one is data, and is not split for nothing. */
const MAX_HEADER_LINE = 400;

const isDepartments = (text: string) => kindOf(rawCell([text.trim()])) === 'departments';

/** The labels of a line of header cells between TABs, or null when one is not a label or fewer than two roles are named. */
function tabLabels(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const labels = line.split('\t').map((label) => label.trim()).filter((label) => label !== '');
  return labels.length >= 1 && labels.every(isHeaderLabel) ? labels : null;
}

/** The labels of a line of header labels between spaces (as lynx writes a header row), or null. */
function spacedLabels(line: string): string[] | null {
  if (line.includes('\t') || line.includes('|')) return null;
  const labels = line.trim().split(/\s+/);
  return labels.length >= 1 && labels[0] !== '' && labels.every(isHeaderLabel) ? labels : null;
}

/**
 * The browser copy whose header starts at line `start`, or null. Three header forms: labels between
 * TABs on one line (innerText and Ctrl+C of header cells without paragraphs; a second line of labels
 * right under it is the header's second row), labels between lines of a lone TAB (header cells that
 * hold paragraphs, as Word's web pages write them), labels between spaces (`lynx -dump`). The body
 * after it decides: lines of a lone TAB, or rows broken by a cell's line breaks (a line without TAB
 * between lines with TABs), or no TAB at all (Ctrl+C); under a spaced header, one cell a paragraph.
 */
export function browserHeaderAt(lines: readonly string[], start: number): BrowserHeader | null {
  const line = lines[start] as string;
  if (line.length > MAX_HEADER_LINE) return null;
  const tabbed = tabLabels(line);
  if (tabbed && knownRoles(tabbed) >= 2) {
    const rows = [tabbed];
    const second = tabLabels(lines[start + 1] ?? '');
    if (second && knownRoles([...tabbed, ...second]) >= 2 && second.length < tabbed.length + 2) rows.push(second);
    const body = start + rows.length;
    return tabbedBody(lines, body) ? { start, body, rows, dialect: 'browser-cells' } : null;
  }
  // Checked in order of cost, for every line of a text until a header is found: most lines are data.
  if (!line.includes('\t') && line.trim() !== '') {
    const header = loneTabHeader(lines, start);
    if (header && isHeaderLabel(line.trim())) return header;
  }
  const spaced = SPACE.test(line.trim()) ? spacedLabels(line) : null;
  if (spaced && spaced.length >= 2 && knownRoles(spaced) >= 2) {
    const rows = [spaced];
    const second = spacedLabels(lines[start + 1] ?? '');
    if (second && !isBlank(lines[start + 1] ?? '')) rows.push(second);
    const body = start + rows.length;
    return paragraphBody(lines, body) ? { start, body, rows, dialect: 'line-cells' } : null;
  }
  return null;
}

/**
 * True when the lines after a header of cells between TABs are a browser's rather than a
 * spreadsheet's (TSV): a line of a lone TAB, a TAB at a line's start after a blank line, no TAB at
 * all (Ctrl+C), or a line without a TAB between rows with TABs (a cell broken by <br>) — where no
 * cell is quoted, as spreadsheets quote cells that hold line breaks.
 */
function tabbedBody(lines: readonly string[], body: number): boolean {
  const end = Math.min(lines.length, body + LOOKAHEAD);
  let content = 0;
  let tabs = 0;
  let broken = false;
  for (let i = body; i < end; i += 1) {
    const line = lines[i] as string;
    if (isBlank(line)) continue;
    if (isChrome(line)) break;
    if (isLoneTab(line)) return true;
    if (line.startsWith('\t') && isBlank(lines[i - 1] ?? '')) return true;
    if (/(^|\t)"/.test(line)) return false;
    content += 1;
    if (line.includes('\t')) tabs += 1;
    // A line of department names without a TAB right under a row ending in department names: that
    // cell went on after a line break. (A row of one cell, its merged cells left out, holds a measure or a heading.)
    else if ((lines[i - 1] ?? '').includes('\t') && isDepartments(line) && isDepartments((lines[i - 1] as string).split('\t').at(-1) as string)) broken = true;
  }
  return tabs === 0 ? content >= 2 : broken;
}

/** A header of cells holding paragraphs: labels with a line of a lone TAB between them, up to the blank lines that end the row. */
function loneTabHeader(lines: readonly string[], start: number): BrowserHeader | null {
  // Most lines, looked at as a header is searched for, are followed by no lone TAB: nothing is made
  // for them (an array of labels a line was 14 MB at 20k lines).
  let after = start + 1;
  while (after < lines.length && isBlank(lines[after] as string)) after += 1;
  if (!isLoneTab(lines[after] ?? '')) return null;
  const labels: string[] = [];
  let i = start;
  for (;;) {
    labels.push((lines[i] as string).trim());
    let next = i + 1;
    while (next < lines.length && isBlank(lines[next] as string)) next += 1;
    if (!isLoneTab(lines[next] ?? '')) break;
    next += 1;
    while (next < lines.length && isBlank(lines[next] as string)) next += 1;
    const label = (lines[next] ?? '').trim();
    if (label === '' || !isHeaderLabel(label) || labels.length > 40) break;
    i = next;
  }
  if (labels.length < 2 || knownRoles(labels) < 2) return null;
  return { start, body: i + 1, rows: [labels], dialect: 'browser-cells' };
}

/** True when the lines after a spaced header are one cell a paragraph, between blank lines, no cell holding a run of spaces (cells on one line between spaces are another layout). */
function paragraphBody(lines: readonly string[], body: number): boolean {
  if (!isBlank(lines[body] ?? '')) return false;
  let paragraphs = 0;
  let spaced = 0;
  for (let i = body; i < lines.length && paragraphs < 20; i += 1) {
    const line = lines[i] as string;
    if (isBlank(line)) continue;
    if (line.includes('\t') || /\S {2,}\S/.test(line.trim())) return false;
    paragraphs += 1;
    if (isBlank(lines[i - 1] as string)) spaced += 1;
  }
  return paragraphs >= 2 && spaced * 5 >= paragraphs * 4;
}

/** Columns past which a text browser wraps a line (lynx: 80, less its margins; CJK characters are two columns wide). */
const WRAP_COLUMNS = 70;

/** True for a line a text browser broke because it was full: the next line goes on with its paragraph. */
function wraps(line: string): boolean {
  let columns = 0;
  for (const char of line) columns += char.charCodeAt(0) >= 0x2e80 ? 2 : 1;
  return columns >= WRAP_COLUMNS;
}

/** The cells of a browser copy's body, one a paragraph (see `Units`), each with what separates it from the one before. */
interface Body {
  units: { texts: string[]; lines: number[] };
  links: (UnitLink | null)[];
  /** 0-based line just past the table. */
  end: number;
  /** Whether blank lines mark where rows end (cells holding paragraphs). */
  marked: boolean;
}

/**
 * Splits the body into units: each paragraph of a cell, and a blank unit for an empty cell. A TAB
 * opens the next cell of the row: a line of TABs only opens it for the paragraphs below, TABs within
 * a line of text separate cells on that line (and one at its end leaves the last cell empty). Lines
 * of no-break spaces (an empty paragraph) separate paragraphs. The body ends at page chrome.
 */
function splitUnits(lines: readonly string[], body: number, tabs: boolean, budget: CellBudget): Body {
  // Each unit's text, '' for an empty cell, and its line.
  const texts: string[] = [];
  const starts: number[] = [];
  // Per unit: true where a TAB comes before it, else the blank lines before it.
  const before: (true | number)[] = [];
  let gap = 0;
  let widest = 0;
  // A TAB opened a cell that has no paragraph yet.
  let open = false;
  let end = lines.length;
  const blankLines = () => Math.max(gap, widest);
  const push = (text: string, line: number, link: true | number) => {
    budget.take();
    texts.push(text);
    starts.push(line + 1);
    before.push(link);
    gap = 0;
    widest = 0;
  };
  const paragraph = (text: string, line: number) => {
    // As many blank lines after a TAB as end a row: the cell the TAB opened is empty, and this paragraph starts the next row.
    if (open && blankLines() >= ROW_GAP) {
      const blank = blankLines();
      push('', line - 1, true);
      gap = blank;
      open = false;
    }
    push(text, line, open ? true : blankLines());
    open = false;
  };
  const tab = (line: number) => {
    if (open) push('', line, true);
    // A row whose first cell is empty: a TAB after the blank lines that end a row.
    else if (texts.length > 0 && blankLines() >= ROW_GAP) push('', line, blankLines());
    open = true;
    gap = 0;
    widest = 0;
  };
  for (let i = body; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (isChrome(line)) {
      end = i;
      break;
    }
    if (isBlank(line)) {
      gap += 1;
    } else if (!tabs || !line.includes('\t')) {
      if (line.trim() === '') [widest, gap] = [blankLines(), 0];
      else if (!tabs && gap === 0 && texts.length > 0 && i > body && wraps(lines[i - 1] as string)) texts.push(`${texts.pop() as string}${line.trim()}`);
      else paragraph(line.trim(), i);
    } else {
      const pieces = line.split('\t');
      budget.take(pieces.length - 1);
      for (let k = 0; k < pieces.length; k += 1) {
        const piece = (pieces[k] as string).trim();
        if (k > 0) tab(i);
        if (piece !== '') paragraph(piece, i);
      }
      // A TAB ending a line of text leaves the row's last cell empty: cells of text with <br> write a row a line.
      if (open && !isLoneTab(line)) {
        push('', i, true);
        open = false;
      }
    }
  }
  while (texts.length > 0 && texts.at(-1) === '') {
    texts.pop();
    starts.pop();
    before.pop();
  }
  // Cells of paragraphs leave blank lines that mark a row's end; cells of text leave none, and there
  // a line break is a row's end or a <br> alike.
  const marked = before.some((link) => link !== true && link >= ROW_GAP);
  // Without a TAB in the body (Ctrl+C, lynx), nothing tells a cell's end from a paragraph's.
  const cells = tabs && before.includes(true);
  const links = before.map((link, i): UnitLink | null => {
    if (i === 0) return 'row';
    if (!cells) return null;
    if (link === true) return 'cell';
    if (!marked) return 'break';
    return link >= ROW_GAP ? 'row' : 'same';
  });
  return { units: { texts, lines: starts }, links, end, marked };
}

/** Sub-labels that sit under a label of the header's first row spanning them: their roles, and the parent roles they go under. */
const PARENT_ROLES: Partial<Record<ColumnRole, readonly ColumnRole[]>> = {
  lead: ['departments', 'other'],
  support: ['departments', 'other'],
  departments: ['departments', 'other'],
  deadline: ['deadline', 'other'],
};

/**
 * The header's cells: one row, or two where a second row of labels sits under one label of the first
 * (责任分工 over 牵头单位 and 配合单位; the others span both rows). `flat` is the labels the
 * columns are read under; `place` builds the header rows once an unlabelled column is found.
 */
function headerCells(rows: readonly string[][], line: number): { flat: RawCell[]; parent: number } {
  const first = rows[0] as string[];
  const second = rows[1];
  if (!second) return { flat: first.map((label) => rawCell([label], line + 1)), parent: -1 };
  const roles = second.map((label) => roleOfHeader(label));
  // The parent: the label whose role the sub-labels' roles go under, else the one naming no role.
  let parent = first.findIndex((label) => roles.every((role) => PARENT_ROLES[role]?.includes(roleOfHeader(label))));
  if (parent < 0) parent = first.findIndex((label) => roleOfHeader(label) === 'other');
  if (parent < 0) parent = first.length - 1;
  const flat = first.flatMap((label, c) => (c === parent ? second.map((sub) => rawCell([sub], line + 2)) : [rawCell([label], line + 1)]));
  return { flat, parent };
}

/** The header rows of a two-row header once its columns are known: the parent spans its sub-labels, the other labels both rows. */
function twoRowHeader(columns: readonly RawCell[], first: readonly string[], parent: number, subs: number, line: number): RawRow[] {
  const top: RawCell[] = [];
  const under: RawCell[] = [];
  let c = 0;
  first.forEach((label, k) => {
    if (k === parent) {
      const span = columns.slice(c, c + subs).reduce((n, cell) => n + cell.colSpan, 0);
      top.push({ ...rawCell([label], line + 1), colSpan: span });
      for (const cell of columns.slice(c, c + subs)) under.push(cell);
      c += subs;
    } else {
      const cell = columns[c] as RawCell;
      top.push({ ...rawCell([label], line + 1), colSpan: cell.colSpan, rowSpan: 2 });
      c += 1;
    }
  });
  return [
    { cells: top, line: line + 1 },
    { cells: under, line: line + 2 },
  ];
}

/** Roles of columns that a section heading row stands for, when the table has none of them. */
const SECTION_KINDS = new Set(['marker-cjk', 'marker-ordinal']);

/**
 * Units that are rows of their own spanning the table: a section heading ("一、…", a cell spanning
 * every column) in a table without a section column, standing between rows — after the blank
 * lines that end a row and before more, where the text writes them.
 */
function headingUnits(texts: readonly string[], kinds: readonly Kind[], links: readonly (UnitLink | null)[], roles: readonly ColumnRole[], marked: boolean): Set<number> {
  const headings = new Set<number>();
  if (roles.includes('section')) return headings;
  const between = (link: UnitLink | null | undefined) => (marked ? link === 'row' || link === undefined : link !== 'cell');
  texts.forEach((text, i) => {
    // One paragraph: a heading's text.
    if (text !== '' && !text.includes('\n') && SECTION_KINDS.has(kinds[i] as Kind) && between(links[i]) && between(links[i + 1])) headings.add(i);
  });
  return headings;
}

/**
 * Rows, in the table's numbering, that content placed: rows whose start the text did not mark, and
 * rows that left out a cell before one they have (merged cells), so that a cell stands elsewhere than
 * its position. A column left out is a slot without a line; an empty cell the text wrote has one.
 */
function guessedRows(rows: readonly (RawCell | null)[][], starts: readonly number[], links: readonly (UnitLink | null)[], first: number): number[] {
  const guessed: number[] = [];
  rows.forEach((cells, r) => {
    const gap = cells.indexOf(null);
    const moved = gap >= 0 && cells.slice(gap).some((cell) => cell !== null);
    if (moved || links[starts[r] as number] !== 'row') guessed.push(first + r);
  });
  return guessed;
}

/**
 * The rows rebuilt between two headings, the columns a row left out (null) turned into row spans of
 * the cell above, as the page had them (rowspan); a column left out with no cell above is a blank
 * cell without a line. An empty cell the text wrote is a cell of its own and stays empty.
 */
function mergeLeftOut(rows: (RawCell | null)[][]): RawRow[] {
  const above: RawCell[] = [];
  const merged: RawRow[] = new Array<RawRow>(rows.length);
  // Loops, not callbacks: a callback that keeps the row's count was a closure and its context a row.
  for (let r = 0; r < rows.length; r += 1) {
    const cells = rows[r] as (RawCell | null)[];
    let line: number | null = null;
    // The row's own array is compacted in place: a copy of every row lived as long as the table.
    let kept = 0;
    for (let c = 0; c < cells.length; c += 1) {
      const cell = cells[c] as RawCell | null;
      line ??= cell?.line ?? null;
      const origin = above[c];
      if (cell === null && origin) {
        origin.rowSpan += 1;
        continue;
      }
      const own = cell ?? rawCell([], null);
      cells[kept] = own;
      kept += 1;
      above[c] = own;
    }
    cells.length = kept;
    merged[r] = { cells: cells as RawCell[], line };
  }
  return merged;
}

/**
 * Reads a table from the text a browser gives of it (see the top of this file): the header as found
 * by `browserHeaderAt`, the body split into its cells' paragraphs and rebuilt into rows. Lines before
 * the header are text before the table; lines from page chrome on, text after it. Rows rebuilt from
 * content are named in a 'guessed-layout' info: all of them where the text marks no row's end, else
 * the rows that had fewer cells than the header (merged cells) or whose start content decided.
 */
export function readBrowserCells(lines: readonly string[], name: string, budget: CellBudget, header: BrowserHeader): RawDocument {
  const { units, links, end, marked } = splitUnits(lines, header.body, header.dialect === 'browser-cells', budget);
  const { texts } = units;
  if (texts.length === 0) throw new FenjieError('no-table', `${name}: no table found (a header, but no cells after it)`);
  const { flat, parent } = headerCells(header.rows, header.start);
  // Each unit's kind, told once for the headings and the rows.
  const kinds = kindsOf(texts);
  const headings = headingUnits(texts, kinds, links, spannedRoles(flat), marked);
  // Where blank lines mark rows, they say which paragraphs share a cell; else the prior does.
  const options = { paragraphs: true, links, ...(marked ? {} : { joinCost: JOIN_COST }) };
  const sampled = (_: unknown, i: number) => !headings.has(i);
  const columns = headerForRebuild(
    flat,
    texts.slice(0, SAMPLE_UNITS).filter(sampled),
    { ...options, links: links.slice(0, SAMPLE_UNITS).filter(sampled) },
    kinds.slice(0, SAMPLE_UNITS).filter(sampled),
  );
  const roles = spannedRoles(columns);
  const width = roles.length;
  const headerRows: RawRow[] =
    header.rows.length === 2 ? twoRowHeader(columns, header.rows[0] as string[], parent, (header.rows[1] as string[]).length, header.start) : [{ cells: columns, line: header.start + 1 }];
  const data: RawRow[] = [];
  const guessed: number[] = [];
  // Headings split the body into runs rebuilt one by one, so that no row runs across a heading.
  for (let from = 0; from < texts.length; ) {
    if (headings.has(from)) {
      const line = units.lines[from] as number;
      data.push({ cells: [{ ...rawCell(unitParagraphs(texts[from] as string), line), colSpan: width }], line });
      from += 1;
      continue;
    }
    let to = from;
    while (to < texts.length && !headings.has(to)) to += 1;
    const run = links.slice(from, to);
    run[0] = 'row';
    const { rows, starts } = rebuildRows({ texts: texts.slice(from, to), lines: units.lines.slice(from, to) }, roles, { ...options, links: run }, kinds.slice(from, to));
    for (const row of guessedRows(rows, starts, run, headerRows.length + data.length + 1)) guessed.push(row);
    // A heading spans the table: no row span runs across it.
    for (const row of mergeLeftOut(rows)) data.push(row);
    from = to;
  }
  const dialect = header.dialect;
  const first = headerRows.length + 1;
  const lineOf = (row: number) => data[row - first]?.line ?? null;
  let diagnostics: Diagnostic[] = [];
  if (!marked && data.length > 0) diagnostics = [guessedLayout(1, { from: first, to: headerRows.length + data.length }, { kind: 'rebuilt', dialect }, lineOf(first))];
  else if (guessed.length > 0) diagnostics = [guessedLayout(1, guessed, { kind: 'placed' }, lineOf(guessed[0] as number))];
  return {
    dialect,
    tables: [{ rows: [...headerRows, ...data], before: lines.slice(0, header.start), after: lines.slice(end), blanksAreMerges: false, headerRows: headerRows.length, diagnostics }],
  };
}
