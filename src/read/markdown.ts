import type { Nodes, PhrasingContent, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { RawCell, RawDocument, RawParagraph, RawTable } from './raw-table.js';

/** An HTML line break inside a cell: `<br>`, `<br/>`, `<br />`. */
const BR = /^<br\s*\/?>$/i;

/**
 * Reads the GFM pipe tables of a Markdown document. Inline markup is reduced to its text, `<br>`
 * and hard breaks separate a cell's lines, escaped pipes are text. Empty cells are merged cells, as
 * in every pasted table. Headings and paragraphs before a table are its `before` text; headings,
 * paragraphs and list items (an ordered item's number written in front) are the document's paragraphs.
 */
export function readMarkdown(text: string): RawDocument {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  const tables: RawTable[] = [];
  const paragraphs: RawParagraph[] = [];
  let before: string[] = [];
  // Tables can sit in block quotes and lists too; a stack keeps the walk flat and in document order.
  // An ordered list item's number is not in its text: it is carried to the item's first paragraph.
  const stack: { node: Nodes; marker: string }[] = [...tree.children].reverse().map((node) => ({ node, marker: '' }));
  while (stack.length > 0) {
    const { node, marker } = stack.pop() as { node: Nodes; marker: string };
    if (node.type === 'table') {
      tables.push(readTable(node, before));
      before = [];
    } else if (node.type === 'heading' || node.type === 'paragraph') {
      const lines = phrasingText(node.children);
      const line = lines.join(' ').trim();
      if (line !== '') before.push(line);
      const start = node.position?.start.line ?? null;
      // A soft line break is a new paragraph of a plan: pasted plans write one paragraph a line, no blank lines between.
      lines.flatMap((text) => text.split('\n')).forEach((text, i) => {
        const heading = node.type === 'heading' ? { heading: node.depth } : {};
        if (text.trim() !== '') paragraphs.push({ text: i === 0 ? marker + text : text, line: start === null ? null : start + i, ...heading });
      });
    } else if (node.type === 'list') {
      const first = node.start ?? 1;
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        stack.push({ node: node.children[i] as Nodes, marker: node.ordered ? `${first + i}. ` : '' });
      }
    } else if ('children' in node) {
      const children = node.children as Nodes[];
      // The marker goes to the first child only (a list item's first paragraph).
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i] as Nodes, marker: i === 0 ? marker : '' });
    }
  }
  return { tables, dialect: 'gfm', paragraphs };
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
      stack.push(...[...(node.children as PhrasingContent[])].reverse());
    }
  }
  return lines;
}
