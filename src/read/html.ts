import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import { isCjk } from '../normalize/whitespace.js';
import type { RawCell, RawDocument, RawRow, RawTable } from './raw-table.js';

/** Elements whose start and end break a cell's text into paragraphs. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose content is not text of the document (the title is read on its own), nor are Word's VML drawings (v:*). */
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'xml', 'template', 'noscript', 'object', 'svg', 'math']);

/** The largest spans HTML allows; larger values are clamped to them. */
const MAX_ROWSPAN = 65534;
const MAX_COLSPAN = 1000;

/**
 * Reads every top-level table of an HTML document (Word "Save as Web Page" output included) into
 * RawTables: rowspan and colspan as written, th and td alike, thead rows first and tfoot rows last,
 * each cell's text split into paragraphs at block elements and <br>. A nested table's text stays in
 * its cell. The text between the previous table (or the document start) and a table is its `before`,
 * and the text after a table up to the next one (or the end) is its `after`.
 */
export function readHtml(text: string, name = 'input', maxNestingDepth = DEFAULT_LIMITS.maxNestingDepth): RawDocument {
  const $ = load(text, { xml: false, withStartIndices: true } as Parameters<typeof load>[1]);
  checkNesting($.root()[0] as unknown as AnyNode, name, maxNestingDepth);
  const lines = lineStarts(text);
  const title = $('title').first().text();
  const tables: RawTable[] = [];
  const metadata = title.trim() ? [title] : [];
  let before: string[] = [];
  for (const item of documentOrder($.root()[0] as unknown as AnyNode)) {
    if (typeof item === 'string') {
      before.push(item);
      // The text between two tables comes after the one and before the other.
      tables.at(-1)?.after?.push(item);
    } else {
      tables.push({ ...readTable(item, before, lines), metadata, after: [] });
      before = [];
    }
  }
  return { tables, dialect: null };
}

/** Refuses tables nested in table cells deeper than the limit, before any cell text is gathered. */
function checkNesting(root: AnyNode, name: string, maxNestingDepth: number): void {
  let depth = 0;
  walk(root, {
    enter(node) {
      if (isElement(node) && node.name === 'table' && ++depth > maxNestingDepth + 1) {
        throw limitExceeded(name, `tables nest ${depth - 1} deep`, 'maxNestingDepth', String(maxNestingDepth));
      }
      return true;
    },
    leave(node) {
      if (isElement(node) && node.name === 'table') depth -= 1;
    },
  });
}

/** The document's top-level tables and, between them, its paragraphs of text, in document order. */
function documentOrder(root: AnyNode): (string | Element)[] {
  const out: (string | Element)[] = [];
  const paragraph = new ParagraphBuffer(out);
  walk(root, {
    enter(node) {
      if (isElement(node) && node.name === 'table') {
        paragraph.flush();
        out.push(node);
        return false;
      }
      if (isElement(node) && BLOCKS.has(node.name)) paragraph.flush();
      if (node.type === 'text') paragraph.add((node as unknown as { data: string }).data);
      return true;
    },
    leave(node) {
      if (isElement(node) && BLOCKS.has(node.name)) paragraph.flush();
    },
  });
  paragraph.flush();
  return out;
}

function readTable(table: Element, before: string[], lines: number[]): RawTable {
  const rowElements = rowsOf(table);
  const rows: RawRow[] = rowElements.map((tr, r) => {
    const cells: RawCell[] = childElements(tr)
      .filter((el) => el.name === 'td' || el.name === 'th')
      .map((td) => {
        const line = lineOf(lines, td.startIndex);
        const rowSpanText = td.attribs['rowspan'];
        let rowSpan = spanValue(rowSpanText, MAX_ROWSPAN);
        // rowspan="0" spans to the end of the table section; the rows left are what it can cover.
        if (rowSpanText !== undefined && /^\s*0/.test(rowSpanText)) rowSpan = rowElements.length - r;
        return { paragraphs: cellParagraphs(td), rowSpan, colSpan: spanValue(td.attribs['colspan'], MAX_COLSPAN), line };
      });
    return { cells, line: lineOf(lines, tr.startIndex) };
  });
  const headerRows = leadingHeaderRows(rowElements);
  return { rows, before, blanksAreMerges: false, diagnostics: [], ...(headerRows > 0 ? { headerRows } : {}) };
}

/** Rows of a table, not of tables nested in it: thead rows, then body rows, then tfoot rows. */
function rowsOf(table: Element): Element[] {
  const head: Element[] = [];
  const body: Element[] = [];
  const foot: Element[] = [];
  for (const child of childElements(table)) {
    if (child.name === 'tr') body.push(child);
    else if (child.name === 'thead') head.push(...childElements(child).filter((el) => el.name === 'tr'));
    else if (child.name === 'tbody') body.push(...childElements(child).filter((el) => el.name === 'tr'));
    else if (child.name === 'tfoot') foot.push(...childElements(child).filter((el) => el.name === 'tr'));
  }
  return [...head, ...body, ...foot];
}

/** Leading rows made only of th cells, or inside thead, are declared header rows. */
function leadingHeaderRows(rows: Element[]): number {
  let count = 0;
  for (const tr of rows) {
    const cells = childElements(tr).filter((el) => el.name === 'td' || el.name === 'th');
    const inHead = isElement(tr.parent) && tr.parent.name === 'thead';
    if (!inHead && (cells.length === 0 || cells.some((el) => el.name !== 'th'))) break;
    count += 1;
  }
  return count;
}

/** Reads a span attribute the way browsers do: leading digits count ("2;" → 2), anything else is 1. */
export function spanValue(value: string | undefined, max: number): number {
  const digits = /^\s*(\d+)/.exec(value ?? '');
  const n = digits ? Number(digits[1]) : 1;
  return n < 1 ? 1 : Math.min(n, max);
}

/** A cell's text as paragraphs: block elements and <br> break lines, nested tables give one per cell. */
function cellParagraphs(cell: Element): string[] {
  const out: string[] = [];
  const paragraph = new ParagraphBuffer(out);
  walk(cell, {
    enter(node) {
      if (node === cell) return true;
      if (isElement(node) && BLOCKS.has(node.name)) paragraph.flush();
      if (node.type === 'text') paragraph.add((node as unknown as { data: string }).data);
      return true;
    },
    leave(node) {
      if (node !== cell && isElement(node) && BLOCKS.has(node.name)) paragraph.flush();
    },
  });
  paragraph.flush();
  return out;
}

/**
 * Collects inline text into paragraphs. HTML white space inside a paragraph is one space, except
 * that a run holding a line break between two CJK characters vanishes, as CSS renders it: Word and
 * other writers wrap long Chinese lines anywhere, and "市局相关⏎单位" is one name, not two.
 */
class ParagraphBuffer {
  private parts: string[] = [];
  constructor(private readonly out: { push(text: string): unknown }) {}

  add(data: string): void {
    this.parts.push(data);
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    const paragraph = text
      .replace(/[ \t\n\r\f]+/g, (run, offset: number) =>
        /[\n\r]/.test(run) && isCjk(text[offset - 1] ?? '') && isCjk(text[offset + run.length] ?? '') ? '' : ' ',
      )
      .trim();
    if (paragraph !== '') this.out.push(paragraph);
    this.parts = [];
  }
}

interface Visitor {
  /** Called before a node's children; returning false skips them (and `leave`). */
  enter(node: AnyNode): boolean;
  leave(node: AnyNode): void;
}

/** Depth-first walk with an explicit stack, so that deeply nested markup cannot overflow the call stack. */
function walk(root: AnyNode, visitor: Visitor): void {
  const stack: { node: AnyNode; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop() as { node: AnyNode; leaving: boolean };
    if (leaving) {
      visitor.leave(node);
      continue;
    }
    if (isElement(node) && (SKIPPED.has(node.name) || node.name.startsWith('v:'))) continue;
    if (!visitor.enter(node)) continue;
    stack.push({ node, leaving: true });
    const children = 'children' in node ? (node.children as AnyNode[]) : [];
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i] as AnyNode, leaving: false });
  }
}

function isElement(node: AnyNode | null | undefined): node is Element {
  return node !== null && node !== undefined && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

function childElements(node: Element): Element[] {
  return node.children.filter(isElement);
}

/** Offsets at which each line of the text starts, for turning a start index into a line number. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], index: number | null): number | null {
  if (index === null) return null;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
