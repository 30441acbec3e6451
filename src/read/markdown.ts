import type { Nodes, PhrasingContent, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CellBudget } from '../limits.js';
import { curlyQuotes, readBorderedTables } from './grid-table.js';
import type { RawCell, RawDocument, RawParagraph, RawTable } from './raw-table.js';

/** An HTML line break inside a cell: `<br>`, `<br/>`, `<br />`. */
const BR = /^<br\s*\/?>$/i;

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
  const parser = unified().use(remarkParse).use(remarkGfm);
  const tables: RawTable[] = [];
  const all = splitLinesOf(text);
  // Grid tables (pandoc's `+---+` tables, which remark does not parse) are read on their own; the
  // pipe tables are looked for in the rest, with the grids' lines left blank.
  const grids = readGrids(all, budget);
  const lines = grids.masked;
  const chunks = tableChunks(lines);
  chunks.forEach((chunk, c) => {
    const count = tables.length;
    const tree = parser.parse(chunk.lines.join('\n')) as Root;
    let before: string[] = [];
    // Tables can sit in block quotes and lists too; a stack keeps the walk flat and in document order.
    const stack: Nodes[] = [];
    pushReversed(stack, tree.children);
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'table') {
        tables.push(readTable(node, before, chunk.start));
        before = [];
      } else if (node.type === 'heading' || node.type === 'paragraph') {
        const line = phrasingText(node.children).join(' ').trim();
        if (line !== '') before.push(line);
      } else if ('children' in node) {
        pushReversed(stack, node.children as Nodes[]);
      }
    }
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

function splitLinesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
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

function readTable(table: Table, before: string[], offset: number): RawTable {
  const rows = table.children.map((row) => ({
    cells: row.children.map((cell) => readCell(cell, offset)),
    line: row.position ? row.position.start.line + offset : null,
  }));
  return { rows, before, after: [], blanksAreMerges: true, alignShortRows: true, headerRows: 1, diagnostics: [] };
}

function readCell(cell: TableCell, offset: number): RawCell {
  return { paragraphs: phrasingText(cell.children), rowSpan: 1, colSpan: 1, line: cell.position ? cell.position.start.line + offset : null };
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
