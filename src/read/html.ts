import { Parser, Tokenizer } from 'htmlparser2';
import { CellBudget, DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { isCjk } from '../normalize/whitespace.js';
import type { RawCell, RawDocument, RawParagraph, RawRow, RawTable } from './raw-table.js';
import { diagnostic } from '../i18n/messages.js';

/** Elements whose start and end break a cell's text into paragraphs. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose content is not text of the document (the title is read on its own), nor are Word's VML drawings (v:*). */
const SKIPPED = new Set(['script', 'style', 'title', 'xml', 'template', 'noscript', 'object', 'svg', 'math']);

/** Elements that never have content or an end tag. */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'embed', 'hr', 'img', 'image', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Start tags that, met inside a cell, end the cell: the table's structure goes on around it. */
const ENDS_CELL = new Set(['td', 'th', 'tr', 'thead', 'tbody', 'tfoot']);

/** The largest spans HTML allows; larger values are clamped to them. */
const MAX_ROWSPAN = 65534;
const MAX_COLSPAN = 1000;

/**
 * Reads every top-level table of an HTML document (Word "Save as Web Page" output included) into
 * RawTables, in one pass over the tokens, without building a DOM. Tables are built as the HTML
 * tree-construction rules build them: a `<tr>` or `<td>` inside `<font>`, `<form>`, `<div>` … between
 * `<table>` and its rows is still a row or cell of the table; a `<td>` without `<tr>` opens a row; a
 * `<td>`, `<tr>` or `</table>` ends a cell left open, whatever is open inside it. rowspan and colspan
 * are read as browsers read them, th and td alike, thead rows first and tfoot rows last, each cell's
 * text split into paragraphs at block elements and `<br>`. A nested table's text stays in its cell;
 * a caption's text joins the text before the table. Text a browser would move out of the table (it
 * stands between the cells) is reported as 'text-outside-cells', never dropped silently.
 * The text between the previous table (or the document start) and a table is its `before`, and the
 * text after a table up to the next one (or the end) is its `after`.
 */
export function readHtml(text: string, name = 'input', maxNestingDepth = DEFAULT_LIMITS.maxNestingDepth, budget = new CellBudget(DEFAULT_LIMITS.maxCells, name)): RawDocument {
  const builder = new TableBuilder(text, name, maxNestingDepth, budget);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, builder);
  tokenizer.write(text);
  tokenizer.end();
  // The paragraphs (for a plan written as prose) are read only when asked for: a document with a
  // task table never needs them.
  return {
    tables: builder.finish(),
    dialect: null,
    get paragraphs() {
      return htmlParagraphs(text);
    },
  };
}

/**
 * Every paragraph of an HTML document in order, those in table cells included (pages often lay
 * their text out in tables), with its line, its heading level (h1–h6), and an ordered list item's
 * number written in front as browsers show it.
 */
export function htmlParagraphs(text: string): RawParagraph[] {
  const lines = lineStarts(text);
  const out: RawParagraph[] = [];
  let heading = 0;
  let start: number | null = null;
  let skipped = 0;
  const lists: { ordered: boolean; next: number }[] = [];
  const buffer = new ParagraphBuffer({ push: (paragraph) => out.push({ text: paragraph, line: lineOf(lines, start), ...(heading > 0 ? { heading } : {}) }) });
  const flush = () => {
    buffer.flush();
    start = null;
  };
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (SKIPPED.has(tag) || tag.startsWith('v:')) skipped += 1;
        if (BLOCKS.has(tag)) flush();
        if (/^h[1-6]$/.test(tag)) heading = Number(tag.slice(1));
        if (tag === 'ol' || tag === 'ul') {
          const first = Number.parseInt(attributes['start'] ?? '1', 10);
          lists.push({ ordered: tag === 'ol', next: Number.isFinite(first) ? first : 1 });
        }
        const list = lists[lists.length - 1];
        if (tag === 'li' && list?.ordered) {
          buffer.add(`${list.next}. `);
          list.next += 1;
        }
      },
      ontext(data) {
        if (skipped > 0) return;
        if (start === null && /\S/.test(data)) start = parser.startIndex + data.search(/\S/);
        buffer.add(data);
      },
      onclosetag(tag) {
        if (SKIPPED.has(tag) || tag.startsWith('v:')) skipped = Math.max(0, skipped - 1);
        if (BLOCKS.has(tag)) flush();
        if (/^h[1-6]$/.test(tag)) heading = 0;
        if (tag === 'ol' || tag === 'ul') lists.pop();
      },
    },
    { decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  flush();
  return out;
}

/** A table being read, and the element stack depth at which its `<table>` stands. */
interface TableState {
  base: number;
  /** Only the outermost table makes rows; a nested one's text goes to the outer cell. */
  outer: boolean;
  rows: { row: RawRow; group: 'head' | 'body' | 'foot'; headers: boolean; zeroSpans: RawCell[] }[];
  group: 'head' | 'body' | 'foot';
  row: { row: RawRow; group: 'head' | 'body' | 'foot'; headers: boolean; zeroSpans: RawCell[] } | null;
  /** Element stack depth of the open cell's `<td>`/`<th>`, or -1. */
  cellBase: number;
  cell: ParagraphBuffer | null;
  caption: ParagraphBuffer | null;
  captionBase: number;
  stray: ParagraphBuffer;
  strayAt: number | null;
  diagnostics: Diagnostic[];
  before: string[];
}

/**
 * Follows the tokenizer's events. Open elements are kept on one array used as a stack (push and
 * pop, never shift), with a count of open elements by name for each scope (the document, a table,
 * a cell), so that an end tag finds its element in constant time and each element is popped once:
 * time stays linear in the input however deep or wide the markup.
 */
class TableBuilder {
  private readonly lines: number[];
  private readonly names: string[] = [];
  /** Open elements by name, per scope; a scope begins at a table, a cell or a caption. */
  private readonly scopes: { base: number; counts: Map<string, number> }[] = [{ base: 0, counts: new Map() }];
  private readonly tables: RawTable[] = [];
  private readonly open: TableState[] = [];
  private before: string[] = [];
  private readonly body: ParagraphBuffer;
  private title: string | null = null;
  private titleText: string[] | null = null;
  /** The skipped element being read past, and how deep the same name nests inside it. */
  private skip: { name: string; depth: number } | null = null;
  private tagName = '';
  private tagStart = 0;
  private attributes: Record<string, string> = {};
  private attributeName = '';
  private attributeValue = '';

  constructor(
    private readonly text: string,
    private readonly name: string,
    private readonly maxNestingDepth: number,
    private readonly budget: CellBudget,
  ) {
    this.lines = lineStarts(text);
    this.body = new ParagraphBuffer({
      push: (paragraph) => {
        this.before.push(paragraph);
        // The text between two tables comes after the one and before the other.
        this.tables.at(-1)?.after?.push(paragraph);
      },
    });
  }

  // Tokenizer callbacks.

  onopentagname(start: number, end: number): void {
    this.tagName = this.text.slice(start, end).toLowerCase();
    this.tagStart = start;
    this.attributes = {};
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.text.slice(start, end).toLowerCase();
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue += this.text.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attributeValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (!Object.hasOwn(this.attributes, this.attributeName)) this.attributes[this.attributeName] = this.attributeValue;
  }

  onopentagend(): void {
    this.startTag(this.tagName, this.attributes, this.tagStart);
  }

  onselfclosingtag(): void {
    // HTML ignores the slash of <td/>; foreign elements (<svg/>, Word's <o:p/>, <v:shape/>) are closed by it.
    const foreign = this.tagName === 'svg' || this.tagName === 'math' || this.tagName.includes(':');
    this.startTag(this.tagName, this.attributes, this.tagStart);
    if (foreign && !VOID.has(this.tagName)) this.endTag(this.tagName);
  }

  onclosetag(start: number, end: number): void {
    this.endTag(this.text.slice(start, end).toLowerCase());
  }

  ontext(start: number, end: number): void {
    this.addText(this.text.slice(start, end), start);
  }

  ontextentity(codepoint: number, end: number): void {
    this.addText(String.fromCodePoint(codepoint), end);
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  // Tree construction.

  private startTag(tag: string, attributes: Record<string, string>, at: number): void {
    if (this.skip) {
      if (tag === this.skip.name && !VOID.has(tag)) this.skip.depth += 1;
      return;
    }
    if (SKIPPED.has(tag) || tag.startsWith('v:')) {
      this.skip = { name: tag, depth: 1 };
      if (tag === 'title' && this.title === null) this.titleText = [];
      return;
    }
    const table = this.open.at(-1);
    if (table && table.cellBase < 0 && table.captionBase < 0) {
      this.tableTag(table, tag, attributes, at);
      return;
    }
    if (table && (table.cellBase >= 0 || table.captionBase >= 0) && ENDS_CELL.has(tag)) {
      if (table.cellBase >= 0) this.closeCell(table);
      else this.closeCaption(table);
      this.tableTag(table, tag, attributes, at);
      return;
    }
    if (tag === 'table') {
      this.openTable();
      return;
    }
    this.push(tag);
    if (VOID.has(tag)) this.pop();
  }

  /** A start tag where a table expects rows: table structure is read, anything else is stepped into. */
  private tableTag(table: TableState, tag: string, attributes: Record<string, string>, at: number): void {
    switch (tag) {
      case 'table':
        // A table cannot stand among rows: browsers end the open one and start another after it.
        this.closeTable();
        this.openTable();
        return;
      case 'caption':
        this.closeRow(table);
        this.push(tag);
        table.captionBase = this.names.length;
        this.scopes.push({ base: this.names.length, counts: new Map() });
        table.caption = new ParagraphBuffer({ push: (paragraph) => table.before.push(paragraph) });
        return;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        this.closeRow(table);
        table.group = tag === 'thead' ? 'head' : tag === 'tfoot' ? 'foot' : 'body';
        this.push(tag);
        return;
      case 'tr':
        this.closeRow(table);
        this.openRow(table, at);
        this.push(tag);
        return;
      case 'td':
      case 'th':
        if (!table.row) this.openRow(table, at);
        this.openCell(table, tag, attributes, at);
        return;
      default:
        // <font>, <form>, <div>, <center> … between <table> and its rows: a browser moves the element
        // out of the table but still reads the rows inside it as rows of the table, and so do we.
        this.push(tag);
        if (VOID.has(tag)) this.pop();
    }
  }

  private endTag(tag: string): void {
    if (this.skip) {
      if (tag === this.skip.name && (this.skip.depth -= 1) === 0) {
        if (this.skip.name === 'title' && this.titleText) this.title = this.titleText.join('');
        this.titleText = null;
        this.skip = null;
      }
      return;
    }
    if (tag === 'br') {
      // </br> is read as <br>, as browsers do.
      this.flush();
      return;
    }
    const table = this.open.at(-1);
    if (table) {
      if (table.cellBase >= 0 && (tag === 'td' || tag === 'th' || ENDS_CELL.has(tag) || tag === 'table')) {
        this.closeCell(table);
        if (tag === 'td' || tag === 'th') return;
      }
      if (table.captionBase >= 0 && (tag === 'caption' || tag === 'table')) {
        this.closeCaption(table);
        if (tag === 'caption') return;
      }
      if (tag === 'table') {
        this.closeTable();
        return;
      }
      if (tag === 'tr' && table.cellBase < 0 && table.captionBase < 0) {
        this.closeRow(table);
        return;
      }
      if ((tag === 'thead' || tag === 'tbody' || tag === 'tfoot') && table.cellBase < 0 && table.captionBase < 0) {
        this.closeRow(table);
        table.group = 'body';
        this.popTo(tag);
        return;
      }
    }
    if (tag === 'p' && !this.isOpen('p')) {
      // </p> without <p> is an empty paragraph, which still breaks the line.
      this.flush();
      return;
    }
    this.popTo(tag);
  }

  private addText(text: string, at: number): void {
    if (this.skip) {
      if (this.titleText) this.titleText.push(text);
      return;
    }
    if (this.open.length === 0) {
      this.body.add(text);
      return;
    }
    const target = this.target();
    const outer = this.open[0] as TableState;
    if (target === outer.stray && outer.strayAt === null && text.trim() !== '') outer.strayAt = at;
    target.add(text);
  }

  /**
   * Where text goes: the open cell of the outermost table (a nested table's text stays in that
   * cell), else its caption, else its stray text. Nested tables only open inside a cell or caption.
   */
  private target(): ParagraphBuffer {
    const outer = this.open[0] as TableState;
    return outer.cell ?? outer.caption ?? outer.stray;
  }

  /** A block element's start or end ends the paragraph being collected. */
  private flush(): void {
    if (this.open.length === 0) this.body.flush();
    else this.target().flush();
  }

  private push(tag: string): void {
    if (BLOCKS.has(tag)) this.flush();
    this.names.push(tag);
    const counts = (this.scopes.at(-1) as { counts: Map<string, number> }).counts;
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }

  private pop(): void {
    const tag = this.names.pop() as string;
    const counts = (this.scopes.at(-1) as { counts: Map<string, number> }).counts;
    counts.set(tag, (counts.get(tag) ?? 1) - 1);
    if (BLOCKS.has(tag)) this.flush();
  }

  /** True when an element of this name is open in the innermost scope. */
  private isOpen(tag: string): boolean {
    return ((this.scopes.at(-1) as { counts: Map<string, number> }).counts.get(tag) ?? 0) > 0;
  }

  /** Closes the innermost open element of this name and everything opened inside it; an end tag with no such element is ignored. */
  private popTo(tag: string): void {
    if (!this.isOpen(tag)) return;
    while (this.names.length > 0) {
      const last = this.names.at(-1);
      this.pop();
      if (last === tag) return;
    }
  }

  /** Closes every element down to a depth (a scope's base), and the scope that began there. */
  private popScope(base: number): void {
    while (this.names.length > base) this.pop();
    this.scopes.pop();
  }

  private openTable(): void {
    this.flush();
    if (this.open.length + 1 > this.maxNestingDepth + 1) {
      throw limitExceeded(this.name, `tables nest ${this.open.length} deep`, 'maxNestingDepth', String(this.maxNestingDepth));
    }
    this.push('table');
    this.scopes.push({ base: this.names.length, counts: new Map() });
    const outer = this.open.length === 0;
    const state: TableState = {
      base: this.names.length,
      outer,
      rows: [],
      group: 'body',
      row: null,
      cellBase: -1,
      cell: null,
      caption: null,
      captionBase: -1,
      stray: new ParagraphBuffer({ push: () => undefined }),
      strayAt: null,
      diagnostics: [],
      before: outer ? this.before : [],
    };
    state.stray = new ParagraphBuffer({ push: (paragraph) => this.strayText(state, paragraph) });
    if (outer) {
      this.body.flush();
      this.before = [];
    }
    this.open.push(state);
  }

  private closeTable(): void {
    const table = this.open.at(-1);
    if (!table) return;
    if (table.cellBase >= 0) this.closeCell(table);
    if (table.captionBase >= 0) this.closeCaption(table);
    this.closeRow(table);
    table.stray.flush();
    this.popScope(table.base);
    // The <table> element itself.
    this.pop();
    this.open.pop();
    if (table.outer) this.tables.push(finishTable(table));
  }

  private openRow(table: TableState, at: number): void {
    table.row = { row: { cells: [], line: lineOf(this.lines, at) }, group: table.group, headers: true, zeroSpans: [] };
  }

  private closeRow(table: TableState): void {
    if (table.cellBase >= 0) this.closeCell(table);
    if (!table.row) return;
    if (this.isOpen('tr')) this.popTo('tr');
    if (table.outer) table.rows.push(table.row);
    table.row = null;
  }

  private openCell(table: TableState, tag: string, attributes: Record<string, string>, at: number): void {
    const row = table.row as NonNullable<TableState['row']>;
    this.push(tag);
    table.cellBase = this.names.length;
    this.scopes.push({ base: this.names.length, counts: new Map() });
    if (!table.outer) {
      table.cell = null;
      return;
    }
    this.budget.take();
    const rowSpanText = attributes['rowspan'];
    const cell: RawCell = {
      paragraphs: [],
      rowSpan: spanValue(rowSpanText, MAX_ROWSPAN),
      colSpan: spanValue(attributes['colspan'], MAX_COLSPAN),
      line: lineOf(this.lines, at),
    };
    // rowspan="0" spans to the end of the table; how far that is is known when the table ends.
    if (rowSpanText !== undefined && /^\s*0/.test(rowSpanText)) row.zeroSpans.push(cell);
    if (tag !== 'th') row.headers = false;
    row.row.cells.push(cell);
    table.cell = new ParagraphBuffer(cell.paragraphs);
  }

  private closeCell(table: TableState): void {
    if (table.cellBase < 0) return;
    table.cell?.flush();
    this.popScope(table.cellBase);
    // The <td> or <th> element itself.
    this.pop();
    table.cell = null;
    table.cellBase = -1;
  }

  private closeCaption(table: TableState): void {
    table.caption?.flush();
    this.popScope(table.captionBase);
    this.pop();
    table.caption = null;
    table.captionBase = -1;
  }

  /** Text standing in a table outside its cells: reported, so that a file that lost it does not pass. */
  private strayText(table: TableState, paragraph: string): void {
    if (!table.outer) return;
    // kind 'html': the message says where a browser shows the text.
    table.diagnostics.push(
      diagnostic('text-outside-cells', 'error', { text: paragraph, kind: 'html' }, { table: this.tables.length + 1, row: Math.max(1, table.rows.length + (table.row ? 1 : 0)), column: 1, line: lineOf(this.lines, table.strayAt) }),
    );
    table.strayAt = null;
  }

  finish(): RawTable[] {
    while (this.open.length > 0) this.closeTable();
    this.body.flush();
    // The <title> helps find the table's title, but is no paragraph of the page's text.
    if (this.title !== null && this.title.trim() !== '') for (const table of this.tables) table.metadata = [this.title];
    return this.tables;
  }
}

/** The rows in table order (head, body, foot), the spans of rowspan="0", and the declared header rows. */
function finishTable(table: TableState): RawTable {
  const ordered = [...table.rows.filter((r) => r.group === 'head'), ...table.rows.filter((r) => r.group === 'body'), ...table.rows.filter((r) => r.group === 'foot')];
  ordered.forEach((entry, r) => {
    for (const cell of entry.zeroSpans) cell.rowSpan = ordered.length - r;
  });
  let headerRows = 0;
  for (const entry of ordered) {
    if (entry.group !== 'head' && (entry.row.cells.length === 0 || !entry.headers)) break;
    headerRows += 1;
  }
  const rows = ordered.map((entry) => entry.row);
  return { rows, before: table.before, after: [], blanksAreMerges: false, diagnostics: table.diagnostics, ...(headerRows > 0 ? { headerRows } : {}) };
}

/** Reads a span attribute the way browsers do: leading digits count ("2;" → 2), anything else is 1. */
export function spanValue(value: string | undefined, max: number): number {
  const digits = /^\s*(\d+)/.exec(value ?? '');
  const n = digits ? Number(digits[1]) : 1;
  return n < 1 ? 1 : Math.min(n, max);
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
