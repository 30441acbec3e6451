import type { Nodes, PhrasingContent, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { RawCell, RawDocument, RawTable } from './raw-table.js';

/** An HTML line break inside a cell: `<br>`, `<br/>`, `<br />`. */
const BR = /^<br\s*\/?>$/i;

/**
 * Reads the GFM pipe tables of a Markdown document. Inline markup is reduced to its text, `<br>`
 * and hard breaks separate a cell's lines, escaped pipes are text. Empty cells are merged cells, as
 * in every pasted table. Headings and paragraphs before a table are its `before` text, those after it (up to the
 * next table) its `after` text.
 */
export function readMarkdown(text: string): RawDocument {
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
      if (line !== '') {
        before.push(line);
        // The text between two tables comes after the one and before the other.
        tables.at(-1)?.after?.push(line);
      }
    } else if ('children' in node) {
      stack.push(...[...(node.children as Nodes[])].reverse());
    }
  }
  return { tables, dialect: 'gfm' };
}

function readTable(table: Table, before: string[]): RawTable {
  const rows = table.children.map((row) => ({
    cells: row.children.map(readCell),
    line: row.position?.start.line ?? null,
  }));
  return { rows, before, after: [], blanksAreMerges: true, alignShortRows: true, headerRows: 1, diagnostics: [] };
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
      stack.push(...[...(node.children as PhrasingContent[])].reverse());
    }
  }
  return lines;
}
