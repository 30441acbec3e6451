import type { Nodes, PhrasingContent, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CellBudget } from '../limits.js';
import type { RawCell, RawDocument, RawTable } from './raw-table.js';

/** An HTML line break inside a cell: `<br>`, `<br/>`, `<br />`. */
const BR = /^<br\s*\/?>$/i;

/**
 * Reads the GFM pipe tables of a Markdown document. Inline markup is reduced to its text, `<br>`
 * and hard breaks separate a cell's lines, escaped pipes are text. Empty cells are merged cells, as
 * in every pasted table. Headings and paragraphs before a table are its `before` text.
 */
export function readMarkdown(text: string, budget = new CellBudget()): RawDocument {
  // remark builds its whole tree before a cell can be counted, so the cells the pipe rows can hold
  // are counted first: a file of millions of pipes is refused before remark fills memory with it.
  budget.take(pipeRowCells(text));
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  const tables: RawTable[] = [];
  let before: string[] = [];
  // Tables can sit in block quotes and lists too; a stack keeps the walk flat and in document order.
  const stack: Nodes[] = [...tree.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'table') {
      tables.push(readTable(node, before));
      before = [];
    } else if (node.type === 'heading' || node.type === 'paragraph') {
      const line = phrasingText(node.children).join(' ').trim();
      if (line !== '') before.push(line);
    } else if ('children' in node) {
      pushReversed(stack, node.children as Nodes[]);
    }
  }
  return { tables, dialect: 'gfm' };
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
    let delimiter = true;
    let first = '';
    let last = '';
    for (let i = start; i < end; i += 1) {
      const char = text[i] as string;
      if (char === '|') pipes += 1;
      else if (char !== '-' && char !== ':' && char.trim() !== '') delimiter = false;
      if (char.trim() !== '') {
        first ||= char;
        last = char;
      }
    }
    if (pipes > 0 && !delimiter) cells += pipes + 1 - (first === '|' ? 1 : 0) - (last === '|' && pipes > 1 ? 1 : 0);
    start = end + 1;
  }
  return cells;
}

function readTable(table: Table, before: string[]): RawTable {
  const rows = table.children.map((row) => ({
    cells: row.children.map(readCell),
    line: row.position?.start.line ?? null,
  }));
  return { rows, before, blanksAreMerges: true, alignShortRows: true, headerRows: 1, diagnostics: [] };
}

function readCell(cell: TableCell): RawCell {
  return { paragraphs: phrasingText(cell.children), rowSpan: 1, colSpan: 1, line: cell.position?.start.line ?? null };
}

/** The text of inline content as lines: `<br>` and hard breaks end a line, other markup vanishes. */
function phrasingText(nodes: readonly PhrasingContent[]): string[] {
  const lines: string[] = [''];
  const stack: PhrasingContent[] = [...nodes].reverse();
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
