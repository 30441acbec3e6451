import { FenjieError } from '../errors.js';
import { CellBudget, DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { ListNumbering, type ParagraphProperties } from './docx-numbering.js';
import { mergedTextLost, visibleText, type RawCell, type RawDocument, type RawParagraph, type RawRow, type RawTable } from './raw-table.js';
import { diagnostic } from '../i18n/messages.js';
import { ownCopy } from '../normalize/own-copy.js';
import { xmlFeed, xmlParser } from './xml.js';
import { inflateLargeZipEntry, readZipEntry, type ZipLimits } from './zip.js';

/** Where a .docx keeps its main document when its package relationships do not say otherwise. */
const DEFAULT_MAIN_PART = 'word/document.xml';

/** Namespaces whose prefixes are rewritten to the ones this reader matches on, whatever a writer chose. */
const CANONICAL_PREFIXES = new Map([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
]);

/**
 * Elements whose content Word does not show as text of the document once tracked changes are
 * accepted: deletions and moved-away text, field codes, the old properties that a tracked property
 * change keeps, and paragraph and run properties (whose w:tab elements are tab stops, not tabs).
 */
const SKIPPED = new Set([
  'w:del',
  'w:delText',
  'w:moveFrom',
  'w:instrText',
  'w:delInstrText',
  'w:cellDel',
  'w:pPrChange',
  'w:rPr',
  'w:sdtPr',
  'w:sectPr',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:tblGridChange',
  'w:trPrChange',
  'w:tcPrChange',
]);

/** The elements of w:pPr that decide a paragraph's list number and heading level. */
const PARAGRAPH_PROPERTIES = new Set(['w:pStyle', 'w:numId', 'w:ilvl', 'w:outlineLvl']);

/**
 * Deepest element nesting read. Real documents nest a few dozen deep; a file nested far deeper is
 * broken or hostile, and is refused rather than read.
 */
const MAX_DEPTH = 1200;

/** Word allows 63 columns; a wider span is a broken or hostile file, clamped so the grid stays small. */
const MAX_GRID_COLUMNS = 1000;

/**
 * Reads every top-level table of a Word document (.docx) from its `word/document.xml`, in one pass of
 * an XML tokenizer fed straight from the size-capped inflater. Spans come from w:gridSpan and
 * w:vMerge, late and early rows from w:gridBefore and w:gridAfter, header rows from w:tblHeader;
 * tracked changes read as accepted, and a nested table's paragraphs stay in their cell. Text that a
 * vertical merge hides is reported as 'merged-text-lost'. The paragraphs between the previous table
 * and a table are its `before`. Throws 'corrupt-docx' or 'limit-exceeded' for files it cannot read.
 */
export async function readDocx(
  bytes: Uint8Array,
  name = 'input',
  limits: ZipLimits & { maxNestingDepth?: number } = {},
  budget = new CellBudget(DEFAULT_LIMITS.maxCells, name),
): Promise<RawDocument> {
  const path = mainPartPath(bytes, name, limits);
  const walker = new DocumentWalker(name, path, limits.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth, budget);
  const parser = xmlParser({
    onopentag: (tag, attributes) => walker.open(tag, attributes),
    onclosetag: (tag) => walker.close(tag),
    ontext: (text) => walker.text(text),
  });
  const feed = xmlFeed(parser);
  if (!(await inflateLargeZipEntry(bytes, path, name, feed.write, limits))) {
    throw new FenjieError('corrupt-docx', `${name}: the archive holds no ${path}, so it is not a Word document`);
  }
  feed.end();
  const tables = walker.finish();
  // Numbering is read only when the paragraphs are asked for: a document with a task table never needs it.
  return {
    tables,
    dialect: null,
    encoding: feed.encoding(),
    get paragraphs() {
      return numberedParagraphs(walker.body, bytes, name, limits);
    },
  };
}

/** Optional parts of the package, read as text; null when absent. */
function readPart(bytes: Uint8Array, path: string, name: string, limits: ZipLimits): string | null {
  const part = readZipEntry(bytes, path, name, limits);
  return part ? new TextDecoder().decode(part) : null;
}

/** The body's paragraphs with Word's automatic numbering written in front, as Word displays them. */
function numberedParagraphs(body: BodyParagraphs, bytes: Uint8Array, name: string, limits: ZipLimits): RawParagraph[] {
  const numbered = [...body.properties.values()].some((p) => p.numId !== null || p.style !== null || p.outline !== null);
  const lists = new ListNumbering(
    numbered ? { numbering: readPart(bytes, 'word/numbering.xml', name, limits), styles: readPart(bytes, 'word/styles.xml', name, limits) } : { numbering: null, styles: null },
  );
  const out: RawParagraph[] = [];
  const { lines, starts } = body;
  starts.forEach((start, p) => {
    // Numbering counts every numbered paragraph, even an empty one, as Word does.
    const properties = body.properties.get(p) ?? NO_PROPERTIES;
    const marker = lists.marker(properties);
    const heading = lists.heading(properties);
    const end = starts[p + 1] ?? lines.length;
    for (let i = start; i < end; i += 1) {
      const text = lines[i] as string;
      if (text.trim() !== '') out.push({ text: i === start ? marker + text : text, line: null, ...(heading !== null ? { heading } : {}) });
    }
  });
  return out;
}

/** The main document's path, as the package relationships (_rels/.rels) name it. */
function mainPartPath(bytes: Uint8Array, name: string, limits?: ZipLimits): string {
  const rels = readZipEntry(bytes, '_rels/.rels', name, limits);
  if (!rels) return DEFAULT_MAIN_PART;
  const targets: string[] = [];
  const parser = xmlParser({
    onopentag: (tag, attributes) => {
      const { Type: type = '', Target: target, TargetMode: mode } = attributes;
      if (tag.endsWith('Relationship') && type.endsWith('/officeDocument') && target && mode !== 'External') targets.push(target);
    },
  });
  parser.end(new TextDecoder().decode(rels));
  return targets[0]?.replace(/^\//, '') ?? DEFAULT_MAIN_PART;
}

/**
 * Every paragraph of the body, table cells included, in document order, kept flat because a large
 * document has hundreds of thousands of them: all their lines (w:br ends one) in one array, where
 * each paragraph starts in it, and the list and style properties of the few paragraphs that have any.
 */
interface BodyParagraphs {
  lines: string[];
  starts: number[];
  properties: Map<number, ParagraphProperties>;
}

/** The properties of a paragraph that sets none of them. */
const NO_PROPERTIES: Readonly<ParagraphProperties> = Object.freeze({ style: null, numId: null, ilvl: null, outline: null });

/** A table being read: its rows so far, and the cells that vertical merges may still extend. */
interface TableState {
  rows: RawRow[];
  before: string[];
  headerRows: number;
  diagnostics: Diagnostic[];
  /** Cells that restarted or continued a vertical merge in the last row, by 0-based grid column. */
  merges: Map<number, RawCell>;
}

/** A row being read; it is committed when it closes, unless a tracked change deleted it. */
interface RowState {
  cells: RawCell[];
  offset: number;
  /** 0-based grid column where the next cell starts. */
  column: number;
  header: boolean;
  deleted: boolean;
  /** Cells above that this row's continued cells extend, applied when the row is committed. */
  continued: RawCell[];
  merges: Map<number, RawCell>;
  /** Text found in continued cells, by 0-based grid column, reported when the row is committed. */
  hidden: { text: string; column: number }[];
}

/** A cell being read: its paragraphs and the span properties from w:tcPr. */
interface CellState {
  paragraphs: string[];
  colSpan: number;
  vMerge: 'restart' | 'continue' | null;
}

/**
 * Follows the events of one pass over document.xml. Every nesting is kept on explicit counters and
 * stacks, so a deeply nested file costs memory, never call depth.
 */
class DocumentWalker {
  private readonly tables: RawTable[] = [];
  private readonly prefixes = new Map<string, string>();
  private readonly names = new Map<string, string>();
  /** The name of the w:val attribute, with the prefix the writer bound to Word's namespace. */
  private valueAttribute = 'w:val';
  private sawRoot = false;
  private depth = 0;
  /** Depth inside an element whose content is skipped; 0 when reading. */
  private skipDepth = 0;
  private tableDepth = 0;
  private before: string[] = [];
  private table: TableState | null = null;
  private row: RowState | null = null;
  private cell: CellState | null = null;
  private inRowProperties = false;
  /** Open paragraphs (a text box nests paragraphs in a paragraph); each holds its lines so far. */
  private readonly paragraphs: string[][] = [];
  /** The list and style properties of each open paragraph, in step with `paragraphs`; null until one is read. */
  private readonly properties: (ParagraphProperties | null)[] = [];
  private inParagraphProperties = false;
  readonly body: BodyParagraphs = { lines: [], starts: [], properties: new Map() };
  /** The text of the open w:t so far, or null outside one, and whether it keeps its white space. */
  private runText: string | null = null;
  private runPreserves = false;
  /** For each open mc:AlternateContent, whether one of its alternatives has been read. */
  private readonly alternatives: boolean[] = [];

  constructor(
    private readonly name: string,
    private readonly path: string,
    private readonly maxNestingDepth: number,
    private readonly budget: CellBudget,
  ) {}

  open(tag: string, attributes: Record<string, string>): void {
    this.depth += 1;
    // Each nested table adds a few levels of elements (w:tbl, w:tr, w:tc, w:p), so the element depth
    // allowed grows with the table nesting allowed.
    const maxDepth = MAX_DEPTH + 8 * this.maxNestingDepth;
    if (this.depth > maxDepth) {
      throw limitExceeded(this.name, `${this.path} nests elements ${this.depth} deep`, 'maxNestingDepth', `${maxDepth} elements`);
    }
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    if (!this.sawRoot) this.readRoot(tag, attributes);
    const name = this.canonical(tag);
    // In row properties, w:del marks the whole row as a tracked deletion.
    if (name === 'w:del' && this.inRowProperties && this.row) this.row.deleted = true;
    if (SKIPPED.has(name) || this.skipsAlternative(name)) {
      this.skipDepth = 1;
      return;
    }
    this.openElement(name, attributes);
  }

  close(tag: string): void {
    this.depth -= 1;
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    this.closeElement(this.canonical(tag));
  }

  text(text: string): void {
    if (this.runText !== null) this.runText += text;
  }

  finish(): RawTable[] {
    if (!this.sawRoot) throw new FenjieError('corrupt-docx', `${this.name}: ${this.path} is empty`);
    return this.tables;
  }

  /** Learns the prefixes the writer bound to Word's namespaces, and refuses a part that is not a Word document. */
  private readRoot(tag: string, attributes: Record<string, string>): void {
    this.sawRoot = true;
    for (const [attribute, uri] of Object.entries(attributes)) {
      const canonical = CANONICAL_PREFIXES.get(uri);
      if (!canonical || !(attribute === 'xmlns' || attribute.startsWith('xmlns:'))) continue;
      const prefix = attribute.slice('xmlns:'.length);
      this.prefixes.set(prefix, canonical);
      if (canonical === 'w' && prefix !== '') this.valueAttribute = `${prefix}:val`;
    }
    if (this.canonical(tag) !== 'w:document') {
      throw new FenjieError('corrupt-docx', `${this.name}: ${this.path} is not a Word document body (its root element is <${tag}>)`);
    }
  }

  /** The tag with its prefix rewritten to the canonical one; cached, as a document repeats few tags many times. */
  private canonical(tag: string): string {
    let name = this.names.get(tag);
    if (name === undefined) {
      const colon = tag.indexOf(':');
      const canonical = this.prefixes.get(colon < 0 ? '' : tag.slice(0, colon));
      name = canonical === undefined ? tag : `${canonical}:${tag.slice(colon + 1)}`;
      this.names.set(tag, name);
    }
    return name;
  }

  private value(attributes: Record<string, string>): string | undefined {
    return attributes[this.valueAttribute];
  }

  /** Of the alternatives in mc:AlternateContent, only the first is read: they are the same content twice. */
  private skipsAlternative(name: string): boolean {
    if (name !== 'mc:Choice' && name !== 'mc:Fallback') return false;
    const last = this.alternatives.length - 1;
    if (last < 0 || this.alternatives[last]) return true;
    this.alternatives[last] = true;
    return false;
  }

  private openElement(name: string, attributes: Record<string, string>): void {
    if (this.inParagraphProperties) {
      this.readParagraphProperty(name, attributes);
      return;
    }
    const outer = this.tableDepth === 1;
    switch (name) {
      case 'w:tbl':
        this.tableDepth += 1;
        if (this.tableDepth > this.maxNestingDepth + 1) {
          throw limitExceeded(this.name, `tables nest ${this.tableDepth - 1} deep`, 'maxNestingDepth', String(this.maxNestingDepth));
        }
        if (this.tableDepth === 1) this.table = { rows: [], before: this.before, headerRows: 0, diagnostics: [], merges: new Map() };
        break;
      case 'w:tr':
        if (outer) this.row = { cells: [], offset: 0, column: 0, header: false, deleted: false, continued: [], merges: new Map(), hidden: [] };
        break;
      case 'w:trPr':
        this.inRowProperties = outer;
        break;
      case 'w:gridBefore':
        if (this.inRowProperties && this.row) {
          this.row.offset = Math.min(MAX_GRID_COLUMNS, count(this.value(attributes), 0));
          this.row.column = this.row.offset;
        }
        break;
      case 'w:tblHeader':
        if (this.inRowProperties && this.row) this.row.header = isOn(this.value(attributes));
        break;
      case 'w:tc':
        if (outer) this.cell = { paragraphs: [], colSpan: 1, vMerge: null };
        break;
      case 'w:gridSpan':
        if (outer && this.cell) this.cell.colSpan = count(this.value(attributes), 1);
        break;
      case 'w:vMerge':
        if (outer && this.cell) this.cell.vMerge = this.value(attributes) === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:p':
        this.paragraphs.push(['']);
        this.properties.push(null);
        break;
      case 'w:pPr':
        this.inParagraphProperties = true;
        break;
      case 'w:t':
        this.runText = '';
        this.runPreserves = attributes['xml:space'] === 'preserve';
        break;
      case 'w:tab':
        this.appendText(' ');
        break;
      case 'w:br':
      case 'w:cr':
        this.paragraphs.at(-1)?.push('');
        break;
      case 'mc:AlternateContent':
        this.alternatives.push(false);
        break;
    }
  }

  /** Reads, inside w:pPr, what decides a paragraph's list number and heading level; nothing there is text. */
  private readParagraphProperty(name: string, attributes: Record<string, string>): void {
    const last = this.properties.length - 1;
    const value = this.value(attributes);
    if (last < 0 || value === undefined || !PARAGRAPH_PROPERTIES.has(name)) return;
    const properties = (this.properties[last] ??= { ...NO_PROPERTIES });
    if (name === 'w:pStyle') properties.style = value;
    else if (name === 'w:numId') properties.numId = value;
    else if (name === 'w:ilvl') properties.ilvl = count(value, 0);
    else if (name === 'w:outlineLvl') properties.outline = count(value, 9);
  }

  private closeElement(name: string): void {
    if (name === 'w:pPr') this.inParagraphProperties = false;
    if (this.inParagraphProperties) return;
    switch (name) {
      case 'w:tbl':
        if (this.tableDepth === 1) this.finishTable();
        this.tableDepth -= 1;
        break;
      case 'w:tr':
        if (this.tableDepth === 1) this.finishRow();
        break;
      case 'w:trPr':
        this.inRowProperties = false;
        break;
      case 'w:tc':
        if (this.tableDepth === 1) this.finishCell();
        break;
      case 'w:p':
        this.finishParagraph();
        break;
      case 'w:t':
        // Without xml:space="preserve", Word drops the white space around a run's text, as XML allows.
        if (this.runText !== null) this.appendText(this.runPreserves ? this.runText : trimXmlSpace(this.runText));
        this.runText = null;
        break;
      case 'mc:AlternateContent':
        this.alternatives.pop();
        break;
    }
  }

  private appendText(text: string): void {
    const lines = this.paragraphs.at(-1);
    if (lines) lines[lines.length - 1] += text;
  }

  /** A paragraph belongs to the open cell of the outer table (nested tables included), else to the body. */
  private finishParagraph(): void {
    const lines = this.paragraphs.pop();
    const properties = this.properties.pop();
    if (!lines || properties === undefined) return;
    // The lines are copied out of the decoded chunks they were cut from, once, and shared by
    // everything that keeps them, so that no kept line pins a chunk of the document's text.
    for (let i = 0; i < lines.length; i += 1) lines[i] = ownCopy(lines[i] as string);
    const { body } = this;
    if (properties) body.properties.set(body.starts.length, properties);
    body.starts.push(body.lines.length);
    // Loops, not push(...lines): a paragraph may hold 150,000 line breaks, more arguments than a call takes.
    for (const line of lines) body.lines.push(line);
    const into = this.cell ? this.cell.paragraphs : this.tableDepth === 0 ? this.before : null;
    // A cell's first paragraph becomes its list of lines: most cells hold one, and an array pushed
    // to from empty takes room for sixteen.
    if (this.cell && into?.length === 0) this.cell.paragraphs = lines;
    else if (into) for (const line of lines) into.push(line);
    else if (this.table && this.tableDepth === 1) this.unreadText(visibleText(lines));
    // The text between two tables comes after the one and before the other.
    const after = this.tableDepth === 0 ? this.tables.at(-1)?.after : undefined;
    if (after) for (const line of lines) after.push(line);
  }

  /** A paragraph in a table but in none of its cells (Word would not write one) is reported, not dropped. */
  private unreadText(text: string): void {
    if (text === '' || !this.table) return;
    this.table.diagnostics.push(
      diagnostic('text-outside-cells', 'error', { text }, { table: this.tables.length + 1, row: Math.max(1, this.table.rows.length), column: 1, line: null }),
    );
  }

  /**
   * Places a cell at the row's next grid column. A vMerge continue cell adds no cell: it extends the
   * cell that restarted or continued the merge at the same grid column in the row above, which is
   * how Word draws it. Without such a cell above, Word shows it as a cell of its own, and so do we.
   * Text of its own in a continued cell is hidden by Word, so it is reported rather than dropped.
   */
  private finishCell(): void {
    const { cell, row, table } = this;
    this.cell = null;
    if (!cell || !row || !table) return;
    const column = row.column;
    const colSpan = Math.max(1, Math.min(cell.colSpan, MAX_GRID_COLUMNS - column));
    row.column += colSpan;
    const above = cell.vMerge === 'continue' ? table.merges.get(column) : undefined;
    if (above) {
      row.continued.push(above);
      row.merges.set(column, above);
      const hidden = visibleText(cell.paragraphs);
      // Some writers repeat the merged value in every covered cell; only different text is lost.
      if (hidden !== '' && hidden !== visibleText(above.paragraphs)) row.hidden.push({ text: hidden, column });
      return;
    }
    this.budget.take();
    // The cell outlives the read: a list that grew by push is copied to its length, without the room it grew.
    const paragraphs = cell.paragraphs.length > 1 ? cell.paragraphs.slice() : cell.paragraphs;
    const raw: RawCell = { paragraphs, rowSpan: 1, colSpan, line: null };
    row.cells.push(raw);
    if (cell.vMerge !== null) row.merges.set(column, raw);
  }

  /** Commits a row: its cells, the rows its continued cells add to merges above, and its diagnostics. */
  private finishRow(): void {
    const { row, table } = this;
    this.row = null;
    if (!row || !table || row.deleted) return;
    const rowNumber = table.rows.length + 1;
    const cells = row.cells.slice();
    table.rows.push(row.offset > 0 ? { cells, line: null, columnOffset: row.offset } : { cells, line: null });
    for (let i = 0; i < row.continued.length; i += 1) (row.continued[i] as RawCell).rowSpan += 1;
    for (const { text, column } of row.hidden) {
      table.diagnostics.push(mergedTextLost(text, { table: this.tables.length + 1, row: rowNumber, column: column + 1, line: null }));
    }
    table.merges = row.merges;
    if (row.header && table.headerRows === rowNumber - 1) table.headerRows = rowNumber;
  }

  private finishTable(): void {
    const table = this.table;
    this.table = null;
    if (!table) return;
    const { rows, before, headerRows, diagnostics } = table;
    this.tables.push({ rows, before, after: [], blanksAreMerges: false, diagnostics, ...(headerRows > 0 ? { headerRows } : {}) });
    this.before = [];
  }
}

/**
 * Drops XML white space (space, TAB, CR, LF) at both ends. A scan, because the regular expression
 * /[ \t\r\n]+$/ retries from every position of a long inner run and takes quadratic time.
 */
function trimXmlSpace(text: string): string {
  const space = (i: number) => {
    const code = text.charCodeAt(i);
    return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
  };
  let start = 0;
  let end = text.length;
  while (start < end && space(start)) start += 1;
  while (end > start && space(end - 1)) end -= 1;
  return text.slice(start, end);
}

/** A non-negative whole number from an attribute, or the fallback when it is missing or not one. */
function count(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

/** An OOXML on/off value: absent means on. */
function isOn(value: string | undefined): boolean {
  return value === undefined || !['false', '0', 'off'].includes(value);
}
