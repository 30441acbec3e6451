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

// Regular expressions of the per-cell paths are made once: a literal makes a new object each time it runs.
const ZERO_SPAN = /^\s*0/;
const SPAN_DIGITS = /^\s*(\d+)/;
/** HTML's white space, one character and a run of it (replace() starts a global expression from 0 each time). */
const HTML_SPACE = /[ \t\n\r\f]/;
const HTML_SPACES = /[ \t\n\r\f]+/g;
const LINE_BREAK = /[\n\r]/;

/** The attributes of a tag without any. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

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
  const lines = new LineIndex(text);
  const out: RawParagraph[] = [];
  let heading = 0;
  let start: number | null = null;
  let skipped = 0;
  const lists: { ordered: boolean; next: number }[] = [];
  const buffer = new ParagraphBuffer({ push: (paragraph) => out.push({ text: paragraph, line: lines.lineOf(start), ...(heading > 0 ? { heading } : {}) }) });
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

/** A row being read: its group, whether all its cells are `<th>`, and its cells with rowspan="0" (null while none). */
interface RowEntry {
  row: RawRow;
  group: 'head' | 'body' | 'foot';
  headers: boolean;
  zeroSpans: RawCell[] | null;
}

/** A table being read, and the element stack depth at which its `<table>` stands. */
interface TableState {
  base: number;
  /** Only the outermost table makes rows; a nested one's text goes to the outer cell. */
  outer: boolean;
  rows: RowEntry[];
  group: 'head' | 'body' | 'foot';
  row: RowEntry | null;
  /** Element stack depth of the open cell's `<td>`/`<th>`, or -1. */
  cellBase: number;
  cell: ParagraphBuffer | null;
  /**
   * The buffer `cell` is while a cell of an outer table is open, and where it puts the paragraphs:
   * one for all the table's cells (each is flushed as its cell closes), not two objects a cell.
   */
  cellBuffer: ParagraphBuffer;
  cellParagraphs: CellParagraphs;
  /** The cells of the open row, in a list used again for every row: the first `rowCellCount` are the row's. */
  rowCells: RawCell[];
  rowCellCount: number;
  caption: ParagraphBuffer | null;
  captionBase: number;
  stray: ParagraphBuffer;
  strayAt: number | null;
  diagnostics: Diagnostic[];
  before: string[];
}

/**
 * Follows the tokenizer's events. Open elements are kept on one array used as a stack (push and
 * pop, never shift), with the innermost open element of each name (and for each element the next
 * of its name further out) and the depths at which scopes (a table, a cell, a caption) begin, so
 * that an end tag finds its element in its scope in constant time and each element is popped once:
 * time stays linear in the input however deep or wide the markup.
 */
class TableBuilder {
  private readonly lines: LineIndex;
  private readonly names: string[] = [];
  /** The stack position of the innermost open element of each name, or -1. */
  private readonly innermost = new Map<string, number>();
  /** For each stack position, that of the next open element of the same name further out, or -1. */
  private readonly sameNameOuter: number[] = [];
  /** Tag names met, by the number nameAt makes of their characters. */
  private readonly tagNames = new Map<number, string>();
  /** Stack depths at which the scopes begin, innermost last: the document, then a table, a cell or a caption. */
  private readonly scopes: number[] = [0];
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
  private attributes: Record<string, string> = NO_ATTRIBUTES;
  private attributeName = '';
  private attributeValue = '';

  constructor(
    private readonly text: string,
    private readonly name: string,
    private readonly maxNestingDepth: number,
    private readonly budget: CellBudget,
  ) {
    this.lines = new LineIndex(text);
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
    this.tagName = this.nameAt(start, end);
    this.tagStart = start;
    this.attributes = NO_ATTRIBUTES;
  }

  onattribname(start: number, end: number): void {
    // Only the spans are read; other attributes (Word's style and class on every tag) are not kept.
    this.attributeName = spanAttributeAt(this.text, start, end);
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.attributeName !== '') this.attributeValue += this.text.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    if (this.attributeName !== '') this.attributeValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.attributeName === '') return;
    // Most tags have no span: they share one empty record, and a tag with one gets its own.
    if (this.attributes === NO_ATTRIBUTES) this.attributes = {};
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
    this.endTag(this.nameAt(start, end));
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

  /**
   * A tag name, lower-cased. Short names of letters and digits (td, tr, p, br, table …) are looked
   * up by a number made of their characters, so that the few names of a page are cut out of the
   * text and lower-cased once, not at each of its 100,000s of tags.
   */
  private nameAt(start: number, end: number): string {
    if (end - start > 5) return this.text.slice(start, end).toLowerCase();
    let key = 0;
    for (let i = start; i < end; i += 1) {
      const c = this.text.charCodeAt(i);
      // Letters count 1–26 whatever their case, digits 27–36: base 37, five characters fit a small integer.
      const lower = c | 0x20;
      const digit = lower >= 0x61 && lower <= 0x7a ? lower - 0x60 : c >= 0x30 && c <= 0x39 ? c - 0x30 + 27 : 0;
      if (digit === 0) return this.text.slice(start, end).toLowerCase();
      key = key * 37 + digit;
    }
    let name = this.tagNames.get(key);
    if (name === undefined) {
      name = this.text.slice(start, end).toLowerCase();
      this.tagNames.set(key, name);
    }
    return name;
  }

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
        this.scopes.push(this.names.length);
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
    // Set by index, not pushed and popped: a stack of positions for each name would drop and
    // grow its storage at every cell.
    this.sameNameOuter[this.names.length] = this.innermost.get(tag) ?? -1;
    this.innermost.set(tag, this.names.length);
    this.names.push(tag);
  }

  private pop(): void {
    const tag = this.names.pop() as string;
    this.innermost.set(tag, this.sameNameOuter[this.names.length] as number);
    if (BLOCKS.has(tag)) this.flush();
  }

  /** True when an element of this name is open in the innermost scope. */
  private isOpen(tag: string): boolean {
    return (this.innermost.get(tag) ?? -1) >= (this.scopes[this.scopes.length - 1] as number);
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
    this.scopes.push(this.names.length);
    const outer = this.open.length === 0;
    const cellParagraphs = new CellParagraphs();
    const state: TableState = {
      base: this.names.length,
      outer,
      rows: [],
      group: 'body',
      row: null,
      cellBase: -1,
      cell: null,
      cellBuffer: new ParagraphBuffer(cellParagraphs),
      cellParagraphs,
      rowCells: [],
      rowCellCount: 0,
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
    table.row = { row: { cells: [], line: this.lines.lineOf(at) }, group: table.group, headers: true, zeroSpans: null };
  }

  private closeRow(table: TableState): void {
    if (table.cellBase >= 0) this.closeCell(table);
    if (!table.row) return;
    if (this.isOpen('tr')) this.popTo('tr');
    if (table.outer) {
      // The row's cells were gathered in a list kept for every row (see openCell); the row keeps a
      // copy made to size, as a list grown by push keeps room for 16 more and the rows live until
      // the model is built (at 20k rows the spare room was a third of the reader's heap).
      table.row.row.cells = table.rowCells.slice(0, table.rowCellCount);
      table.rowCellCount = 0;
      table.rows.push(table.row);
    }
    table.row = null;
  }

  private openCell(table: TableState, tag: string, attributes: Record<string, string>, at: number): void {
    const row = table.row as NonNullable<TableState['row']>;
    this.push(tag);
    table.cellBase = this.names.length;
    this.scopes.push(this.names.length);
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
      line: this.lines.lineOf(at),
    };
    // rowspan="0" spans to the end of the table; how far that is is known when the table ends.
    if (rowSpanText !== undefined && ZERO_SPAN.test(rowSpanText)) (row.zeroSpans ??= []).push(cell);
    if (tag !== 'th') row.headers = false;
    table.rowCells[table.rowCellCount] = cell;
    table.rowCellCount += 1;
    table.cellParagraphs.cell = cell;
    table.cell = table.cellBuffer;
  }

  private closeCell(table: TableState): void {
    if (table.cellBase < 0) return;
    table.cell?.flush();
    // A copy made to size, as for the row's cells.
    const cell = table.cellParagraphs.cell;
    if (cell && cell.paragraphs.length > 1) cell.paragraphs = cell.paragraphs.slice();
    this.popScope(table.cellBase);
    // The <td> or <th> element itself.
    this.pop();
    table.cell = null;
    table.cellParagraphs.cell = null;
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
      diagnostic('text-outside-cells', 'error', { text: paragraph, kind: 'html' }, { table: this.tables.length + 1, row: Math.max(1, table.rows.length + (table.row ? 1 : 0)), column: 1, line: this.lines.lineOf(table.strayAt) }),
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

/** The attributes tables are read by. */
const SPAN_ATTRIBUTES = ['rowspan', 'colspan'] as const;

/** The span attribute named at text[start, end), in any case, or '' for another name; told without cutting the name out. */
function spanAttributeAt(text: string, start: number, end: number): string {
  for (const name of SPAN_ATTRIBUTES) {
    if (end - start !== name.length) continue;
    let i = 0;
    // An ASCII letter in either case, OR 0x20, is the lower-case letter; nothing else is.
    while (i < name.length && (text.charCodeAt(start + i) | 0x20) === name.charCodeAt(i)) i += 1;
    if (i === name.length) return name;
  }
  return '';
}

/** The rows in table order (head, body, foot), the spans of rowspan="0", and the declared header rows. */
function finishTable(table: TableState): RawTable {
  const ordered = table.rows.some((r) => r.group !== 'body')
    ? [...table.rows.filter((r) => r.group === 'head'), ...table.rows.filter((r) => r.group === 'body'), ...table.rows.filter((r) => r.group === 'foot')]
    : table.rows;
  ordered.forEach((entry, r) => {
    for (const cell of entry.zeroSpans ?? []) cell.rowSpan = ordered.length - r;
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
  if (value === undefined) return 1;
  // Most values are digits only ("2"), read without a match object; others go through the pattern.
  let end = 0;
  while (end < value.length && value.charCodeAt(end) >= 0x30 && value.charCodeAt(end) <= 0x39) end += 1;
  const digits = end > 0 && end === value.length ? value : SPAN_DIGITS.exec(value)?.[1];
  const n = digits !== undefined ? Number(digits) : 1;
  return n < 1 ? 1 : Math.min(n, max);
}

/**
 * Collects inline text into paragraphs. HTML white space inside a paragraph is one space, except
 * that a run holding a line break between two CJK characters vanishes, as CSS renders it: Word and
 * other writers wrap long Chinese lines anywhere, and "市局相关⏎单位" is one name, not two.
 */
class ParagraphBuffer {
  /** The text so far: most paragraphs are one piece of text, kept as it is; more are joined. */
  private first: string | null = null;
  private parts: string[] | null = null;
  constructor(private readonly out: { push(text: string): unknown }) {}

  add(data: string): void {
    if (this.first === null) {
      // A chunk of white space only that would start a paragraph is skipped (flush trims white
      // space off the paragraph's ends anyway): the line breaks between a table's tags are not
      // kept, to be collapsed and trimmed to nothing at every row.
      if (isHtmlSpace(data)) return;
      this.first = data;
    } else (this.parts ??= [this.first]).push(data);
  }

  flush(): void {
    if (this.first === null) return;
    const text = this.parts ? this.parts.join('') : this.first;
    this.first = null;
    this.parts = null;
    const spaced = HTML_SPACE.test(text)
      ? text.replace(HTML_SPACES, (run, offset: number) => (LINE_BREAK.test(run) && isCjk(text[offset - 1] ?? '') && isCjk(text[offset + run.length] ?? '') ? '' : ' '))
      : text;
    const paragraph = spaced.trim();
    if (paragraph !== '') this.out.push(paragraph);
  }
}

/** True when a text is nothing but HTML white space (or empty). */
function isHtmlSpace(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return false;
  }
  return true;
}

/** Where a cell's paragraphs go: most cells have one, which is kept in a list of one, not in a list grown by push. */
class CellParagraphs {
  /** The cell being read. */
  cell: RawCell | null = null;

  push(paragraph: string): void {
    const cell = this.cell as RawCell;
    if (cell.paragraphs.length === 0) cell.paragraphs = [paragraph];
    else cell.paragraphs.push(paragraph);
  }
}

/**
 * Turns offsets into 1-based line numbers. Offsets are asked for in order but for a few (text
 * reported after the cells that followed it), so a lookup steps forward from the line found last:
 * constant time a cell, where a binary search over 100k lines took 17 steps.
 */
class LineIndex {
  private readonly starts: number[];
  /** The 0-based line found last. */
  private last = 0;
  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  lineOf(index: number | null): number | null {
    if (index === null) return null;
    const { starts } = this;
    let line = this.last;
    // A few lines on are stepped over; an earlier offset, or one further on, is searched for.
    for (let steps = 0; steps < 8 && (starts[line] as number) <= index && (starts[line + 1] ?? Infinity) <= index; steps += 1) line += 1;
    if ((starts[line] as number) > index || (starts[line + 1] ?? Infinity) <= index) line = searchLine(starts, index);
    this.last = line;
    return line + 1;
  }
}

/** Offsets at which each line of the text starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line of an offset, by binary search. */
function searchLine(starts: number[], index: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}
