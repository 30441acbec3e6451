import { FenjieError } from '../errors.js';
import { CellBudget, DEFAULT_LIMITS, type Limits } from '../limits.js';
import { ownCopy } from '../normalize/own-copy.js';
import { formatCode, formatNumber, type DateSystem } from './cell-format.js';
import type { RawDocument, RawTable } from './raw-table.js';
import { corruptWorkbook, parseRange, parseReference, SheetCells, sheetTable, type Sheet } from './sheet.js';
import { localName, readXmlPart, xmlParser } from './xml.js';
import { readZipEntry, type ZipLimits } from './zip.js';

/** Where a workbook keeps its parts when its relationships do not say otherwise. */
const DEFAULT_WORKBOOK = 'xl/workbook.xml';

/** Settings of the .xlsx reader: the zip limits and the cell limit. */
export type XlsxLimits = ZipLimits & Partial<Pick<Limits, 'maxCells'>>;

/** A sheet as xl/workbook.xml lists it. */
interface SheetEntry {
  name: string;
  hidden: boolean;
  path: string | null;
}

/** What a workbook's parts say about all of its sheets. */
interface Workbook {
  sheets: SheetEntry[];
  system: DateSystem;
  strings: string[];
  /** The format code of each cell style (the `s` attribute of a cell), from xl/styles.xml. */
  styles: string[];
}

/**
 * Reads an Excel workbook (.xlsx, and the .xlsm/.xltx variants) directly from its parts, each
 * streamed through the guarded unzip and the XML tokenizer: xl/workbook.xml for the sheets (name,
 * order, hidden state) and the date system, xl/sharedStrings.xml (rich-text runs joined, phonetic
 * guides left out), xl/styles.xml as far as number formats go, and each worksheet's cells and merged
 * ranges. Each sheet that holds text becomes one table, named by its sheet. Throws 'corrupt-docx'
 * for a package that is not a readable workbook and 'limit-exceeded' past the limits.
 */
export async function readXlsx(bytes: Uint8Array, name = 'input', limits: XlsxLimits = {}, budget = new CellBudget(limits.maxCells, name)): Promise<RawDocument> {
  try {
    return await readParts(bytes, name, limits, budget);
  } catch (error) {
    // The guarded unzip speaks of .docx files; a damaged workbook is reported as what it is.
    if (error instanceof FenjieError && error.code === 'corrupt-docx') throw new FenjieError('corrupt-file', error.message, { cause: error });
    throw error;
  }
}

async function readParts(bytes: Uint8Array, name: string, limits: XlsxLimits, budget: CellBudget): Promise<RawDocument> {
  const workbook = await readWorkbook(bytes, name, limits);
  const tables: RawTable[] = [];
  for (const entry of workbook.sheets) {
    if (entry.path === null) continue;
    const sheet = await readSheet(bytes, entry, workbook, name, limits, budget);
    const table = sheetTable(sheet, tables.length + 1, name, limits.maxCells ?? DEFAULT_LIMITS.maxCells);
    if (table) tables.push(table);
  }
  return { tables, dialect: null, encoding: 'utf-8' };
}

/** The workbook part, its sheets, shared strings and styles. */
async function readWorkbook(bytes: Uint8Array, name: string, limits: ZipLimits): Promise<Workbook> {
  const path = relationshipTargets(bytes, '_rels/.rels', '', name, limits).find((r) => r.type.endsWith('/officeDocument'))?.target ?? DEFAULT_WORKBOOK;
  const sheets: { name: string; hidden: boolean; id: string }[] = [];
  let system: DateSystem = 1900;
  let sawRoot = false;
  const found = await readXmlPart(
    bytes,
    path,
    name,
    {
      onopentag: (tag, attributes) => {
        const local = localName(tag);
        if (!sawRoot && local !== 'workbook') throw corruptWorkbook(name, `${path} is not a workbook (its root element is <${tag}>)`);
        sawRoot = true;
        if (local === 'workbookPr' && isOn(attributes['date1904'])) system = 1904;
        if (local === 'sheet') {
          const id = Object.entries(attributes).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1] ?? '';
          const state = attributes['state'] ?? 'visible';
          sheets.push({ name: attributes['name'] ?? `Sheet${sheets.length + 1}`, hidden: state === 'hidden' || state === 'veryHidden', id });
        }
      },
    },
    limits,
  );
  if (!found) throw corruptWorkbook(name, `the archive holds no ${path}, so it is not an Excel workbook`);
  const rels = relationshipTargets(bytes, relsPathOf(path), directoryOf(path), name, limits);
  const target = (type: string) => rels.find((r) => r.type.endsWith(type))?.target;
  return {
    sheets: sheets.map((sheet) => {
      const rel = rels.find((r) => r.id === sheet.id);
      // Chart sheets and dialog sheets hold no cells.
      const isWorksheet = rel !== undefined && rel.type.endsWith('/worksheet');
      return { name: sheet.name, hidden: sheet.hidden, path: isWorksheet ? rel.target : null };
    }),
    system,
    strings: await readSharedStrings(bytes, target('/sharedStrings') ?? `${directoryOf(path)}sharedStrings.xml`, name, limits),
    styles: await readStyles(bytes, target('/styles') ?? `${directoryOf(path)}styles.xml`, name, limits),
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** The internal relationships of a part, with targets resolved to package paths. */
function relationshipTargets(bytes: Uint8Array, relsPath: string, base: string, name: string, limits: ZipLimits): Relationship[] {
  const xml = readZipEntry(bytes, relsPath, name, limits);
  if (!xml) return [];
  const out: Relationship[] = [];
  const parser = xmlParser({
    onopentag: (tag, attributes) => {
      const { Id: id = '', Type: type = '', Target: target, TargetMode: mode } = attributes;
      if (localName(tag) === 'Relationship' && target && mode !== 'External') out.push({ id, type, target: resolvePart(base, target) });
    },
  });
  parser.end(new TextDecoder().decode(xml));
  return out;
}

/** Resolves a relationship target against the folder of its source part ("worksheets/sheet1.xml" in "xl/"). */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

function relsPathOf(path: string): string {
  const dir = directoryOf(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

/**
 * The shared string table: each <si>'s text, its rich-text runs joined; phonetic guides (<rPh>,
 * the furigana and pinyin a spreadsheet keeps above the text) are not text of the cell.
 */
async function readSharedStrings(bytes: Uint8Array, path: string, name: string, limits: ZipLimits): Promise<string[]> {
  const strings: string[] = [];
  const text = new RichText();
  await readXmlPart(
    bytes,
    path,
    name,
    {
      onopentag: (tag) => {
        if (localName(tag) === 'si') text.start();
        else text.open(localName(tag));
      },
      onclosetag: (tag) => {
        if (localName(tag) === 'si') strings.push(text.finish());
        else text.close(localName(tag));
      },
      ontext: (chunk) => text.add(chunk),
    },
    limits,
  );
  return strings;
}

/** Collects the text of a string item (<si> or <is>): its <t> elements, outside phonetic runs. */
class RichText {
  private text = '';
  private inText = false;
  private phonetic = 0;

  start(): void {
    this.text = '';
    this.inText = false;
    this.phonetic = 0;
  }

  open(local: string): void {
    if (local === 'rPh') this.phonetic += 1;
    else if (local === 't' && this.phonetic === 0) this.inText = true;
  }

  close(local: string): void {
    if (local === 'rPh') this.phonetic -= 1;
    else if (local === 't') this.inText = false;
  }

  add(chunk: string): void {
    if (this.inText) this.text += chunk;
  }

  finish(): string {
    this.inText = false;
    // A copy: the text is cut from a decoded chunk of the part, which it would otherwise keep alive.
    return ownCopy(unescapeOoxml(this.text));
  }
}

/** OOXML writes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return). */
function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The number format code of each cell style, in the order of <cellXfs>. */
async function readStyles(bytes: Uint8Array, path: string, name: string, limits: ZipLimits): Promise<string[]> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await readXmlPart(
    bytes,
    path,
    name,
    {
      onopentag: (tag, attributes) => {
        const local = localName(tag);
        if (local === 'numFmt') custom.set(Number(attributes['numFmtId']), attributes['formatCode'] ?? 'General');
        else if (local === 'cellXfs') inCellXfs = true;
        else if (local === 'xf' && inCellXfs) ids.push(Number(attributes['numFmtId'] ?? 0));
      },
      onclosetag: (tag) => {
        if (localName(tag) === 'cellXfs') inCellXfs = false;
      },
    },
    limits,
  );
  return ids.map((id) => formatCode(id, custom));
}

/** A cell being read: where it is, its type and style, and its value so far. */
interface CellState {
  row: number;
  column: number;
  type: string;
  style: number;
  value: string;
  hasValue: boolean;
}

/** Reads one worksheet's cells (with their shown text) and merged ranges. */
async function readSheet(bytes: Uint8Array, entry: SheetEntry, workbook: Workbook, name: string, limits: ZipLimits, budget: CellBudget): Promise<Sheet> {
  const cells = new SheetCells();
  const merges: Sheet['merges'] = [];
  let row = -1;
  let column = -1;
  // One record, reused for every cell: `inCell` says whether it holds the cell being read.
  const cell: CellState = { row: 0, column: 0, type: 'n', style: 0, value: '', hasValue: false };
  let inCell = false;
  let inValue = false;
  const inline = new RichText();
  let inInline = false;
  const found = await readXmlPart(
    bytes,
    entry.path as string,
    name,
    {
      onopentag: (tag, attributes) => {
        const local = localName(tag);
        if (inInline) {
          inline.open(local);
          return;
        }
        switch (local) {
          case 'row': {
            // Rows and cells may leave out their reference; they then follow the one before.
            const r = Number(attributes['r']);
            row = Number.isInteger(r) && r >= 1 && r <= 1_048_576 ? r - 1 : row + 1;
            column = -1;
            break;
          }
          case 'c': {
            const ref = attributes['r'] ? parseReference(attributes['r']) : null;
            if (ref) row = ref.row;
            column = ref ? ref.column : column + 1;
            cell.row = Math.max(row, 0);
            cell.column = column;
            cell.type = attributes['t'] ?? 'n';
            cell.style = Number(attributes['s'] ?? 0);
            cell.value = '';
            cell.hasValue = false;
            inCell = true;
            break;
          }
          case 'v':
            inValue = inCell;
            break;
          case 'is':
            if (inCell) {
              inInline = true;
              inline.start();
            }
            break;
          case 'mergeCell': {
            const range = parseRange(attributes['ref'] ?? '');
            if (range) merges.push(range);
            break;
          }
        }
      },
      onclosetag: (tag) => {
        const local = localName(tag);
        if (inInline) {
          if (local === 'is' && inCell) {
            inInline = false;
            cell.value = inline.finish();
            cell.hasValue = true;
          } else inline.close(local);
          return;
        }
        if (local === 'v') inValue = false;
        else if (local === 'c' && inCell) {
          if (cell.hasValue) {
            budget.take();
            cells.push(cell.row, cell.column, shownText(cell, workbook));
          }
          inCell = false;
        }
      },
      ontext: (chunk) => {
        if (inInline) inline.add(chunk);
        else if (inValue && inCell) {
          cell.value += chunk;
          cell.hasValue = true;
        }
      },
    },
    limits,
  );
  if (!found) throw corruptWorkbook(name, `the workbook lists sheet "${entry.name}", but the archive holds no ${entry.path}`);
  return { name: entry.name, hidden: entry.hidden, cells, merges };
}

/**
 * A cell's value as the spreadsheet shows it: shared and inline strings as stored, numbers in their
 * format (dates as dates), booleans as TRUE/FALSE, errors (#N/A) as text, a formula by its cached value.
 */
function shownText(cell: CellState, workbook: Workbook): string {
  switch (cell.type) {
    case 's':
      return workbook.strings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return cell.value;
    case 'str':
    case 'e':
      return unescapeOoxml(cell.value);
    case 'b':
      return cell.value.trim() === '1' || cell.value.trim() === 'true' ? 'TRUE' : 'FALSE';
    case 'd':
      return isoDate(cell.value);
    default: {
      const value = Number(cell.value);
      if (cell.value.trim() === '' || !Number.isFinite(value)) return cell.value;
      return formatNumber(value, workbook.styles[cell.style] ?? 'General', workbook.system);
    }
  }
}

/** A cell of type 'd' holds an ISO 8601 date-time; it shows as its date (and time, if not midnight). */
function isoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?/.exec(value.trim());
  if (!match) return value;
  const [, year, month, day, time] = match;
  return `${year}/${Number(month)}/${Number(day)}${time && time !== '00:00' ? ` ${time}` : ''}`;
}

/** An OOXML boolean attribute that is on. */
function isOn(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'on';
}
