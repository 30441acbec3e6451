import type { Nodes, PhrasingContent, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CellBudget } from '../limits.js';
import { curlyQuotes, readBorderedTables } from './grid-table.js';
import { oneParagraph, splitLines, type RawCell, type RawDocument, type RawParagraph, type RawRow, type RawTable } from './raw-table.js';

type Parser = ReturnType<typeof markdownParser>;

/** An HTML line break inside a cell: `<br>`, `<br/>`, `<br />`. */
const BR = /^<br\s*\/?>$/i;

/** Every `<br>` in a run of plain text, as remark reads them (white space inside is spaces and tabs). */
const BR_TAG = /<br[ \t]*\/?>/i;

/**
 * A table row that remark reads as plain text: it starts with a pipe, and after its `<br>` tags it
 * holds none of the characters that start inline markup (escapes, entities, emphasis, strike-through,
 * code, links, images, HTML) or NUL, which remark replaces. Autolinked URLs keep their text.
 */
const PLAIN_ROW = /^\|(?:[^!&*<[\\\]_`~\u0000]|<br[ \t]*\/?>)*$/i;

/** Body rows of a table that go to remark in one parse (see readTableChunk). */
const ROWS_PER_PARSE = 50;

/** Lines before a table that are parsed for its title; the text further up plays no part in reading it. */
const CONTEXT_LINES = 30;

/**
 * Reads the GFM pipe tables of a Markdown document. Inline markup is reduced to its text, `<br>`
 * and hard breaks separate a cell's lines, escaped pipes are text. Empty cells are merged cells, as
 * in every pasted table. Headings and paragraphs in the lines before a table are its `before` text,
 * the lines after it up to the next table its `after` text.
 *
 * Only the tables, and the few lines before each, go through remark: its block parser costs time
 * quadratic in some prose (thousands of paragraphs in block quotes) and in the depth of block quotes
 * and lists, so the rest of the document is never handed to it, and the block-quote and list
 * markers in front of a table's rows are taken off first. Time stays proportional to the input.
 */
export function readMarkdown(text: string, budget = new CellBudget()): RawDocument {
  // remark builds its whole tree before a cell can be counted, so the cells the pipe rows can hold
  // are counted first: a file of millions of pipes is refused before remark fills memory with it.
  budget.take(pipeRowCells(text));
  const parser = markdownParser();
  const tables: RawTable[] = [];
  const all = splitLines(text);
  // Grid tables (pandoc's `+---+` tables, which remark does not parse) are read on their own; the
  // pipe tables are looked for in the rest, with the grids' lines left blank.
  const grids = readGrids(all, budget);
  const lines = grids.masked;
  const chunks = tableChunks(lines);
  chunks.forEach((chunk, c) => {
    const count = tables.length;
    const table = readTableChunk(parser, chunk);
    if (table) tables.push(table);
    else readChunk(parser, chunk, tables);
    // The lines after the table, up to the next table's first row, are its `after` text (and, as
    // the next table's context, its `before` too).
    const last = tables.length > count ? tables.at(-1) : undefined;
    const until = chunks[c + 1]?.table ?? lines.length;
    if (last?.after) for (const paragraph of markdownParagraphs(lines, chunk.start + chunk.lines.length, until)) last.after.push(paragraph.text);
  });
  const gfm = tables.length;
  for (const table of grids.tables) tables.push(table);
  tables.sort((a, b) => (a.rows[0]?.line ?? 0) - (b.rows[0]?.line ?? 0));
  // The paragraphs (for a plan written as prose) are read only when asked for.
  return {
    tables,
    dialect: gfm === 0 && grids.dialect !== null ? grids.dialect : 'gfm',
    get paragraphs() {
      return markdownParagraphs(all);
    },
  };
}

/**
 * Reads one chunk's GFM table in slices of rows. A body row that starts with a pipe and holds no
 * character that starts inline markup (`<br>` aside) is split at its pipes here: remark would read
 * it as the same plain text, and no such row can end a table. The other rows go to remark in
 * slices of ROWS_PER_PARSE, each after the chunk's context, header and delimiter rows, so that every
 * parse starts in the state the whole chunk's parse would be in; remark's time and memory then
 * grow with each slice, not with the table. Returns null, for the chunk to be read whole, unless
 * every parse gives one table at the top level that holds all the rows given to it.
 */
function readTableChunk(parser: Parser, chunk: Chunk): RawTable | null {
  // The chunk's lines up to and including the delimiter row.
  const head = chunk.table - chunk.start + 2;
  const body: (RawRow | undefined)[] = [];
  const marked: number[] = [];
  const cells: RawCell[] = [];
  for (let at = head; at < chunk.lines.length; at += 1) {
    const line = chunk.lines[at] as string;
    if (PLAIN_ROW.test(line)) body.push(plainRow(line, chunk.start + at + 1, cells));
    else {
      body.push(undefined);
      marked.push(at);
    }
  }
  // Once the first parse has found the table where it starts, the context matters to the other
  // rows only through the link and footnote definitions it may hold (`[label]: …`).
  const definitions = chunk.lines.slice(0, head - 2).some((line) => line.includes(']:'));
  let header: RawRow | undefined;
  let before: string[] = [];
  for (let from = 0; from === 0 || from < marked.length; from += ROWS_PER_PARSE) {
    const first = from === 0 || definitions ? 0 : head - 2;
    const slice = marked.slice(from, from + ROWS_PER_PARSE);
    const text = chunk.lines.slice(first, head).concat(slice.map((at) => chunk.lines[at] as string));
    const tree = parser.parse(text.join('\n')) as Root;
    const found: { table: Table; before: string[] }[] = [];
    walkChunk(tree, (table, text) => found.push({ table, before: text }));
    const table = found[0]?.table;
    if (found.length !== 1 || !table || !tree.children.includes(table)) return null;
    if (table.children[0]?.position?.start.line !== head - 1 - first || table.children.length !== slice.length + 1) return null;
    // A line of the parsed text, 1-based, back to its line in the document.
    const lineOf = (line: number): number => chunk.start + (line <= head - first ? first + line - 1 : (slice[line - (head - first) - 1] as number)) + 1;
    const rows = readTable(table, [], lineOf).rows;
    if (from === 0) {
      header = rows[0];
      before = found[0]?.before ?? [];
    }
    slice.forEach((at, r) => {
      body[at - head] = rows[r + 1];
    });
  }
  if (!header) return null;
  return rawTable([header, ...(body as RawRow[])], before);
}

/** Reads a chunk whole: every table in it, with the headings and paragraphs before each as its `before` text. */
function readChunk(parser: Parser, chunk: Chunk, tables: RawTable[]): void {
  const tree = parser.parse(chunk.lines.join('\n')) as Root;
  walkChunk(tree, (table, before) => tables.push(readTable(table, before, (line) => line + chunk.start)));
}

/** Calls `onTable` with each table of a tree and the text of the headings and paragraphs between it and the table before. */
function walkChunk(tree: Root, onTable: (table: Table, before: string[]) => void): void {
  let before: string[] = [];
  // Tables can sit in block quotes and lists too; a stack keeps the walk flat and in document order.
  const stack: Nodes[] = [];
  pushReversed(stack, tree.children);
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'table') {
      onTable(node, before);
      before = [];
    } else if (node.type === 'heading' || node.type === 'paragraph') {
      const line = phrasingText(node.children).join(' ').trim();
      if (line !== '') before.push(line);
    } else if ('children' in node) {
      pushReversed(stack, node.children as Nodes[]);
    }
  }
}

/**
 * A pipe row without markup, as remark reads it: the leading pipe opens the first cell, a trailing
 * pipe (and white space after it) closes the last, spaces and tabs around a cell's text are not
 * its text, and `<br>` ends a line.
 */
function plainRow(text: string, line: number, cells: RawCell[]): RawRow {
  // Cut at the pipes by index: splitting the row, trimming each piece with a pattern and splitting
  // it at <br> made three strings and an array a cell. The cells are gathered in `cells`, a list
  // used again for every row (the first `count` are the row's), and the row keeps a copy made to
  // size: the rows live until the grid is built, and a list grown by push keeps room for 17.
  let count = 0;
  let start = text.indexOf('|') + 1;
  if (start === 0) return { cells: [], line };
  for (;;) {
    const pipe = text.indexOf('|', start);
    const end = pipe < 0 ? text.length : pipe;
    let from = start;
    let to = end;
    while (from < to && isSpaceOrTab(text.charCodeAt(from))) from += 1;
    while (to > from && isSpaceOrTab(text.charCodeAt(to - 1))) to -= 1;
    // White space after the last pipe is no cell.
    if (pipe < 0 && from === to && count > 0) break;
    const cell = text.slice(from, to);
    cells[count] = { paragraphs: cell.includes('<') ? cell.split(BR_TAG) : oneParagraph(cell), rowSpan: 1, colSpan: 1, line };
    count += 1;
    if (pipe < 0) break;
    start = pipe + 1;
  }
  return { cells: cells.slice(0, count), line };
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function markdownParser() {
  return unified().use(remarkParse).use(remarkGfm);
}

/**
 * The grid tables (or simple and multiline tables) of a Markdown document, each with the paragraphs from the previous grid (or the
 * start) as its `before` text and up to the next as its `after` text, and the document's lines with
 * the grids' lines blank. A cell's lines are Markdown: inline markup is reduced to its text and a
 * line ending in `\` is a hard break. Grid tables are pandoc's Markdown, which writes curly quotes
 * as straight ones ("smart" punctuation): they are read back as curly, in the text around them too.
 */
function readGrids(lines: readonly string[], budget: CellBudget): { tables: RawTable[]; masked: string[]; dialect: string | null } {
  const read = readBorderedTables(lines, budget, { inline: inlineText, hardBreaks: true, smartQuotes: true });
  const found = read?.found ?? [];
  const masked = [...lines];
  for (const { block } of found) masked.fill('', block.start, block.end);
  const tables = found.map(({ table, block }, b) => {
    table.before = markdownParagraphs(masked, found[b - 1]?.block.end ?? 0, block.start).map((paragraph) => curlyQuotes(paragraph.text));
    table.after = markdownParagraphs(masked, block.end, found[b + 1]?.block.start ?? lines.length).map((paragraph) => curlyQuotes(paragraph.text));
    return table;
  });
  return { tables, masked, dialect: read?.dialect ?? null };
}

/**
 * Every line of a Markdown document as a paragraph, read line by line (remark is kept for tables,
 * see above): a heading's `#` marks give its level, block-quote and bullet markers are taken off,
 * an ordered item is numbered as it displays (a list written `1.` `1.` `1.` shows 1, 2, 3), and
 * inline markup is reduced to its text. Pasted plans write one paragraph a line.
 */
export function markdownParagraphs(lines: readonly string[], from = 0, to = lines.length): RawParagraph[] {
  const out: RawParagraph[] = [];
  let next: number | null = null;
  for (let i = from; i < to; i += 1) {
    const raw = lines[i] as string;
    let line = raw.replace(/^(?:[ \t]*>)+/, '').trim();
    const heading = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line);
    const ordered = heading ? null : /^(\d{1,9})[.)]\s+(.*)$/.exec(line);
    if (ordered) {
      next = next ?? Number(ordered[1]);
      line = `${next}. ${ordered[2]}`;
      next += 1;
    } else {
      if (line === '' || heading) next = null;
      line = heading ? (heading[2] as string) : line.replace(/^[-*+]\s+/, '');
    }
    const plain = inlineText(line);
    if (plain !== '') out.push({ text: plain, line: i + 1, ...(heading ? { heading: (heading[1] as string).length } : {}) });
  }
  return out;
}

/** Inline Markdown reduced to its text: links and images to their text, emphasis and code marks dropped, escapes resolved. */
function inlineText(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .trim();
}

/** A stretch of lines holding one table (and the lines before it), with the 0-based line it starts at. */
interface Chunk {
  start: number;
  lines: string[];
  /** The 0-based line of the table's first row. */
  table: number;
}

/**
 * The stretches of a document that hold GFM tables: a line with a pipe followed by a delimiter row
 * (|---|:--|) starts one, which runs to the next blank line, with up to CONTEXT_LINES lines before
 * it. Block-quote markers, and list markers before a pipe, are taken off the lines, keeping each
 * line where it was so that line numbers stay true.
 */
function tableChunks(lines: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let from = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const delimiter = unnest(lines[i] as string, false);
    if (!isDelimiterRow(delimiter) || !unnest(lines[i - 1] as string, false).includes('|')) continue;
    let end = i + 1;
    while (end < lines.length && unnest(lines[end] as string, false).trim() !== '') end += 1;
    const start = Math.max(from, i - 1 - CONTEXT_LINES);
    const chunk: string[] = [];
    for (let at = start; at < end; at += 1) chunk.push(unnest(lines[at] as string, at < i - 1));
    chunks.push({ start, lines: chunk, table: i - 1 });
    from = end;
    i = end;
  }
  return chunks;
}

/**
 * A line without the block-quote markers (`>`) in front of it, and without list markers and
 * indentation where a pipe row follows them. For lines before a table (`all`), list markers go
 * whatever follows: those lines only give the title.
 */
function unnest(line: string, all: boolean): string {
  let at = 0;
  let nested = false;
  for (;;) {
    let next = at;
    while (line[next] === ' ' || line[next] === '\t') next += 1;
    if (line[next] === '>') {
      at = next + 1;
      nested = true;
      continue;
    }
    const marker = listMarkerEnd(line, next);
    if (marker > next && (all || line.slice(marker).trimStart().startsWith('|'))) {
      at = marker;
      nested = true;
      continue;
    }
    // A pipe row loses its indentation too (in a list it can pass for an indented code block).
    if (line[next] === '|') return line.slice(next);
    return nested ? line.slice(at) : line;
  }
}

/** Where a list marker (`-`, `*`, `+`, `1.`, `1)`) with the white space after it ends at `at`, or `at` when there is none. */
function listMarkerEnd(line: string, at: number): number {
  let end = at;
  if (line[end] === '-' || line[end] === '*' || line[end] === '+') end += 1;
  else {
    while (end < at + 9 && (line[end] ?? '') >= '0' && (line[end] ?? '') <= '9') end += 1;
    if (end === at || (line[end] !== '.' && line[end] !== ')')) return at;
    end += 1;
  }
  if (line[end] !== ' ' && line[end] !== '\t') return at;
  return end + 1;
}

/** A GFM delimiter row: pipes, dashes, colons and white space, with a dash. */
function isDelimiterRow(line: string): boolean {
  let dash = false;
  for (const char of line) {
    if (char === '-') dash = true;
    else if (char !== '|' && char !== ':' && char !== ' ' && char !== '\t') return false;
  }
  return dash;
}

/**
 * The cells the pipe rows of a Markdown text hold at most: on each line with a pipe, the pieces
 * between its pipes, outer pipes not counted; delimiter rows (|---|) hold none.
 */
export function pipeRowCells(text: string): number {
  let cells = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let pipes = 0;
    let dash = false;
    let delimiter = true;
    let first = -1;
    let last = -1;
    for (let i = start; i < end; i += 1) {
      const code = text.charCodeAt(i);
      const space = code === 0x20 || code === 0x09 || code === 0x0d;
      if (code === 0x7c) pipes += 1;
      else if (code === 0x2d) dash = true;
      else if (code !== 0x3a && !space) delimiter = false;
      if (!space) {
        if (first < 0) first = code;
        last = code;
      }
    }
    if (pipes > 0 && !(delimiter && dash)) cells += pipes + 1 - (first === 0x7c ? 1 : 0) - (last === 0x7c && pipes > 1 ? 1 : 0);
    start = end + 1;
  }
  return cells;
}

/** A table's rows with each line (1-based, as remark counts) mapped to its line in the document by `lineOf`. */
function readTable(table: Table, before: string[], lineOf: (line: number) => number): RawTable {
  const rows = table.children.map((row) => ({
    cells: row.children.map((cell) => readCell(cell, lineOf)),
    line: row.position ? lineOf(row.position.start.line) : null,
  }));
  return rawTable(rows, before);
}

function rawTable(rows: RawRow[], before: string[]): RawTable {
  return { rows, before, after: [], blanksAreMerges: true, alignShortRows: true, headerRows: 1, diagnostics: [] };
}

function readCell(cell: TableCell, lineOf: (line: number) => number): RawCell {
  return { paragraphs: phrasingText(cell.children), rowSpan: 1, colSpan: 1, line: cell.position ? lineOf(cell.position.start.line) : null };
}

/** The text of inline content as lines: `<br>` and hard breaks end a line, other markup vanishes. */
function phrasingText(nodes: readonly PhrasingContent[]): string[] {
  const lines: string[] = [''];
  const stack: PhrasingContent[] = [];
  pushReversed(stack, nodes);
  while (stack.length > 0) {
    const node = stack.pop() as PhrasingContent;
    if (node.type === 'break' || (node.type === 'html' && BR.test(node.value.trim()))) {
      lines.push('');
    } else if (node.type === 'text' || node.type === 'inlineCode') {
      lines[lines.length - 1] += node.value;
    } else if (node.type === 'image' || node.type === 'imageReference') {
      lines[lines.length - 1] += node.alt ?? '';
    } else if ('children' in node) {
      pushReversed(stack, node.children as PhrasingContent[]);
    }
  }
  return lines;
}

/** Pushes items last to first, so that the first is popped first; a loop, as a node may have 100,000 children. */
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i -= 1) stack.push(items[i] as T);
}
